"""Figure, table and code-listing numbers in the captions of both PDF editions.

With ``numfig``, Sphinx numbers figures, tables and code listings per publication chapter
and ``{numref}`` cites them as "Fig. 2"; its HTML writer puts the number before each
caption. Neither PDF edition did: a reader was sent to "Fig. 2" and found no figure so
labelled. Here each caption of a publication's assembled tree gets the number the
website shows, looked up for the page the figure came from.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.pdfshared.naming import EDITIONS
from ppiebook.pdfshared.pages import with_pages


def _caption(node: nodes.Element) -> nodes.Element | None:
    for child in node.children:
        if isinstance(child, (nodes.caption, nodes.title)):
            return child
    return None


class CaptionNumbers(SphinxPostTransform):
    builders = EDITIONS
    default_priority = 850

    def run(self, **kwargs: object) -> None:
        if not self.config.numfig:
            return
        standard = self.env.domains.standard_domain
        root = self.env.docname
        # One walk from the top gives each node with its page.
        for node, page in list(with_pages(self.document, root)):
            figtype = standard.get_enumerable_node_type(node)
            caption = _caption(node) if figtype and node["ids"] else None
            if caption is None or any("caption-number" in child.get("classes", ()) for child in caption.children
                                      if isinstance(child, nodes.Element)):
                continue
            numbers = self.env.toc_fignumbers.get(page, {}).get(figtype, {}).get(node["ids"][0])
            prefix = self.config.numfig_format.get(figtype)
            if numbers is None or prefix is None:
                continue
            label = prefix % ".".join(map(str, numbers)) + " "
            caption.insert(0, nodes.inline(label, label, classes=["caption-number"]))
