"""The PDF editions' builder names, and the tagged edition's file names (``<pdf name>-tagged.pdf``)."""

from __future__ import annotations

SUFFIX = "-tagged"


def tagged_filename(pdf_filename: str) -> str:
    """'report.pdf' -> 'report-tagged.pdf'."""
    return pdf_filename.removesuffix(".pdf") + f"{SUFFIX}.pdf"

#: The builders of the two PDF editions: rst2pdf's print edition and the tagged PDF/UA-1 one.
PRINT = "pdf"
TAGGED = "taggedpdf"
EDITIONS = (PRINT, TAGGED)
