"""The messages the installed Sphinx and themes translate in the site's pages.

A translation of the site covers these too: the pseudo-translation (and a translator's
``sphinx.po`` and ``booktheme.po``) take their msgids from the packages' own catalogues
and from the ``_()``/``translate()`` calls in the themes' templates, since the catalogues
the themes ship do not list every string their templates use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pydata_sphinx_theme
import sphinx
import sphinx_book_theme
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

#: sphinx-book-theme's own catalogue name (its templates call ``translate()``).
BOOK_THEME_CATALOG = "booktheme"


def book_theme_dir() -> Path:
    return Path(sphinx_book_theme.get_html_theme_path())


def pydata_theme_dir() -> Path:
    return Path(pydata_sphinx_theme.__file__).parent


def _catalog_ids(path: Path) -> set[str]:
    with path.open("rb") as stream:
        return {message.id for message in read_po(stream) if message.id and isinstance(message.id, str)}


def _template_ids(folder: Path, *keywords: str) -> set[str]:
    found = extract_from_dir(
        str(folder),
        method_map=[("**.html", "jinja2")],
        keywords={name: None for name in keywords},
        options_map={"**.html": {"extensions": "jinja2.ext.do,jinja2.ext.loopcontrols"}},
    )
    return {message for _file, _line, message, _comments, _context in found if isinstance(message, str) and message}


@cache
def theme_messages() -> dict[str, frozenset[str]]:
    """Catalogue domain -> the msgids the built pages may ask it for."""
    sphinx_ids = _catalog_ids(Path(sphinx.__file__).parent / "locale" / "sphinx.pot")
    # ``{% trans %}`` blocks extract as gettext() calls.
    for folder in (Path(sphinx.__file__).parent / "themes" / "basic", pydata_theme_dir() / "theme", book_theme_dir()):
        sphinx_ids |= _template_ids(folder, "_", "gettext", "ngettext")
    book_ids = set().union(*(_catalog_ids(po) for po in book_theme_dir().glob(f"static/locales/*/LC_MESSAGES/{BOOK_THEME_CATALOG}.po")))
    book_ids |= _template_ids(book_theme_dir(), "translate")
    return {"sphinx": frozenset(sphinx_ids), BOOK_THEME_CATALOG: frozenset(book_ids)}
