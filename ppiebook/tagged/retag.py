"""What Typst 0.15's structure tree needs before the validator reads it.

- Text beside a child element: Typst puts a paragraph's own text straight into its ``P``,
  between the ``Link`` elements inside it (``P: [text, Link, text]``). The PDF allows that,
  but the independent validator (outloud 0.2.1, ORD-001) reads an element's own text
  before its children's, so it takes such paragraphs for painted out of order. Each run
  of own text beside a child element becomes a ``Span`` (a neutral inline group), so
  every reader meets the words in the same order, and the parent tree leads to the Span.

- Lists in lists: Typst hangs a list written inside an item beside the item, in the
  outer ``L``. It goes into the item's ``LBody``, after the item's own words, where PDF/UA
  wants it (Matterhorn 16; the checker's list-items rule).
- Link descriptions: Typst describes a link annotation (``/Contents``) by its target ("page
  75", or the web address); it gets the link's own words, which is what a screen reader
  should announce, as in the WeasyPrint edition (tags.py).
- Replacement text: a task list's printed box ("[✓]", its item's label here) gets what
  the HTML says a screen reader should say instead (``data-actualtext``: "checked: ") as ``/ActualText``; Typst
  cannot write it. The converter lists the pairs in reading order (typeset.py).
- Row headers: Typst makes header cells of a table's header rows only. A body cell the HTML
  writes as ``th`` (Sphinx's stub column) becomes a ``TH`` with ``/Scope /Row``.
- ``/Suspects false`` in ``/MarkInfo``: the default, written out; poppler (pdfinfo,
  pdftotext) reports it as a syntax error on every run, so it is left to its default.

Nothing here changes what a reader sees; ``tests/test_tagged_typst.py`` checks both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf

from ppiebook.tagged.check import Element, Mark, attribute_dicts, element_dicts, kids_of, structure
from ppiebook.tagged.dump import texts_by_mcid


def _is_element(kid: pikepdf.Object) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR" and "/S" in kid


def _mcid(kid: pikepdf.Object) -> int | None:
    if isinstance(kid, int):
        return int(kid)
    if isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
        return int(kid.MCID)
    return None


def drop_default_suspects(pdf: pikepdf.Pdf) -> None:
    mark = pdf.Root.get("/MarkInfo")
    if mark is not None and "/Suspects" in mark and not bool(mark.Suspects):
        del mark["/Suspects"]


def wrap_mixed_content(pdf: pikepdf.Pdf) -> int:
    """Own text beside child elements into Spans; the number of Spans made."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return 0
    parents = pikepdf.NumberTree(root.ParentTree)
    made = 0
    for element in element_dicts(pdf):
        kids = element.get("/K")
        if not isinstance(kids, pikepdf.Array) or not any(_is_element(kid) for kid in kids) \
                or all(_mcid(kid) is None for kid in kids):
            continue
        grouped: list[pikepdf.Object] = []
        run: list[pikepdf.Object] = []

        def close() -> None:
            nonlocal made
            if not run:
                return
            # A bare MCID is on its element's page (/Pg); a marked-content reference names its own.
            page = element.get("/Pg")
            if page is None:
                page = next((kid.Pg for kid in run if isinstance(kid, pikepdf.Dictionary) and "/Pg" in kid), None)
            span = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Span,
                                                        P=element, K=pikepdf.Array(run)))
            if page is not None:
                span.Pg = page
            for kid in run:
                _repoint(pdf, parents, kid, page, element, span)
            grouped.append(span)
            made += 1
            run.clear()

        for kid in kids:
            if _mcid(kid) is not None:
                run.append(kid)
            else:
                close()
                grouped.append(kid)
        close()
        element.K = pikepdf.Array(grouped)
    return made


def _repoint(pdf: pikepdf.Pdf, parents: pikepdf.NumberTree, kid: pikepdf.Object, page: pikepdf.Object | None,
             old: pikepdf.Dictionary, new: pikepdf.Dictionary) -> None:
    """The parent tree's entry for marked content ``kid`` (on ``page``) now names ``new``."""
    if isinstance(kid, pikepdf.Dictionary) and "/Pg" in kid:
        page = kid.Pg
    if page is None or "/StructParents" not in page:
        return
    entry = parents.get(int(page.StructParents))
    mcid = _mcid(kid)
    if isinstance(entry, pikepdf.Array) and mcid is not None and mcid < len(entry):
        if entry[mcid].objgen == old.objgen:
            entry[mcid] = new


class _Words:
    """The words of structure elements, read from the file as Typst wrote it, each page
    once and only the marked content of ``elements`` (pdfium decodes the text)."""

    def __init__(self, pdf: pikepdf.Pdf, path: Path, elements: list[Element]) -> None:
        self.pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        needed: dict[int, set[int]] = {}
        for element in elements:
            for index, mcid in self._marks_of(element):
                needed.setdefault(index, set()).add(mcid)
        self.texts = texts_by_mcid(path, dict(sorted(needed.items()))) if needed else {}

    def _marks_of(self, element: Element) -> Iterator[tuple[int, int]]:
        """(page index, marked-content id) of each piece of the element's content."""
        for kid in element.kids:
            if isinstance(kid, Mark) and kid.page is not None and kid.page.objgen in self.pages:
                yield self.pages[kid.page.objgen], int(kid)
            elif isinstance(kid, Element):
                yield from self._marks_of(kid)

    def of(self, element: Element) -> str:
        """The element's words, its kids' included, one space between pieces."""
        found = []
        for kid in element.kids:
            if isinstance(kid, Mark) and kid.page is not None and kid.page.objgen in self.pages:
                found.append(self.texts[self.pages[kid.page.objgen]].get(int(kid), ""))
            elif isinstance(kid, Element):
                found.append(self.of(kid))
        return " ".join(part.strip() for part in found if part.strip()).replace("\x02", "")


def _all_of(tree: list[Element], tag: str) -> list[Element]:
    """The elements of type ``tag`` in ``tree`` (check.structure), in reading order."""
    found, stack = [], list(reversed(tree))
    while stack:
        element = stack.pop()
        if element.tag == tag:
            found.append(element)
        stack.extend(reversed([kid for kid in element.kids if isinstance(kid, Element)]))
    return found


def describe_and_replace(pdf: pikepdf.Pdf, path: Path, pairs: list[tuple[str, str]]) -> tuple[int, int]:
    """The two repairs that need the words of elements (read from ``path``, the file as
    Typst wrote it), from one read of the structure tree and of each page: link
    descriptions (:func:`describe_links`) and replacement texts (:func:`replace_texts`).
    Read apart, the tree was read twice and each page holding both kinds decoded twice:
    the handbook's repairs took about 1.5 times as long. The numbers described and given."""
    tree = structure(pdf)
    links = _all_of(tree, "Link")
    labels = _all_of(tree, "Lbl") if pairs else []
    words = _Words(pdf, path, links + labels)
    return describe_links(links, words), replace_texts(labels, words, pairs)


def describe_links(links: list[Element], words: _Words) -> int:
    """Each link annotation's /Contents: the words of its Link element. The number of
    annotations described."""
    described = 0
    for link in links:
        text = words.of(link)
        if not text:
            continue
        for kid in kids_of(link.obj):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                kid.Obj.Contents = pikepdf.String(text)
                described += 1
    return described


def replace_texts(labels: list[Element], words: _Words, pairs: list[tuple[str, str]]) -> int:
    """Give the list labels (Lbl) whose words are each pair's printed text, in reading order,
    the pair's spoken text as /ActualText. The number given."""
    remaining = list(pairs)
    for label in labels:
        if remaining and words.of(label) == remaining[0][0].strip():
            label.obj.ActualText = pikepdf.String(remaining.pop(0)[1])
    return len(pairs) - len(remaining)


def nest_sublists(pdf: pikepdf.Pdf) -> int:
    """Each L that sits straight in an L, into the LBody of the item before it. The number moved."""
    moved = 0
    for element in element_dicts(pdf):
        kids = kids_of(element)
        if element.get("/S") != "/L" or not any(_is_element(k) and k.S == "/L" for k in kids):
            continue
        kept: list[pikepdf.Object] = []
        for kid in kids:
            item = kept[-1] if kept else None
            if _is_element(kid) and kid.S == "/L" and item is not None and _is_element(item) and item.S == "/LI":
                body = next((k for k in kids_of(item) if _is_element(k) and k.S == "/LBody"), None)
                if body is None:
                    body = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody,
                                                                P=item, K=pikepdf.Array()))
                    item.K = pikepdf.Array([*kids_of(item), body])
                body.K = pikepdf.Array([*kids_of(body), kid])
                kid.P = body
                moved += 1
            else:
                kept.append(kid)
        element.K = pikepdf.Array(kept)
    return moved


def mark_row_headers(pdf: pikepdf.Pdf, tables: list[list[bool]]) -> list[str]:
    """Each table's body cells that the converter flagged (``tables``: per table in reading
    order, per body cell) made TH with /Scope /Row. Faults, if the tables do not match."""
    if not any(any(flags) for flags in tables):
        return []
    found = _all_of(structure(pdf), "Table")
    if len(found) != len(tables):
        return [f"row headers: {len(tables)} table(s) in the HTML, {len(found)} in the PDF"]
    faults = []
    for number, (table, flags) in enumerate(zip(found, tables), start=1):
        if not any(flags):
            continue
        rows = [row for section in table.kids if isinstance(section, Element) and section.tag != "THead"
                for row in ([section] if section.tag == "TR" else section.kids)
                if isinstance(row, Element) and row.tag == "TR"]
        cells = [cell for row in rows for cell in row.kids if isinstance(cell, Element) and cell.tag in ("TD", "TH")]
        if len(cells) != len(flags):
            faults.append(f"row headers: table {number} has {len(flags)} body cells in the HTML, "
                          f"{len(cells)} in the PDF")
            continue
        for cell, is_header in zip(cells, flags):
            if is_header:
                cell.obj.S = pikepdf.Name.TH
                cell.obj.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name.Row)
    return faults


def prefix_ids(pdf: pikepdf.Pdf, prefix: str) -> None:
    """Typst numbers element ids per document (a table's cells "U10x0y0"): a part of a
    publication laid out in parts gets its own ``prefix`` (parts.py), in its elements and in
    the header cells they name, so the ids stay unique once the parts are joined. Done with
    the part's repairs and kept with it: after an edit only its part pays for it (half of
    the 400-page benchmark manual's 0.95 s join)."""
    for element in element_dicts(pdf):
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        for owner in attribute_dicts(element):
            if isinstance(owner.get("/Headers"), pikepdf.Array):
                owner.Headers = pikepdf.Array([pikepdf.String(prefix + str(name)) for name in owner.Headers])
