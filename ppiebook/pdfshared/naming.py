"""File names of the tagged editions: ``<pdf name>-tagged.pdf`` beside the rst2pdf file."""

from __future__ import annotations

SUFFIX = "-tagged"


def tagged_filename(pdf_filename: str) -> str:
    """'report.pdf' -> 'report-tagged.pdf'."""
    return pdf_filename.removesuffix(".pdf") + f"{SUFFIX}.pdf"
