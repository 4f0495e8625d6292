"""Which documents belong to which publication: the root and everything its toctrees reach.

This mirrors how rst2pdf assembles one PDF (root document plus its toctree, hidden
toctrees included), so the HTML links a page to exactly the PDFs it appears in.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.catalogue.publications import Catalogue, Publication
from ppiebook.state import build_state


def documents_of(env: BuildEnvironment, root: str) -> list[str]:
    """The documents of one publication, in reading order."""
    ordered: list[str] = []
    seen: set[str] = set()
    stack = [root]
    while stack:
        docname = stack.pop()
        if docname in seen:
            continue
        seen.add(docname)
        ordered.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return ordered


def build_membership(env: BuildEnvironment, catalogue: Catalogue) -> dict[str, list[Publication]]:
    """Map every document to the publications that contain it."""
    membership: dict[str, list[Publication]] = {}
    for publication in catalogue.publications:
        for docname in documents_of(env, publication.root):
            membership.setdefault(docname, []).append(publication)
    return membership


def publications_containing(app: Sphinx, docname: str) -> list[Publication]:
    """The publications whose PDF contains ``docname``, in catalogue order."""
    state = build_state(app)
    if state.membership is None:
        state.membership = build_membership(app.env, catalogue_of(app))
    membership = state.membership
    return membership.get(docname, [])


def forget_membership(app: Sphinx, env: BuildEnvironment) -> None:
    """Recompute after each read phase: toctrees may have changed."""
    build_state(app).membership = None
