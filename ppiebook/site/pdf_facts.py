"""Facts about a built PDF that readers want before downloading: pages and size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ppiebook.i18n import _


@dataclass(frozen=True)
class PdfFacts:
    pages: int
    size_bytes: int

    @property
    def size_label(self) -> str:
        """Size as people read it: '840 KB', '1.2 MB' (decimal units, like file managers)."""
        if self.size_bytes >= 1_000_000:
            return _("{size} MB").format(size=f"{self.size_bytes / 1_000_000:.1f}")
        return _("{size} KB").format(size=max(1, round(self.size_bytes / 1000)))

    @property
    def label(self) -> str:
        return self.label_as(_("PDF"))

    def label_as(self, kind: str) -> str:
        """'<kind>, 12 pages, 840 KB'."""
        pages = _("1 page") if self.pages == 1 else _("{count} pages").format(count=self.pages)
        return _("{kind}, {pages}, {size}").format(kind=kind, pages=pages, size=self.size_label)


def read_pdf_facts(path: Path) -> PdfFacts:
    """Count pages and measure size; raises ``pikepdf.PdfError`` if the file is not a PDF."""
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
    return PdfFacts(pages=pages, size_bytes=path.stat().st_size)
