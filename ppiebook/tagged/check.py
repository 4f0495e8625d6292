"""The project's own PDF/UA checks: what the independent validator (validate.py,
outloud) lacks, and a rule for each fault that validator once found in these files, so a
regression names itself even where the validator is not installed.

It reads the structure tree with pikepdf (and the page's painted text with pypdfium2)
and checks, per file, the rules in RULES. Each gives PASS or FAIL with what it found.
The rules the validator covers (tagged content, alt text, heading levels, language,
title, embedded fonts, the PDF/UA identifier) are left to it.

    python -m ppiebook.tagged FILE.pdf...            rule-by-rule results; exit 1 on a fault
    python -m ppiebook.tagged FILE.pdf --dump-page 5 what a screen reader meets on page 5
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

# Elements that may be empty: a table keeps its grid even where a cell has nothing in it.
MAY_BE_EMPTY = {"TD", "TH", "TR", "Table", "THead", "TBody", "TFoot"}
# Annotation flag "Print" (ISO 32000-1, 12.5.3): shown when printed as on screen.
PRINT_FLAG = 4


@dataclass(frozen=True)
class Result:
    rule: str
    passed: bool
    detail: str


class Mark(int):
    """A marked-content kid of an element (its MCID) and the page its content is on: a
    marked-content reference's own /Pg when it has one, else its element's (ISO 32000-1,
    14.7.4.2). WeasyPrint gives each element one page; Typst splits a paragraph over two
    pages with references that name their pages."""

    page: pikepdf.Object | None

    def __new__(cls, mcid: int, page: pikepdf.Object | None) -> Mark:
        mark = super().__new__(cls, mcid)
        mark.page = page
        return mark


@dataclass
class Element:
    """A structure element: type, attributes that matter, MCIDs and kids, in order."""

    tag: str
    obj: pikepdf.Dictionary
    page: pikepdf.Object | None
    kids: list[Element | Mark]

    def elements(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.elements()

    def attribute(self, name: str) -> pikepdf.Object | None:
        return next((entry[name] for entry in attribute_dicts(self.obj) if name in entry), None)


def attribute_dicts(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """The attribute dictionaries of a structure element: its /A, one or an array of them."""
    attributes = element.get("/A")
    entries = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
    return [entry for entry in entries if isinstance(entry, pikepdf.Dictionary)]


def structure(pdf: pikepdf.Pdf) -> list[Element]:
    """The structure tree below StructTreeRoot (no cycles followed)."""
    seen: set[tuple[int, int]] = set()

    def build(node: pikepdf.Object, page: pikepdf.Object | None) -> Element | Mark | None:
        if isinstance(node, int):
            return Mark(int(node), page)
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if node.is_indirect:
            if node.objgen in seen:
                return None
            seen.add(node.objgen)
        if node.get("/Type") == "/MCR":
            return Mark(int(node.MCID), node.get("/Pg", page))
        if node.get("/Type") == "/OBJR":
            return None
        page = node.get("/Pg", page)
        kids = node.get("/K")
        items = kids if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        built = [build(kid, page) for kid in items]
        return Element(str(node.get("/S", "")).lstrip("/"), node, page, [k for k in built if k is not None])

    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return []
    kids = root.get("/K")
    items = kids if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    return [e for e in (build(k, None) for k in items) if isinstance(e, Element)]


def _all(tree: list[Element]) -> Iterator[Element]:
    for element in tree:
        yield from element.elements()


def kids_of(obj: pikepdf.Dictionary) -> list[pikepdf.Object]:
    """A structure element's /K as a list (it may be one kid, an array, or absent)."""
    kids = obj.get("/K")
    return [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def element_dicts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Each structure element once, parents before their kids. An element's kids are read
    when the caller is done with it, so kids it moved in are visited too."""
    def elements_in(kids: list[pikepdf.Object]) -> list[pikepdf.Dictionary]:
        return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]

    root = pdf.Root.get("/StructTreeRoot")
    stack = [] if root is None else elements_in(kids_of(root))
    seen: set[tuple[int, int]] = set()
    while stack:
        element = stack.pop()
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        yield element
        stack.extend(elements_in(kids_of(element)))


class ParentTree:
    """The structure tree root's /ParentTree (a flat /Nums array, as WeasyPrint writes
    it): key -> the element (an annotation's /StructParent) or the array of elements by
    MCID (a page's /StructParents)."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        root = pdf.Root.get("/StructTreeRoot")
        tree = root.get("/ParentTree") if root is not None else None
        self.nums = tree.get("/Nums") if tree is not None else None
        nums = self.nums if self.nums is not None else []
        self.positions = {int(nums[i]): i + 1 for i in range(0, len(nums) - 1, 2)}

    def get(self, key: int) -> pikepdf.Object | None:
        position = self.positions.get(key)
        return None if position is None else self.nums[position]

    def __getitem__(self, key: int) -> pikepdf.Object:
        return self.nums[self.positions[key]]

    def point(self, key: int, element: pikepdf.Dictionary) -> None:
        """Make entry ``key`` lead to ``element`` in the file itself."""
        self.nums[self.positions[key]] = element


# The rules. Each takes the open PDF and its tree and returns (passed, detail).


def rule_parent_tree(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    mark = pdf.Root.get("/MarkInfo")
    marked = mark is not None and bool(mark.get("/Marked", False))
    if "/StructTreeRoot" not in pdf.Root or not tree:
        return False, "no structure tree (StructTreeRoot)"
    if not marked:
        return False, "MarkInfo/Marked is not true"
    wrong = _parent_tree_faults(pdf, tree)
    if wrong:
        return False, f"the parent tree does not lead back from content to its element: {wrong[0]}"
    return True, f"{sum(1 for _ in _all(tree))} structure elements, MarkInfo/Marked true, parent tree agrees"


def _parent_tree_faults(pdf: pikepdf.Pdf, tree: list[Element]) -> list[str]:
    """Content -> element (the parent tree) must agree with element -> content (the tree):
    assistive technology goes from what is on the page to its element through it."""
    entries = ParentTree(pdf)
    if entries.nums is None:
        return ["no ParentTree"]
    numbers = _page_numbers(pdf)
    keys = {page.objgen: int(page.StructParents) for page in pdf.pages if "/StructParents" in page}
    faults = []
    for element in _all(tree):
        for kid in element.kids:
            if not isinstance(kid, Mark) or kid.page is None:
                continue
            page = kid.page.objgen
            array = entries.get(keys.get(page, -1))
            found = array[int(kid)] if isinstance(array, pikepdf.Array) and kid < len(array) else None
            if not isinstance(found, pikepdf.Dictionary) or found.objgen != element.obj.objgen:
                faults.append(f"page {numbers.get(page, '?')}, MCID {kid} ({element.tag})")
    return faults


def rule_header_scope(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    """Stricter than the validator (TBL-001/002 accept a Headers association): every
    header cell says what it heads, so a screen reader announces it with each cell."""
    tables = [e for e in _all(tree) if e.tag == "Table"]
    for number, table in enumerate(tables, 1):
        headers = [e for e in table.elements() if e.tag == "TH"]
        if not headers:
            return False, f"table {number} of {len(tables)} has no header cell (TH)"
        unscoped = [h for h in headers if h.attribute("/Scope") is None]
        if unscoped:
            return False, f"table {number} of {len(tables)}: {len(unscoped)} TH without /Scope"
    return True, f"{len(tables)} table(s), each with TH header cells that have /Scope"


def _page_numbers(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.objgen: number for number, page in enumerate(pdf.pages, 1)}


def rule_links(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    """Matterhorn 28-011/28-008: each link annotation is held (OBJR) by a Link element,
    the one its /StructParent names; it has a description and is printed as shown."""
    entries = ParentTree(pdf)
    holders = {}  # annotation -> the element whose /K holds it (OBJR)
    for element in _all(tree):
        for kid in kids_of(element.obj):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                holders[kid.Obj.objgen] = element
    faults, count = [], 0
    for number, page in enumerate(pdf.pages, 1):
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            count += 1
            parent = entries.get(int(annotation.get("/StructParent", -1)))
            held = holders.get(annotation.objgen)
            if held is None or held.tag != "Link":
                faults.append(f"page {number}: a link is held by {held.tag if held else 'no element'}, "
                              "not a Link element")
            elif not isinstance(parent, pikepdf.Dictionary) or parent.objgen != held.obj.objgen:
                faults.append(f"page {number}: a link's /StructParent leads to another element than its Link")
            elif not str(annotation.get("/Contents", "")).strip():
                faults.append(f"page {number}: a link annotation has no /Contents (description)")
            elif not int(annotation.get("/F", 0)) & PRINT_FLAG:
                faults.append(f"page {number}: a link annotation lacks the Print flag")
    if faults:
        return False, f"{len(faults)} of {count} link(s): " + "; ".join(faults[:3])
    return True, f"{count} link annotation(s), each in a Link element, described and printed"


def _where(numbers: dict[tuple[int, int], int], element: Element) -> str:
    number = numbers.get(element.page.objgen) if element.page is not None else None
    return f"page {number}" if number else "no page"


def rule_lists(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    """Matterhorn 16: a list holds items (LI), an item holds its label (Lbl) and one body
    (LBody); a sub-list sits in its item's body, not beside the item."""
    faults, items, numbers = [], 0, _page_numbers(pdf)
    for element in _all(tree):
        kinds = [kid.tag for kid in element.kids if isinstance(kid, Element)]
        direct = [kid for kid in element.kids if isinstance(kid, Mark)]
        if element.tag == "L":
            stray = sorted({k for k in kinds if k not in ("LI", "Caption")})
            if stray or direct:
                faults.append(f"{_where(numbers, element)}: a list (L) holds {', '.join(stray) or 'content'}")
        elif element.tag == "LI":
            items += 1
            stray = sorted({k for k in kinds if k not in ("Lbl", "LBody")})
            if stray or direct:
                faults.append(f"{_where(numbers, element)}: an item (LI) holds {', '.join(stray) or 'content'} "
                              "beside Lbl and LBody")
            elif kinds.count("LBody") != 1:
                faults.append(f"{_where(numbers, element)}: an item (LI) has {kinds.count('LBody')} LBody")
    if faults:
        return False, f"{len(faults)} fault(s): " + "; ".join(faults[:3])
    return True, f"{items} list item(s), each Lbl + LBody"


def rule_empty(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    """An element with no content, no kids and no /Alt or /ActualText says nothing: a
    screen reader meets an empty paragraph or span."""
    empty = [e for e in _all(tree) if e.tag not in MAY_BE_EMPTY and not kids_of(e.obj)
             and "/Alt" not in e.obj and "/ActualText" not in e.obj]
    if empty:
        numbers = _page_numbers(pdf)
        sample = ", ".join(f"{e.tag} ({_where(numbers, e)})" for e in empty[:3])
        return False, f"{len(empty)} empty element(s): {sample}"
    return True, "no empty element"


def _painted(page: pikepdf.Page) -> list[int]:
    """The MCIDs of a page in the order its content stream paints them."""
    return [int(operands[1].MCID) for operands, operator in pikepdf.parse_content_stream(page, "BDC")
            if len(operands) > 1 and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]]


def rule_reading_order(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    """WCAG 1.3.2: each page paints its tagged content in the order of the structure tree,
    so a reader that follows the page (text selection, reflow, some screen readers)
    meets what a reader that follows the tags meets."""
    logical: dict[tuple[int, int], list[int]] = {}

    def walk(element: Element) -> None:  # content and child elements, in their order
        for kid in element.kids:
            if isinstance(kid, Element):
                walk(kid)
            elif kid.page is not None:
                logical.setdefault(kid.page.objgen, []).append(int(kid))

    for element in tree:
        walk(element)
    wrong = []
    for number, page in enumerate(pdf.pages, 1):
        want = logical.get(page.objgen, [])
        wanted = set(want)
        painted = [mcid for mcid in _painted(page) if mcid in wanted]
        if painted != want:
            first = next((i for i, (a, b) in enumerate(zip(painted, want)) if a != b), min(len(painted), len(want)))
            wrong.append(f"page {number} (from item {first + 1} of {len(want)})")
    if wrong:
        return False, f"{len(wrong)} page(s) paint content out of structure order: " + ", ".join(wrong[:5])
    return True, f"{len(pdf.pages)} page(s) paint their content in structure order"


# Running headers and page numbers sit in the page margins (1.8 cm and 1.6 cm in both
# editions' page styles); no body text comes this close to the top or bottom edge.
FURNITURE_BAND = 40.0  # points


def rule_page_furniture(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    """Matterhorn 18: running headers, footers and page numbers are artifacts: no text
    within FURNITURE_BAND of a page's top or bottom edge is tagged as content."""
    found = [f"page {number}: “{text}”" for number, text in _tagged_text_in_margins(Path(pdf.filename))]
    if found:
        return False, f"{len(found)} line(s) of page furniture tagged as content: " + "; ".join(found[:3])
    return True, f"no text tagged as content within {FURNITURE_BAND:g} pt of a page's top or bottom edge"


def _tagged_text_in_margins(path: Path) -> Iterator[tuple[int, str]]:
    """(page number, text) of each text object within FURNITURE_BAND of the top or bottom
    edge and painted as content (not in an Artifact), read with pdfium. Objects are
    placed first: most are body text, and reading their marks and text is most of the cost."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            height = page.get_height()
            text_page = None
            for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,)):
                _, bottom, _, top = obj.get_bounds()
                if FURNITURE_BAND < top and bottom < height - FURNITURE_BAND:
                    continue
                names = []
                for m in range(raw.FPDFPageObj_CountMarks(obj.raw)):
                    mark = raw.FPDFPageObj_GetMark(obj.raw, m)
                    size = ctypes.c_ulong()
                    name = (ctypes.c_ushort * 64)()
                    raw.FPDFPageObjMark_GetName(mark, name, ctypes.sizeof(name), ctypes.byref(size))
                    names.append(bytes(name)[: max(size.value - 2, 0)].decode("utf-16-le", "replace"))
                if "Artifact" in names or raw.FPDFPageObj_GetMarkedContentID(obj.raw) < 0:
                    continue
                text_page = text_page or page.get_textpage()
                length = raw.FPDFTextObj_GetText(obj.raw, text_page.raw, None, 0)
                buffer = (ctypes.c_ushort * (length // 2 + 1))()
                raw.FPDFTextObj_GetText(obj.raw, text_page.raw, buffer, length)
                text = bytes(buffer)[: max(length - 2, 0)].decode("utf-16-le", "replace").strip()
                if text:
                    yield index + 1, text
    finally:
        document.close()


RULES: dict[str, Callable[[pikepdf.Pdf, list[Element]], tuple[bool, str]]] = {
    "parent-tree": rule_parent_tree,
    "header-scope": rule_header_scope,
    "link-elements": rule_links,
    "list-items": rule_lists,
    "no-empty-elements": rule_empty,
    "reading-order": rule_reading_order,
    "page-furniture": rule_page_furniture,
}


def check_pdf(path: Path) -> list[Result]:
    """Every rule's result for one file (a file pikepdf cannot open fails them all)."""
    try:
        with pikepdf.open(path) as pdf:
            tree = structure(pdf)
            return [Result(name, *rule(pdf, tree)) for name, rule in RULES.items()]
    except pikepdf.PdfError as exc:
        return [Result(name, False, f"cannot read the PDF: {exc}") for name in RULES]
