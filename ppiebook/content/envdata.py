"""Per-document facts kept in the Sphinx environment, purged and merged like Sphinx's own.

Each store is a dict ``docname -> list`` on the environment, so incremental and parallel
builds keep it right without each module repeating the bookkeeping.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

STORES = ("ppiebook_list_docs", "ppiebook_editorial_notes")


def store(env: BuildEnvironment, name: str) -> dict[str, list[Any]]:
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


def record(env: BuildEnvironment, name: str, item: Any) -> None:
    """Note ``item`` against the document being read."""
    store(env, name).setdefault(env.docname, []).append(item)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for name in STORES:
        store(env, name).pop(docname, None)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    for name in STORES:
        theirs = store(other, name)
        store(env, name).update({doc: theirs[doc] for doc in docnames if doc in theirs})
