"""Footnotes that stay with their own page when rst2pdf joins pages into one PDF.

Each page numbers its footnotes (and footnote citations) from 1 with ids such as
``id1``, so in the joined tree a reference on one page jumps to another page's note and
back-links pile up on the first one. Prefixing each page's footnote ids with its
document name keeps every reference pointing at its own note.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.pdfshared.naming import PRINT
from ppiebook.pdfshared.pages import page_of


class PageFootnoteIds(SphinxPostTransform):
    builders = (PRINT,)
    default_priority = 890

    def run(self, **kwargs: object) -> None:
        root = self.env.docname
        for node in list(self.document.findall(nodes.footnote)) + list(
            self.document.findall(nodes.footnote_reference)
        ):
            prefix = page_of(node, root).replace("/", "-") + "-"
            node["ids"] = [prefix + i for i in node["ids"]]
            if "backrefs" in node:
                node["backrefs"] = [prefix + i for i in node["backrefs"]]
            if node.get("refid"):
                node["refid"] = prefix + node["refid"]
