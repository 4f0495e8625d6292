"""Where the installed Sphinx and themes keep the messages their templates translate.

A translation of the site covers these too: `make locales` and the pseudo-translation
add their messages to the language's ``sphinx.po`` and ``booktheme.po``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pydata_sphinx_theme
import sphinx
import sphinx_book_theme

#: sphinx-book-theme's own catalogue name (its templates call ``translate()``).
BOOK_THEME_CATALOG = "booktheme"


def book_theme_locale_dir() -> Path:
    return Path(sphinx_book_theme.get_html_theme_path()) / "static" / "locales"


@cache
def message_sources() -> dict[str, list[Path]]:
    """Catalogue domain -> files whose msgids are that domain's messages."""
    return {
        "sphinx": [
            Path(sphinx.__file__).parent / "locale" / "sphinx.pot",
            Path(pydata_sphinx_theme.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "sphinx.po",
        ],
        # The book theme ships no English catalogue; every language lists the same msgids.
        BOOK_THEME_CATALOG: sorted(book_theme_locale_dir().glob(f"*/LC_MESSAGES/{BOOK_THEME_CATALOG}.po"))[:1],
    }
