"""sphinx-design's components and sphinx-togglebutton's toggles, shaped for print.

Both PDF editions get plain docutils nodes instead of the website's interactive markup:

- a dropdown is printed open, as a box titled with its title; a toggle's content is printed;
- each tab of a tab set is a box titled with its label, one after the other;
- a card is a box titled with its title; a grid is its items in order;
- badges, buttons and sphinx-design's other inline wrappers become their text or link.

sphinx-design's own HTML transforms (priority 199) would otherwise turn them into
``<details>`` and radio-button tabs in the tagged edition's print HTML, and rst2pdf knows
neither its nodes nor its ``sd-`` classes (it styles a node by its classes).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.pdfshared.naming import EDITIONS


def _component(node: nodes.Node) -> str:
    return node.get("design_component", "") if isinstance(node, nodes.Element) else ""


def _box(title: list[nodes.Node], body: list[nodes.Node], kind: str) -> nodes.admonition:
    """A titled box: a plain admonition, which both editions print boxed. (No class: rst2pdf
    would look for a style of that name.)"""
    box = nodes.admonition()
    text = "".join(node.astext() for node in title).strip()
    if text:
        box += nodes.title(text, "", *[child for node in title for child in
                                      (node.children if isinstance(node, nodes.Element) else [node])])
    box.extend(body)
    return box


def _title_and_body(node: nodes.Element) -> tuple[list[nodes.Node], list[nodes.Node]]:
    children = list(node.children)
    if children and isinstance(children[0], nodes.rubric):
        return [children[0]], children[1:]
    return [], children


class PrintComponents(SphinxPostTransform):
    builders = EDITIONS
    default_priority = 150  # before sphinx-design's HTML transforms (199)

    def run(self, **kwargs: object) -> None:
        self._reshape_children(self.document)

    def _reshape_children(self, node: nodes.Element) -> None:
        # Rebuilt from the top, each node's new shape put in its parent's place.
        children = [self._reshape(child) for child in node.children]
        node.children = []
        node.extend(children)

    def _reshape(self, node: nodes.Node) -> nodes.Node:
        if not isinstance(node, nodes.Element):
            return node
        kind = _component(node)
        new: nodes.Element
        if kind in ("dropdown", "tab-item"):
            title, body = _title_and_body(node)
            if kind == "tab-item" and len(body) == 1 and _component(body[0]) == "tab-content":
                body = list(body[0].children)
            new = _box(title, body, kind)
        elif kind == "card":
            new = self._card(node)
        elif kind:
            new = nodes.container("", *node.children)
        elif isinstance(node, nodes.container) and "toggle" in node["classes"]:
            new = nodes.container("", *node.children)  # printed as if open
        elif type(node).__module__.startswith("sphinx_design"):
            new = (nodes.inline("", "", *node.children) if isinstance(node, nodes.TextElement)
                   else nodes.container("", *node.children))
        else:
            new = node
        new["classes"] = [name for name in new.get("classes", []) if not name.startswith("sd-")]
        self._reshape_children(new)
        return new

    def _card(self, card: nodes.Element) -> nodes.admonition:
        title: list[nodes.Node] = []
        body: list[nodes.Node] = []
        for part in card.findall(nodes.Element):
            if _component(part) == "card-title" and not title:
                title = [nodes.inline("", "", *part.children)]
        for part in card.children:
            for node in (part.children if _component(part) in ("card-body", "card-header", "card-footer") else [part]):
                if isinstance(node, nodes.Element) and _component(node) == "card-title":
                    continue
                body.append(node)
        return _box(title, body, "card")
