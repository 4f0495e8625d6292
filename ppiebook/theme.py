"""Fit sphinx-book-theme to publications: PDF downloads instead of print-this-page."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .identity import catalogue_of

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
BRAND_CSS = "ppiebook-brand.css"

# The theme's own footer items, with the page's PDF downloads first.
FOOTER_ITEMS = ["ppiebook-downloads.html", "author.html", "copyright.html", "last-updated.html", "extra-footer.html"]


def configure_theme(app: Sphinx, config: Config) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    app.add_css_file("ppiebook.css")
    app.add_css_file(BRAND_CSS)
    if config.html_theme != "sphinx_book_theme":
        return
    options = dict(config.html_theme_options)
    # The theme's download button only prints the current page; ppiebook adds a
    # "Download PDF" button for each publication the page belongs to.
    options.setdefault("use_download_button", False)
    options.setdefault("footer_content_items", FOOTER_ITEMS)
    config.html_theme_options = options


def brand_css(colours: dict[str, str]) -> str:
    """CSS variables for the programme's colours, from publications.yaml."""
    lines = "".join(f"  --ppiebook-{name}: {value};\n" for name, value in sorted(colours.items()))
    return f"/* Generated from publications.yaml: edit the colours there. */\n:root {{\n{lines}}}\n"


def write_brand_css(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / BRAND_CSS).write_text(brand_css(catalogue_of(app).programme.colours), encoding="utf-8")
