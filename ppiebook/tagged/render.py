"""To PDF/UA-1: Typst's markup with Typst (render_typst), or the HTML with WeasyPrint
(render_pdf), made to fail loudly and to fetch nothing.

Typst's errors and warnings, and every message WeasyPrint logs at warning level or above
(a missing image, a missing alt text, a CSS rule it ignores: it would carry on), are
collected and fail the PDF. Typst reads fonts only from the project's folders; WeasyPrint
opens only ``file:`` and ``data:`` URLs: fonts and images are project files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf

from ppiebook.pdfshared.logs import recording
from ppiebook.pdfshared.metadata import Metadata, stamp
from ppiebook.tagged.retag import (
    describe_and_replace,
    drop_default_suspects,
    mark_row_headers,
    nest_sublists,
    prefix_ids,
    wrap_mixed_content,
)
from ppiebook.tagged.tags import join_split_links, language_and_scope, mark_unlinked_as_artifacts
from ppiebook.tagged.typeset import Notes

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


def render_typst(source: Path, pdf: Path, fonts: list[str], notes: Notes, metadata: Metadata) -> list[str]:
    """Write ``pdf`` from Typst ``source`` as PDF/UA-1, repaired and stamped with ``metadata``;
    return Typst's errors and warnings (empty when clean). Fonts come from ``fonts`` only,
    never from the system, and the timestamp from SOURCE_DATE_EPOCH, so the same source
    gives the same bytes."""
    import typst  # on demand, as WeasyPrint: only the tagged build loads it

    try:
        _, warnings = typst.compile_with_warnings(str(source), output=str(pdf), **typst_options(fonts))
    except typst.TypstError as error:
        pdf.unlink(missing_ok=True)
        return [typst_error(error)]
    return [f"Typst: {warning.message}" for warning in warnings] + repair_typst(pdf, notes, metadata)


def typst_options(fonts: list[str]) -> dict:
    """How every Typst document of the tagged edition is compiled (see render_typst)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return {"root": "/", "font_paths": fonts, "ignore_system_fonts": True, "pdf_standards": ["ua-1"],
            "timestamp": int(epoch) if epoch and epoch.isdigit() else None}


def typst_error(error: Exception) -> str:
    return f"Typst: {error.message}" + "".join(f" ({hint})" for hint in error.hints)


def repair_typst(pdf: Path, notes: Notes, metadata: Metadata | None = None, id_prefix: str = "") -> list[str]:
    """Repair the structure tree of Typst's ``pdf`` in place (retag.py), and stamp it with
    ``metadata`` when given (in the same save: about 0.1 s on the handbook); its faults.
    ``id_prefix``: put before each element id (a part to be joined, retag.prefix_ids)."""
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        wrap_mixed_content(document)
        nest_sublists(document)
        _, given = describe_and_replace(document, pdf, notes.actual_texts)
        faults = mark_row_headers(document, notes.row_headers)
        drop_default_suspects(document)
        if id_prefix:
            prefix_ids(document, id_prefix)
        if metadata is not None:
            stamp(document, **metadata)
        save_compressed(document, pdf)
    return faults + [f"no element for the replacement text {spoken!r} of {printed!r}"
                     for printed, spoken in notes.actual_texts[given:]]


def save_compressed(document: pikepdf.Pdf, pdf: Path) -> None:
    """Save a Typst file after its last change. Typst writes each of its thousands of
    structure elements as a plain object; in compressed object streams the handbook is
    430 KB instead of 1.2 MB."""
    document.save(pdf, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
