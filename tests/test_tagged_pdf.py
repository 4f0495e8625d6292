"""The tagged PDF/UA-1 editions (ppiebook.tagged): the checker passes on every one built,
their structure follows the sources, and the checker catches each fault it is for, on
broken copies of a good file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from ppiebook.catalogue import load_catalogue
from ppiebook.infographics.data import project_infographics
from ppiebook.tagged.check import RULES, check_pdf, structure
from ppiebook.tagged.dump import dump_page
from ppiebook.tagged.naming import tagged_filename

from .sources import chapters, heading

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue(PROJECT / "publications.yaml")
INFOGRAPHICS = project_infographics(PROJECT, "data/infographics")
TAGGED = [tagged_filename(p.pdf_filename) for p in CATALOGUE.publications] + [
    tagged_filename(i.pdf_filename) for i in INFOGRAPHICS
]


def failed(path: Path) -> set[str]:
    return {result.rule for result in check_pdf(path) if not result.passed}


def elements(path: Path):
    with pikepdf.open(path) as pdf:
        stack = list(structure(pdf))
        while stack:
            element = stack.pop(0)
            attrs = {k: str(element.obj[k]) for k in ("/Alt", "/Lang") if k in element.obj}
            if element.attribute("/Scope") is not None:
                attrs["/Scope"] = str(element.attribute("/Scope"))
            yield element.tag, attrs, element
            stack[0:0] = [kid for kid in element.kids if not isinstance(kid, int)]


@pytest.mark.parametrize("name", TAGGED)
def test_checker_passes_on_every_tagged_pdf(built: Path, name: str) -> None:
    results = check_pdf(built / "pdf" / name)
    assert [r.rule for r in results] == list(RULES)
    assert [f"{r.rule}: {r.detail}" for r in results if not r.passed] == []


@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_rst2pdf_edition_is_not_tagged(built: Path, publication) -> None:
    """The reason for the tagged edition: the checker fails the rst2pdf file."""
    assert {"structure-tree", "pdfua-identifier"} <= failed(built / "pdf" / publication.pdf_filename)


@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_headings_follow_the_sources(built: Path, publication) -> None:
    path = built / "pdf" / tagged_filename(publication.pdf_filename)
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]) == publication.title
        assert str(pdf.Root.Lang) == CATALOGUE.programme.language
        with pdf.open_outline() as outline:
            bookmarks = [item.title for item in outline.root]
    root = PROJECT / f"{publication.root}.md"
    # Bookmarks: the chapters at the top level, as in the rst2pdf edition.
    assert bookmarks == chapters(root)
    tagged = [(tag, element) for tag, _, element in elements(path) if re.fullmatch(r"H[1-6]", tag)]
    # The cover's title is the first H1 (imprint headings follow as H2), the root page's
    # title the second H1, its chapters H2.
    assert tagged[0][0] == "H1" and [tag for tag, _ in tagged].count("H1") >= 2
    # What a screen reader meets first: the cover's H1, whose text (one span a line) is the title.
    cover = re.search(r"^( *)H1\n((?:\1  Span: .*\n?)+)", dump_page(path, 1), re.M)
    assert " ".join(re.findall(r"Span: '(.*)'", cover[2])) == publication.title
    assert heading(root)[0] in subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                              text=True, check=True).stdout


def test_other_languages_have_lang_and_copy_out(built: Path) -> None:
    handbook = next(p for p in CATALOGUE.publications if p.id == "handbook")
    path = built / "pdf" / tagged_filename(handbook.pdf_filename)
    langs = {attrs["/Lang"] for tag, attrs, _ in elements(path) if "/Lang" in attrs}
    source = (PROJECT / "handbook/inclusive-events.md").read_text(encoding="utf-8")
    marked = set(re.findall(r"^:::\{lang\} (\S+)$", source, re.M))
    assert marked and marked <= langs
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for code in ("ur", "bn"):  # right-to-left Arabic script, and a shaped Indic script
        passage = re.search(rf"^:::\{{lang\}} {code}\n(.+?)\n:::", source, re.M)[1]
        assert passage in text.replace("\u202b", "").replace("\u202c", ""), code


def test_tables_have_scoped_header_cells_and_figures_alt_text(built: Path) -> None:
    report = next(p for p in CATALOGUE.publications if p.id == "report")
    path = built / "pdf" / tagged_filename(report.pdf_filename)
    found = list(elements(path))
    scopes = {attrs.get("/Scope") for tag, attrs, _ in found if tag == "TH"}
    assert scopes == {"/Column"}
    alts = [attrs["/Alt"] for tag, attrs, _ in found if tag == "Figure"]
    assert any(alt.startswith("Infographic: ") for alt in alts)


@pytest.mark.parametrize("infographic", INFOGRAPHICS, ids=lambda i: i.id)
def test_infographic_alt_text_is_its_data(built: Path, infographic) -> None:
    path = built / "pdf" / tagged_filename(infographic.pdf_filename)
    alts = [attrs.get("/Alt", "") for tag, attrs, _ in elements(path) if tag == "Figure"]
    assert len(alts) == 1 and infographic.title in alts[0]
    for step in infographic.steps:
        assert step.label in alts[0] and step.text in alts[0]


def test_a_link_over_two_lines_is_one_link(built: Path) -> None:
    """WeasyPrint tags each line of a link apart; the build joins them (tags.py)."""
    from ppiebook.tagged.tags import _kids, _target

    checked = 0
    for publication in CATALOGUE.publications:
        with pikepdf.open(built / "pdf" / tagged_filename(publication.pdf_filename)) as pdf:
            stack = [pdf.Root.StructTreeRoot]
            while stack:
                kids = [k for k in _kids(stack.pop()) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
                for before, after in zip(kids, kids[1:]):
                    if before.S == after.S == "/Link":
                        assert _target(before) != _target(after), _target(after)
                for kid in kids:
                    annotations = [k for k in _kids(kid) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
                    checked += len(annotations) > 1  # a joined link keeps every line's annotation
                stack.extend(kids)
    assert checked > 0


def test_landing_page_offers_the_tagged_pdf_first(built: Path) -> None:
    page = BeautifulSoup((built / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for publication in CATALOGUE.publications:
        card = next(c for c in page.select(".ppiebook-publication") if publication.title in c.get_text())
        main = card.select_one("a.ppiebook-pdf-link")
        other = card.select_one("a.ppiebook-pdf-other-link")
        assert main["href"] == f"pdf/{tagged_filename(publication.pdf_filename)}"
        assert "tagged PDF for screen readers" in main.get_text()
        assert other["href"] == f"pdf/{publication.pdf_filename}"
        assert "not tagged" in other.get_text()
        assert (built / "html" / main["href"]).read_bytes() == (built / main["href"]).read_bytes()


# Broken copies of a good tagged PDF: each fault must fail its own rule.


def _good(built: Path) -> Path:
    report = next(p for p in CATALOGUE.publications if p.id == "report")
    return built / "pdf" / tagged_filename(report.pdf_filename)


def _all_elements(pdf: pikepdf.Pdf, tag: str) -> list[pikepdf.Dictionary]:
    found, stack, seen = [], [pdf.Root.StructTreeRoot], set()
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or (node.is_indirect and node.objgen in seen):
            continue
        if node.is_indirect:
            seen.add(node.objgen)
        if node.get("/S") == f"/{tag}":
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            stack.extend(reversed(list(kids)) if isinstance(kids, pikepdf.Array) else [kids])  # document order
    return found


def _no_structure(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/StructTreeRoot"]


def _figure_without_alt(pdf: pikepdf.Pdf) -> None:
    del _all_elements(pdf, "Figure")[0]["/Alt"]


def _skipped_heading(pdf: pikepdf.Pdf) -> None:
    _all_elements(pdf, "H2")[0].S = pikepdf.Name("/H4")


def _table_without_headers(pdf: pikepdf.Pdf) -> None:
    for cell in _all_elements(pdf, "TH"):
        cell.S = pikepdf.Name("/TD")


def _no_lang(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def _no_title(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo["/Title"]
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        del xmp["dc:title"]


def _font_not_embedded(pdf: pikepdf.Pdf) -> None:
    font = next(iter(pdf.pages[0].Resources.Font.values()))
    descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).FontDescriptor
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            del descriptor[key]


def _untagged_text(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    name = next(iter(page.Resources.Font.keys()))
    page.contents_add(pdf.make_stream(f"BT {name} 12 Tf 72 72 Td <0001> Tj ET".encode()), prepend=False)


def _no_pdfua_identifier(pdf: pikepdf.Pdf) -> None:
    xmp = pdf.Root.Metadata.read_bytes().decode()
    pdf.Root.Metadata = pdf.make_stream(re.sub(r'pdfuaid:part="1"', "", xmp).encode())


def _not_marked(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Marked = False


def _parent_tree_points_elsewhere(pdf: pikepdf.Pdf) -> None:
    page = pdf.Root.StructTreeRoot.ParentTree.Nums[1]  # page 1: element of each MCID
    page[0], page[1] = page[1], page[0]


FAULTS = {
    "no structure tree": (_no_structure, "structure-tree"),
    "not marked": (_not_marked, "structure-tree"),
    "parent tree points elsewhere": (_parent_tree_points_elsewhere, "structure-tree"),
    "figure without alt text": (_figure_without_alt, "figure-alt-text"),
    "H2 turned into H4": (_skipped_heading, "heading-levels"),
    "TH turned into TD": (_table_without_headers, "table-headers"),
    "no /Lang": (_no_lang, "document-language"),
    "no Title": (_no_title, "title"),
    "font not embedded": (_font_not_embedded, "fonts-embedded"),
    "untagged text": (_untagged_text, "tagged-content"),
    "no PDF/UA identifier": (_no_pdfua_identifier, "pdfua-identifier"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_checker_catches_each_fault(built: Path, tmp_path: Path, fault: str) -> None:
    damage, rule = FAULTS[fault]
    good = _good(built)
    assert failed(good) == set()
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(good) as pdf:
        damage(pdf)
        pdf.save(broken)
    assert rule in failed(broken)
    result = subprocess.run([sys.executable, "-m", "ppiebook.tagged", str(good), str(broken)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(rf"FAIL\s+{re.escape(rule)}\s", result.stdout)
    assert f"{good}: PASS" in result.stdout and f"{broken}: FAIL" in result.stdout
