"""The Typst renderer of the tagged edition, piece by piece: the print HTML as Typst markup
(ppiebook/tagged/typeset.py) keeps every word, stops on what it cannot set, and the repairs
of Typst's structure tree (ppiebook/tagged/retag.py) are what the validator and the
checker need. The whole edition is tested on real builds in test_tagged_pdf.py,
test_tagged_builder.py and the plugin's output tests."""

from __future__ import annotations

import subprocess
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html

from ppiebook.tagged import retag
from ppiebook.tagged.check import check_pdf, structure
from ppiebook.tagged.style import font_folders
from ppiebook.tagged.typeset import Converter, Style, TypesetError
from ppiebook.tagged.validate import validate

STYLE = Style(language="en-GB", primary="#005EB8", accent="#B4330A", subtitle_colour="#333333",
              table_heading="#e8efef", editorial_background="#fff4e8", body_size=12, leading=17,
              sizes={name: (size, size + 5) for name, size in (("heading1", 24), ("heading2", 19), ("heading3", 15.5),
                                                              ("heading4", 13.5), ("title", 30), ("subtitle", 17))},
              margins=("1.8cm", "2cm", "1.6cm", "2cm"), header="A Guide", footer="Page ###Page###",
              fonts=["Atkinson Hyperlegible", "Noto Naskh Arabic"], mono="IBM Plex Mono",
              scripts={"ur": ("Noto Naskh Arabic", True), "pa": ("Noto Sans Gurmukhi", False)})


def converter(body: str, tmp_path: Path) -> Converter:
    root = lxml_html.document_fromstring(f"<html lang='en-GB'><head><title>T</title></head><body>{body}</body></html>")
    return Converter(root, STYLE, tmp_path / "assets", "guide-tagged.pdf")


def compile_body(body: str, tmp_path: Path, repair: bool = True) -> Path:
    """``body`` (print HTML) set on its own, as Typst writes it (and repaired, unless not
    ``repair``), in a folder of ``tmp_path`` of its own."""
    import typst

    tmp_path = tmp_path / ("repaired" if repair else "raw")
    tmp_path.mkdir(parents=True, exist_ok=True)
    made = converter(body, tmp_path)
    source = tmp_path / "doc.typ"
    source.write_text(STYLE.preamble("T", ["Ada"], "a, b")
                      + "".join(made.blocks(made.root.find("body"))), encoding="utf-8")
    pdf = tmp_path / "doc.pdf"
    # In a process of its own: Typst's thread pool, once started in this one, would leave
    # every later forked worker that runs Typst waiting on it for ever (as the builder's do).
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as alone:
        alone.submit(typst.compile, str(source), output=str(pdf), root="/", font_paths=font_folders(),
                     ignore_system_fonts=True, pdf_standards=["ua-1"]).result()
    if repair:
        with pikepdf.open(pdf, allow_overwriting_input=True) as document:
            retag.wrap_mixed_content(document)
            retag.nest_sublists(document)
            assert retag.mark_row_headers(document, made.notes.row_headers) == []
            document.save(pdf)
    return pdf


def words(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_markup_characters_are_printed_as_written(tmp_path: Path) -> None:
    # One short paragraph each, so that no line breaks inside one.
    tricky = ["1. Not a list; #hash *star* _under_ `tick` $5", "<angle> @at [square] = ~tilde",
              "// not a comment /* nor this */", "a+b a-b -- --- ...", "\"straight\" 'single'",
              "https://example.org \\back"]
    escaped = [line.replace("<", "&lt;").replace(">", "&gt;") for line in tricky]
    pdf = compile_body("<h1>Title</h1>" + "".join(f"<p>{line}</p>" for line in escaped), tmp_path)
    assert words(pdf) == " ".join(["Title", *tricky])


def test_an_element_without_words_and_without_a_form_stops_the_conversion(tmp_path: Path) -> None:
    made = converter('<section id="s"><h2>Where</h2><p>Text</p><video src="clip.mp4"></video></section>', tmp_path)
    with pytest.raises(TypesetError, match=r"guide-tagged\.pdf: .*<video.*after the anchor #s"):
        made.blocks(made.root.find("body"))


def test_a_link_to_an_anchor_that_is_not_there_stops_the_conversion(tmp_path: Path) -> None:
    made = converter('<p>See <a class="reference internal" href="#nowhere">there</a>.</p>', tmp_path)
    with pytest.raises(TypesetError, match="a link to #nowhere, which is not in this publication"):
        made.blocks(made.root.find("body"))


def test_an_unknown_element_with_words_keeps_them(tmp_path: Path) -> None:
    pdf = compile_body("<custom-box><p>Kept words</p></custom-box><p>After <mark>marked</mark> it</p>", tmp_path)
    assert words(pdf) == "Kept words After marked it"


def test_passages_take_their_direction_from_the_project_not_typst(tmp_path: Path) -> None:
    made = converter('<div lang="pa"><p>ਜੀ ਆਇਆਂ ਨੂੰ</p></div><div lang="ur" dir="rtl"><p>خوش آمدید</p></div>'
                     '<div lang="he" dir="rtl"><p>ברוכים הבאים</p></div>', tmp_path)
    markup = "".join(made.blocks(made.root.find("body")))
    # Typst reads "pa" as Shahmukhi (right to left); here it is Gurmukhi. Hebrew has no script
    # font here: its direction comes from the project's table of languages.
    assert 'lang: "pa", region: none, dir: ltr' in markup and 'lang: "ur", region: none, dir: rtl' in markup
    assert 'lang: "he", region: none, dir: rtl' in markup


PARAGRAPHS = ('<section id="s"><h1>Heading</h1>'
              + "".join(f'<p>Words before <a href="https://example.org/{n}">a link</a> and words after it, '
                        f'<a href="#s">another</a> and more.</p>' for n in range(3)) + "</section>")


def test_own_text_beside_links_fails_the_validator_until_wrapped_in_spans(tmp_path: Path) -> None:
    raw = compile_body(PARAGRAPHS, tmp_path, repair=False)
    assert "ORD-001" in {finding.rule for finding in validate(raw)}
    repaired = compile_body(PARAGRAPHS, tmp_path)
    assert validate(repaired) == []
    assert [r.rule for r in check_pdf(repaired) if not r.passed] == []
    assert words(repaired) == words(raw)


NESTED = "<ol><li><p>First step</p><ul><li><p>a point inside</p></li></ul></li><li><p>Second step</p></li></ol>"


def test_a_list_inside_an_item_goes_into_the_items_body(tmp_path: Path) -> None:
    raw = compile_body(NESTED, tmp_path, repair=False)
    assert "list-items" in {r.rule for r in check_pdf(raw) if not r.passed}
    repaired = compile_body(NESTED, tmp_path)
    assert [r.rule for r in check_pdf(repaired) if not r.passed] == []
    assert validate(repaired) == []


STUBS = ("<h1>Rates</h1><table><thead><tr>"
         + "".join(f'<th class="head">{name}</th>' for name in ("Activity", "Rate", "Per", "Paid by"))
         + "</tr></thead><tbody>"
         + "".join(f'<tr><th class="stub">{activity}</th><td>£{rate}</td><td>hour</td><td>the project</td></tr>'
                   for activity, rate in (("Meeting", 25), ("Review", 10), ("Interview", 20)))
         + "</tbody></table>")


def test_a_stub_column_is_row_headers(tmp_path: Path) -> None:
    """Sphinx's stub column (``th class="stub"``): Typst makes it data cells, the repair row headers."""
    def cells(pdf: Path) -> list[tuple[str, str | None]]:
        with pikepdf.open(pdf) as document:
            return [(element.tag, element.attribute("/Scope") and str(element.attribute("/Scope")))
                    for top in structure(document) for element in top.elements() if element.tag in ("TH", "TD")]

    head, data, row_header = ("TH", "/Column"), ("TD", None), ("TH", "/Row")
    assert cells(compile_body(STUBS, tmp_path, repair=False)) == [head] * 4 + [data] * 12
    repaired = compile_body(STUBS, tmp_path)
    assert cells(repaired) == [head] * 4 + [row_header, data, data, data] * 3
    assert validate(repaired) == [] and [r.rule for r in check_pdf(repaired) if not r.passed] == []
