"""Each infographic as a one-page A4 PDF of its own: vector, fonts embedded, with metadata."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sphinx.application import Sphinx
from svglib.svglib import svg2rlg

from ppiebook.i18n import _, translate_data
from ppiebook.i18n.languages import language_tag
from ppiebook.catalogue.publications import Programme
from ppiebook.catalogue.identity import catalogue_of
from ppiebook.content.infographics.data import Infographic, project_infographics
from ppiebook.content.infographics.directive import svg_for
from ppiebook.pdfshared.fonts import use_text_fonts_in_svg
from ppiebook.pdfshared.outputstate import PACKAGE, code_digest, read_state, unchanged
from ppiebook.pdf.incremental import PART, RENDERERS
from ppiebook.pdfshared.metadata import stamp_metadata

MARGIN = 36  # points


def draw_page(svg: Path, out: Path) -> None:
    """Scale the drawing to fit an A4 page inside the margins, centred at the top."""
    drawing = svg2rlg(str(svg))
    width, height = A4
    scale = min((width - 2 * MARGIN) / drawing.width, (height - 2 * MARGIN) / drawing.height)
    drawing.scale(scale, scale)
    page = canvas.Canvas(str(out), pagesize=A4, invariant=1, pageCompression=1)
    x = (width - drawing.width * scale) / 2
    y = height - MARGIN - drawing.height * scale
    renderPDF.draw(drawing, page, x, y)
    page.showPage()
    page.save()


def infographics(app: Sphinx) -> list[Infographic]:
    return project_infographics(app.srcdir, app.config.ppiebook_infographics)


def infographic_metadata(infographic: Infographic, programme: Programme, language: str = "") -> dict[str, Any]:
    """The metadata of an infographic's PDF (both editions), as ``stamp_metadata`` takes it."""
    status = "complete" if infographic.complete else "draft"
    return dict(
        title=_("{title} (infographic)").format(title=infographic.title),
        authors=[programme.name],
        subject=infographic.subtitle,
        keywords=f"{translate_data(programme.name)}; infographic; {status}",
        language=language or programme.language,
        rights=programme.licence,
    )


def infographic_fingerprint(infographic: Infographic, catalogue, bibfile: Path, code: str) -> str:
    """Its data, the bibliography (the credit line), the programme (colours, name,
    metadata) and the code that draws and stamps it."""
    digest = hashlib.sha256(code.encode())
    digest.update(Path(infographic.path).read_bytes())
    digest.update(bibfile.read_bytes() if bibfile.is_file() else b"")
    digest.update(repr(catalogue.programme).encode())
    return digest.hexdigest()


def export_infographics(app: Sphinx) -> dict[str, str]:
    """Draw the infographics whose inputs changed since the last good build; their fingerprints."""
    use_text_fonts_in_svg()
    catalogue = catalogue_of(app)
    programme = catalogue.programme
    srcdir = Path(app.srcdir)
    outdir = Path(app.outdir)
    state = read_state(outdir, PART)
    fingerprints: dict[str, str] = {}
    rebuilt, skipped = [], []
    code = ""
    for infographic in infographics(app):
        # Only a project with infographics needs (and has) a bibliography for their credit.
        bibfile = srcdir / app.config.bibtex_bibfiles[0]
        code = code or code_digest([PACKAGE / "content" / "infographics", PACKAGE / "pdf" / "infographic_pdfs.py",
                                    PACKAGE / "pdfshared"],
                                   RENDERERS)
        out = outdir / infographic.pdf_filename
        fingerprint = fingerprints[infographic.pdf_filename] = infographic_fingerprint(
            infographic, catalogue, bibfile, code)
        svg = svg_for(infographic, srcdir, catalogue, bibfile)  # the HTML edition needs it either way
        if unchanged(outdir, state, infographic.pdf_filename, fingerprint):
            skipped.append(infographic.pdf_filename)
            continue
        rebuilt.append(infographic.pdf_filename)
        draw_page(svg, out)
        stamp_metadata(out, **infographic_metadata(infographic, programme, language_tag(app.config, catalogue)))
    log = getattr(app.builder, "ppiebook_log", None)
    if log is not None:
        log["infographics"] = {"rebuilt": rebuilt, "skipped": skipped}
    return fingerprints
