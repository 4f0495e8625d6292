"""Sphinx's own constructs that rst2pdf prints wrongly, reshaped for it.

rst2pdf titles an admonition it does not know by its node's name: ``{seealso}`` came out
headed "Seealso". Here it becomes a plain admonition titled as the website titles it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import admonitionlabels
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.pdfshared.naming import PRINT


class SeeAlsoBox(SphinxPostTransform):
    builders = (PRINT,)
    default_priority = 870

    def run(self, **kwargs: object) -> None:
        for seealso in list(self.document.findall(addnodes.seealso)):
            title = str(admonitionlabels["seealso"])
            box = nodes.admonition("", nodes.title(title, title), *seealso.children,
                                   classes=["seealso", *seealso["classes"]])
            seealso.replace_self(box)
