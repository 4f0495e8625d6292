"""What the PDF builders drop once written goes by reference counting, without Python's
collector walking it (ppiebook.pdfshared.memory.drop_tree, compat.rst2pdf_converters_let_go):
at 400 pages the collections after each print publication met 1.78 million objects."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

import pytest
from docutils.core import publish_doctree
from rst2pdf.createpdf import RstToPdf

from ppiebook.compat import rst2pdf_converters_let_go
from ppiebook.pdfshared.memory import drop_tree

SOURCE = "Title\n=====\n\nA paragraph with *emphasis* and a list:\n\n- one\n- two\n\nSection\n-------\n\nMore text.\n"


@contextmanager
def no_collections() -> Iterator[None]:
    """Python's collector stopped, after one collection of what is already garbage."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.parametrize("dropped", [True, False])
def test_a_dropped_tree_goes_at_once(dropped: bool) -> None:
    # A copy, as Sphinx's pages are unpickled: the parser's state machines refer to the
    # original's last nodes, from cycles of their own.
    tree = publish_doctree(SOURCE).deepcopy()
    deep = weakref.ref(tree.next_node(lambda node: node.tagname == "emphasis"))
    items = [weakref.ref(item) for item in tree.findall(lambda node: node.tagname == "list_item")]
    found = deep() is not None and len(items) == 2  # (not in an assert: pytest would keep the node)
    assert found
    with no_collections():
        if dropped:
            drop_tree(tree)
        del tree
        gone = [deep() is None] + [item() is None for item in items]
    # Without drop_tree, the nodes' parents keep them in cycles that only a collection frees.
    assert gone == [dropped] * 3


def test_an_rst2pdf_converter_lets_go_once_written() -> None:
    original = RstToPdf.createPdf
    kept, output = RstToPdf(), BytesIO()
    kept.createPdf(text=SOURCE, output=output)
    assert output.getvalue().startswith(b"%PDF") and vars(kept)  # rst2pdf keeps what it made
    with rst2pdf_converters_let_go():
        converter, output = RstToPdf(), BytesIO()
        converter.createPdf(text=SOURCE, output=output)
    assert output.getvalue().startswith(b"%PDF")
    assert vars(converter) == {}
    assert RstToPdf.createPdf is original  # put back on leaving
