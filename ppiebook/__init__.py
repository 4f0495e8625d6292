"""Sphinx extension for the Community Connexions publishing pipeline.

``setup()`` only wires: each concern lives in its own module.

- :mod:`ppiebook.catalogue.publications`  reads and validates ``publications.yaml``
- :mod:`ppiebook.catalogue.identity`   derives Sphinx settings from it
- :mod:`ppiebook.catalogue.membership` works out which pages belong to which publication
- :mod:`ppiebook.site.downloads`  PDF download links and the landing page's publication list
- :mod:`ppiebook.site.theme`      fits sphinx-book-theme to publications
- :mod:`ppiebook.site.fastnav`    the site navigation rendered once per build, not once per page
- :mod:`ppiebook.site.templatecache` compiled page templates kept between builds
- :mod:`ppiebook.compat` pybtex's plugin look-ups answered once per build
- :mod:`ppiebook.content.editorial`  ``{editorial-note}`` boxes; drafts stay drafts while notes remain
- :mod:`ppiebook.site.draft`      the DRAFT banner on every HTML page of a draft
- :mod:`ppiebook.content.videos`     ``{video}`` from data/videos.yaml
- :mod:`ppiebook.content.rates`      ``{rates-table}`` from data/payment-rates.yaml
- :mod:`ppiebook.i18n`       translations: catalogues, language switcher, right-to-left pages
- :mod:`ppiebook.content.language`   ``{lang}`` passages in other languages (lang, dir; PDF fonts)
- :mod:`ppiebook.content.infographics` ``{infographic}``: SVG and text version from YAML data
- :mod:`ppiebook.content.programme_info` ``{programme-info}``: partners, recognition, contact
- :mod:`ppiebook.site.sharing`    OpenGraph, sitemap and canonical links from the base URL
- :mod:`ppiebook.checks.safety`     no raw HTML, no includes from outside, Content-Security-Policy
- :mod:`ppiebook.checks.structure`  unclosed fences, page size, one title per page, front matter
- :mod:`ppiebook.checks.images`     refuses images without meaningful alt text, and broken SVG files
- :mod:`ppiebook.content.envdata`    per-document facts kept in the Sphinx environment
- :mod:`ppiebook.site.searchentries` search index entries kept for pages a rebuild does not write
- :mod:`ppiebook.pdf`        the rst2pdf builder, made to fail loudly (entry point ``pdf``)
- :mod:`ppiebook.tagged`     tagged PDF/UA-1 editions with WeasyPrint, and their checker (entry point ``taggedpdf``)
- :mod:`ppiebook.commands.build`      the staged build that swaps outputs in only when all passed
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ppiebook.catalogue import citation, identity, membership
from ppiebook.site import downloads, draft, fastnav, searchentries, sharing, templatecache, theme
from ppiebook.content import editorial, envdata, language, programme_info, rates, videos
from ppiebook import compat as pluginlookup
from ppiebook.checks import images, safety, structure

from ppiebook.i18n import extract as i18n_extract, labels as i18n_labels, languages as i18n_languages, load_catalogs
from ppiebook.i18n import untranslated as i18n_untranslated
from ppiebook.content.infographics.directive import InfographicDirective

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("ppiebook_catalogue", "publications.yaml", "env", types=[str])
    app.add_config_value("ppiebook_pdf_dir", "_build/pdf", "", types=[str])
    app.add_config_value("ppiebook_videos", "data/videos.yaml", "env", types=[str])
    app.add_config_value("ppiebook_rates", "data/payment-rates.yaml", "env", types=[str])
    app.add_config_value("ppiebook_infographics", "data/infographics", "env", types=[str])
    app.add_config_value("ppiebook_accessibility_page", "accessibility", "html", types=[str])
    app.add_config_value("ppiebook_citation_page", "how-to-cite", "html", types=[str])
    # The sidebar tree rendered once per build (fastnav.py); False: the theme renders it per page.
    app.add_config_value("ppiebook_fast_navigation", True, "html", types=[bool])
    # `make check`: reading-age targets per page, and contacts the programme publishes.
    app.add_config_value("ppiebook_reading_age_targets", {}, "", types=[dict])
    app.add_config_value("ppiebook_personal_data_allow", [], "", types=[list])

    pluginlookup.cache_pybtex_plugin_lookups()
    # The translation catalogues first: identity and theme settings use them.
    app.connect("config-inited", load_catalogs, priority=400)
    app.connect("config-inited", identity.load_identity)
    app.connect("config-inited", theme.configure_theme)
    sharing.load_opengraph(app)
    app.connect("config-inited", sharing.configure_sharing, priority=550)
    app.connect("builder-inited", identity.check_roots)

    app.add_node(downloads.publication_list)
    app.add_directive("publication-list", downloads.PublicationListDirective)
    app.add_directive("infographic-list", downloads.InfographicListDirective)
    app.connect("builder-inited", downloads.collect_facts)
    app.connect("env-get-outdated", downloads.outdated_lists)
    app.connect("env-purge-doc", envdata.purge_doc)
    app.connect("env-merge-info", envdata.merge_info)
    app.connect("env-updated", structure.break_toctree_cycles, priority=100)
    app.connect("env-updated", membership.forget_membership)
    app.connect("doctree-read", searchentries.record_entries)
    app.connect("env-purge-doc", searchentries.forget_entries)
    app.connect("env-merge-info", searchentries.merge_entries)
    app.connect("env-updated", searchentries.order_entries)
    app.connect("doctree-resolved", downloads.fill_publication_lists)
    app.connect("doctree-resolved", i18n_untranslated.mark_bibliography)
    app.connect("html-page-context", downloads.add_page_downloads, priority=600)
    app.connect("html-page-context", draft.add_draft_banner)
    app.connect("html-page-context", theme.footer_context)
    app.connect("html-page-context", i18n_languages.switcher_context)
    app.connect("html-page-context", i18n_labels.add_script_labels)
    # After pydata-sphinx-theme's handler (500), which puts generate_toctree_html in the context.
    app.connect("html-page-context", theme.label_nav_toggles, priority=501)
    # Before the theme's handlers (500): its empty-template check renders the sidebar too.
    app.connect("html-page-context", fastnav.use_fast_navigation, priority=400)
    app.connect("env-get-updated", fastnav.rewrite_all_when_nav_changed, priority=900)

    app.add_directive("editorial-note", editorial.EditorialNoteDirective)
    app.connect("env-check-consistency", editorial.refuse_published_with_notes)
    app.add_node(
        videos.video_embed,
        html=(videos.visit_video_embed_html, videos.depart_video_embed_html),
        text=(videos.skip_node, None),
    )
    app.add_directive("video", videos.VideoDirective)
    app.add_directive("video-gallery", videos.VideoGalleryDirective)
    app.add_directive("rates-table", rates.RatesTableDirective)
    app.add_directive("programme-info", programme_info.ProgrammeInfoDirective)
    app.add_directive("citation-list", citation.CitationListDirective)
    app.add_node(
        language.language_block,
        html=(language.visit_language_block_html, language.depart_language_block_html),
    )
    app.add_directive("lang", language.LanguageDirective)
    app.add_directive("infographic", InfographicDirective)
    app.connect("doctree-read", images.check_alt_text)
    app.connect("doctree-read", images.check_svg_files)
    app.connect("builder-inited", safety.disable_raw_directive)
    app.connect("source-read", structure.check_source)
    app.connect("doctree-read", structure.check_headings)
    app.connect("doctree-read", structure.check_front_matter)
    app.connect("doctree-read", safety.refuse_raw)
    app.connect("include-read", safety.guard_include)
    app.connect("html-page-context", safety.note_written_page, priority=900)
    app.connect("build-finished", safety.write_csp, priority=900)
    app.connect("builder-inited", templatecache.cache_compiled_templates)
    app.connect("build-finished", downloads.copy_pdfs_into_site)
    app.connect("write-started", theme.write_brand_css)
    app.connect("build-finished", i18n_extract.write_project_catalog)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
