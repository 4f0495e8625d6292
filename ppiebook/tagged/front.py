"""Cover and imprint of the tagged edition: the very nodes the rst2pdf edition prints
(ppiebook.pdfshared.cover and ppiebook.pdfshared.imprint), rendered to HTML, so both editions say
the same thing. Two kinds of paragraph become real headings, so that screen readers can
navigate by them: the cover's title (h1) and the imprint's headings (h2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from docutils import nodes

from ppiebook.catalogue.publications import Catalogue, Publication
from ppiebook.pdfshared.cover import cover_nodes
from ppiebook.pdfshared.imprint import imprint_nodes
from ppiebook.tagged.assemble import Section

# Paragraph classes (set by cover.py and imprint.py) that are headings in this edition.
HEADINGS = {"title": "h1", "imprint-heading": "h2"}


def _as_html(items: Iterable[nodes.Node], render: Callable[[nodes.Node], str]) -> str:
    parts = []
    for node in items:
        classes = node.get("classes", []) if isinstance(node, nodes.Element) else []
        heading = next((HEADINGS[c] for c in classes if c in HEADINGS), None)
        if isinstance(node, nodes.paragraph) and heading:
            parts.append(f'<{heading} class="{" ".join(classes)}">{escape(node.astext())}</{heading}>')
        elif isinstance(node, nodes.image):
            # Logos are files of the project: WeasyPrint reads them from disk.
            parts.append(f'<img class="{" ".join(classes)}" src="{Path(node["uri"]).as_uri()}" '
                         f'alt="{escape(node["alt"])}" style="height: {escape(node["height"])}">')
        else:
            parts.append(render(node))
    return "\n".join(parts)


def cover_html(publication: Publication, catalogue: Catalogue, render: Callable[[nodes.Node], str]) -> str:
    return _as_html(cover_nodes(publication, catalogue), render)


def imprint_html(publication: Publication, catalogue: Catalogue, render: Callable[[nodes.Node], str]) -> str:
    return _as_html(imprint_nodes(publication, catalogue), render)


def contents_html(entries: list[Section]) -> str:
    """Nested lists of links to the sections; the stylesheet adds their page numbers."""
    html, depth = [], 0
    for entry in entries:
        while depth < entry.level:
            html.append("<ol>")
            depth += 1
        while depth > entry.level:
            html.append("</li></ol>")
            depth -= 1
        if html and html[-1] not in ("<ol>",):
            html.append("</li>")
        html.append(f'<li><a href="#{escape(entry.id)}">{escape(entry.title)}</a>')
    while depth > 0:
        html.append("</li></ol>")
        depth -= 1
    return "".join(html)
