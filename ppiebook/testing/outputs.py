"""Generic tests of a project's built outputs. A project takes them all with one line in a
test file::

    from ppiebook.testing.outputs import *

They use the fixtures of :mod:`ppiebook.testing.plugin` (``ppiebook_built`` builds the
project once per session, so each of them is marked realbuild and slow) and check what any
programme's build must give, whatever its content:

- every publication of publications.yaml has its print PDF and its tagged PDF;
- each tagged PDF has a structure tree, a language (/Lang) and its publication's title in
  its metadata;
- every HTML page of the site has a <title>, a lang attribute, and no "{{" or "$$" left in
  its text (markup that was not rendered);
- every internal link, image, stylesheet and script of the site points to a file that exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pikepdf
from bs4 import BeautifulSoup

from ppiebook.catalogue.publications import load_catalogue
from ppiebook.pdfshared.naming import tagged_filename

__all__ = [
    "test_every_publication_has_its_pdfs",
    "test_tagged_pdf_has_structure_language_and_title",
    "test_every_page_has_title_and_language",
    "test_no_unrendered_markup_in_pages",
    "test_internal_links_resolve",
]

# Folders of the site that hold no pages of its own (Sphinx's and the theme's files).
NOT_PAGES = {"_static", "_sources", "_images", "_downloads"}
# Text a reader should never see: a substitution or maths delimiter that was not rendered.
RAW_MARKUP = ("{{", "$$")
# Elements whose text is shown as written (code examples may show the markup itself).
LITERAL = ["script", "style", "code", "pre", "kbd", "samp", "template", "noscript", "math"]
LINKS = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"))


def _pages(site: Path) -> Iterator[Path]:
    for page in sorted(site.rglob("*.html")):
        if not NOT_PAGES & set(page.relative_to(site).parts):
            yield page


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_every_publication_has_its_pdfs(ppiebook_built: Path, ppiebook_publication) -> None:
    """The print edition and the tagged edition, each a PDF with at least one page."""
    for name in (ppiebook_publication.pdf_filename, tagged_filename(ppiebook_publication.pdf_filename)):
        path = ppiebook_built / "pdf" / name
        assert path.is_file(), f"{ppiebook_publication.id}: {path} was not built"
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 1, f"{path} has no page"


def test_tagged_pdf_has_structure_language_and_title(ppiebook_built: Path, ppiebook_project: Path,
                                                     ppiebook_publication) -> None:
    """What a screen reader needs first: tags (StructTreeRoot), the language, the title."""
    language = load_catalogue(ppiebook_project / "publications.yaml").programme.language
    path = ppiebook_built / "pdf" / tagged_filename(ppiebook_publication.pdf_filename)
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root, f"{path.name}: no structure tree (not tagged)"
        assert "/Lang" in pdf.Root and str(pdf.Root.Lang) == language, \
            f"{path.name}: /Lang is {pdf.Root.get('/Lang')!r}, not {language!r}"
        assert str(pdf.docinfo.get("/Title", "")) == ppiebook_publication.title, \
            f"{path.name}: document information title {pdf.docinfo.get('/Title')!r}"
        with pdf.open_metadata() as meta:
            assert meta.get("dc:title") == ppiebook_publication.title, \
                f"{path.name}: XMP dc:title {meta.get('dc:title')!r}"


def test_every_page_has_title_and_language(ppiebook_built: Path) -> None:
    site = ppiebook_built / "html"
    pages = list(_pages(site))
    assert pages, f"no HTML page in {site}"
    wrong = []
    for page in pages:
        soup = _soup(page)
        title = soup.title.get_text(strip=True) if soup.title else ""
        html = soup.find("html")
        lang = html.get("lang", "").strip() if html else ""
        if not title:
            wrong.append(f"{page.relative_to(site)}: no <title>")
        if not lang:
            wrong.append(f"{page.relative_to(site)}: no lang attribute on <html>")
    assert not wrong, "\n".join(wrong)


def test_no_unrendered_markup_in_pages(ppiebook_built: Path) -> None:
    """No "{{" (a substitution) or "$$" (display maths) in the text a reader sees; code shows them as written."""
    site = ppiebook_built / "html"
    wrong = []
    for page in _pages(site):
        soup = _soup(page)
        for element in soup.find_all(LITERAL):
            element.decompose()
        text = soup.get_text(" ")
        for markup in RAW_MARKUP:
            if markup in text:
                at = text.index(markup)
                context = re.sub(r"\s+", " ", text[max(0, at - 40): at + 40])
                wrong.append(f"{page.relative_to(site)}: {markup!r} in '{context}'")
    assert not wrong, "\n".join(wrong)


def _target(page: Path, site: Path, url: str) -> Path | None:
    """The file an internal link points to, or None for an external or in-page link."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("#") or not parts.path:
        return None
    path = (page.parent / unquote(parts.path)).resolve()
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


def test_internal_links_resolve(ppiebook_built: Path) -> None:
    """Every link, image, stylesheet and script inside the site points to a file inside the site."""
    site = (ppiebook_built / "html").resolve()
    broken, checked = [], 0
    for page in _pages(site):
        soup = _soup(page)
        for tag, attribute in LINKS:
            for element in soup.find_all(tag, attrs={attribute: True}):
                target = _target(page, site, element[attribute].strip())
                if target is None:
                    continue
                checked += 1
                if not target.is_relative_to(site):
                    broken.append(f"{page.relative_to(site)}: {element[attribute]} leaves the site")
                elif not target.is_file():
                    broken.append(f"{page.relative_to(site)}: {element[attribute]} does not exist")
    assert checked, f"no internal link in {site}"
    assert not broken, "\n".join(broken)
