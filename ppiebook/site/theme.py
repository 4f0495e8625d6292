"""Fit sphinx-book-theme to publications: PDF downloads instead of print-this-page."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ppiebook.catalogue.citation import licence_name, licence_url
from ppiebook.catalogue.identity import catalogue_of
from ppiebook.compat import TOCTREE_HTML
from ppiebook.content.generated import FOLDER, write_if_changed
from ppiebook.events import LABEL_NAV_TOGGLES
from ppiebook.i18n import _, translate_data

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
BRAND_CSS = "ppiebook-brand.css"

# The page's PDF downloads, then licence, how to cite, accessibility and last updated
# (ppiebook-footer.html replaces the theme's copyright and last-updated items).
FOOTER_ITEMS = ["ppiebook-downloads.html", "ppiebook-footer.html", "extra-footer.html"]


FAVICON = FOLDER / "favicon.svg"


def favicon_svg(colours: dict[str, str]) -> str:
    """A plain mark of the project's own (a speech bubble), in the programme's colours."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="14" fill="{colours["primary"]}"/>'
        '<path d="M14 16h36a4 4 0 0 1 4 4v20a4 4 0 0 1-4 4H30l-10 9v-9h-6a4 4 0 0 1-4-4V20a4 4 0 0 1 4-4z" '
        'fill="#ffffff"/>'
        f'<circle cx="24" cy="30" r="3.5" fill="{colours["accent"]}"/>'
        f'<circle cx="32" cy="30" r="3.5" fill="{colours["accent"]}"/>'
        f'<circle cx="40" cy="30" r="3.5" fill="{colours["accent"]}"/></svg>\n'
    )


def configure_theme(app: Sphinx, config: Config) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if not config.html_favicon:
        svg = favicon_svg(catalogue_of(app).programme.colours)
        config.html_favicon = str(write_if_changed(Path(app.srcdir) / FAVICON, svg))
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    app.add_css_file("ppiebook.css")
    app.add_css_file(BRAND_CSS)
    # Accessibility fixes for the theme, and the phone navigation it cannot open.
    app.add_css_file("ppiebook-a11y.css")
    app.add_js_file("ppiebook-navigation.js", loading_method="defer")
    app.add_js_file("ppiebook-video.js", loading_method="defer")
    app.add_js_file("ppiebook-tabs.js", loading_method="defer")  # sphinx-design's tab sets as ARIA tabs
    # After doctools.js (200), before translations.js (500): see the file's comment.
    app.add_js_file("ppiebook-translations.js", priority=300)
    if config.html_theme != "sphinx_book_theme":
        return
    options = dict(config.html_theme_options)
    # The theme's download button only prints the current page; ppiebook adds a
    # "Download PDF" button for each publication the page belongs to.
    options.setdefault("use_download_button", False)
    options.setdefault("footer_content_items", FOOTER_ITEMS)
    # The book theme's own search text is not in any catalogue: make it translatable.
    options.setdefault("search_bar_text", str(_("Search…")))
    # The logo links home; pydata-sphinx-theme's alt text for it ("… - Home") is not translatable.
    logo = dict(options.get("logo") or {})
    logo.setdefault("alt_text", str(_("{programme}: home page").format(programme=config.html_title)))
    options["logo"] = logo
    # The language switcher (empty while the site has one language), then the theme's buttons.
    options.setdefault("article_header_end", ["ppiebook-languages.html", "article-header-buttons.html"])
    config.html_theme_options = options


def brand_css(colours: dict[str, str]) -> str:
    """CSS variables for the programme's colours, from publications.yaml."""
    lines = "".join(f"  --ppiebook-{name}: {value};\n" for name, value in sorted(colours.items()))
    return f"/* Generated from publications.yaml: edit the colours there. */\n:root {{\n{lines}}}\n"


def write_brand_css(app: Sphinx, builder: object) -> None:
    """Before the pages are written: each page links it with its checksum (``?v=``), which
    Sphinx adds only for a file already there, so a clean build and a rebuild agree."""
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / BRAND_CSS).write_text(brand_css(catalogue_of(app).programme.colours), encoding="utf-8")


def footer_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """What ppiebook-footer.html shows; links only to pages the project has."""
    programme = catalogue_of(app).programme
    docs = app.env.found_docs
    context["ppiebook_footer"] = {
        "programme": translate_data(programme.name),
        "licence": translate_data(licence_name(programme.licence)),
        "licence_url": licence_url(programme.licence),
        "cite": app.config.ppiebook_citation_page if app.config.ppiebook_citation_page in docs else "",
        "accessibility": (app.config.ppiebook_accessibility_page
                          if app.config.ppiebook_accessibility_page in docs else ""),
    }


def label_summaries(soup: object) -> None:
    """Give each icon-only expand/collapse <summary> of a sidebar tree a hidden name."""
    for summary in soup.select("li.has-children > details > summary"):  # type: ignore[attr-defined]
        if summary.get_text(strip=True) or summary.has_attr("aria-label"):
            continue
        link = summary.find_parent("li").find("a", recursive=False)
        title = link.get_text(" ", strip=True) if link else ""
        label = soup.new_tag("span", attrs={"class": "visually-hidden"})  # type: ignore[attr-defined]
        label.string = _("Sub-pages of {title}").format(title=title) if title else _("Sub-pages")
        summary.append(label)


def label_nav_toggles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """Name the sidebar's icon-only expand/collapse <summary> elements in the HTML itself.

    pydata-sphinx-theme renders them empty, which axe reports as ``summary-name`` on
    every page; ppiebook-navigation.js only names them when scripts run. (With
    ppiebook_fast_navigation, fastnav.py labels its once-per-build tree the same way.)
    """
    generate = context.get(TOCTREE_HTML)
    if generate is None or getattr(generate, "ppiebook_labelled", False):
        return

    def generate_labelled(*args: object, **kwargs: object) -> object:
        # Passed on exactly as the template called it: the theme caches by arguments,
        # so the same call from its empty-template check and from the page is one render.
        soup = generate(*args, **kwargs)
        kind = kwargs.get("kind", args[0] if args else None)
        if kind != "sidebar" or isinstance(soup, str):
            return soup
        label_summaries(soup)  # idempotent: the cached tree may come back labelled
        return soup

    generate_labelled.ppiebook_labelled = True  # type: ignore[attr-defined]
    context[TOCTREE_HTML] = generate_labelled


def setup(app: Sphinx) -> None:
    app.connect("config-inited", configure_theme)
    app.connect("html-page-context", footer_context)
    app.connect("html-page-context", label_nav_toggles, priority=LABEL_NAV_TOGGLES)
    app.connect("write-started", write_brand_css)
