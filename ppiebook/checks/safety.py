"""Content that cannot harm readers.

- Raw HTML (Markdown HTML blocks, ``{raw}``) is refused in content: Markdown must not
  put a script or an iframe into the site. The ``{video}`` directive is how to embed.
- ``include`` cannot bring in files from outside the source folder.

The site's Content-Security-Policy is ppiebook.site.csp.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ppiebook.config import TYPE, Kind, where

logger = logging.getLogger(__name__)


def refuse_raw(app: Sphinx, doctree: nodes.document) -> None:
    """Runs on each page as it is read, before the project adds any markup of its own."""
    for raw in list(doctree.findall(nodes.raw)):
        logger.warning(
            "raw %s is not allowed in pages (it could put a script or an iframe into the site); "
            "write Markdown, or use {video} to embed a video", raw.get("format", "markup"),
            location=where(raw), type=TYPE, subtype=Kind.RAW,
        )
        raw.parent.remove(raw)


def _include_line(app: Sphinx, relative_path: str) -> int | None:
    """The line of the page being read whose include directive names ``relative_path``."""
    try:
        lines = Path(app.env.doc2path(app.env.docname)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    name = Path(relative_path).name
    for number, line in enumerate(lines, start=1):
        if "include}" in line and name in line:
            return number
    return None


def guard_include(app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    """``include-read``: an included file must live inside the source folder."""
    target = (Path(app.srcdir) / relative_path).resolve()
    if not target.is_relative_to(Path(app.srcdir).resolve()):
        logger.warning(
            "include of %s refused: only files inside the project can be included", relative_path,
            # MyST passes the file's stem as parent_docname; the environment knows the page.
            location=(app.env.docname, _include_line(app, str(relative_path))), type=TYPE, subtype=Kind.INCLUDE,
        )
        content[0] = ""


def disable_raw_directive(app: Sphinx) -> None:
    """docutils' own switch: the ``raw`` directive and role stop with an error."""
    app.env.settings["raw_enabled"] = False


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", disable_raw_directive)
    app.connect("doctree-read", refuse_raw)
    app.connect("include-read", guard_include)
