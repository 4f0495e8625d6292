"""What Typst 0.15's structure tree needs before the validator reads it.

- Text beside a child element: Typst puts a paragraph's own text straight into its ``P``,
  between the ``Link`` elements inside it (``P: [text, Link, text]``). The PDF allows that,
  but the independent validator (outloud 0.2.1, ORD-001) reads an element's own text
  before its children's, so it takes such paragraphs for painted out of order. Each run
  of own text beside a child element becomes a ``Span`` (a neutral inline group), so
  every reader meets the words in the same order, and the parent tree leads to the Span.

- ``/Suspects false`` in ``/MarkInfo``: the default, written out; poppler (pdfinfo,
  pdftotext) reports it as a syntax error on every run, so it is left to its default.

Nothing here changes what a reader sees; ``tests/test_tagged_typst.py`` checks both.
"""

from __future__ import annotations

import pikepdf


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
    stack = [root]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        if not isinstance(kids, pikepdf.Array):
            if isinstance(kids, pikepdf.Dictionary) and _is_element(kids):
                stack.append(kids)
            continue
        children = [kid for kid in kids if _is_element(kid)]
        stack.extend(children)
        if not children or element is root or all(_mcid(kid) is None for kid in kids):
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
