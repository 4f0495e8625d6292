"""Sphinx extension for the Community Connexions publishing pipeline.

``setup()`` only wires: each concern lives in its own module.

- :mod:`ppiebook.catalogue`  reads and validates ``publications.yaml``
- :mod:`ppiebook.identity`   derives Sphinx settings from it
- :mod:`ppiebook.membership` works out which pages belong to which publication
- :mod:`ppiebook.downloads`  PDF download links and the landing page's publication list
- :mod:`ppiebook.theme`      fits sphinx-book-theme to publications
- :mod:`ppiebook.pdf`        the rst2pdf builder, made to fail loudly (entry point ``pdf``)
- :mod:`ppiebook.build`      the staged build that swaps outputs in only when all passed
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import downloads, identity, membership, theme

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("ppiebook_catalogue", "publications.yaml", "env", types=[str])
    app.add_config_value("ppiebook_pdf_dir", "_build/pdf", "", types=[str])

    app.connect("config-inited", identity.load_identity)
    app.connect("config-inited", theme.configure_theme)
    app.connect("builder-inited", identity.check_roots)

    app.add_node(downloads.publication_list)
    app.add_directive("publication-list", downloads.PublicationListDirective)
    app.connect("builder-inited", downloads.collect_facts)
    app.connect("env-get-outdated", downloads.outdated_lists)
    app.connect("env-purge-doc", downloads.purge_doc)
    app.connect("env-merge-info", downloads.merge_info)
    app.connect("env-updated", membership.forget_membership)
    app.connect("doctree-resolved", downloads.fill_publication_lists)
    app.connect("html-page-context", downloads.add_page_downloads, priority=600)
    app.connect("build-finished", downloads.copy_pdfs_into_site)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
