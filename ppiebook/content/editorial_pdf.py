"""Editorial notes stand out in the PDF too.

rst2pdf styles an admonition by its node type only ("admonition"), never by class, so an
editorial note would look like any tip. In PDF builds it becomes an ``attention`` node,
a type the content does not otherwise use, whose style is the editorial note's.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class EditorialNoteBox(SphinxPostTransform):
    builders = ("pdf",)
    default_priority = 870

    def run(self, **kwargs: object) -> None:
        for note in list(self.document.findall(nodes.admonition)):
            if "editorial-note" in note["classes"]:
                box = nodes.attention("", *note.children, classes=note["classes"])
                note.replace_self(box)
