"""Checks on a page's shape that Sphinx and MyST do not make themselves.

- a code fence that is opened and never closed (MyST silently runs it to the end of the
  file, swallowing the rest of the page);
- a page over the size limit (one page of several megabytes slows every build and every
  reader; split it);
- exactly one top-level heading (``#``) per page: it is the page's title;
- front matter keys from a known list, with the right types.
"""

from __future__ import annotations

import re

import jsonschema
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ppiebook.config import TYPE, Kind
from ppiebook.events import BREAK_TOCTREE_CYCLES
from ppiebook.state import project_data

logger = logging.getLogger(__name__)

MAX_PAGE_BYTES = 1_000_000

FRONT_MATTER_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "orphan": {"type": ["boolean", "string"]},
        "description": {"type": "string"},
        "keywords": {"type": ["string", "array"]},
        "html_meta": {"type": "object"},
        "myst": {"type": "object"},
        "tocdepth": {"type": ["integer", "string"]},
        "nocomments": {"type": ["boolean", "string"]},
        "wordcount": {"type": "object"},
    },
}

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})")


def unclosed_fence(text: str) -> int | None:
    """The line where a fence opens and is never closed, or None."""
    open_fence, open_line = None, 0
    for number, line in enumerate(text.splitlines(), 1):
        match = _FENCE.match(line)
        if not match:
            continue
        fence = match["fence"]
        if open_fence is None:
            open_fence, open_line = fence, number
        elif fence[0] == open_fence[0] and len(fence) >= len(open_fence) and not line.strip()[len(fence):].strip():
            open_fence = None
        # A fence of another kind inside an open one is content (e.g. ``` inside ::::).
    return open_line if open_fence else None


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: runs before parsing, so a huge page is refused before it costs time."""
    size = len(source[0].encode("utf-8"))
    if size > MAX_PAGE_BYTES:
        logger.warning(
            "this page is %.1f MB, over the %.1f MB limit: split it into several pages",
            size / 1e6, MAX_PAGE_BYTES / 1e6, location=(docname, 1), type=TYPE, subtype=Kind.SIZE,
        )
        source[0] = f"# {docname}\n\nThis page was too large to publish.\n"
        return
    line = unclosed_fence(source[0])
    if line:
        logger.warning(
            "the block opened on this line is never closed: add a closing line with the same "
            "backticks, tildes or colons, or everything after it is swallowed",
            location=(docname, line), type=TYPE, subtype=Kind.FENCE,
        )


def check_headings(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: one ``#`` heading per page."""
    titles = [child for child in doctree.children if isinstance(child, nodes.section)]
    docname = app.env.docname
    if len(titles) > 1:
        logger.warning(
            "this page has %d top-level headings (#); a page has one, its title: make the others ##",
            len(titles), location=titles[1], type=TYPE, subtype=Kind.HEADING,
        )
    elif not titles:
        logger.warning("this page has no title: start it with one heading such as '# Page title'",
                       location=(docname, 1), type=TYPE, subtype=Kind.HEADING)


def check_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    # MyST files its own bookkeeping (heading slugs) under the same metadata.
    metadata = {k: v for k, v in app.env.metadata.get(docname, {}).items() if k != "myst_slugs"}
    for error in jsonschema.Draft202012Validator(FRONT_MATTER_SCHEMA).iter_errors(metadata):
        field = ".".join(map(str, error.absolute_path)) or "front matter"
        logger.warning("front matter, field '%s': %s", field, error.message,
                       location=(docname, 1), type=TYPE, subtype=Kind.FRONT_MATTER)


def break_toctree_cycles(app: Sphinx, env) -> None:
    """``env-updated`` (before other extensions walk the toctrees): a page whose toctree
    leads back to itself is reported, and the looping entry is dropped so that nothing
    walks in circles."""
    includes = env.toctree_includes
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = project_data(env).toctree_cycles = []

    def visit(docname: str) -> None:
        state[docname] = 1
        for child in list(includes.get(docname, [])):
            if state.get(child) == 1:
                logger.warning(
                    "this page's toctree lists '%s', which leads back to this page (circular toctree): "
                    "remove one of the two entries", child,
                    location=(docname, None), type=TYPE, subtype=Kind.TOCTREE,
                )
                includes[docname].remove(child)
                cycles.append((docname, child))
            elif child not in state:
                visit(child)
        state[docname] = 2

    # From the root first, so a loop is reported at the page that closes it.
    for docname in [app.config.root_doc, *sorted(includes)]:
        if docname not in state:
            visit(docname)


def setup(app: Sphinx) -> None:
    app.connect("source-read", check_source)
    app.connect("doctree-read", check_headings)
    app.connect("doctree-read", check_front_matter)
    app.connect("env-updated", break_toctree_cycles, priority=BREAK_TOCTREE_CYCLES)
