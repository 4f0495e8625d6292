"""The content: the project's own directives, each with its rendering for every edition beside it.

A construct's module holds its directive, its node's HTML visitors and the post-transforms
that shape it for the PDF editions (as sphinx-design keeps a component together):

- :mod:`.editorial`     ``{editorial-note}``: what the authors still have to supply; drafts stay drafts
- :mod:`.videos`        ``{video}``, ``{video-gallery}``: a privacy-respecting player; address and QR code in PDFs
- :mod:`.rates`         ``{rates-table}``: payment rates from data/payment-rates.yaml
- :mod:`.programme_info` ``{programme-info}``: partners, recognition, contact, from the catalogue
- :mod:`.citations`     ``{citation-list}``: how to cite each publication
- :mod:`.language`      ``{lang}``: passages in other languages (lang, dir; PDF fonts)
- :mod:`.infographics`  ``{infographic}``: SVG and text version from YAML data
- :mod:`.tasklists`     ``- [ ]``/``- [x]`` (MyST's tasklist): a checkbox on the site, a box in the PDFs
- :mod:`.formulas`     ``{math}``, ``$...$``, ``{eq}``: MathML on the site, drawn SVG in the PDFs
- :mod:`.diagrams`     ``{mermaid}``: drawn at build time to one SVG for every edition, alt text required
- :mod:`.margins`      sphinx-book-theme's ``{margin}`` in the PDF builds (a boxed note after its paragraph)
- :mod:`.attributes`    ``{.class}``, ``{width=...}`` (MyST's attrs): website classes left out of the print edition
- :mod:`.generated`     files written into ``_generated/`` (SVGs, QR codes)
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ppiebook.content import (
    attributes,
    citations,
    diagrams,
    editorial,
    formulas,
    language,
    margins,
    programme_info,
    rates,
    tasklists,
    videos,
)
from ppiebook.content.infographics import directive as infographics


def setup(app: Sphinx) -> None:
    for construct in (editorial, videos, rates, programme_info, citations, language, infographics,
                      tasklists, attributes, formulas, diagrams, margins):
        construct.setup(app)
