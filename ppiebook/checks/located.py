"""Every message names a file and a line: Sphinx's own that do not, placed while a page is read.

Nodes that another extension made with a source but no line (sphinx-design's card images)
get the nearest line up the tree as the page is read, so that Sphinx's own warnings about
them ("image file not readable") print "page.md:12", not "page.md::".

Sphinx says "unknown role name: external:ref" (and "unknown directive name: ...") with no
location, though it says it while reading a page. This filter, on that logger only
(:func:`ppiebook.compat.unlocated_sphinx_logger`), gives such a record the page being read
and the line that writes ``{name}``. Other packages' messages that name no file are filed by
``make check`` under "other build problems" (ppiebook.checks.sphinx_warnings), with no line.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ppiebook.compat import unlocated_sphinx_logger
from ppiebook.events import PLACE_NODES

_NAMED = re.compile(r"^unknown (?:role|directive) name: (?P<name>\S+)$")


class _PlaceWhileReading(logging.Filter):
    app: Sphinx | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        app = self.app
        if app is None or getattr(record, "location", None) or record.levelno < logging.WARNING:
            return True
        docname = app.env.docname if app.env is not None else ""
        if not docname:
            return True
        line = None
        named = _NAMED.match(record.getMessage())
        if named:
            line = _line_naming(app, docname, named["name"])
        record.location = (docname, line)  # Sphinx prints the page's file, and the line if found
        return True


def _line_naming(app: Sphinx, docname: str, name: str) -> int | None:
    try:
        text = app.env.doc2path(docname).read_text(encoding="utf-8")
    except OSError:
        return None
    wanted = "{" + name.lower() + "}"
    for number, line in enumerate(text.splitlines(), start=1):
        if wanted in line.lower():
            return number
    return None


_FILTER = _PlaceWhileReading()


def start(app: Sphinx) -> None:
    _FILTER.app = app
    unlocated_sphinx_logger().addFilter(_FILTER)  # once: the same filter object


def stop(app: Sphinx, exception: BaseException | None) -> None:
    _FILTER.app = None
    unlocated_sphinx_logger().removeFilter(_FILTER)


def fill_lines(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: an image without a line (None or 0) gets the line of the page that names its
    file (sphinx-design's cards give no line to the card either), else its nearest
    ancestor's line.

    Images only: the one node Sphinx warns about later by itself ("image file not
    readable"); other nodes' lines are left as they are (the translation catalogues cite them)."""
    for node in doctree.findall(nodes.image):
        if node.line:  # sphinx-design gives 0
            continue
        source, ancestor = node.source, node.parent
        while ancestor is not None and not ancestor.line:
            source = source or ancestor.source
            ancestor = ancestor.parent
        source = source or (ancestor.source if ancestor is not None else None) or doctree.get("source")
        line = _line_holding(source, node.get("uri", ""))
        if line is None and ancestor is not None and ancestor.source in (None, source):
            line = ancestor.line
        if line is not None:
            node.source, node.line = source, line


def _line_holding(source: str | None, text: str) -> int | None:
    if not source or not text:
        return None
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, start=1) if text in line), None)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", fill_lines, priority=PLACE_NODES)
    app.connect("builder-inited", start)
    app.connect("build-finished", stop)
