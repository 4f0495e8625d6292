"""Make rst2pdf's silent failures loud.

rst2pdf catches its own exceptions and logs them to its own logger ("rst2pdf"), which
Sphinx's ``-W`` never sees: a 0-byte PDF, dropped content ("Unkn. node") and a failed
document all end in "build succeeded". This module listens to that logger during the
build and inspects every expected file afterwards.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pikepdf
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging as sphinx_logging

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.config import TYPE, Kind
from ppiebook.pdf.infographic_pdfs import infographics
from ppiebook.pdfshared.logs import Recorder
from ppiebook.pdfshared.naming import tagged_filename
from ppiebook.state import build_state

logger = sphinx_logging.getLogger(__name__)

_NEAR = re.compile(r"near line (?P<line>\d+|UNKNOWN) in file (?P<file>[^\])]+)")


class PdfBuildError(SphinxError):
    category = "PDF build failed"


def _location(message: str) -> str | None:
    """'file:line' from rst2pdf's "near line N in file F", for Sphinx to print as is."""
    match = _NEAR.search(message)
    if not match or match["file"] == "UNKNOWN":
        return None
    return match["file"] if match["line"] == "UNKNOWN" else f"{match['file']}:{match['line']}"


_QUOTED = re.compile(r"'(?P<target>[^'\n]+)'\s*$")


def _place(app: Sphinx, record: logging.LogRecord, message: str) -> tuple[str, str | None]:
    """Where a complaint that names no file points: the line of the publication's pages that
    holds the name it quotes (``format not resolved ... for '/url'``: the link's target), or
    else the publication's entry in the catalogue; and what to add to the message."""
    context = getattr(record, "ppiebook_context", None)
    if not context:
        return "", None
    root, docnames = context
    quoted = _QUOTED.search(message)
    if quoted:
        for docname in [root, *(name for name in docnames if name != root)]:
            path = Path(app.env.doc2path(docname))
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError:
                continue
            for number, line in enumerate(lines, start=1):
                if quoted["target"] in line:
                    return "", f"{path}:{number}"
    catalogue = catalogue_of(app)
    for publication in catalogue.publications:
        if publication.root == root:
            return (f" (rst2pdf did not say where; while writing publication '{publication.id}', "
                    f"from {app.env.doc2path(root)})", catalogue.location(publication))
    return "", f"{app.env.doc2path(root)}"


def describe(record: logging.LogRecord, app: Sphinx | None = None) -> tuple[str, str | None]:
    """An author-facing sentence for one rst2pdf log record, and where it points.

    rst2pdf gives a place ("near line N in file F") for some complaints only; for the others
    (e.g. a link it cannot resolve, "format not resolved ... '/url'"), with ``app``, the
    place is looked for in the publication being written (:func:`_place`)."""
    message = record.getMessage()
    if message.startswith("Unkn. node"):
        node = message.split(":", 1)[1].split("[", 1)[0].strip()
        text = f"rst2pdf cannot render '{node}': this content would be missing from the PDF"
    elif record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        text = f"rst2pdf failed: {message}: {type(exc).__name__}: {exc}"
    else:
        text = f"rst2pdf: {message}"
    location = _location(message)
    if location is None and app is not None:
        where, location = _place(app, record, text)
        text += where
    return text, location


def start_recording(app: Sphinx) -> None:
    """Listen to rst2pdf, and remove PDFs this project no longer makes.

    The PDFs it does make stay until the builder decides: one whose inputs did not change
    is kept (incremental.py checks it is byte for byte the one it recorded), any other
    is removed before it is written, so a stale file can never pass. The tagged editions
    of the same publications and infographics stay too: the tagged builder, which runs
    next into this folder, decides on them the same way."""
    recorder = build_state(app).rst2pdf_recorder = Recorder("rst2pdf")
    recorder.attach()
    catalogue = catalogue_of(app)
    expected = {p.pdf_filename for p in catalogue.publications} | {i.pdf_filename for i in infographics(app)}
    expected |= {tagged_filename(name) for name in expected}
    for stale in Path(app.outdir).glob("*.pdf"):
        if stale.name not in expected:
            stale.unlink()


def stop_recording(app: Sphinx) -> list[logging.LogRecord]:
    recorder = build_state(app).rst2pdf_recorder
    return recorder.detach() if recorder is not None else []


def inspect_pdf(path: Path) -> str | None:
    """Why this file is not a good PDF, or None when it is."""
    if not path.is_file():
        return "was not written"
    data = path.read_bytes()
    if not data:
        return "is empty (0 bytes)"
    headers = len(re.findall(rb"%PDF-\d\.\d", data))
    if headers != 1:
        # rst2pdf writes whole documents twice into one file, e.g. with ###Total###.
        return f"holds {headers} PDF documents in one file (expected 1)"
    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) == 0:
                return "has no pages"
    except pikepdf.PdfError as exc:
        return f"cannot be read as a PDF ({exc})"
    return None


def verify_pdfs(app: Sphinx) -> None:
    """Report every rst2pdf complaint and every bad output; fail the build if there was any."""
    reported: set[tuple[str, str | None]] = set()
    for record in stop_recording(app):
        text, location = describe(record, app)
        if (text, location) not in reported:  # rst2pdf repeats itself
            reported.add((text, location))
            logger.warning(text, location=location, type=TYPE, subtype=Kind.RST2PDF)
    problems = len(reported)
    catalogue = catalogue_of(app)
    expected = [(f"publication '{p.id}'", p.pdf_filename, catalogue.location(p)) for p in catalogue.publications]
    expected += [(f"infographic '{i.id}'", i.pdf_filename, str(i.path)) for i in infographics(app)]
    for what, filename, location in expected:
        fault = inspect_pdf(Path(app.outdir) / filename)
        if fault:
            logger.warning("%s: %s %s", what, filename, fault, location=location, type=TYPE, subtype=Kind.PDF)
            problems += 1
    if problems:
        raise PdfBuildError(f"{problems} problem(s) with the PDFs, listed above; no PDF was published")
