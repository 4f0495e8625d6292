"""The tagged PDF builder (``-b taggedpdf``) on a tiny project: structure that follows the
sources, links inside the file, and a build that stops, located, on a fault."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pikepdf
import pytest

from ppiebook.tagged.builder import TaggedPdfBuildError
from ppiebook.tagged.check import check_pdf, structure
from ppiebook.tagged.dump import texts_by_mcid
from ppiebook.tagged.validate import validate

PDF = "tagged-guide-tagged.pdf"

pytestmark = pytest.mark.sphinx("taggedpdf", testroot="tagged")


def tags(path: Path) -> list[tuple[str, dict[str, str]]]:
    """(tag, notable attributes) of every structure element, in document order."""
    found = []
    with pikepdf.open(path) as pdf:
        stack = structure(pdf)
        while stack:
            element = stack.pop(0)
            attrs = {k: str(element.obj[k]) for k in ("/Alt", "/Lang") if k in element.obj}
            if element.attribute("/Scope") is not None:
                attrs["/Scope"] = str(element.attribute("/Scope"))
            found.append((element.tag, attrs))
            stack[0:0] = [kid for kid in element.kids if not isinstance(kid, int)]
    return found


def test_structure_follows_the_sources(app) -> None:
    app.build()
    path = Path(app.outdir) / PDF
    assert [r.rule for r in check_pdf(path) if not r.passed] == []
    assert [str(finding) for finding in validate(path)] == []
    found = tags(path)
    # Each item: its label (a bullet or number; the contents page has none) and one body
    # (the validator's LST-002, the checker's list-items).
    with pikepdf.open(path) as pdf:
        items = [[k.tag for k in e.kids if not isinstance(k, int)] for top in structure(pdf) for e in top.elements() if e.tag == "LI"]
        assert ["Lbl", "LBody"] in items and all(kinds in (["Lbl", "LBody"], ["LBody"]) for kinds in items)
    headings = [tag for tag, _ in found if re.fullmatch(r"H\d", tag)]
    # Cover title H1, six imprint headings H2, contents H2; root page H1, chapters H2, section H3.
    assert headings == ["H1"] + ["H2"] * 6 + ["H2"] + ["H1", "H2", "H2", "H3"]
    assert ("Figure", {"/Alt": "A teal square with the word Square in it"}) in found
    # Chapter one's table heads its columns; chapter two's its columns and its rows (a stub column).
    assert [attrs["/Scope"] for tag, attrs in found if tag == "TH"] == ["/Column"] * 5 + ["/Row"] * 3
    assert sum(tag == "TD" for tag, _ in found) == 4 + 6
    assert [tag for tag, _ in found].count("LI") >= 2
    assert any(attrs.get("/Lang") == "ur" for _, attrs in found)
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]) == "The Tagged Guide"
        assert str(pdf.docinfo["/Author"]) == "Ada Author"
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        # The links between chapters stay inside the file; none points at a file on this machine.
        assert links and all("/Dest" in a or not str(a.A.URI).startswith("file:") for a in links)
        assert sum("/Dest" in a for a in links) >= 2
        # Each link is described by its own text, not by its target.
        assert {"the second chapter", "its section"} <= {str(a.get("/Contents")) for a in links}



def test_the_text_of_chosen_marked_content_is_the_text_a_whole_page_read_gives(app) -> None:
    """The repairs ask for the marked content of some elements only (retag._Words): they
    get the same text as from reading every text object, and nothing else."""
    app.build()
    path = Path(app.outdir) / PDF
    with pikepdf.open(path) as pdf:
        pages = range(len(pdf.pages))
    whole = texts_by_mcid(path, pages)
    chosen = {index: set(list(texts)[::2]) for index, texts in whole.items() if texts}
    assert sum(map(len, chosen.values())) >= 10  # enough to mean something
    found = texts_by_mcid(path, chosen)
    assert found == {index: {mcid: whole[index][mcid] for mcid in mcids} for index, mcids in chosen.items()}

@pytest.mark.sphinx("taggedpdf", testroot="tagged", confoverrides={"ppiebook_tagged_renderer": "weasyprint"})
def test_a_fault_stops_the_build_and_names_pdf_rule_and_entry(app, monkeypatch) -> None:
    """Without the tag repairs (as if WeasyPrint stopped calling the hook), the checker
    finds header cells without scope, the validator list items without a body, and the
    build fails, naming the PDF, the page, the rule and the publications.yaml line."""
    from ppiebook.tagged import render

    monkeypatch.setattr(render, "language_and_scope", lambda language: contextlib.nullcontext())
    with pytest.raises(TaggedPdfBuildError, match="problem"):
        app.build()
    warnings = app.warning.getvalue()
    assert re.search(rf"publications\.yaml:\d+: WARNING: {PDF}: header-scope: table 1 of 2", warnings)
    assert re.search(rf"publications\.yaml:\d+: WARNING: {PDF}: page \d+: outloud LST-002 \(warning\)", warnings)


@pytest.mark.sphinx("taggedpdf", testroot="tagged", confoverrides={"ppiebook_tagged_renderer": "typst"})
def test_without_the_typst_repairs_the_build_stops_and_names_pdf_rule_and_entry(app, monkeypatch) -> None:
    """Typst's file as it writes it: the nested list beside its item fails the checker and the
    validator, and the build stops, naming the PDF, the page, the rule and the catalogue line."""
    from ppiebook.tagged import render

    monkeypatch.setattr(render, "nest_sublists", lambda pdf: 0)
    with pytest.raises(TaggedPdfBuildError, match="problem"):
        app.build()
    warnings = app.warning.getvalue()
    assert re.search(rf"publications\.yaml:\d+: WARNING: {PDF}: list-items: 1 fault\(s\)", warnings), warnings


def test_an_unknown_renderer_stops_the_build(rootdir: Path, tmp_path: Path) -> None:
    """A misspelt ppiebook_tagged_renderer names the setting and the choices, and builds nothing."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "taggedpdf", "-D",
                             "ppiebook_tagged_renderer=typset", str(rootdir / "test-tagged"), str(tmp_path / "out"),
                             "-d", str(tmp_path / "doctrees")], capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "ppiebook_tagged_renderer is 'typset': it must be one of 'typst', 'weasyprint'" in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))


@pytest.mark.sphinx("taggedpdf", testroot="tagged", confoverrides={"ppiebook_tagged_renderer": "typst"})
def test_a_large_projects_workers_come_from_a_server_and_get_the_builds_epoch(app, monkeypatch) -> None:
    """Workers forked from multiprocessing's fork server (a large project) make a PDF that
    passes both checks, dated by the builder's SOURCE_DATE_EPOCH: the server keeps the
    environment it started with, so the epoch is handed to each worker."""
    from ppiebook.tagged import builder

    monkeypatch.setattr(builder, "LARGE_PROJECT", 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")  # 2009-02-13 23:31:30 UTC
    app.build()
    path = Path(app.outdir) / PDF
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20090213233130")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # 2001-09-09
    path.unlink()
    (Path(app.outdir) / ".ppiebook-pdf-state.json").unlink(missing_ok=True)
    app.build(force_all=True)
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20010909")
