"""The print HTML's translator: Sphinx's own HTML5 writer, shaped for a tagged PDF.

WeasyPrint 70 gives every box inside an ``<a>`` a link annotation of its own and tags
each by its HTML element, so ``<a><span>term</span></a>`` (a glossary term, a
cross-reference) or ``<a><span>[</span>1<span>]</span></a>`` (a footnote or citation
mark) became a ``Span`` holding an annotation: a link that PDF/UA says must be a
``Link`` element (Matterhorn 28-011). Here a link's content is written as its text
alone, so each link is one ``Link`` element with one annotation; the inline
formatting it carried (code, bold, italic) becomes a class on the ``<a>`` that the
print CSS styles (style.py). A paragraph with no content (an empty table cell written
as ``<p></p>``) is not written: it would be an empty ``P`` element.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

_LINK = re.compile(r"(<a\b[^>]*>)(.*)(</a>)(\s*)\Z", re.S)
_TAG = re.compile(r"<[^>]*>")
_CLASS = re.compile(r'\bclass="([^"]*)"')
SHORT_TABLE_ROWS = 15
# Inline formatting kept as a class on the link: element name -> class (style.py).
FORMATTING = {"code": "link-code", "strong": "link-strong", "em": "link-em"}


def flatten_link(html: str) -> str:
    """``<a ...><span>text</span></a>`` -> ``<a ...>text</a>``; the formatting inside
    becomes classes on the ``<a>``. A link around a picture is left as it is (its
    picture needs its element)."""
    match = _LINK.match(html)
    if match is None or "<img" in match[2] or "<svg" in match[2]:
        return html
    start, inner, end, tail = match.groups()
    names = set(re.findall(r"<([a-z0-9]+)\b", inner))
    extra = [css for name, css in FORMATTING.items() if name in names]
    if extra:
        if _CLASS.search(start):
            start = _CLASS.sub(lambda m: f'class="{m[1]} {" ".join(extra)}"', start, count=1)
        else:
            start = start[:-1] + f' class="{" ".join(extra)}">'
    return start + _TAG.sub("", inner) + end + tail


class PrintTranslator(HTML5Translator):
    """Links as one element each; no empty paragraphs."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._link_starts: list[int] = []

    def _open_link(self) -> None:
        self._link_starts.append(len(self.body))

    def _close_link(self) -> None:
        start = self._link_starts.pop()
        self.body[start:] = [flatten_link("".join(self.body[start:]))]

    def visit_reference(self, node: nodes.Element) -> None:
        self._open_link()
        super().visit_reference(node)

    def depart_reference(self, node: nodes.Element) -> None:
        super().depart_reference(node)
        self._close_link()

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        self._open_link()
        super().visit_footnote_reference(node)

    def depart_footnote_reference(self, node: nodes.Element) -> None:
        super().depart_footnote_reference(node)
        self._close_link()

    def visit_paragraph(self, node: nodes.Element) -> None:
        if not node.astext().strip() and not any(node.findall(nodes.image)):
            raise nodes.SkipNode
        super().visit_paragraph(node)

    def visit_table(self, node: nodes.Element) -> None:
        """A short table (a form, a checklist) is kept on one page: split, its part on the
        next page would be a table of blank cells (outloud TBL-012) with no header row."""
        if sum(1 for _ in node.findall(nodes.row)) <= SHORT_TABLE_ROWS:
            node["classes"].append("keep-together")
        super().visit_table(node)

    def visit_hlist(self, node: nodes.Element) -> None:
        """``{hlist}`` is one list laid out in columns. Sphinx writes it as a table of lists,
        which a PDF reader takes for a data table without headers: here it is one list, in
        one column (WeasyPrint tags each column's part of a list as a list of its own)."""
        items = [item.deepcopy() for column in node.children for listing in column.children
                 for item in listing.children if isinstance(item, nodes.list_item)]
        merged = nodes.bullet_list("", *items, classes=["hlist"])
        merged.document = node.document
        merged.parent = node.parent
        self.body.append('<div class="hlist">')
        merged.walkabout(self)
        self.body.append("</div>\n")
        raise nodes.SkipNode
