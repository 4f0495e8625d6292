"""What WeasyPrint 70 leaves out of the structure tree, put in.

- ``/Lang`` on elements in another language: WeasyPrint sets the document's language
  only, so a screen reader would read Urdu with an English voice. The HTML says
  ``lang="ur"`` on the passage (ppiebook.language); its element gets ``/Lang (ur)``.
- ``/Scope`` on table header cells: WeasyPrint links data cells to headers by id but
  writes no scope. The HTML's ``scope`` (print template: ``col`` in the table head,
  ``row`` for a header cell in the body) becomes ``/Scope /Column`` or ``/Row``.
- Link descriptions: WeasyPrint describes a link annotation (``/Contents``) by its target
  ("#document-handbook/planning"); it gets the link's own text, which is what a screen
  reader should announce.
- Links broken over two lines: WeasyPrint makes one Link element per line, so a screen
  reader would announce one link as two. Neighbouring Link elements for the same target
  are joined into one, with both annotations (PDF/UA allows several per Link).
- Running headers and page numbers: WeasyPrint marks them as content but links them to
  no element. They are page furniture, so they become ``/Artifact`` (Pagination), which
  screen readers skip, as PDF/UA asks.

The first three are read from the boxes while WeasyPrint builds its tree (a wrapper around
its ``_build_box_tree``, pinned with WeasyPrint 70.0 in requirements.txt); the checker
(check.py) and the tests fail if a later version stops calling it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pikepdf
import pydyf

SCOPES = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}


@contextmanager
def language_and_scope(document_lang: str) -> Iterator[None]:
    """While rendering: /Lang on other-language elements, /Scope on header cells."""
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build(box, *args, **kwargs):  # type: ignore[no-untyped-def]
        element = getattr(box, "element", None)
        own = element is not None and getattr(box, "element_tag", None) not in ("html", "body")
        annotation = getattr(box, "link_annotation", None)
        if own and annotation is not None:
            text = " ".join("".join(element.itertext()).split())
            if text:
                annotation["Contents"] = pydyf.String(text)
        for struct in original(box, *args, **kwargs):
            if own and struct.get("P") is not None:
                lang = element.get("lang")
                if lang and lang.lower() != document_lang.lower() and struct["S"] != "/LI":
                    struct["Lang"] = pydyf.String(lang)
                scope = SCOPES.get((element.get("scope") or "").lower())
                if scope and struct["S"] == "/TH":
                    struct["A"]["Scope"] = scope
            yield struct

    tags._build_box_tree = build  # the function calls itself through this module name
    try:
        yield
    finally:
        tags._build_box_tree = original


def _reachable_mcids(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """(page object number, MCID) of every marked content the structure tree reaches."""
    found: set[tuple[int, int]] = set()
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return found
    stack: list[tuple[pikepdf.Object, pikepdf.Object | None]] = [(root, None)]
    seen: set[tuple[int, int]] = set()
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            page = node.get("/Pg", page)
            if node.get("/Type") == "/MCR":
                if page is not None:
                    found.add((page.objgen[0], int(node.MCID)))
                continue
            kids = node.get("/K")
            if kids is None:
                continue
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                stack.append((kid, page))
        elif isinstance(node, int) and page is not None:
            found.add((page.objgen[0], int(node)))
    return found


def mark_unlinked_as_artifacts(pdf: pikepdf.Pdf) -> int:
    """Turn marked content no structure element reaches into Pagination artifacts."""
    reachable = _reachable_mcids(pdf)
    changed = 0
    for page in pdf.pages:
        instructions = pikepdf.parse_content_stream(page)
        touched = False
        for index, (operands, operator) in enumerate(instructions):
            if str(operator) != "BDC" or len(operands) < 2 or not isinstance(operands[1], pikepdf.Dictionary):
                continue
            mcid = operands[1].get("/MCID")
            if mcid is not None and (page.objgen[0], int(mcid)) not in reachable:
                artifact = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
                instructions[index] = pikepdf.ContentStreamInstruction(
                    [pikepdf.Name.Artifact, artifact], pikepdf.Operator("BDC"))
                touched = True
                changed += 1
        if touched:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return changed


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _target(link: pikepdf.Dictionary) -> str | None:
    """Where a Link element's annotation points (its URI or destination)."""
    for kid in _kids(link):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            annotation = kid.Obj
            action = annotation.get("/A")
            if action is not None and "/URI" in action:
                return "uri:" + str(action.URI)
            if "/Dest" in annotation:
                return "dest:" + str(annotation.Dest)
    return None


def join_split_links(pdf: pikepdf.Pdf) -> int:
    """Join each Link element into the one before it when both are neighbours and go to
    the same place; the parent tree follows (page MCIDs and annotations)."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return 0
    nums = root.ParentTree.Nums
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    page_keys = {page.objgen: int(page.StructParents) for page in pdf.pages if "/StructParents" in page}
    joined = 0
    stack, seen = [root], set()
    while stack:
        parent = stack.pop()
        if parent.is_indirect:
            if parent.objgen in seen:
                continue
            seen.add(parent.objgen)
        kids = _kids(parent)
        kept: list[pikepdf.Object] = []
        for kid in kids:
            previous = kept[-1] if kept else None
            if (isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Link"
                    and isinstance(previous, pikepdf.Dictionary) and previous.get("/S") == "/Link"
                    and _target(kid) is not None and _target(kid) == _target(previous)):
                _move_kids(kid, previous, entries, page_keys)
                joined += 1
                continue
            kept.append(kid)
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)
        if len(kept) != len(kids):
            parent.K = pikepdf.Array(kept)
    return joined


def _move_kids(source: pikepdf.Dictionary, target: pikepdf.Dictionary, entries: dict, page_keys: dict) -> None:
    moved = []
    target_page = target.get("/Pg")
    for kid in _kids(source):
        if isinstance(kid, int):
            page = source.Pg
            entries[page_keys[page.objgen]][int(kid)] = target
            if target_page is None or page.objgen != target_page.objgen:
                kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=int(kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            entries[int(kid.Obj.StructParent)] = target
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            entries[page_keys[kid.Pg.objgen]][int(kid.MCID)] = target
        elif isinstance(kid, pikepdf.Dictionary):
            kid.P = target
        moved.append(kid)
    target.K = pikepdf.Array(_kids(target) + moved)
