"""Each infographic as a one-page A4 PDF of its own: vector, fonts embedded, with metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sphinx.application import Sphinx
from svglib.svglib import svg2rlg

from ..catalogue import Programme
from ..identity import catalogue_of
from ..infographics.data import Infographic, project_infographics
from ..infographics.directive import svg_for
from ..fonts import use_text_fonts_in_svg
from .metadata import stamp_metadata

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


def infographic_metadata(infographic: Infographic, programme: Programme) -> dict[str, Any]:
    """The metadata of an infographic's PDF (both editions), as ``stamp_metadata`` takes it."""
    status = "complete" if infographic.complete else "draft"
    return dict(
        title=f"{infographic.title} (infographic)",
        authors=[programme.name],
        subject=infographic.subtitle,
        keywords=f"{programme.name}; infographic; {status}",
        language=programme.language,
        rights=programme.licence,
    )


def export_infographics(app: Sphinx) -> None:
    use_text_fonts_in_svg()
    catalogue = catalogue_of(app)
    programme = catalogue.programme
    srcdir = Path(app.srcdir)
    for infographic in infographics(app):
        out = Path(app.outdir) / infographic.pdf_filename
        draw_page(svg_for(infographic, srcdir, catalogue, srcdir / app.config.bibtex_bibfiles[0]), out)
        stamp_metadata(out, **infographic_metadata(infographic, programme))
