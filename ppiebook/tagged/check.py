"""A PDF/UA checker for the rules that matter most to screen-reader users.

Not veraPDF (none is available here): it reads the structure tree with pikepdf and
checks, per file, the rules below. Each gives PASS or FAIL with what it found.

    python -m ppiebook.tagged FILE.pdf...            rule-by-rule results; exit 1 on a fault
    python -m ppiebook.tagged FILE.pdf --dump-page 5 what a screen reader meets on page 5
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

SHOW_TEXT = {"Tj", "TJ", "'", '"'}
# Operators that paint lines, shapes and shadings; inline images (BI).
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI"}


@dataclass(frozen=True)
class Result:
    rule: str
    passed: bool
    detail: str


@dataclass
class Element:
    """A structure element: type, attributes that matter, MCIDs and kids, in order."""

    tag: str
    obj: pikepdf.Dictionary
    page: pikepdf.Object | None
    kids: list[Element | int]

    def elements(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.elements()

    def attribute(self, name: str) -> pikepdf.Object | None:
        attributes = self.obj.get("/A")
        for entry in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(entry, pikepdf.Dictionary) and name in entry:
                return entry[name]
        return None


def structure(pdf: pikepdf.Pdf) -> list[Element]:
    """The structure tree below StructTreeRoot (no cycles followed)."""
    seen: set[tuple[int, int]] = set()

    def build(node: pikepdf.Object, page: pikepdf.Object | None) -> Element | int | None:
        if isinstance(node, int):
            return int(node)
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if node.is_indirect:
            if node.objgen in seen:
                return None
            seen.add(node.objgen)
        if node.get("/Type") == "/MCR":
            return int(node.MCID)
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


def _mcids(tree: list[Element]) -> set[tuple[int, int]]:
    """(page object number, MCID) reached from the tree."""
    found = set()
    for element in _all(tree):
        for kid in element.kids:
            if isinstance(kid, int) and element.page is not None:
                found.add((element.page.objgen[0], kid))
    return found


# The rules. Each takes the open PDF and its tree and returns (passed, detail).


def rule_structure(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
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
    parent_tree = pdf.Root.StructTreeRoot.get("/ParentTree")
    nums = parent_tree.get("/Nums") if parent_tree is not None else None
    if nums is None:
        return ["no ParentTree"]
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    numbers = {page.objgen: index + 1 for index, page in enumerate(pdf.pages)}
    keys = {page.objgen: int(page.StructParents) for page in pdf.pages if "/StructParents" in page}
    faults = []
    for element in _all(tree):
        for kid in element.kids:
            if not isinstance(kid, int) or element.page is None:
                continue
            page = element.page.objgen
            array = entries.get(keys.get(page, -1))
            found = array[kid] if isinstance(array, pikepdf.Array) and kid < len(array) else None
            if not isinstance(found, pikepdf.Dictionary) or found.objgen != element.obj.objgen:
                faults.append(f"page {numbers.get(page, '?')}, MCID {kid} ({element.tag})")
    return faults


def _content_faults(pdf: pikepdf.Pdf, reached: set[tuple[int, int]]) -> Iterator[str]:
    """Text, pictures or drawing outside marked content the tree reaches (or an Artifact)."""
    for number, page in enumerate(pdf.pages, 1):
        stack: list[tuple[str, int | None]] = []  # (tag, MCID) of open marked content
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0]).lstrip("/")
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                stack.append((tag, None if mcid is None else int(mcid)))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in SHOW_TEXT or op == "Do" or op in PAINT:
                if any(tag == "Artifact" for tag, _ in stack):
                    continue
                mcid = next((m for _, m in reversed(stack) if m is not None), None)
                what = ("text" if op in SHOW_TEXT else f"object {operands[0]}" if op == "Do"
                        else f"drawing ({op})")
                if mcid is None:
                    yield f"page {number}: {what} outside any tagged content"
                elif (page.objgen[0], mcid) not in reached:
                    yield f"page {number}: {what} in MCID {mcid}, which no structure element reaches"


def rule_tagged_content(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    faults = list(_content_faults(pdf, _mcids(tree)))
    if faults:
        more = f" (and {len(faults) - 3} more)" if len(faults) > 3 else ""
        return False, "; ".join(faults[:3]) + more
    return True, f"all text, images and drawing on {len(pdf.pages)} page(s) are tagged or artifacts"


def rule_figures(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    figures = [e for e in _all(tree) if e.tag == "Figure"]
    missing = [e for e in figures if not str(e.obj.get("/Alt", "")).strip()
               and not str(e.obj.get("/ActualText", "")).strip()]
    if missing:
        return False, f"{len(missing)} of {len(figures)} Figure element(s) have no /Alt or /ActualText"
    return True, f"{len(figures)} Figure element(s), each with alt text"


def rule_headings(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    levels = [int(e.tag[1]) for e in _all(tree) if re.fullmatch(r"H[1-6]", e.tag)]
    previous = 0
    for index, level in enumerate(levels):
        if level > previous + 1:
            where = "the first heading" if index == 0 else f"heading {index + 1}"
            return False, f"{where} is H{level} after H{previous or '(none)'}: a level is skipped"
        previous = level
    return True, f"{len(levels)} heading(s), none skips a level"


def rule_tables(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    tables = [e for e in _all(tree) if e.tag == "Table"]
    for number, table in enumerate(tables, 1):
        headers = [e for e in table.elements() if e.tag == "TH"]
        if not headers:
            return False, f"table {number} of {len(tables)} has no header cell (TH)"
        unscoped = [h for h in headers if h.attribute("/Scope") is None]
        if unscoped:
            return False, f"table {number} of {len(tables)}: {len(unscoped)} TH without /Scope"
    return True, f"{len(tables)} table(s), each with TH header cells that have /Scope"


def rule_language(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    lang = str(pdf.Root.get("/Lang", "")).strip()
    if not lang:
        return False, "no /Lang in the document catalog"
    others = sorted({str(e.obj.Lang) for e in _all(tree) if "/Lang" in e.obj})
    return True, f"/Lang {lang}" + (f"; passages in {', '.join(others)}" if others else "")


def rule_title(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.trailer.get("/Info") is not None else ""
    xmp_title = str(pdf.open_metadata().get("dc:title", "") or "").strip()
    prefs = pdf.Root.get("/ViewerPreferences")
    shown = prefs is not None and bool(prefs.get("/DisplayDocTitle", False))
    if not (title or xmp_title):
        return False, "no Title in the document information or XMP metadata"
    if not shown:
        return False, "ViewerPreferences/DisplayDocTitle is not true: viewers show the file name"
    return True, f"title “{title or xmp_title}”, shown as the window title"


def _fonts(resources: pikepdf.Dictionary, seen: set) -> Iterator[pikepdf.Dictionary]:
    for font in resources.get("/Font", {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
            if "/Resources" in font:  # Type 3 glyphs may use fonts of their own
                yield from _fonts(font.Resources, seen)
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts(xobject.Resources, seen)


def rule_fonts(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    seen: set = set()
    names, missing = [], []
    for page in pdf.pages:
        for font in _fonts(page.Resources, seen):
            name = str(font.get("/BaseFont", font.get("/Name", "?"))).lstrip("/")
            names.append(name)
            if font.get("/Subtype") == "/Type3":
                continue  # glyphs drawn by the file itself: nothing to embed
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(name)
    if missing:
        return False, f"not embedded: {', '.join(missing)}"
    families = sorted({n.split("+")[-1] for n in names})
    return True, f"{len(names)} font(s), all embedded: {', '.join(families)}"


def rule_identifier(pdf: pikepdf.Pdf, tree: list[Element]) -> tuple[bool, str]:
    raw = pdf.Root.get("/Metadata")
    xmp = raw.read_bytes().decode("utf-8", "replace") if raw is not None else ""
    match = re.search(r"pdfuaid:part(?:=\"|>)\s*(\d+)", xmp)
    if not match:
        return False, "no PDF/UA identifier (pdfuaid:part) in the XMP metadata"
    if match[1] != "1":
        return False, f"pdfuaid:part is {match[1]}, not 1"
    return True, "XMP says pdfuaid:part 1 (PDF/UA-1)"


RULES: dict[str, Callable[[pikepdf.Pdf, list[Element]], tuple[bool, str]]] = {
    "structure-tree": rule_structure,
    "tagged-content": rule_tagged_content,
    "figure-alt-text": rule_figures,
    "heading-levels": rule_headings,
    "table-headers": rule_tables,
    "document-language": rule_language,
    "title": rule_title,
    "fonts-embedded": rule_fonts,
    "pdfua-identifier": rule_identifier,
}


def check_pdf(path: Path) -> list[Result]:
    """Every rule's result for one file (a file pikepdf cannot open fails them all)."""
    try:
        with pikepdf.open(path) as pdf:
            tree = structure(pdf)
            return [Result(name, *rule(pdf, tree)) for name, rule in RULES.items()]
    except pikepdf.PdfError as exc:
        return [Result(name, False, f"cannot read the PDF: {exc}") for name in RULES]
