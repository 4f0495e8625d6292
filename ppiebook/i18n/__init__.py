"""Translations: the site and PDFs in other languages, with Sphinx's gettext workflow.

- Pages: Sphinx's own i18n (``make gettext`` -> ``locales/<lang>/LC_MESSAGES/**.po``).
- Templates: ``_()`` in Jinja, Sphinx's ``sphinx`` catalogue, extracted by ``make gettext``.
- The project's Python strings and its data (publications.yaml, videos, infographics):
  the ``ppiebook`` catalogue, extracted by :mod:`ppiebook.i18n.extract`.
- The theme's strings: its ``booktheme`` catalogue, which a project may extend.

:mod:`ppiebook.i18n.languages` builds the language switcher and sets right-to-left pages;
:mod:`ppiebook.i18n.pseudo` writes the pseudo-translation the tests build with.
"""

from __future__ import annotations

import hashlib
import string
from pathlib import Path

from docutils import nodes
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ppiebook.compat import CatalogRepository
from ppiebook.events import LOAD_CATALOGUES
from ppiebook.i18n.theme_catalogues import BOOK_THEME_CATALOG
from ppiebook.state import project_data

#: The project's own catalogue: its Python strings and the text of its data files.
CATALOG = "ppiebook"

#: ``_("text")``: a string of the project's code, translated when the page is written.
_ = locale.get_translation(CATALOG)


def requested_translation(config: Config) -> str:
    """The language asked for with ``-D language=ur`` (a translation build), else "".

    Sphinx needs the language before extensions load, so a translation is requested as
    an override; the main language comes from publications.yaml (ppiebook.catalogue.identity).
    """
    return config.language if "language" in config.overrides else ""


def translate_data(text: str) -> str:
    """Text from a data file (a title, a partner's name), in the language being built."""
    return str(_(text)) if text else text


def load_catalogs(app: Sphinx, config: Config) -> None:
    """Add the project's ``locale_dirs`` to the ppiebook and book-theme catalogues.

    Sphinx compiles and loads the ``sphinx`` catalogue from ``locale_dirs`` itself; the
    other two only come from their packages unless told.
    """
    repo = CatalogRepository(app.srcdir, config.locale_dirs, config.language, config.source_encoding)
    for catalog in repo.catalogs:
        if catalog.domain in (CATALOG, BOOK_THEME_CATALOG) and catalog.is_outdated():
            catalog.write_mo(config.language, config.gettext_allow_fuzzy_translations)
    dirs = [str(directory) for directory in repo.locale_dirs]
    for catalog_name in (CATALOG, BOOK_THEME_CATALOG):
        locale.init(dirs, config.language, catalog_name)


def catalogue_digest(srcdir: str | Path, config: Config) -> str:
    """The project's and the theme's translations of the language being built (their .po
    files): what a page's text depends on besides its own catalogue, which Sphinx tracks."""
    digest = hashlib.sha256()
    repo = CatalogRepository(srcdir, config.locale_dirs, config.language, config.source_encoding)
    for catalog in sorted(repo.catalogs, key=lambda c: c.po_path):
        if catalog.domain in (CATALOG, BOOK_THEME_CATALOG):
            digest.update(catalog.domain.encode() + b"\0" + Path(catalog.po_path).read_bytes())
    return digest.hexdigest()


def outdated_by_translation(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                            removed: set[str]) -> list[str]:
    """``env-get-outdated``: every page again when the project's translations changed.

    Sphinx re-reads a page when the page's own catalogue changes, but the directives'
    words (an editorial note's title, a video's caption) come from the project's
    catalogue, and were translated when the page was last read."""
    data = project_data(env)
    digest = catalogue_digest(app.srcdir, app.config)
    previous = data.remembered("translations")
    data.remember("translations", digest)
    if previous is None or previous == digest:
        return []
    return sorted(env.found_docs - removed)


def format_nodes(message: str, **values: nodes.Node) -> list[nodes.Node]:
    """A translated sentence with nodes in its ``{placeholders}`` (a name kept as written, code).

    ``format_nodes(_("Contact {name}."), name=inline)`` -> ``[Text("Contact "), inline, Text(".")]``,
    wherever the translation puts ``{name}``.
    """
    result: list[nodes.Node] = []
    for text, field, _spec, _conversion in string.Formatter().parse(str(message)):
        if text:
            result.append(nodes.Text(text))
        if field is not None:
            result.append(values[field])
    return result


def setup(app: Sphinx) -> None:
    from ppiebook.i18n import extract, labels, languages, tablecells, untranslated

    tablecells.setup(app)
    app.connect("config-inited", load_catalogs, priority=LOAD_CATALOGUES)
    app.connect("env-get-outdated", outdated_by_translation)
    app.connect("doctree-resolved", untranslated.mark_bibliography)
    app.connect("html-page-context", languages.switcher_context)
    app.connect("html-page-context", labels.add_script_labels)
    app.connect("build-finished", extract.write_project_catalog)
