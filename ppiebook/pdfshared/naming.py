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

#: Emitted by the tagged builder once every tagged PDF it makes is written and stamped, none
#: with a fault, while the checks run: the build command builds the site meanwhile, as the
#: site reads only their pages and sizes (ppiebook.commands.build.build_pdf).
TAGGED_WRITTEN = "ppiebook-tagged-pdfs-written"
