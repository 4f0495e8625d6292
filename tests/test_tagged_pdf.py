"""The tagged PDF/UA-1 editions (ppiebook.tagged): the project's own checker passes on every
one built, their structure follows the sources, and each fault on a broken copy of a good
file fails the validator, the checker, or both. The independent validator (outloud) on every
tagged PDF built is the ppiebook plugin's test (ppiebook.testing.outputs:
test_tagged_pdf_passes_the_pdfua_validator, one per publication, and
test_every_other_tagged_pdf_passes_the_pdfua_validator, the infographics), run on this build
by tests/test_outputs_plugin.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from ppiebook.catalogue.publications import load_catalogue
from ppiebook.content.infographics.data import project_infographics
from ppiebook.pdfshared.naming import tagged_filename
from ppiebook.tagged.builder import verify
from ppiebook.tagged.check import RULES, ParentTree, check_pdf, kids_of, structure
from ppiebook.tagged.dump import dump_page
from ppiebook.tagged.validate import ACCEPTED, validate

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


def test_accepted_warnings_are_documented() -> None:
    docs = (PROJECT / "docs" / "pdfs-and-infographics.md").read_text(encoding="utf-8")
    for rule in ACCEPTED:
        assert rule in docs


@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_rst2pdf_edition_is_not_tagged(built: Path, publication) -> None:
    """The reason for the tagged edition: both the validator and the checker fail the rst2pdf file."""
    path = built / "pdf" / publication.pdf_filename
    assert {"parent-tree", "link-elements"} <= failed(path)
    assert {"DOC-001", "DOC-002", "DOC-012"} <= {finding.rule for finding in validate(path)}


@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_headings_follow_the_sources(built: Path, publication, sources) -> None:
    path = built / "pdf" / tagged_filename(publication.pdf_filename)
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]) == publication.title
        assert str(pdf.Root.Lang) == CATALOGUE.programme.language
        with pdf.open_outline() as outline:
            bookmarks = [item.title for item in outline.root]
    root = PROJECT / f"{publication.root}.md"
    # Bookmarks: the chapters at the top level, as in the rst2pdf edition.
    assert bookmarks == sources.chapters(root)
    tagged = [(tag, element) for tag, _, element in elements(path) if re.fullmatch(r"H[1-6]", tag)]
    # The cover's title is the first H1 (imprint headings follow as H2), the root page's
    # title the second H1, its chapters H2.
    assert tagged[0][0] == "H1" and [tag for tag, _ in tagged].count("H1") >= 2
    # What a screen reader meets first: the cover's H1, whose text (its own, or one span a
    # line) is the title.
    cover = re.search(r"^( *)H1(?:: '(.*)')?\n((?:\1  Span: .*\n?)*)", dump_page(path, 1), re.M)
    assert " ".join(filter(None, [cover[2], *re.findall(r"Span: '(.*)'", cover[3])])) == publication.title
    assert sources.heading(root)[0] in subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                              text=True, check=True).stdout


@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_tagged_pdf_is_about_the_size_of_the_print_edition(built: Path, publication) -> None:
    """Readers download it on phones: its structure is compressed as the print edition's is
    (Typst wrote it uncompressed, 1.2 MB for the 416 KB handbook, until render.py repacked it)."""
    tagged = (built / "pdf" / tagged_filename(publication.pdf_filename)).stat().st_size
    printed = (built / "pdf" / publication.pdf_filename).stat().st_size
    assert tagged <= 1.5 * printed, (tagged, printed)


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
    """WeasyPrint tags each line of a link apart; the build joins them (tags.py). Typst makes
    one annotation with a quadrilateral per line."""
    from ppiebook.tagged.tags import _target

    checked = 0
    for publication in CATALOGUE.publications:
        with pikepdf.open(built / "pdf" / tagged_filename(publication.pdf_filename)) as pdf:
            stack = [pdf.Root.StructTreeRoot]
            while stack:
                kids = [k for k in kids_of(stack.pop()) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
                for before, after in zip(kids, kids[1:]):
                    if before.S == after.S == "/Link":
                        assert _target(before) != _target(after), _target(after)
                for kid in kids:
                    annotations = [k for k in kids_of(kid) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
                    # A joined link keeps every line's annotation, or one annotation has a quad per line.
                    checked += len(annotations) > 1 or any(len(a.Obj.get("/QuadPoints", [])) > 8 for a in annotations)
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
    # An attribute (WeasyPrint) or an element (Typst)
    xmp = re.sub(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', "", xmp)
    pdf.Root.Metadata = pdf.make_stream(xmp.encode())


def _not_marked(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Marked = False


def _parent_tree_points_elsewhere(pdf: pikepdf.Pdf) -> None:
    page = pdf.Root.StructTreeRoot.ParentTree.Nums[1]  # page 1: element of each MCID
    page[0], page[1] = page[1], page[0]


def _link_in_span(pdf: pikepdf.Pdf) -> None:
    """A Link element that holds an annotation becomes a Span (Matterhorn 28-011)."""
    link = next(e for e in _all_elements(pdf, "Link")
                if any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR" for k in e.K))
    link.S = pikepdf.Name("/Span")


def _annotation_led_elsewhere(pdf: pikepdf.Pdf) -> None:
    """A link annotation's /StructParent entry leads to another Link than the one holding it
    (as joining a link broken over two lines once left it)."""
    entries = ParentTree(pdf)
    first, second = [a for page in pdf.pages for a in page.get("/Annots", [])][:2]
    entries.point(int(first.StructParent), entries[int(second.StructParent)])


def _item_without_body(pdf: pikepdf.Pdf) -> None:
    """An LI holds its content directly: the LBody is taken out."""
    item = _all_elements(pdf, "LI")[0]
    kids = []
    for kid in item.K:
        if kid.get("/S") == "/LBody":
            for inner in (kid.K if isinstance(kid.K, pikepdf.Array) else [kid.K]):
                if isinstance(inner, pikepdf.Dictionary):
                    inner.P = item
                kids.append(inner)
        else:
            kids.append(kid)
    item.K = pikepdf.Array(kids)


def _empty_paragraph(pdf: pikepdf.Pdf) -> None:
    """A P with no content, no kids, no /Alt."""
    document = _all_elements(pdf, "Document")[0]
    document.K.append(pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=document, K=pikepdf.Array(), Pg=pdf.pages[3].obj)))


def _out_of_order(pdf: pikepdf.Pdf) -> None:
    """Two paragraphs change places in the tree, not on the page."""
    parent = next(e for e in _all_elements(pdf, "Sect") + _all_elements(pdf, "Document")
                  if sum(k.get("/S") == "/P" for k in e.K) >= 2)
    kids = list(parent.K)
    first, second = [i for i, k in enumerate(kids) if k.get("/S") == "/P"][:2]
    kids[first], kids[second] = kids[second], kids[first]
    parent.K = pikepdf.Array(kids)


def _header_tagged(pdf: pikepdf.Pdf) -> None:
    """Page 5's running header becomes tagged content: a Span with an MCID of its own."""
    page = pdf.pages[4]
    instructions = pikepdf.parse_content_stream(page)
    index = next(i for i, (operands, operator) in enumerate(instructions)
                 if str(operator) == "BDC" and operands[0] == pikepdf.Name.Artifact)
    entry = ParentTree(pdf)[int(page.StructParents)]
    document = _all_elements(pdf, "Document")[0]
    span = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Span, P=document,
                                                Pg=page.obj, K=len(entry)))
    entry.append(span)
    document.K.append(span)  # the header is painted last: the tree keeps the page's order
    instructions[index] = pikepdf.ContentStreamInstruction(
        [pikepdf.Name.Span, pikepdf.Dictionary(MCID=len(entry) - 1)], pikepdf.Operator("BDC"))
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


# fault: (damage, the own checker's rule or None, the validator's rule or None). Where the
# validator has the rule, the own checker no longer does; each rule the checker gained
# from a fault the validator once found is matched by the validator's rule here too.
FAULTS = {
    "no structure tree": (_no_structure, "parent-tree", "DOC-002"),
    "not marked": (_not_marked, "parent-tree", "DOC-001"),
    "parent tree points elsewhere": (_parent_tree_points_elsewhere, "parent-tree", None),
    "figure without alt text": (_figure_without_alt, None, "FIG-001"),
    "H2 turned into H4": (_skipped_heading, None, "HDG-001"),
    # The data cells still name their (former) header cells in /Headers: outloud's TBL-001
    # accepts that; the own checker's header-scope rule does not.
    "TH turned into TD": (_table_without_headers, "header-scope", None),
    "no /Lang": (_no_lang, None, "DOC-013"),
    "no Title": (_no_title, None, "DOC-010"),
    "font not embedded": (_font_not_embedded, None, "TXT-001"),
    "untagged text": (_untagged_text, None, "TAG-001"),
    "no PDF/UA identifier": (_no_pdfua_identifier, None, "DOC-012"),
    "link moved into a Span": (_link_in_span, "link-elements", "LNK-001"),
    "annotation led to another Link": (_annotation_led_elsewhere, "link-elements", None),
    "LI without LBody": (_item_without_body, "list-items", "LST-002"),
    "empty P": (_empty_paragraph, "no-empty-elements", "TAG-020"),
    "paragraphs out of order": (_out_of_order, "reading-order", None),
    "running header tagged": (_header_tagged, "page-furniture", None),
}


@pytest.fixture(scope="module")
def good(built: Path) -> Path:
    """The report's tagged PDF, which every fault below damages a copy of: it passes both
    the checker and the validator (checked once, not once per fault)."""
    path = _good(built)
    assert failed(path) == set() and validate(path) == []
    return path


def _the_command(*paths: Path) -> subprocess.CompletedProcess:
    """``python -m ppiebook.tagged`` on ``paths``: the validator and the checker, rule by rule."""
    return subprocess.run([sys.executable, "-m", "ppiebook.tagged", *map(str, paths)], capture_output=True, text=True)


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_fails_validator_or_checker(good: Path, tmp_path: Path, fault: str) -> None:
    """The checker in this process; the validator through the command, which reports both
    (one validator run per fault: the report takes about 3 s)."""
    damage, rule, validator_rule = FAULTS[fault]
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(good) as pdf:
        damage(pdf)
        pdf.save(broken)
    if rule:
        assert rule in failed(broken)
    else:
        assert failed(broken) == set()
    result = _the_command(broken)
    assert result.returncode == 1 and f"{broken}: FAIL" in result.stdout
    if rule:
        assert re.search(rf"FAIL\s+{re.escape(rule)}\s", result.stdout)
    if validator_rule:
        assert re.search(rf"FAIL\s+(page \d+: )?outloud {validator_rule} ", result.stdout), result.stdout


def test_the_command_gives_each_file_its_verdict(good: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(good) as pdf:
        _no_title(pdf)
        pdf.save(broken)
    result = _the_command(good, broken)
    assert result.returncode == 1
    assert f"{good}: PASS" in result.stdout and f"{broken}: FAIL" in result.stdout
    assert _the_command(good).returncode == 0


def test_checks_beside_the_validator_find_the_same_faults(built: Path, tmp_path: Path) -> None:
    """After an edit the checker runs in a process beside the validator (builder.verify):
    the faults, and their order, are those of the two run one after the other."""
    good = _good(built)
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(good) as pdf:
        _link_in_span(pdf)
        pdf.save(broken)
    faults = verify(broken, beside=True)
    assert faults == verify(broken, beside=False)
    assert any("outloud LNK-001" in fault for fault in faults)
    assert any(fault.startswith("link-elements: ") for fault in faults)
    assert verify(good, beside=True) == []


def _niceness(pdf: Path) -> list[str]:
    """In the checker's place: the priority of the process it runs in."""
    return [f"niceness {os.nice(0)}"]


def test_the_checker_beside_the_validator_runs_at_a_lower_priority(built: Path, monkeypatch) -> None:
    """The validator ends the build: the checker beside it must not take its core while the
    print edition still runs (builder.verify, CHECKER_NICENESS)."""
    from ppiebook.tagged import builder

    monkeypatch.setattr(builder, "_checker_faults", _niceness)
    monkeypatch.setattr(builder, "validate", lambda pdf: [])
    assert builder.CHECKER_NICENESS >= 5
    assert verify(_good(built), beside=True) == [f"niceness {min(19, os.nice(0) + builder.CHECKER_NICENESS)}"]
