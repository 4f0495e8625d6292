"""Sphinx's own blocks in the tagged edition: the root with every element (pdf-elements)
builds, passes the PDF/UA validator the build runs, and keeps each block's structure."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from ppiebook.tagged.check import structure

pytestmark = pytest.mark.sphinx("taggedpdf", testroot="pdf-elements")


def test_hlist_is_one_list_not_a_table_and_design_blocks_print_open(app) -> None:
    app.build()  # the builder fails on any validator error (a list laid out as a headless table was one)
    pdf = Path(app.outdir) / "elements-tagged.pdf"
    assert pdf.is_file()
    with pikepdf.open(pdf) as document:
        tags = []
        stack = structure(document)
        while stack:
            element = stack.pop(0)
            tags.append((element.tag, sum(1 for kid in element.kids if not isinstance(kid, int)
                                          and kid.tag == "LI")))
            stack[0:0] = [kid for kid in element.kids if not isinstance(kid, int)]
    # The four hlist items are one list of four, not two lists in a table's cells.
    assert ("L", 4) in tags, tags
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    for expected in ("See also The handbook", "A sidebar Text in the sidebar",
                     # sphinx-book-theme's margin notes and full-width content (content/margins.py)
                     "A margin note Text in the margin", "An untitled margin note", "A paragraph across the full width",
                     "A quote that stands out",
                     "A dropdown title Hidden text of the dropdown", "First tab Text of the first tab",
                     "Second tab Text of the second tab", "Card one Text of card one", "Toggled text",
                     # Figure and table numbers, as the website and {numref} give them.
                     "Fig. 1 The caption of the figure", "Table 1 A small table", "See Fig. 1 and Table 1."):
        assert expected.replace("'", "’") in text or expected in text, expected
