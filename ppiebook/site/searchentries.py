"""Index entries in the search index survive rebuilds.

Sphinx 9 keeps each page's index entries for search (glossary terms, ``{index}``) in the
environment, filling them while it writes pages; but it saves the environment before
writing and does not read them back from ``searchindex.js``, so a rebuild loses the
entries of every page it does not write again. Recording them when a page is read puts
them in the saved environment; writing the page records the same again.
"""

from __future__ import annotations

from collections.abc import Set

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ppiebook.compat import search_index_entries, split_index_msg


def _entries(env: BuildEnvironment) -> dict[str, list[tuple[str, str, str]]]:
    return search_index_entries(env)  # the dict Sphinx's IndexBuilder fills and reads


def record_entries(app: Sphinx, doctree: nodes.document) -> None:
    """What ``IndexBuilder.feed`` records for a page, from its index nodes."""
    found: set[tuple[str, str, str]] = set()
    for node in doctree.findall(addnodes.index):
        for entry_type, value, target_id, main, _category in node["entries"]:
            try:
                words = split_index_msg(entry_type, value)
            except ValueError:
                continue
            if entry_type in {"see", "seealso"}:
                found.add((words[0], target_id or "", main))
            found |= {(word, target_id or "", main) for word in words}
    _entries(app.env)[app.env.docname] = sorted(found)


def forget_entries(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _entries(env).pop(docname, None)


def merge_entries(app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in _entries(other):
            _entries(env)[docname] = _entries(other)[docname]


def order_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """In page-name order, as a clean build leaves them: searchindex.js lists them so."""
    entries = _entries(env)
    ordered = sorted(entries.items())
    entries.clear()
    entries.update(ordered)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", record_entries)
    app.connect("env-purge-doc", forget_entries)
    app.connect("env-merge-info", merge_entries)
    app.connect("env-updated", order_entries)
