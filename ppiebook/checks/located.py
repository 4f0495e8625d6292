"""Every message names a file and a line: Sphinx's own that do not, placed while a page is read.

Sphinx says "unknown role name: external:ref" (and "unknown directive name: ...") with no
location, though it says it while reading a page. This filter, on that logger only
(:func:`ppiebook.compat.unlocated_sphinx_logger`), gives such a record the page being read
and the line that writes ``{name}``. Other packages' messages that name no file are filed by
``make check`` under "other build problems" (ppiebook.checks.sphinx_warnings), with no line.
"""

from __future__ import annotations

import logging
import re

from sphinx.application import Sphinx

from ppiebook.compat import unlocated_sphinx_logger

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


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", start)
    app.connect("build-finished", stop)
