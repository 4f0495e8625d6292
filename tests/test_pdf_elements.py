"""Every content element has a real PDF rendering (tiny root: tests/roots/test-pdf-elements)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

# One PDF build of the root, shared by the module's tests (the first builds it).
pytestmark = [pytest.mark.sphinx("pdf", testroot="pdf-elements"),
              pytest.mark.test_params(shared_result="pdf-elements")]


@pytest.fixture
def elements_pdf(app) -> Path:
    app.build()  # the guard raises on any rst2pdf warning, unknown node or bad file
    assert "WARNING" not in app.warning.getvalue()
    return Path(app.outdir) / "elements.pdf"


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_every_element_is_there(elements_pdf: Path) -> None:
    text = " ".join(page_texts(elements_pdf))
    for expected in ["The footnote's own text", "Test Standards for Involvement", "Note A note for the reader",
                     "Tip A useful tip", "Warning A warning to heed",
                     "Editorial note: to be supplied Something the authors still have to supply",
                     "The caption of the figure", "Its definition", "a nested point",
                     "A quotation from a published source", 'print("code in the mono font")',
                     "Column 9 heading", "Row 70", "Patient and public involvement and engagement",
                     "See also The handbook's chapter on planning", "Fourth item", "A sidebar Text in the sidebar",
                     # sphinx-book-theme's margin notes and full-width content (content/margins.py)
                     "Emphasised: lines 2–3.",  # :emphasize-lines:, which rst2pdf does not shade
                     "A margin note Text in the margin", "An untitled margin note", "A paragraph across the full width",
                     "A quote that stands out",
                     # sphinx-design and sphinx-togglebutton, printed open (pdfshared/components.py)
                     "A dropdown title Hidden text of the dropdown", "First tab Text of the first tab",
                     "Second tab Text of the second tab", "Card one Text of card one", "A badge here",
                     "A button link", "Toggled text"]:
        assert expected.replace("'", "’") in text or expected in text, expected


def test_sphinx_blocks_are_titled_as_on_the_website(elements_pdf: Path) -> None:
    # rst2pdf titled {seealso} by its node's name.
    assert "Seealso" not in " ".join(page_texts(elements_pdf))


def test_numbers_as_the_website_gives_them(elements_pdf: Path) -> None:
    text = " ".join(page_texts(elements_pdf))
    for expected in ("Fig. 1 The caption of the figure", "Table 1 A small table", "See Fig. 1 and Table 1."):
        assert expected in text, expected


def test_table_header_repeats_on_every_page(elements_pdf: Path) -> None:
    pages = [text for text in page_texts(elements_pdf) if "Item number" in text]
    assert len(pages) >= 3
    assert all("Number Description More" in text for text in pages)


def test_nothing_outside_the_page_and_svg_stays_vector(elements_pdf: Path, pdfcheck) -> None:
    for page, width, height, (x0, y0, x1, y1), word in pdfcheck.word_boxes(elements_pdf):
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, (page, word)
    assert pdfcheck.raster_images(elements_pdf) == 0
    assert all(embedded for _, embedded in pdfcheck.fonts(elements_pdf))
