"""Fit sphinx-book-theme to publications: PDF downloads instead of print-this-page."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

TEMPLATES = Path(__file__).with_name("templates")

# The theme's own footer items, with the page's PDF downloads first.
FOOTER_ITEMS = ["ppiebook-downloads.html", "author.html", "copyright.html", "last-updated.html", "extra-footer.html"]


def configure_theme(app: Sphinx, config: Config) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if config.html_theme != "sphinx_book_theme":
        return
    options = dict(config.html_theme_options)
    # The theme's download button only prints the current page; ppiebook adds a
    # "Download PDF" button for each publication the page belongs to.
    options.setdefault("use_download_button", False)
    options.setdefault("footer_content_items", FOOTER_ITEMS)
    config.html_theme_options = options
