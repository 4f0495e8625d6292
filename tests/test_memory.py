"""What the PDF builders drop once written goes by reference counting, without Python's
collector walking it (ppiebook.pdfshared.memory.drop_tree, compat.rst2pdf_converters_let_go):
at 400 pages the collections after each print publication met 1.78 million objects."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
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


def test_what_lives_on_is_set_aside_only_in_a_process_that_ends_with_its_build() -> None:
    # In a process of its own: what is set aside stays so (and is never collected).
    script = textwrap.dedent("""
        import gc, weakref
        from ppiebook.pdfshared import memory

        class Node:
            pass

        memory.set_aside()  # a test or the live preview: nothing set aside
        before = gc.get_freeze_count()
        garbage = Node()
        garbage.me = garbage  # a cycle: only a collection frees it
        gone = weakref.ref(garbage)
        del garbage
        memory.end_with_build()
        memory.set_aside()
        print(before, gc.get_freeze_count() > 1000, gone() is None)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    # Garbage is collected first, not set aside for ever.
    assert done.stdout.split() == ["0", "True", "True"]


@pytest.mark.sphinx("pdf", testroot="publications")
def test_the_print_builder_sets_aside_the_environment_then_each_tree(app, monkeypatch: pytest.MonkeyPatch) -> None:
    from ppiebook.pdf import incremental

    seen: list[str] = []
    assemble = incremental.SelectivePdfBuilder.assemble_doctree

    def assembling(builder, docname, *args, **kwargs):
        seen.append(docname)
        return assemble(builder, docname, *args, **kwargs)

    def set_aside() -> None:
        seen.append(f"set aside, {len(app.env.all_docs)} pages read")

    @contextmanager
    def no_full_collections():
        seen.append("no full collections")
        yield
        seen.append("full collections again")

    monkeypatch.setattr(incremental, "set_aside", set_aside)
    monkeypatch.setattr(incremental, "no_full_collections", no_full_collections)
    monkeypatch.setattr(incremental.SelectivePdfBuilder, "assemble_doctree", assembling)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    aside = f"set aside, {len(app.env.all_docs)} pages read"
    roots = [entry[0] for entry in app.builder.all_document_data]
    assert len(roots) >= 2
    # Once every page is read; then each publication's tree once assembled, before rst2pdf
    # lays it out (its write() takes the assembled tree: the second call), without full
    # collections while it does.
    assert seen == [aside] + [step for root in roots
                              for step in (root, aside, "no full collections", root, "full collections again")]


def test_no_full_collections_while_laid_out_only_in_a_process_that_ends_with_its_build() -> None:
    script = textwrap.dedent("""
        import gc
        from ppiebook.pdfshared import memory

        gc.set_threshold(100, 2, 2)  # a full collection every few hundred objects

        def full_collections_while_making_cycles() -> int:
            before = gc.get_stats()[2]["collections"]
            kept = []
            for _ in range(300_000):
                node = {}
                node["me"] = node
                kept.append(node)  # alive, as a layout's own objects are
            return gc.get_stats()[2]["collections"] - before

        with memory.no_full_collections():  # a test or the live preview: as ever
            elsewhere = full_collections_while_making_cycles()
        memory.end_with_build()
        with memory.no_full_collections():
            inside = full_collections_while_making_cycles()
        after = full_collections_while_making_cycles()
        print(elsewhere > 0, inside, after > 0, gc.get_threshold())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "0", "True", "(100,", "2,", "2)"]


@pytest.mark.sphinx("taggedpdf", testroot="publications")
def test_the_tagged_builder_sets_aside_the_environment_once_read(app, monkeypatch: pytest.MonkeyPatch) -> None:
    from ppiebook.tagged import builder

    seen: list[str] = []
    html = builder.TaggedPdfBuilder.publication_html

    def making(self, publication):
        seen.append(publication.id)
        return html(self, publication)

    monkeypatch.setattr(builder, "set_aside", lambda: seen.append(f"set aside, {len(app.env.all_docs)} pages read"))
    monkeypatch.setattr(builder.TaggedPdfBuilder, "publication_html", making)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert len(seen) >= 3 and seen[0] == f"set aside, {len(app.env.all_docs)} pages read"
    assert not any(step.startswith("set aside") for step in seen[1:])
