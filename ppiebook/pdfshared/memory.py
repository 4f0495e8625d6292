"""What the PDF builders need not keep in memory.

Sphinx keeps every page it reads in this build, live, for ``Builder.write_doc``, which
writes one page at a time. The PDF builders never call it: they assemble publications
from the pickled pages. At 1000 pages those live pages are some hundreds of MB, so each
PDF builder lets each one go as soon as the next is read (connected at ``doctree-read``)
and drops the rest before writing (``compat.release_doctree_caches``).

A publication's assembled tree is written and then dropped. Each node refers to its
parent and its document, so the tree is a web of reference cycles that only Python's
collector frees, by walking every object of it (see :func:`drop_tree`).

Python's full collections walk every object the collector tracks, garbage or not, so each
costs in proportion to all that is alive: the environment, and the assembled tree while a
publication is laid out. Their number grows with the work done, so their cost grows about as
the square of the project. In a process that ends with its build (the build command, see
:func:`end_with_build`), what lives on is set aside from them (:func:`set_aside`). At 1000
pages, clean, the full collections took 24.9 s in the print edition and 14.1 s in the
tagged builder; 13.3 s and 7.4 s after (docs/building.md, "Done, fourteenth"). There none
starts while rst2pdf lays out a publication (:func:`no_full_collections`, "Done, fifteenth").
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from docutils import nodes
from sphinx.application import Sphinx

from ppiebook.compat import release_doctree_caches


def release_read_doctrees(app: Sphinx, _doctree: nodes.document) -> None:
    """At ``doctree-read``: the pages read before this one are on disk; let them go."""
    release_doctree_caches(app.env)


def drop_tree(tree: nodes.document) -> None:
    """Break the reference cycles of ``tree``, which nothing will use again, so that
    reference counting frees it as soon as the last reference goes, without the collector.

    Measured in the print edition at 400 pages: the collections after each publication met
    1.78 million objects of garbage, 2.5 s for the longest publication (docs/building.md).
    Each node forgets its parent, and the document its attributes. A node still refers to
    its document, but the document then refers to nothing, so no cycle is left.
    """
    stack: list[nodes.Node] = [tree]
    while stack:  # not Node.findall: it makes a generator for every node
        node = stack.pop()
        stack.extend(node.children)
        node.parent = None
    vars(tree).clear()  # what refers back to the document: its children, ids, reporter, transformer


# Set by the build command: this process ends with its build, so what is set aside from the
# collector (gc.freeze) need never be collected.
_ENDS_WITH_BUILD = [False]


def end_with_build() -> None:
    """Say that this process ends with its build (the build command does)."""
    _ENDS_WITH_BUILD[0] = True


def set_aside() -> None:
    """Collect the garbage there is, then set every object alive now aside from Python's
    collections, in a process that ends with its build; elsewhere (tests, the live preview)
    nothing, as a set-aside object is never collected. What is set aside and later let go is
    still freed by reference counting: a tree given to :func:`drop_tree`, for one."""
    if _ENDS_WITH_BUILD[0]:
        gc.collect()
        gc.freeze()


@contextmanager
def no_full_collections() -> Iterator[None]:
    """While a publication is laid out, no full collection, in a process that ends with its
    build; elsewhere nothing changes.

    Python starts a full collection after a set number of the middle generation's, each
    walking every object alive. A layout keeps what it has made for the whole publication,
    so each walk costs more as it goes: the number and the cost of each both grow with the
    publication. Garbage of the layout's own cycles waits for the next :func:`set_aside`.
    """
    if not _ENDS_WITH_BUILD[0]:
        yield
        return
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
