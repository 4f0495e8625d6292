"""What the structure tree gives a screen reader for one page: elements in reading order,
with their alt text, language, table scope and the text of their marked content.

pikepdf reads the tree; pdfium (pypdfium2, already used for cover thumbnails) decodes
the text of each marked-content id, which needs the fonts' ToUnicode maps.
"""

from __future__ import annotations

import ctypes
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium

from ppiebook.tagged.check import Element, Mark, structure


def text_by_mcid(path: Path, index: int) -> dict[int, str]:
    """The text of each marked-content id on page ``index`` (0-based)."""
    return texts_by_mcid(path, [index])[index]


def texts_by_mcid(path: Path, indices: Iterable[int] | Mapping[int, Collection[int]]
                  ) -> dict[int, dict[int, str]]:
    """The text of each marked-content id on each page of ``indices``, the file opened once.
    Given a mapping (page index -> marked-content ids), only those ids are read: decoding
    every text object was about half the time of reading a 314-page file's link texts."""
    wanted = indices if isinstance(indices, Mapping) else dict.fromkeys(indices)
    document = pypdfium2.PdfDocument(str(path))
    try:
        return {index: _page_texts(document[index], mcids) for index, mcids in wanted.items()}
    finally:
        document.close()


def _page_texts(page: pypdfium2.PdfPage, mcids: Collection[int] | None = None) -> dict[int, str]:
    textpage = page.get_textpage()
    found: dict[int, str] = {}
    for i in range(pdfium.FPDFPage_CountObjects(page.raw)):
        obj = pdfium.FPDFPage_GetObject(page.raw, i)
        if pdfium.FPDFPageObj_GetType(obj) != pdfium.FPDF_PAGEOBJ_TEXT:
            continue
        mcid = pdfium.FPDFPageObj_GetMarkedContentID(obj)
        if mcids is not None and mcid not in mcids:
            continue
        size = pdfium.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium.FPDFTextObj_GetText(obj, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
        text = buffer.raw.decode("utf-16-le").rstrip("\x00")
        found[mcid] = found.get(mcid, "") + text
    return found


def dump_page(path: Path, number: int) -> str:
    """The elements with content on page ``number`` (1-based), indented as nested."""
    with pikepdf.open(path) as pdf:
        page_id = pdf.pages[number - 1].objgen[0]
        tree = structure(pdf)
        texts = text_by_mcid(path, number - 1)
        lines = [f"{path.name}, page {number}: structure tree (reading order)"]

        def on_page(element: Element) -> bool:
            return any((isinstance(k, Mark) and k.page is not None and k.page.objgen[0] == page_id)
                       or (isinstance(k, Element) and on_page(k)) for k in element.kids)

        def show(element: Element, depth: int) -> None:
            if not on_page(element):
                return
            notes = []
            for key in ("/Alt", "/ActualText", "/Lang"):
                if key in element.obj:
                    notes.append(f"{key[1:]}={str(element.obj[key])!r}")
            scope = element.attribute("/Scope")
            if scope is not None:
                notes.append(f"Scope={scope}")
            text = "".join(texts.get(k, "") for k in element.kids
                           if isinstance(k, Mark) and k.page is not None and k.page.objgen[0] == page_id)
            if element.tag == "Link":
                kids = element.obj.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                        note = f"Contents={str(kid.Obj.get('/Contents', ''))!r}"
                        if note not in notes:  # a link broken over two lines has two annotations
                            notes.append(note)
            line = "  " * depth + element.tag + (" " + " ".join(notes) if notes else "")
            if text.strip():
                line += f": {text.strip()!r}"
            lines.append(line)
            for kid in element.kids:
                if isinstance(kid, Element):
                    show(kid, depth + 1)

        for element in tree:
            show(element, 0)
    return "\n".join(lines)
