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

from ppiebook.config import TYPE, Kind, where
from ppiebook.events import BREAK_TOCTREE_CYCLES
from ppiebook.state import project_data

logger = logging.getLogger(__name__)

MAX_PAGE_BYTES = 1_000_000

#: Front matter that makes a page start a new page in both PDFs (a form or checklist that
#: readers print on its own): ppiebook.pdfshared.pages.new_pages.
NEW_PAGE_KEY = "pdf_new_page"
#: Front matter keys that mean something here, with the types they take.
FRONT_MATTER = {
    "orphan": {"type": ["boolean", "string"]},
    "nosearch": {"type": ["boolean", "string"]},
    "description": {"type": "string"},
    "keywords": {"type": ["string", "array"]},
    "html_meta": {"type": "object"},
    "myst": {"type": "object"},
    "tocdepth": {"type": ["integer", "string"]},
    "nocomments": {"type": ["boolean", "string"]},
    "wordcount": {"type": "object"},
    # Sphinx keeps front matter values as text: true arrives as "True".
    NEW_PAGE_KEY: {"enum": [True, False, "True", "False", "true", "false"]},
}
#: Keys that MyST and Jupyter Book pages commonly carry but that do not apply to this
#: project (notebook settings, MyST site metadata whose role publications.yaml plays here):
#: accepted, and named once per build so an author knows they change nothing.
IGNORED_FRONT_MATTER = (
    "jupytext", "kernelspec", "jupyter", "mystnb", "execution", "file_format", "title", "subtitle",
    "short_title", "authors", "author", "date", "license", "tags", "subject", "venue", "doi",
    "github", "thumbnail", "banner", "exports", "downloads", "numbering", "abbreviations", "math",
    "bibliography", "site", "project",
)
FRONT_MATTER_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {**FRONT_MATTER, **{key: {} for key in IGNORED_FRONT_MATTER}},
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
            len(titles), location=where(titles[1]), type=TYPE, subtype=Kind.HEADING,
        )
    elif not titles:
        logger.warning("this page has no title: start it with one heading such as '# Page title'",
                       location=(docname, 1), type=TYPE, subtype=Kind.HEADING)


def check_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    # MyST files its own bookkeeping (heading slugs) under the same metadata.
    metadata = {k: v for k, v in app.env.metadata.get(docname, {}).items() if k != "myst_slugs"}
    for error in jsonschema.Draft202012Validator(FRONT_MATTER_SCHEMA).iter_errors(metadata):
        if error.validator == "additionalProperties":
            unknown = sorted(set(metadata) - set(FRONT_MATTER_SCHEMA["properties"]))
            logger.warning("front matter: %s %s this project knows; the keys that do something here "
                           "are %s (keys of notebooks and MyST sites, such as %s, are accepted and ignored)",
                           ", ".join(f"'{key}'" for key in unknown),
                           "is not a key" if len(unknown) == 1 else "are not keys", ", ".join(FRONT_MATTER),
                           ", ".join(IGNORED_FRONT_MATTER[:4]),
                           location=(docname, 1), type=TYPE, subtype=Kind.FRONT_MATTER)
            continue
        field = ".".join(map(str, error.absolute_path)) or "front matter"
        logger.warning("front matter, field '%s': %s", field, error.message,
                       location=(docname, 1), type=TYPE, subtype=Kind.FRONT_MATTER)
    for key in IGNORED_FRONT_MATTER:
        if key in metadata:
            project_data(app.env).record("ignored_front_matter", key)


def say_ignored_front_matter(app: Sphinx, env) -> None:
    """``env-updated``: once per build, the front matter keys that change nothing here."""
    pages: dict[str, list[str]] = {}
    for docname, keys in sorted(project_data(env).pages("ignored_front_matter").items()):
        for key in keys:
            pages.setdefault(key, []).append(docname)
    for key, docnames in sorted(pages.items()):
        shown = ", ".join(docnames[:3]) + (f" and {len(docnames) - 3} more" if len(docnames) > 3 else "")
        logger.info("front matter key '%s' does not apply to this project and is ignored (%s)", key, shown)


def _toctree_line(env, docname: str, child: str) -> int | None:
    """The line of ``docname``'s toctree entry that names ``child``."""
    try:
        lines = env.doc2path(docname).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    name = child.rsplit("/", 1)[-1]
    in_toctree = False
    for number, line in enumerate(lines, start=1):
        in_toctree = in_toctree or "{toctree}" in line
        if in_toctree and re.search(rf"(^|[/\s<]){re.escape(name)}(\.md)?(>|\s*$)", line.strip()):
            return number
    return None


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
                    location=(docname, _toctree_line(env, docname, child)), type=TYPE, subtype=Kind.TOCTREE,
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
    app.connect("env-updated", say_ignored_front_matter)
    app.connect("env-updated", break_toctree_cycles, priority=BREAK_TOCTREE_CYCLES)
