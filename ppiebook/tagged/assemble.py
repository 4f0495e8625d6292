"""One publication's pages as one doctree, with ids and links that work inside one file.

Sphinx's single-file assembly (``inline_all_toctrees``) keeps each page's ids, so two
pages that both have a section "Introduction" or a footnote ``id1`` would clash, and a
link points at ``#document-<page>#<id>``, two anchors in one. Here every id is made
unique (the first keeps its name) and every internal link is pointed at the one id it
means. A link to a page outside the publication goes to the website when it has an
address, else to the tagged PDF of the publication that has the page, else it becomes
plain text (there is nothing to open).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes

from ppiebook.pdfshared.pages import new_pages, with_pages

DOCUMENT_PREFIX = "#document-"


@dataclass(frozen=True)
class Section:
    """A heading for the contents page: its level (1 = the root page's title), id, text."""

    level: int
    id: str
    title: str


def make_ids_unique(tree: nodes.document, root: str) -> dict[tuple[str, str], str]:
    """Rename clashing ids to ``<page>--<id>``; return (page, old id) -> new id."""
    mapping: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for node, docname in with_pages(tree, root):
        new_ids = []
        for old in node["ids"]:
            new = old if old not in used else f"{docname.replace('/', '-')}--{old}"
            used.add(new)
            mapping.setdefault((docname, old), new)
            new_ids.append(new)
        node["ids"] = new_ids
    for node, docname in with_pages(tree, root):
        if node.get("refid"):
            node["refid"] = mapping.get((docname, node["refid"]), node["refid"])
        if node.get("backrefs"):
            node["backrefs"] = [mapping.get((docname, ref), ref) for ref in node["backrefs"]]
    return mapping


def resolve_links(
    tree: nodes.document,
    root: str,
    docnames: set[str],
    mapping: dict[tuple[str, str], str],
    elsewhere: Callable[[str, str], str | None],
) -> None:
    """Point ``#document-<page>[#id]`` links at their id here, or ``elsewhere(page, id)``."""
    for node, _ in list(with_pages(tree, root)):
        if not isinstance(node, nodes.reference) or not node.get("refuri", "").startswith(DOCUMENT_PREFIX):
            continue
        target_doc, _, anchor = node["refuri"][len(DOCUMENT_PREFIX):].partition("#")
        if target_doc in docnames:
            node["refuri"] = "#" + (mapping.get((target_doc, anchor), anchor) if anchor else f"document-{target_doc}")
            continue
        outside = elsewhere(target_doc, anchor)
        if outside:
            node["refuri"] = outside
        else:
            node.replace_self(nodes.inline("", "", *node.children, classes=node["classes"]))


def sections(tree: nodes.document, depth: int) -> list[Section]:
    """Headings down to ``depth`` levels, in reading order, for the contents page."""
    found: list[Section] = []

    def visit(node: nodes.Node, level: int) -> None:
        for child in node.children if isinstance(node, nodes.Element) else ():
            if isinstance(child, nodes.section):
                title = child.next_node(nodes.title)
                if level <= depth and title is not None and child["ids"]:
                    found.append(Section(level, child["ids"][0], title.astext()))
                visit(child, level + 1)
            else:
                visit(child, level)

    visit(tree, 1)
    return found


def mark_chapters(tree: nodes.document, metadata: dict[str, dict]) -> None:
    """Each chapter after the first, and each page whose front matter asks for it, starts a
    new page, as in the rst2pdf edition."""
    for chapter in new_pages(tree, metadata):
        section = chapter.next_node(nodes.section)
        if section is not None:
            section["classes"].append("chapter-break")
