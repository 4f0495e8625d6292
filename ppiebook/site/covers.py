"""Thumbnails of each PDF's first page, for the download cards on the website."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

WIDTH = 240  # pixels; shown at half size, sharp on high-density phone screens


def render_cover(pdf: Path, png: Path, width: int = WIDTH) -> tuple[int, int]:
    """Render page 1 of ``pdf`` to ``png`` (only when the PDF is newer); return its size."""
    if not png.is_file() or png.stat().st_mtime < pdf.stat().st_mtime:
        png.parent.mkdir(parents=True, exist_ok=True)
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            page = document[0]
            image = page.render(scale=width / page.get_width()).to_pil()
            image.save(png, optimize=True)
        finally:
            document.close()
    from PIL import Image

    with Image.open(png) as image:
        return image.size
