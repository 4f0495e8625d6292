"""What readers read on a page, taken from its doctree with the place each part comes from.

The sentence, repetition and unconfirmed-claim checks all look at the same thing: the text
of paragraphs (list items and table cells hold paragraphs too) and titles, without inline
code, each with the file and line an author would open. This module finds those, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ppiebook.checks.findings import relative

# Inline nodes whose text is not prose: code and maths are read as written, not as words.
NOT_PROSE = (nodes.literal, nodes.math, nodes.raw)
# What stands for inline code in the text: not a word (no letter or digit), so it is not
# counted or compared, but a quoted sentence still shows that something was there.
CODE = "⋯"
# The class of the box `{editorial-note}` makes (ppiebook.content.editorial).
EDITORIAL_NOTE = "editorial-note"


@dataclass(frozen=True)
class Block:
    """One paragraph or title: its text as readers see it, and where it is written."""

    file: str  # relative to the project, as authors see it
    line: int | None
    source: str  # the file's full path
    text: str
    node: nodes.Element


def text_of(node: nodes.Node) -> str:
    """The node's text, with CODE in place of inline code, maths or raw markup."""
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, NOT_PROSE):
        return CODE
    return "".join(text_of(child) for child in node.children)


def inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...]) -> bool:
    """Whether the node is, or is somewhere within, a node of one of these kinds."""
    while node is not None:
        if isinstance(node, kinds):
            return True
        node = node.parent
    return False


def in_editorial_note(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, nodes.Element) and EDITORIAL_NOTE in node.get("classes", []):
            return True
        node = node.parent
    return False


def place(node: nodes.Node) -> tuple[str | None, int | None]:
    """The source file and line of a node, or of its nearest ancestor that has them
    (MyST leaves some inline nodes, such as links to a heading, without a line)."""
    while node is not None:
        line = getattr(node, "line", None)
        if line:
            return getattr(node, "source", None), line
        node = node.parent
    return None, None


def blocks(env: BuildEnvironment, docname: str, root: Path,
           kinds: tuple[type[nodes.Element], ...] = (nodes.paragraph,),
           skip: tuple[type[nodes.Node], ...] = (nodes.literal_block,)) -> Iterator[Block]:
    """Every node of ``kinds`` on the page, outside ``skip``, in reading order."""
    page = env.doc2path(docname)
    for node in env.get_doctree(docname).findall(lambda n: isinstance(n, kinds)):
        if inside(node, skip):
            continue
        source, line = place(node)
        yield Block(relative(source or page, root), line, str(source or page), text_of(node), node)
