"""What WeasyPrint 70 leaves out of the structure tree, put in.

- ``/Lang`` on elements in another language: WeasyPrint sets the document's language
  only, so a screen reader would read Urdu with an English voice. The HTML says
  ``lang="ur"`` on the passage (ppiebook.content.language); its element gets ``/Lang (ur)``.
- ``/Scope`` on table header cells: WeasyPrint links data cells to headers by id but
  writes no scope. The HTML's ``scope`` (print template: ``col`` in the table head,
  ``row`` for a header cell in the body) becomes ``/Scope /Column`` or ``/Row``.
- Link descriptions: WeasyPrint describes a link annotation (``/Contents``) by its target
  ("#document-handbook/planning"); it gets the link's own text, which is what a screen
  reader should announce.
- Links broken over two lines: WeasyPrint makes one Link element per line, so a screen
  reader would announce one link as two. Neighbouring Link elements for the same target
  are joined into one, with both annotations (PDF/UA allows several per Link).
- Replacement text: an element the print HTML marks ``data-actualtext`` (a task list's
  printed box, ppiebook.content.tasklists) gets it as ``/ActualText``, so a screen reader
  says "checked" instead of reading the brackets.
- Formulas: WeasyPrint tags every ``<img>`` as a ``Figure``; a drawn formula (marked
  ``data-pdf-role="Formula"`` by ppiebook.content.formulas) becomes a ``Formula``, its
  TeX source as Alt.
- Running headers and page numbers: WeasyPrint marks them as content but links them to
  no element. They are page furniture, so they become ``/Artifact`` (Pagination), which
  screen readers skip, as PDF/UA asks.
- Link annotations get the Print flag (shown in print as on screen, Matterhorn 28).
- List items: WeasyPrint puts an item's content straight into its ``LI`` and hangs a
  sub-list beside the item in the parent list. Each ``LI`` gets its ``Lbl`` and one
  ``LBody`` holding the content and the sub-list (Matterhorn 16).
- Empty elements (an anchor ``<span id>``, an empty paragraph) are not linked into the
  tree: a screen reader would meet nothing.
- A Figure's layout ``BBox`` is written in PDF points from the page's bottom left, not
  in CSS pixels from the top left.

All but the running headers and the joined links are made as WeasyPrint builds its tree (a wrapper around
its ``_build_box_tree``, pinned with WeasyPrint 70.0 in requirements.txt); the checker
(check.py) and the tests fail if a later version stops calling it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

import pikepdf
import pydyf

from ppiebook.compat import weasyprint_box_tree_wrapped
from ppiebook.tagged.check import MAY_BE_EMPTY, PRINT_FLAG, ParentTree, element_dicts, kids_of

SCOPES = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}


def _object(pdf: pydyf.PDF, reference: bytes) -> pydyf.Dictionary:
    """The object behind a pydyf reference (``b"12 0 R"``)."""
    return pdf.objects[int(reference.split()[0])]


def _is(pdf: pydyf.PDF, kid: object, kind: str) -> bool:
    return isinstance(kid, bytes) and _object(pdf, kid).get("S") == kind


def _empty(struct: pydyf.Dictionary) -> bool:
    return (not struct["K"] and struct["S"].lstrip("/") not in MAY_BE_EMPTY
            and "Alt" not in struct and "ActualText" not in struct)


def _points(bbox: list[float], pdf: pydyf.PDF, page_number: int) -> pydyf.Array:
    """A Figure's layout box in PDF points from the page's bottom left (ISO 32000-1,
    14.8.5.4.3): WeasyPrint writes CSS pixels from the top left, so a picture looked
    nearly twice its size to a checker (outloud TAG-030 took one for a page-sized scan)."""
    height = float(_object(pdf, pdf.page_references[page_number])["MediaBox"][3])
    x1, y1, x2, y2 = (float(value) * 0.75 for value in bbox)  # 72 points per 96 pixels
    return pydyf.Array((x1, height - y2, x2, height - y1))


def _give_body(item: pydyf.Dictionary, pdf: pydyf.PDF, nums: dict) -> None:
    """An ``LI`` holds its label (``Lbl``) and one ``LBody`` with everything else: WeasyPrint
    puts the item's content straight into the ``LI``."""
    kids = list(item["K"])
    bodies = [kid for kid in kids if _is(pdf, kid, "/LBody")]
    if len(bodies) <= 1 and all(kid in bodies or _is(pdf, kid, "/Lbl") for kid in kids):
        return
    labels, content = [], []
    for kid in kids:
        if _is(pdf, kid, "/Lbl"):
            labels.append(kid)
        elif _is(pdf, kid, "/LBody"):  # one it made: its label comes out, the rest joins the body
            for inner in _object(pdf, kid)["K"]:
                (labels if _is(pdf, inner, "/Lbl") else content).append(inner)
        else:
            content.append(kid)
    body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(content),
                             "Pg": item["Pg"], "P": item.reference})
    pdf.add_object(body)
    for kid in content:
        if isinstance(kid, int):
            nums[kid] = body.reference
        else:
            _object(pdf, kid)["P"] = body.reference
    for kid in labels:
        _object(pdf, kid)["P"] = item.reference
    item["K"] = pydyf.Array(labels + ([body.reference] if content else []))


@contextmanager
def language_and_scope(document_lang: str) -> Iterator[None]:
    """While rendering, as WeasyPrint builds each element: /Lang on other-language
    elements, /Scope on header cells, a description and the Print flag on each link
    annotation, ``Lbl`` + ``LBody`` in each list item with its sub-lists inside it, and
    no empty element."""
    repaired: set[int] = set()  # the html and body boxes pass their children's elements on

    def wrap(original):  # type: ignore[no-untyped-def]
        return functools.partial(build, original)

    def build(original, box, parent, pdf, page_number, nums, annotations, marks):  # type: ignore[no-untyped-def]
        element = getattr(box, "element", None)
        own = element is not None and getattr(box, "element_tag", None) not in ("html", "body")
        annotation = getattr(box, "link_annotation", None)
        if own and annotation is not None:
            annotation["F"] = PRINT_FLAG
            text = " ".join("".join(element.itertext()).split())
            if text:
                annotation["Contents"] = pydyf.String(text)
        # A bulleted item's sub-list: WeasyPrint hangs it in the parent list, beside the item.
        siblings = set(parent["K"]) if own and getattr(box, "element_tag", None) == "li" else None
        for struct in original(box, parent, pdf, page_number, nums, annotations, marks):
            if struct.number in repaired:
                yield struct
                continue
            repaired.add(struct.number)
            if own and struct.get("P") is not None:
                lang = element.get("lang")
                if lang and lang.lower() != document_lang.lower() and struct["S"] != "/LI":
                    struct["Lang"] = pydyf.String(lang)
                actual = element.get("data-actualtext")
                if actual:
                    struct["ActualText"] = pydyf.String(actual)
                scope = SCOPES.get((element.get("scope") or "").lower())
                if scope and struct["S"] == "/TH":
                    struct["A"]["Scope"] = scope
            if struct["S"] == "/Figure" and "BBox" in struct.get("A", {}):
                struct["A"]["BBox"] = _points(struct["A"]["BBox"], pdf, page_number)
            if own and struct["S"] == "/Figure" and element.get("data-pdf-role") == "Formula":
                struct["S"] = "/Formula"
            if struct["S"] == "/LI":
                if siblings is not None:
                    sublists = [kid for kid in parent["K"] if kid not in siblings and _is(pdf, kid, "/L")]
                    parent["K"] = pydyf.Array(kid for kid in parent["K"] if kid not in sublists)
                    struct["K"].extend(sublists)
                _give_body(struct, pdf, nums)
            if _empty(struct):
                continue  # never linked into the tree: pikepdf's save leaves it out
            yield struct

    with weasyprint_box_tree_wrapped(wrap):
        yield


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


def _target(link: pikepdf.Dictionary) -> str | None:
    """Where a Link element's annotation points (its URI or destination)."""
    for kid in kids_of(link):
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
    entries = ParentTree(pdf)
    page_keys = {page.objgen: int(page.StructParents) for page in pdf.pages if "/StructParents" in page}
    joined = 0
    for parent in element_dicts(pdf):
        kids = kids_of(parent)
        kept: list[pikepdf.Object] = []
        for kid in kids:
            previous = kept[-1] if kept else None
            if (isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Link"
                    and isinstance(previous, pikepdf.Dictionary) and previous.get("/S") == "/Link"
                    and _target(kid) is not None and _target(kid) == _target(previous)):
                _movekids_of(kid, previous, entries, page_keys)
                joined += 1
                continue
            kept.append(kid)
        if len(kept) != len(kids):
            parent.K = pikepdf.Array(kept)
    return joined


def _movekids_of(source: pikepdf.Dictionary, target: pikepdf.Dictionary, entries: ParentTree,
               page_keys: dict) -> None:
    moved = []
    target_page = target.get("/Pg")
    for kid in kids_of(source):
        if isinstance(kid, int):
            page = source.Pg
            entries[page_keys[page.objgen]][int(kid)] = target
            if target_page is None or page.objgen != target_page.objgen:
                kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=int(kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            entries.point(int(kid.Obj.StructParent), target)  # the annotation's own entry
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            entries[page_keys[kid.Pg.objgen]][int(kid.MCID)] = target
        elif isinstance(kid, pikepdf.Dictionary):
            kid.P = target
        moved.append(kid)
    target.K = pikepdf.Array(kids_of(target) + moved)
