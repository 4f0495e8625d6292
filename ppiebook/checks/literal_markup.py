"""Never silent: an author's markup reaches every edition, or the build stops at its line.

- Markup that MyST leaves as literal text because the syntax extension it needs is not in
  ``myst_enable_extensions`` (dollar math, ``{{ substitutions }}``, task-list ``[ ]``,
  ``{.class}``/``{#id}`` attributes) would be printed as is in the site and both PDFs. It
  is looked for in the parsed page only: when the extension is on, MyST has parsed the
  markup and no literal text is left, so nothing is reported.
- Images, figures and includes given by web address are refused when the page is read,
  before any builder could download them (Sphinx's ``ImageDownloader`` post-transform
  fetches remote images for builders that cannot link to them, such as the PDFs): the
  editions must not depend on another site, and a downloaded image has no alt text review.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.util import logging

from ppiebook.config import TYPE, Kind
from ppiebook.events import PLACE_NODES

logger = logging.getLogger(__name__)

#: Nodes whose text is shown as written on purpose: code, maths, raw markup, comments.
_VERBATIM = (nodes.literal, nodes.FixedTextElement, nodes.math, nodes.raw, nodes.comment,
             nodes.substitution_definition)

# $...$ as dollarmath reads it: no space just inside the dollars, no digit right after.
_DOLLAR = re.compile(r"(?<![\\$])\$(?=\S)(?P<tex>[^$\n]+?)(?<=\S)\$(?!\d)")
_TEX = re.compile(r"[\\^_{}=]|^[A-Za-z]$")  # what tells maths from prices: "$5 and $10"
_DOLLAR_BLOCK = re.compile(r"\$\$")
_SUBSTITUTION = re.compile(r"\{\{[^{}\n]*\}\}")
_TASK = re.compile(r"^\[[ xX]\]\s")
_ATTRIBUTES = r"\{\s*(?:[.#][A-Za-z][\w-]*|[A-Za-z][\w-]*=)[^{}\n]*\}"
_INLINE_ATTRIBUTES = re.compile("^" + _ATTRIBUTES)
_BLOCK_ATTRIBUTES = re.compile("^" + _ATTRIBUTES + r"[ \t]*(?:\n|$)")
_ATTRIBUTED = (nodes.reference, nodes.image, nodes.literal, nodes.inline)

_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_INCLUDE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{(?:include|literalinclude)\}\s+(?P<uri>\S+)")

_FIXES = {
    "dollar math": "dollar math is not enabled here, so '{text}' would be printed with its dollar signs; "
                   "add \"dollarmath\" to myst_enable_extensions in conf.py, or write {{math}}`...` "
                   "(a ```{{math}} block for display maths)",
    "substitution": "substitutions are not enabled here, so '{text}' would be printed as is; add "
                    "\"substitution\" to myst_enable_extensions in conf.py and define the name in the "
                    "page's front matter (substitutions:), or write the words out",
    "task list": "task lists are not enabled here, so '{text}' would be printed as brackets; add "
                 "\"tasklist\" to myst_enable_extensions in conf.py, or write the list without the "
                 "[ ] / [x] markers",
    "inline attributes": "inline attributes are not enabled here, so '{text}' would be printed as is; add "
                         "\"attrs_inline\" to myst_enable_extensions in conf.py, or remove it",
    "block attributes": "block attributes are not enabled here, so '{text}' would be printed as is; add "
                        "\"attrs_block\" to myst_enable_extensions in conf.py, or use (label)= before the "
                        "block for a target",
}


def _verbatim(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, _VERBATIM) or "notranslate" in getattr(node, "get", lambda *_: ())("classes", ()):
            return True
        node = node.parent
    return False


def literal_markup(text: nodes.Text) -> Iterator[tuple[str, str]]:
    """(what, the markup) for each piece of unparsed markup in one text node."""
    value = str(text)
    for match in _DOLLAR.finditer(value):
        if _TEX.search(match["tex"].strip()):
            yield "dollar math", match[0]
    if _DOLLAR_BLOCK.search(value):
        yield "dollar math", "$$"
    for match in _SUBSTITUTION.finditer(value):
        yield "substitution", match[0]
    parent = text.parent
    first = parent is not None and parent.children and parent.children[0] is text
    if first and isinstance(parent, nodes.paragraph):
        grandparent = parent.parent
        if isinstance(grandparent, nodes.list_item) and grandparent.children[0] is parent:
            match = _TASK.match(value)
            if match:
                yield "task list", match[0].strip()
        match = _BLOCK_ATTRIBUTES.match(value)
        if match:
            yield "block attributes", match[0].strip()
            return
    if parent is not None and not first:
        before = parent.children[parent.index(text) - 1]
        match = _INLINE_ATTRIBUTES.match(value)
        if match and isinstance(before, _ATTRIBUTED):
            yield "inline attributes", match[0]


class _Source:
    """The source lines of a page (or an included file), read once, to give exact lines."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def line_of(self, source: str | None, near: int | None, snippet: str) -> int | None:
        """The line at or after ``near`` holding the first line of ``snippet``."""
        if not source:
            return near
        if source not in self._lines:
            try:
                self._lines[source] = Path(source).read_text(encoding="utf-8").splitlines()
            except OSError:
                self._lines[source] = []
        lines = self._lines[source]
        first = snippet.splitlines()[0] if snippet.strip() else snippet
        start = max((near or 1) - 1, 0)
        for number in [*range(start, len(lines)), *range(0, start)]:
            if first in lines[number]:
                return number + 1
        return near


def _location(node: nodes.Node, document: nodes.document, sources: _Source, snippet: str) -> str:
    source, line = get_source_line(node)
    source = source or document.get("source")
    line = sources.line_of(source, line, snippet)
    return f"{source}:{line}" if line else f"{source}:1"


def find_literal_markup(app: Sphinx, doctree: nodes.document) -> None:
    sources = _Source()
    reported: set[tuple[str, str]] = set()
    for text in doctree.findall(nodes.Text):
        if _verbatim(text.parent):
            continue
        for what, markup in literal_markup(text):
            location = _location(text, doctree, sources, markup)
            if (location, markup) not in reported:  # "$$" opens and closes a block: once
                reported.add((location, markup))
                logger.warning(_FIXES[what].format(text=markup), location=location,
                               type=TYPE, subtype=Kind.LITERAL_MARKUP)


def refuse_remote_images(app: Sphinx, doctree: nodes.document) -> None:
    """Runs as the page is read: a remote image is removed, so no builder fetches it."""
    sources = _Source()
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if not _REMOTE.match(uri):
            continue
        logger.warning(
            "image '%s' is given by web address: the editions must not depend on another site, and the "
            "PDFs would download it; download it into the project (e.g. images/) and give alt text",
            uri, location=_location(image, doctree, sources, uri), type=TYPE, subtype=Kind.REMOTE_IMAGE,
        )
        figure = image.parent if isinstance(image.parent, nodes.figure) else None
        (figure or image).parent.remove(figure or image)


def refuse_remote_includes(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: an include by web address (docutils would read it as a path)."""
    for number, line in enumerate(source[0].splitlines(), start=1):
        match = _INCLUDE.match(line)
        if match and _REMOTE.match(match["uri"]):
            logger.warning(
                "include of '%s' refused: it is given by web address; download it into the project "
                "and include it by its path", match["uri"],
                location=(docname, number), type=TYPE, subtype=Kind.INCLUDE,
            )


def setup(app: Sphinx) -> None:
    app.connect("source-read", refuse_remote_includes)
    app.connect("doctree-read", refuse_remote_images, priority=PLACE_NODES)
    app.connect("doctree-read", find_literal_markup)
