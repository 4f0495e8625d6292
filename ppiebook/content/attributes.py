"""Attributes (MyST's ``attrs_inline`` and ``attrs_block``): ``[words]{.class}``,
``![alt](x.png){width=50px}``, ``{#id .class}`` before a block.

The site gets the ids, classes and widths as MyST writes them. Widths reach both PDFs at
the size the website shows: a width or height in ``px`` means CSS pixels (96 to the inch) on
the site and in WeasyPrint, but rst2pdf counts 300 pixels to the inch, so the print edition
gets it in points (0.75 pt to the pixel). A class is for the website's
CSS: rst2pdf takes each class of a paragraph, list or span for a style of that name and
warns (which stops the build) when it has none, so in the print edition the classes its
stylesheets do not define are dropped; the words stay as they are.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.pdfshared.naming import PRINT

# What rst2pdf styles by class.
STYLED_BY_CLASS = (nodes.inline, nodes.paragraph, nodes.bullet_list, nodes.enumerated_list,
                   nodes.field_list, nodes.definition_list, nodes.literal)


@functools.cache
def _style_names(sheets: tuple[str, ...]) -> frozenset[str]:
    import rst2pdf

    folder = Path(rst2pdf.__file__).parent / "styles"
    names: set[str] = set()
    for sheet in ("styles", *sheets):
        path = Path(sheet) if Path(sheet).suffix else folder / f"{sheet}.yaml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            names.update((data.get("styles") or {}).keys())
    return frozenset(names)


class UnstyledClasses(SphinxPostTransform):
    builders = (PRINT,)
    default_priority = 890  # after the project's own PDF shaping (which adds styled classes)

    def run(self, **kwargs: object) -> None:
        sheets = [str(Path(self.env.srcdir) / s) if s.endswith((".yaml", ".json", ".style")) and
                  not Path(s).is_absolute() else s for s in self.config.pdf_stylesheets]
        known = _style_names(tuple(sheets))
        for node in self.document.findall(lambda n: isinstance(n, STYLED_BY_CLASS)):
            node["classes"] = [name for name in node["classes"] if name in known]


_PX = re.compile(r"\s*([\d.]+)\s*px\s*\Z")


class PixelsAsTheSiteShowsThem(SphinxPostTransform):
    """Print edition: ``{width=200px}`` drawn 150 pt wide, as on the website."""

    builders = (PRINT,)
    default_priority = 890

    def run(self, **kwargs: object) -> None:
        for image in self.document.findall(nodes.image):
            for side in ("width", "height"):
                match = _PX.match(str(image.get(side, "")))
                if match:
                    image[side] = f"{float(match[1]) * 0.75:g}pt"


def setup(app: Sphinx) -> None:
    app.add_post_transform(UnstyledClasses)
    app.add_post_transform(PixelsAsTheSiteShowsThem)
