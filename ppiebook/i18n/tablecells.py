"""Table cells written inside a directive reach the translators.

MyST-Parser 5.2 gives no ``source`` to the paragraphs of a table it parses inside a
directive (an ``{admonition}``, a ``{dropdown}``): Sphinx takes a text node without a source
for a message of its own, so such cells were neither extracted into the catalogues nor
translated (the pseudo-translation test found the worked example's table in English).
Before Sphinx's translation transform (priority 20), each such cell paragraph gets its
table's file and line. Only table cells of a table that has a source: text the project's
own directives generate (already translated through ``_()``) stays out of the catalogues.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


class LocateTableCells(SphinxTransform):
    default_priority = 15  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: object) -> None:
        for table in self.document.findall(nodes.table):
            if not table.source:
                continue
            for entry in table.findall(nodes.entry):
                for text in entry.findall(nodes.TextElement):
                    if not text.source:
                        text.source, text.line = table.source, text.line or table.line


def setup(app: Sphinx) -> None:
    app.add_transform(LocateTableCells)
