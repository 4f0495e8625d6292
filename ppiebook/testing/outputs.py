"""Generic tests of a project's built outputs. A project takes them all with one line in a
test file::

    from ppiebook.testing.outputs import *

They use the fixtures of :mod:`ppiebook.testing.plugin` (``ppiebook_built`` builds the
project once per session, so each of them is marked realbuild and slow; those that drive
the browser are marked browser too) and check what any programme's build must give,
whatever its content:

- every publication of publications.yaml has its print PDF and its tagged PDF;
- each tagged PDF has a structure tree, a language (/Lang) and its publication's title in
  its metadata;
- each publication's tagged PDF, and every other tagged PDF of the build (the
  infographics'), passes the independent PDF/UA-1 validator outloud
  (:mod:`ppiebook.tagged.validate`: no error, no warning but the accepted ones);
- every HTML page of the site has a <title>, a lang attribute, and no "{{" or "$$" left in
  its text (markup that was not rendered);
- every internal link, image, stylesheet and script of the site points to a file that exists;
- every page is valid HTML for the Nu Html Checker (vnu.jar, found as
  :mod:`ppiebook.testing.vnu` says; Java);
- in Debian's chromium (:mod:`ppiebook.testing.browser`), on every page
  (:mod:`ppiebook.testing.wcag`): no axe-core violation of WCAG 2.0-2.2 A and AA in light and
  dark mode at desktop and phone width; no request leaving the machine; no script or
  Content-Security-Policy error and no missing file; no sideways scrolling at 320 px (WCAG
  1.4.10), nothing lost with the text-spacing override (1.4.12) or with text at 200% (1.4.4);
  targets of 24 x 24 px or spaced apart (2.5.8); a visible keyboard focus, with a size, that
  no sticky header hides (2.4.7, 2.4.11).

Without vnu.jar and Java, or chromium and Playwright, those tests skip, except when
``CI=true``, where they fail.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pikepdf
import pytest
from bs4 import BeautifulSoup

from ppiebook.catalogue.publications import load_catalogue
from ppiebook.pdfshared.naming import SUFFIX, tagged_filename
from ppiebook.tagged.validate import failures, report
from ppiebook.testing import vnu, wcag
from ppiebook.testing.browser import unavailable
from ppiebook.testing.pages import site_pages

__all__ = [
    "test_every_publication_has_its_pdfs",
    "test_tagged_pdf_has_structure_language_and_title",
    "test_every_page_has_title_and_language",
    "test_no_unrendered_markup_in_pages",
    "test_internal_links_resolve",
    "test_tagged_pdf_passes_the_pdfua_validator",
    "test_every_other_tagged_pdf_passes_the_pdfua_validator",
    "test_nu_html_checker_finds_no_errors",
    "test_axe_reports_no_violations",
    "test_no_request_leaves_the_machine",
    "test_pages_run_without_script_or_policy_errors",
    "test_reflow_at_320_px_without_sideways_scrolling",
    "test_text_spacing_loses_nothing",
    "test_text_at_200_percent_loses_nothing",
    "test_targets_are_24_px_or_spaced",
    "test_keyboard_focus_on_every_page",
]

# Text a reader should never see: a substitution or maths delimiter that was not rendered.
RAW_MARKUP = ("{{", "$$")
# Elements whose text is shown as written (code examples may show the markup itself).
LITERAL = ["script", "style", "code", "pre", "kbd", "samp", "template", "noscript", "math"]
LINKS = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"))


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
    pages = list(site_pages(site))
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
    for page in site_pages(site):
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
    for page in site_pages(site):
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


# --- PDF/UA-1: the independent validator ----------------------------------------------------


def _pdfua_problems(path: Path) -> list[str]:
    """Why outloud fails ``path`` (empty when it passes): its failures (errors, warnings not
    accepted, crashed rules), and a run that read no structure (a validator that read
    nothing passes too)."""
    result = report(path)  # once: failures() reads the same report
    problems = [str(finding) for finding in failures(result)]
    if result["verdict"] not in ("pass", "review") or result["counts"]["error"]:
        problems.append(f"verdict {result['verdict']!r}, {result['counts']['error']} errors")
    stats = result.get("stats") or {}
    if result["verdict"] != "unreadable" and not (stats.get("tagged") and stats.get("elements", 0) > 1):
        problems.append(f"the validator met no structure: {stats}")
    return [f"{path.name}: {problem}" for problem in problems]


def test_tagged_pdf_passes_the_pdfua_validator(ppiebook_built: Path, ppiebook_publication) -> None:
    """outloud finds no error and no warning but those ppiebook.tagged.validate.ACCEPTED lists."""
    path = ppiebook_built / "pdf" / tagged_filename(ppiebook_publication.pdf_filename)
    assert path.is_file(), f"{ppiebook_publication.id}: {path} was not built"
    assert _pdfua_problems(path) == []


def test_every_other_tagged_pdf_passes_the_pdfua_validator(ppiebook_built: Path, ppiebook_project: Path) -> None:
    """The tagged PDFs of the build that are no publication's (the infographics'), as above."""
    publications = load_catalogue(ppiebook_project / "publications.yaml").publications
    theirs = {tagged_filename(p.pdf_filename) for p in publications}
    others = sorted(p for p in (ppiebook_built / "pdf").glob(f"*{SUFFIX}.pdf") if p.name not in theirs)
    assert [problem for path in others for problem in _pdfua_problems(path)] == []


# --- HTML: the Nu Html Checker ------------------------------------------------------------


def test_nu_html_checker_finds_no_errors(ppiebook_built: Path, ppiebook_project: Path) -> None:
    jar = vnu.find_jar(ppiebook_project)
    if jar is None or not jar.is_file() or shutil.which("java") is None:
        unavailable(f"java and vnu.jar ({vnu.ENVIRONMENT}, or npm package vnu-jar in "
                    f"{' or '.join(str(ppiebook_project / p) for p in vnu.PLACES)}; found {jar})",
                    tests="the Nu Html Checker's test")
    pages = site_pages(ppiebook_built / "html")
    assert pages, f"no HTML page in {ppiebook_built / 'html'}"
    assert vnu.errors(jar, pages) == []


# --- In the browser (ppiebook.testing.wcag, each walk once per session) ----------------------


@pytest.mark.parametrize(("scheme", "size"), wcag.MODES)
def test_axe_reports_no_violations(ppiebook_audit: dict, ppiebook_pages: list[str], scheme: str, size: str) -> None:
    """axe-core, WCAG 2.0-2.2 A and AA, on every page; each page showed the colour scheme asked for."""
    assert all(ppiebook_audit["themes"][(scheme, name)] == scheme for name in ppiebook_pages)
    assert ppiebook_audit["violations"][(scheme, size)] == []


def test_no_request_leaves_the_machine(ppiebook_audit: dict, ppiebook_pages: list[str]) -> None:
    assert ppiebook_audit["pages"] == len(wcag.MODES) * len(ppiebook_pages)
    assert ppiebook_audit["third_party"] == []


def test_pages_run_without_script_or_policy_errors(browser, ppiebook_site: str, ppiebook_pages: list[str],
                                                   not_found: list[str]) -> None:
    """The Content-Security-Policy lets the site's own scripts run (none is blocked), and
    every file a page asks for exists."""
    not_found.clear()
    errors = wcag.page_errors(browser, ppiebook_site, ppiebook_pages)
    assert not_found == []
    assert errors == []


def test_reflow_at_320_px_without_sideways_scrolling(ppiebook_layout: dict) -> None:
    """WCAG 1.4.10."""
    assert ppiebook_layout["reflow"] == []


@pytest.mark.parametrize("size", ["320", "desktop", "phone"])
def test_text_spacing_loses_nothing(ppiebook_layout: dict, size: str) -> None:
    """WCAG 1.4.12: no sideways scrolling, no text cut off."""
    assert ppiebook_layout[f"spacing-{size}-scroll"] == []
    assert ppiebook_layout[f"spacing-{size}-clipped"] == []


def test_text_at_200_percent_loses_nothing(ppiebook_layout: dict) -> None:
    """WCAG 1.4.4, at desktop width."""
    assert ppiebook_layout["zoom-scroll"] == []
    assert ppiebook_layout["zoom-clipped"] == []


@pytest.mark.parametrize("size", ["320", "desktop", "phone"])
def test_targets_are_24_px_or_spaced(ppiebook_layout: dict, size: str) -> None:
    """WCAG 2.5.8 (inline links in a sentence are exempt)."""
    assert ppiebook_layout[f"targets-{size}"] == []


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_keyboard_focus_on_every_page(ppiebook_focus: dict, size: str) -> None:
    """WCAG 2.4.7 and 2.4.11 on every page: every element Tab reaches shows a focus
    indicator, has a size, and is not under a sticky header."""
    assert ppiebook_focus[size] == []
