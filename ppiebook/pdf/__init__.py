"""The PDF builder: rst2pdf plus the project's hardening and metadata.

Registered as the ``sphinx.builders`` entry point ``pdf``, so ``sphinx-build -b pdf``
loads it (and rst2pdf) on demand: HTML builds never import rst2pdf.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ppiebook.events import DERIVE_PDF_DOCUMENTS, STOP_PDF_ON_CYCLES
from ppiebook.pdf.constructs import EmphasisedLines, SeeAlsoBox
from ppiebook.pdf.documents import add_generated_stylesheet, derive_pdf_documents, stamp_all
from ppiebook.pdf.footnotes import PageFootnoteIds
from ppiebook.pdf.frontmatter import FrontMatter
from ppiebook.pdf.guard import PdfBuildError, start_recording, verify_pdfs
from ppiebook.pdf.incremental import JoinedTreeParents, SelectivePdfBuilder, selection_of
from ppiebook.pdf.infographic_pdfs import export_infographics
from ppiebook.pdfshared.components import PrintComponents
from ppiebook.pdfshared.fonts import use_text_fonts_in_svg
from ppiebook.pdfshared.memory import release_read_doctrees
from ppiebook.pdfshared.naming import PRINT
from ppiebook.pdfshared.numbers import CaptionNumbers
from ppiebook.state import project_data


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.name == PRINT:
        use_text_fonts_in_svg()
        add_generated_stylesheet(app)
        start_recording(app)


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == PRINT:
        selection = selection_of(app)
        export_infographics(app, selection)
        verify_pdfs(app)
        stamp_all(app, only=selection.rebuilt("publications"))
        selection.record()


def _stop_on_toctree_cycles(app: Sphinx, env: Any) -> None:
    """rst2pdf follows toctrees in the pages themselves and would recurse for ever."""
    if app.builder.name == PRINT and project_data(env).toctree_cycles:
        raise PdfBuildError("a circular toctree (reported above) must be fixed before the PDFs can be assembled")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("rst2pdf.pdfbuilder")
    # rst2pdf's builder, writing only the publications that changed (incremental.py).
    app.add_builder(SelectivePdfBuilder, override=True)
    app.setup_extension("ppiebook")
    app.connect("config-inited", derive_pdf_documents, priority=DERIVE_PDF_DOCUMENTS)
    app.connect("builder-inited", _on_builder_inited)
    app.add_post_transform(JoinedTreeParents)
    app.add_post_transform(PageFootnoteIds)
    app.add_post_transform(SeeAlsoBox)
    app.add_post_transform(EmphasisedLines)
    app.add_post_transform(CaptionNumbers)
    app.add_post_transform(PrintComponents)
    app.add_post_transform(FrontMatter)
    app.connect("env-updated", _stop_on_toctree_cycles, priority=STOP_PDF_ON_CYCLES)
    app.connect("build-finished", _on_build_finished)
    app.connect("doctree-read", release_read_doctrees)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": False}
