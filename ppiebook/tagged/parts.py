"""A long publication laid out by Typst in parts, then joined into one PDF/UA-1 file.

Typst keeps the whole document in memory while it lays it out: about 1.7 GB for the
1116 pages of the benchmark's 1000-page guide, and it does not give that memory back
between documents in one process. So a publication whose body is longer than
``ppiebook_tagged_part_size`` characters of markup is cut before chapters (typeset.py,
:class:`~ppiebook.tagged.typeset.Parts`), and each part is laid out in a process of its
own, one after the other:

1. the body parts, each starting at the page number after the last part's (Typst's input
   ``pp-first-page``); each ends by naming where its labels that other parts link to, and
   the headings the contents lists, are (``<pp-positions>``, read with a query that reuses
   the layout);
2. the front matter, whose contents lists the headings with those page numbers
   (``pp-pages``);
3. the join (pikepdf): the parts' pages after the front's, each part's structure elements
   under the one Document element (their ids made the part's own when it was repaired:
   ``p<N>-`` before each), parent-tree keys shifted, named destinations merged; a link
   into another part (written as an address under
   :data:`~ppiebook.tagged.typeset.ELSEWHERE`) becomes a link to its place; and the
   bookmarks made again as one tree, by heading level.

Each part's structure tree is repaired (render.repair_typst) as soon as Typst has written
it, with the notes of its own chapters: every repair acts inside one chapter's elements
and reads the words of that part's pages. A part whose source, first page, pictures, fonts
and notes, and the repairs' code, did not change since the last build is kept (its
repaired PDF and what was read from it). So an edit lays out and repairs its part again,
and the parts after it only when its number of pages changed. (On the 400-page benchmark's
313-page manual, an edit's repairs took about 2.5 s on the joined file; on the edited
132-page part, 1.3 s.) The joined file is then stamped and checked as a whole, as a file
laid out in one piece is.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path

import pikepdf

from ppiebook.pdfshared.inputs import folders_digest
from ppiebook.pdfshared.metadata import Metadata, stamp
from ppiebook.pdfshared.outputstate import code_digest, sha256_file
from ppiebook.tagged import check, dump, render, retag
from ppiebook.tagged.check import kids_of
from ppiebook.tagged.render import repair_typst, save_compressed, typst_error, typst_options
from ppiebook.tagged.typeset import ELSEWHERE, FROM_CONTENTS, Notes

# Typst places its own link destinations this far above the target (as it does for labels).
ABOVE = 10.0
# The folder, in the tagged edition's environment folder, that keeps the parts' PDFs.
KEPT_PARTS = "tagged-parts"
# The code that repairs a part: a kept part is kept repaired, so a change to it lays out every part again.
REPAIRS = code_digest([Path(module.__file__) for module in (render, retag, dump, check)], ["pikepdf", "pypdfium2"])
# A picture in the markup (typeset.py writes ``image("/its/path", ...)``; text has its quotes escaped).
_PICTURE = re.compile(r'image\(("(?:[^"\\]|\\.)*")')


@dataclass(frozen=True)
class Plan:
    """The Typst sources of a publication in parts (written by the builder) and what the
    join needs from typeset.py's :class:`~ppiebook.tagged.typeset.Parts`."""

    front: Path
    bodies: list[Path]
    headings: list[list[tuple[int, str]]]  # per body part: (level, label) of its headings
    contents: list[str]  # the labels the contents lists
    kept: Path  # where each part's PDF and its record are kept between builds
    front_notes: Notes  # what the repairs need, of the front matter
    body_notes: list[Notes]  # and of each body part


@dataclass
class Laid:
    """One part as laid out: its PDF, Typst's complaints, its number of pages, and where
    its named labels are (label -> page in the part, counted from 1; x; y from the top)."""

    pdf: Path
    faults: list[str]
    pages: int
    positions: dict[str, tuple[int, float, float]]


def render_parts(plan: Plan, pdf: Path, fonts: list[str], metadata: Metadata) -> list[str]:
    """Write ``pdf`` from the parts of ``plan``, each repaired, then joined and stamped with
    ``metadata``; its faults."""
    laid: list[Laid] = []
    first = 1
    fonts_seen = folders_digest(fonts)  # the fonts by path, size and time, as the builder's key
    for number, (body, notes) in enumerate(zip(plan.bodies, plan.body_notes, strict=True), 1):
        part = _lay_out(body, plan.kept / f"{body.stem}.pdf", fonts, fonts_seen, {"pp-first-page": str(first)},
                        notes, body=True, id_prefix=f"p{number}-")
        if not part.pages:
            return part.faults
        laid.append(part)
        first += part.pages
    numbers = _page_numbers(laid)
    missing = [label for label in plan.contents if label not in numbers]
    if missing:
        return [f"the contents lists headings no part placed: {', '.join(missing[:5])}"]
    pages = json.dumps({label: str(numbers[label]) for label in plan.contents}, sort_keys=True)
    front = _lay_out(plan.front, plan.kept / f"{plan.front.stem}.front.pdf", fonts, fonts_seen, {"pp-pages": pages},
                     plan.front_notes, body=False)
    faults = front.faults + [fault for part in laid for fault in part.faults]
    if not front.pages:
        return faults
    return faults + join(front.pdf, laid, plan.headings, pdf, metadata)


def _page_numbers(laid: list[Laid]) -> dict[str, int]:
    """Each label's printed page number in the body (its pages are numbered from 1)."""
    numbers, first = {}, 1
    for part in laid:
        numbers.update({label: first + page - 1 for label, (page, _, _) in part.positions.items()})
        first += part.pages
    return numbers


def _lay_out(source: Path, out: Path, fonts: list[str], fonts_seen: str, inputs: dict[str, str],
             notes: Notes, body: bool, id_prefix: str = "") -> Laid:
    """One part laid out in a process of its own (Typst's memory goes with it) and repaired
    with its ``notes`` (its element ids given ``id_prefix``), or kept from the last build
    when its source, inputs, fonts, notes, id prefix, Typst and the repairs' code are the same.

    A body part is tagged as every Typst PDF is, but not laid out as PDF/UA-1: Typst
    requires a PDF/UA-1 file's first heading to be of level 1, and a part begins with a
    chapter. The front matter is PDF/UA-1, and the joined file has its identifier; the
    whole joined file is what the validator and the checker read."""
    options = typst_options(fonts)
    if body:
        options["pdf_standards"] = []
    markup = source.read_text(encoding="utf-8")
    pictures = [sha256_file(Path(json.loads(path))) for path in _PICTURE.findall(markup)]  # by their bytes
    digest = hashlib.sha256(json.dumps([markup, inputs, options, version("typst"), pictures, fonts_seen,
                                        notes.actual_texts, notes.row_headers, id_prefix, REPAIRS],
                                       sort_keys=True).encode()).hexdigest()
    record = out.with_suffix(".json")
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
        if kept["digest"] == digest and out.is_file():
            return _laid(out, kept)
    except (OSError, ValueError, KeyError):
        pass
    record.unlink(missing_ok=True)
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as alone:
        result = alone.submit(_compile, source, out, inputs, options, body).result()
    if result["pages"]:
        result["faults"] += [f"{source.name}: {fault}" for fault in repair_typst(out, notes, id_prefix=id_prefix)]
        record.write_text(json.dumps({"digest": digest, **result}), encoding="utf-8")
    return _laid(out, result)


def _laid(out: Path, result: dict) -> Laid:
    return Laid(out, result["faults"], result["pages"], {k: tuple(v) for k, v in result["positions"].items()})


def _compile(source: Path, out: Path, inputs: dict[str, str], options: dict, positions: bool) -> dict:
    import typst

    compiler = typst.Compiler(str(source), root=options["root"], font_paths=options["font_paths"],
                              ignore_system_fonts=options["ignore_system_fonts"], sys_inputs=inputs)
    try:
        _, warnings = compiler.compile_with_warnings(output=str(out), pdf_standards=options["pdf_standards"],
                                                     timestamp=options["timestamp"])
    except typst.TypstError as error:
        out.unlink(missing_ok=True)
        return {"faults": [f"{source.name}: {typst_error(error)}"], "pages": 0, "positions": {}}
    found = {}
    if positions:  # the layout is memoised: this query costs milliseconds
        value = json.loads(compiler.query("<pp-positions>", field="value", one=True))
        found = {label: (int(where["page"]), _points(where["x"]), _points(where["y"]))
                 for label, where in value.items()}
    with pikepdf.open(out) as pdf:
        pages = len(pdf.pages)
    return {"faults": [f"Typst: {warning.message}" for warning in warnings], "pages": pages, "positions": found}


def _points(length: str) -> float:
    if not length.endswith("pt"):
        raise ValueError(f"a position in {length!r}, not in points")
    return float(length[:-2])


def _document(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    kids = pdf.Root.StructTreeRoot.K
    return kids[0] if isinstance(kids, pikepdf.Array) else kids


def _outline_items(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The bookmarks in order, depth first."""
    found: list[pikepdf.Dictionary] = []

    def walk(item: pikepdf.Object | None) -> None:
        while item is not None:
            found.append(item)
            walk(item.get("/First"))
            item = item.get("/Next")

    outlines = pdf.Root.get("/Outlines")
    if outlines is not None:
        walk(outlines.get("/First"))
    return found


class _Joined:
    """The front matter's PDF, open, with what the parts are joined into: its Document
    element, its parent tree (one flat /Nums array, as Typst writes it: pikepdf's
    NumberTree would make a tree of /Kids as it grows, as valid, but the project's checker
    reads /Nums), its ID tree and named destinations; and, from the parts, where each
    label is and the bookmarks by heading level."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf, root = pdf, pdf.Root.StructTreeRoot
        self.document = _document(pdf)
        if not isinstance(self.document.K, pikepdf.Array):
            self.document.K = pikepdf.Array([self.document.K])
        self.parents = [(int(key), value) for key, value in pikepdf.NumberTree(root.ParentTree).items()]
        if "/IDTree" not in root:
            root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array()))
        self.ids = pikepdf.NameTree(root.IDTree)
        names = pdf.Root.get("/Names")
        if names is None:
            names = pdf.Root.Names = pikepdf.Dictionary()
        if "/Dests" not in names:
            names.Dests = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array()))
        self.dests = pikepdf.NameTree(names.Dests)
        self.places: dict[str, tuple[pikepdf.Page, float, float]] = {}
        self.bookmarks: list[tuple[int, str, pikepdf.Object]] = []

    def add(self, part: pikepdf.Pdf, laid: Laid, levels: list[tuple[int, str]], number: int) -> list[str]:
        """Append ``part`` (``laid``); the faults found."""
        joined, root, proot = self.pdf, self.pdf.Root.StructTreeRoot, part.Root.StructTreeRoot
        offset, start = int(root.ParentTreeNextKey), len(joined.pages)
        with warnings.catch_warnings():  # named destinations are merged below
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            joined.pages.extend(part.pages)
        for page in joined.pages[start:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        for kid in kids_of(joined.copy_foreign(_document(part))):
            if isinstance(kid, pikepdf.Dictionary):
                kid.P = self.document
            self.document.K.append(kid)
        self.parents += [(int(key) + offset, joined.copy_foreign(value))
                         for key, value in pikepdf.NumberTree(proot.ParentTree).items()]
        root.ParentTreeNextKey = offset + int(proot.ParentTreeNextKey)
        if "/IDTree" in proot:
            for name, element in pikepdf.NameTree(proot.IDTree).items():
                self.ids[name] = joined.copy_foreign(element)
        if "/RoleMap" in proot and "/RoleMap" not in root:
            root.RoleMap = pikepdf.Dictionary()
        for role, standard in proot.get("/RoleMap", {}).items():
            root.RoleMap[role] = standard
        part_names = part.Root.get("/Names")
        if part_names is not None and "/Dests" in part_names:
            for name, value in pikepdf.NameTree(part_names.Dests).items():
                self.dests[name] = joined.copy_foreign(value)
        items = _outline_items(part)
        self.bookmarks += [(level, str(item.Title), joined.copy_foreign(item.Dest))
                           for (level, _), item in zip(levels, items, strict=False)]
        self.places.update({label: (joined.pages[start + page - 1], x, y)
                            for label, (page, x, y) in laid.positions.items()})
        if len(items) != len(levels):
            return [f"part {number}: {len(items)} bookmark(s) for {len(levels)} heading(s)"]
        return []

    def close(self) -> None:
        """The parent tree written back, as one /Nums array in key order."""
        self.pdf.Root.StructTreeRoot.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(
            Nums=pikepdf.Array([item for key, value in sorted(self.parents, key=lambda entry: entry[0])
                                for item in (key, value)])))


def join(front: Path, parts: list[Laid], headings: list[list[tuple[int, str]]], out: Path,
         metadata: Metadata) -> list[str]:
    """Write ``out``: the front matter's PDF, then each part's, stamped with ``metadata`` (in
    the same save: about 0.4 s on the 400-page benchmark's manual); the faults found joining."""
    faults: list[str] = []
    with pikepdf.open(front) as pdf:
        joined = _Joined(pdf)
        for number, (laid, levels) in enumerate(zip(parts, headings, strict=True), 1):
            with pikepdf.open(laid.pdf) as part:
                faults += joined.add(part, laid, levels, number)
        joined.close()
        faults += _link_across(pdf, joined.places)
        _bookmark(pdf, joined.bookmarks)
        stamp(pdf, **metadata)
        save_compressed(pdf, out)
    return faults


def _link_across(joined: pikepdf.Pdf, places: dict[str, tuple[pikepdf.Page, float, float]]) -> list[str]:
    """Each link into another part becomes a link to its place, as Typst writes its own."""
    faults = []
    for page in joined.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
            if not uri.startswith(ELSEWHERE):
                continue
            label = uri[len(FROM_CONTENTS if uri.startswith(FROM_CONTENTS) else ELSEWHERE):]
            if label not in places:
                faults.append(f"a link to #{label}, which no part placed")
                continue
            target, x, y = places[label]
            height = float(target.mediabox[3])
            annotation.Dest = pikepdf.Array([target.obj, pikepdf.Name.XYZ, x, height - y + ABOVE, 0])
            del annotation["/A"]
    return faults


def _bookmark(joined: pikepdf.Pdf, bookmarks: list[tuple[int, str, pikepdf.Object]]) -> None:
    """One bookmark tree for the whole publication, nested by heading level."""
    with joined.open_outline() as outline:
        outline.root.clear()
        stack: list[tuple[int, pikepdf.OutlineItem]] = []
        for level, title, destination in bookmarks:
            item = pikepdf.OutlineItem(title, destination)
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][1].children if stack else outline.root).append(item)
            stack.append((level, item))
