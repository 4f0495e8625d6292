"""HTML to PDF/UA-1 with WeasyPrint, made to fail loudly and to fetch nothing.

WeasyPrint logs a missing image, a missing alt text or a CSS rule it ignores and carries
on; here every message it logs at warning level or above is collected and fails the
PDF. Only ``file:`` and ``data:`` URLs are opened: fonts and images are project files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pikepdf

from ppiebook.tagged.tags import join_split_links, language_and_scope, mark_unlinked_as_artifacts

VARIANT = "pdf/ua-1"


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def recording() -> Iterator[list[str]]:
    """WeasyPrint's complaints while rendering (its own logger would only print them)."""
    logger = logging.getLogger("weasyprint")
    recorder = _Recorder()
    saved = logger.handlers[:], logger.propagate
    logger.handlers[:] = [recorder]
    logger.propagate = False
    try:
        yield recorder.messages
    finally:
        logger.handlers[:], logger.propagate = saved


def render_pdf(html: Path, pdf: Path, language: str) -> list[str]:
    """Write ``pdf`` from ``html``; return WeasyPrint's complaints (empty when clean)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    with recording() as messages, language_and_scope(language):
        HTML(filename=str(html), url_fetcher=fetcher).write_pdf(str(pdf), pdf_variant=VARIANT)
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        mark_unlinked_as_artifacts(document)
        join_split_links(document)
        document.save(pdf, deterministic_id=True)
    return messages
