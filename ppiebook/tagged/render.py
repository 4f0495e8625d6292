"""HTML to PDF/UA-1 with WeasyPrint, made to fail loudly and to fetch nothing.

WeasyPrint logs a missing image, a missing alt text or a CSS rule it ignores and carries
on; here every message it logs at warning level or above is collected and fails the
PDF. Only ``file:`` and ``data:`` URLs are opened: fonts and images are project files.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from ppiebook.pdfshared.logs import recording
from ppiebook.tagged.tags import join_split_links, language_and_scope, mark_unlinked_as_artifacts

VARIANT = "pdf/ua-1"


def render_pdf(html: Path, pdf: Path, language: str) -> list[str]:
    """Write ``pdf`` from ``html``; return WeasyPrint's complaints (empty when clean)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    with recording("weasyprint") as records, language_and_scope(language):
        HTML(filename=str(html), url_fetcher=fetcher).write_pdf(str(pdf), pdf_variant=VARIANT)
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        mark_unlinked_as_artifacts(document)
        join_split_links(document)
        document.save(pdf, deterministic_id=True)
    return [record.getMessage() for record in records]
