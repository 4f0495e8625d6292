"""The shipped content: complete, honest about what is missing, and within its budgets."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
from bs4 import BeautifulSoup
from pypdf import PdfReader

from ppiebook.catalogue.publications import load_catalogue

from .sources import chapters, prose_words, publication_pages

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue(PROJECT / "publications.yaml")
BY_ID = {p.id: p for p in CATALOGUE.publications}
EXECUTIVE_SUMMARY_PAGE_BUDGET = 4


def pages_of(publication_id: str) -> list[Path]:
    return publication_pages(PROJECT / f"{BY_ID[publication_id].root}.md")


def test_handbook_has_at_least_ten_thousand_words() -> None:
    assert sum(prose_words(page) for page in pages_of("handbook")) >= 10_000


def test_handbook_has_every_chapter_the_issue_names() -> None:
    titles = [title.lower() for title in chapters(PROJECT / "handbook/index.md")]
    for needed in ["what community connexions is", "principles", "partnership", "planning",
                   "listening events", "students", "inclusive and accessible", "consent", "paying",
                   "making sense", "micro-funding", "sharing findings back", "evaluating impact",
                   "checklists and templates", "glossary"]:
        assert any(needed in title for title in titles), needed
    templates = [p.stem for p in pages_of("handbook")]
    assert {"listening-event-plan", "consent-script", "micro-funding-application"} <= set(templates)


def test_report_findings_chapters_carry_editorial_notes() -> None:
    for chapter in ["barriers-to-access", "barriers-within", "hyperlocal-solutions", "recommendations"]:
        assert "{editorial-note}" in (PROJECT / f"report/{chapter}.md").read_text(encoding="utf-8"), chapter


def test_report_shows_each_funded_project_video() -> None:
    text = (PROJECT / "report/hyperlocal-solutions.md").read_text(encoding="utf-8")
    videos = re.findall(r"```\{video\} ([\w-]+)", text)
    assert videos == ["introduction", "blesst-youth-club", "aspire-succeed-sewing-club",
                      "welcome-change-soil-to-boil", "saathi-house-gym-club", "bridging-the-digital-divide"]


def test_publications_with_editorial_notes_stay_draft() -> None:
    for publication in CATALOGUE.publications:
        if any("{editorial-note}" in page.read_text(encoding="utf-8") for page in pages_of(publication.id)):
            assert publication.is_draft, publication.id


def test_no_money_amounts_in_prose() -> None:
    """Rates are data with their source and date (data/payment-rates.yaml), never prose."""
    sources = [p for d in ("handbook", "report", "docs") for p in (PROJECT / d).rglob("*.md")]
    offenders = [str(p.relative_to(PROJECT)) for p in sources if re.search(r"£\s?\d", p.read_text(encoding="utf-8"))]
    assert offenders == []


def content_pages(path: Path) -> int:
    """Pages from the first chapter to the end: cover and contents aside."""
    with pikepdf.open(path) as pdf:
        with pdf.open_outline() as outline:
            first = outline.root[0].destination
        page_refs = [page.obj.objgen for page in pdf.pages]
        first_page = page_refs.index(first[0].objgen)
        return len(pdf.pages) - first_page


def test_executive_summary_fits_its_page_budget(built: Path) -> None:
    path = built / "pdf" / BY_ID["executive-summary"].pdf_filename
    assert 1 <= content_pages(path) <= EXECUTIVE_SUMMARY_PAGE_BUDGET


def test_every_page_of_a_draft_pdf_says_draft(built: Path) -> None:
    for publication in CATALOGUE.publications:
        pages = PdfReader(built / "pdf" / publication.pdf_filename).pages
        marked = ["DRAFT" in page.extract_text() for page in pages]
        assert all(marked) if publication.is_draft else not any(marked), publication.id


def test_every_html_page_of_a_draft_shows_the_banner(built: Path) -> None:
    drafts = [p for p in CATALOGUE.publications if p.is_draft]
    checked = 0
    for publication in drafts:
        for page in pages_of(publication.id):
            html = built / "html" / page.relative_to(PROJECT).with_suffix(".html")
            banner = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(".ppiebook-draft-banner")
            assert banner is not None and publication.title in banner.get_text(), html
            checked += 1
    assert checked >= 35
    landing = BeautifulSoup((built / "html/index.html").read_text(encoding="utf-8"), "html.parser")
    assert landing.select_one(".ppiebook-draft-banner") is None
