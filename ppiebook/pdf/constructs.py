"""Sphinx's own constructs that rst2pdf prints wrongly, reshaped for it.

rst2pdf titles an admonition it does not know by its node's name: ``{seealso}`` came out
headed "Seealso". Here it becomes a plain admonition titled as the website titles it.

rst2pdf highlights code with Pygments but ignores ``:emphasize-lines:``, so the lines an
author pointed to looked like the others. The print edition says which lines they are,
under the code (the website and the tagged PDF shade them).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import admonitionlabels
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.i18n import _
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


def _spans(lines: list[int]) -> str:
    """[2, 3, 4, 7] -> "2-4, 7"."""
    spans: list[list[int]] = []
    for line in sorted(set(lines)):
        if spans and line == spans[-1][-1] + 1:
            spans[-1].append(line)
        else:
            spans.append([line])
    return ", ".join(f"{span[0]}–{span[-1]}" if len(span) > 1 else str(span[0]) for span in spans)


class EmphasisedLines(SphinxPostTransform):
    builders = (PRINT,)
    default_priority = 870

    def run(self, **kwargs: object) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            lines = block.get("highlight_args", {}).get("hl_lines")
            if not lines:
                continue
            text = str(_("Emphasised: line {lines}.") if len(lines) == 1 else _("Emphasised: lines {lines}.")
                       ).format(lines=_spans(lines))
            block.parent.insert(block.parent.index(block) + 1, nodes.paragraph(text, text))
