"""Each infographic as a one-page A4 PDF of its own: vector, fonts embedded, with metadata."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sphinx.application import Sphinx
from svglib.svglib import svg2rlg

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.content.infographics.data import Infographic
from ppiebook.content.infographics.directive import drawing, edition_infographics
from ppiebook.i18n.languages import language_tag
from ppiebook.pdf.incremental import RENDERERS
from ppiebook.pdfshared.fonts import use_text_fonts_in_svg
from ppiebook.pdfshared.metadata import infographic_metadata, stamp_metadata
from ppiebook.pdfshared.outputstate import PACKAGE, Selection, code_digest
from ppiebook.pdfshared.pages import INFOGRAPHIC_MARGIN as MARGIN


def draw_page(svg: Path, out: Path) -> None:
    """Scale the picture to fit an A4 page inside the margins, centred at the top."""
    picture = svg2rlg(str(svg))
    width, height = A4
    scale = min((width - 2 * MARGIN) / picture.width, (height - 2 * MARGIN) / picture.height)
    picture.scale(scale, scale)
    page = canvas.Canvas(str(out), pagesize=A4, invariant=1, pageCompression=1)
    x = (width - picture.width * scale) / 2
    y = height - MARGIN - picture.height * scale
    renderPDF.draw(picture, page, x, y)
    page.showPage()
    page.save()


def infographics(app: Sphinx) -> list[Infographic]:
    """The project's infographics, in the language being built."""
    return edition_infographics(app.config, app.srcdir)


def export_infographics(app: Sphinx, selection: Selection) -> None:
    """Draw the infographics whose drawing, metadata or code changed since the last good build.

    The fingerprint is the drawing itself (the SVG every edition shows, in the language
    being built: a changed translation, data file, source title or colour changes it), the
    metadata stamped on the PDF, and the code and renderers that draw and stamp it.
    """
    use_text_fonts_in_svg()
    catalogue = catalogue_of(app)
    language = language_tag(app.config, catalogue)
    code = code_digest([PACKAGE / "content" / "infographics", PACKAGE / "pdf" / "infographic_pdfs.py",
                        PACKAGE / "pdfshared", PACKAGE / "compat.py"], RENDERERS)
    for infographic in infographics(app):
        svg = drawing(infographic, app.config, app.srcdir, catalogue)  # the HTML edition needs it either way
        metadata = infographic_metadata(infographic, catalogue.programme, language)
        digest = hashlib.sha256(code.encode())
        digest.update(svg.read_bytes())
        digest.update(json.dumps(metadata, sort_keys=True).encode())
        out = Path(app.outdir) / infographic.pdf_filename
        if selection.wanted(infographic.pdf_filename, "infographics", digest.hexdigest()):
            draw_page(svg, out)
            stamp_metadata(out, **metadata)
