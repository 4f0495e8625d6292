"""Reading facts out of built PDFs for the tests: fonts, page geometry, word boxes."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf

BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
    "Times-BoldItalic", "Symbol", "ZapfDingbats",
}


def _fonts_in(resources: pikepdf.Dictionary, seen: set) -> Iterator[pikepdf.Dictionary]:
    fonts = resources.get("/Font", {})
    for font in fonts.values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts_in(xobject.Resources, seen)


def fonts(path: Path) -> list[tuple[str, bool]]:
    """(base font name, embedded?) for every font any page uses."""
    found, seen = [], set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in _fonts_in(page.Resources, seen):
                name = str(font.get("/BaseFont", "?")).lstrip("/")
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                found.append((name, embedded))
    return found


def raster_images(path: Path) -> int:
    count = 0
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for xobject in page.Resources.get("/XObject", {}).values():
                count += xobject.get("/Subtype") == "/Image"
    return count


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def word_boxes(path: Path) -> Iterator[tuple[int, float, float, tuple[float, float, float, float], str]]:
    """(page number, page width, page height, word box, word) for every word, from poppler."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for number, (width, height, body) in enumerate(_PAGE.findall(html), 1):
        for x0, y0, x1, y1, word in _WORD.findall(body):
            yield number, float(width), float(height), (float(x0), float(y0), float(x1), float(y1)), word


def text(path: Path) -> str:
    """The text of every page, whitespace collapsed (pypdf)."""
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
