"""The shipped project, built once per test session into a temporary folder."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from ppiebook.catalogue.publications import load_catalogue
from ppiebook.pdfshared.naming import tagged_filename

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue(PROJECT / "publications.yaml")
SOURCE_DIRS = ["handbook", "report", "docs"]


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_pdf_opens_with_title_outline_and_headings(built: Path, publication, sources) -> None:
    path = built / "pdf" / publication.pdf_filename
    expected = sources.chapters(PROJECT / f"{publication.root}.md")
    assert expected, f"{publication.root} should have chapters"
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) >= 2
        assert str(pdf.docinfo["/Title"]) == publication.title
        assert str(pdf.docinfo["/Author"]) == "; ".join(publication.authors)
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == expected
    text = text_of(path)
    for title in expected:
        assert title in text


def test_shared_pages_are_in_every_pdf_that_contains_them(built: Path, sources) -> None:
    """A publication inside another (the methodology in the report) is in both PDFs, from one source."""
    roots = {p.id: PROJECT / f"{p.root}.md" for p in CATALOGUE.publications}
    nested = []
    for outer in CATALOGUE.publications:
        inside = sources.publication_pages(roots[outer.id])
        for inner in CATALOGUE.publications:
            if inner is not outer and roots[inner.id] in inside[1:]:
                nested.append((outer.id, inner.id))
                outer_text = text_of(built / "pdf" / outer.pdf_filename)
                for title in sources.chapters(roots[inner.id]):
                    assert title in outer_text, (outer.id, inner.id, title)
    # Without a nested publication this test would check nothing.
    assert nested, "no publication of publications.yaml is inside another"


def test_every_page_is_in_the_site(built: Path) -> None:
    sources = [PROJECT / "index.md"] + [p for d in SOURCE_DIRS for p in (PROJECT / d).rglob("*.md")]
    missing = [
        str(src.relative_to(PROJECT))
        for src in sources
        if not (built / "html" / src.relative_to(PROJECT).with_suffix(".html")).is_file()
    ]
    assert not missing
    assert len(sources) > 10


def test_every_download_link_resolves_to_a_pdf_in_the_site(built: Path) -> None:
    site = built / "html"
    checked = 0
    for page in site.rglob("*.html"):
        if "_static" in page.parts:
            continue
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select('a[href$=".pdf"]'):
            target = (page.parent / link["href"]).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to missing {link['href']}"
            assert target.read_bytes().startswith(b"%PDF-")
            checked += 1
    assert checked > 20


def test_landing_page_lists_every_publication_with_facts(built: Path) -> None:
    page = BeautifulSoup((built / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    labels = [a.get_text(" ", strip=True) for a in page.select(".ppiebook-publication a.ppiebook-pdf-link")]
    assert len(labels) == len(CATALOGUE.publications)
    for publication, label in zip(CATALOGUE.publications, labels):
        # The main download is the tagged edition (tests/test_tagged_pdf.py has the other).
        with pikepdf.open(built / "pdf" / tagged_filename(publication.pdf_filename)) as pdf:
            pages = len(pdf.pages)
        assert label.startswith(f"Download {publication.title} (tagged PDF for screen readers, machine-checked for PDF/UA-1, {pages} pages, ")
        assert re.search(r"\d+(\.\d)? (KB|MB)\)$", label)


def test_pdf_in_site_is_the_built_pdf(built: Path) -> None:
    for publication in CATALOGUE.publications:
        assert (built / "html/pdf" / publication.pdf_filename).read_bytes() == (
            built / "pdf" / publication.pdf_filename
        ).read_bytes()


def test_figure_numbers_are_the_same_in_every_edition(built: Path) -> None:
    """numfig: each figure's number on the website is the one both PDFs print before its caption."""
    site: dict[str, str] = {}
    for page in (built / "html" / "report").rglob("*.html"):
        for caption in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("figcaption"):
            number, text = caption.select_one(".caption-number"), caption.select_one(".caption-text")
            if number is not None and text is not None:
                site[" ".join(text.get_text(" ", strip=True).split())] = number.get_text(strip=True)
    assert len(site) >= 3, site
    for name in ("health-inequalities-in-birmingham.pdf", tagged_filename("health-inequalities-in-birmingham.pdf")):
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(built / "pdf" / name).pages)
        for title, number in site.items():
            assert f"{number} {title}" in text, (name, number, title)
