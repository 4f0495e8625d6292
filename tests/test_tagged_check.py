"""The project's own checker reads structure trees as the PDF standard writes them, not
only as WeasyPrint does: the independent validator passed a file the checker failed."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from ppiebook.tagged.check import rule_parent_tree, rule_reading_order, structure


def paragraph_over_two_pages(path: Path, second_page_named: bool) -> None:
    """One P element whose content starts on page 1 (MCID 0) and ends on page 2 (MCID 1),
    as Typst writes a paragraph broken over a page: the second part is a marked-content
    reference naming its page (ISO 32000-1, 14.7.4.2)."""
    pdf = pikepdf.new()
    for number, mcid in ((1, 0), (2, 1)):
        pdf.add_blank_page(page_size=(200, 200))
        page = pdf.pages[-1]
        content = f"/P <</MCID {mcid}>> BDC BT /F1 12 Tf 20 100 Td (part {number}) Tj ET EMC"
        page.obj.Contents = pdf.make_stream(content.encode())
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
        page.obj.StructParents = number - 1
    first, second = pdf.pages[0].obj, pdf.pages[1].obj
    reference = pikepdf.Dictionary(Type=pikepdf.Name.MCR, MCID=1)
    if second_page_named:
        reference.Pg = second
    element = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, Pg=first,
                                                   K=pikepdf.Array([0, reference])))
    root = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([element]),
        ParentTree=pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array([element]),
                                                          1, pikepdf.Array([None, element])]))))
    element.P = root
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.save(path)


def test_content_on_the_page_its_reference_names(tmp_path: Path) -> None:
    path = tmp_path / "split.pdf"
    paragraph_over_two_pages(path, second_page_named=True)
    with pikepdf.open(path) as pdf:
        tree = structure(pdf)
        marks = tree[0].kids
        assert [int(mark) for mark in marks] == [0, 1]
        assert [mark.page.objgen for mark in marks] == [pdf.pages[0].objgen, pdf.pages[1].objgen]
        assert rule_parent_tree(pdf, tree)[0], rule_parent_tree(pdf, tree)[1]
        assert rule_reading_order(pdf, tree)[0], rule_reading_order(pdf, tree)[1]


def test_a_reference_without_a_page_is_on_its_elements_page(tmp_path: Path) -> None:
    """Here MCID 1 is sought on page 1, where nothing has it: both rules fail, naming it."""
    path = tmp_path / "unnamed.pdf"
    paragraph_over_two_pages(path, second_page_named=False)
    with pikepdf.open(path) as pdf:
        tree = structure(pdf)
        passed, detail = rule_parent_tree(pdf, tree)
        assert not passed and "page 1, MCID 1 (P)" in detail
        passed, detail = rule_reading_order(pdf, tree)
        assert not passed and "page 1" in detail
