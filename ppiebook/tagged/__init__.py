"""Tagged PDF/UA-1 editions of every publication and infographic (Typst, or WeasyPrint).

Registered as the ``sphinx.builders`` entry point ``taggedpdf``: ``sphinx-build -b
taggedpdf`` loads it, and its renderer, on demand. Per publication it assembles the
publication's pages into one plain, semantic HTML file (the project's print template,
never the theme's). By default that HTML becomes Typst markup (typeset.py), which Typst
renders as PDF/UA-1, and retag.py repairs Typst's structure tree; with
``ppiebook_tagged_renderer = "weasyprint"``, WeasyPrint renders the HTML and tags.py
repairs what it leaves out. Then it stamps the metadata the rst2pdf edition has, and
checks the result with an independent PDF/UA-1 validator (validate.py, outloud)
and the project's own checker (check.py). A fault fails the build, naming the PDF, the
page, the rule and the publications.yaml line.

- :mod:`.builder`   the Sphinx builder
- :mod:`.assemble`  one publication's doctree: unique ids, links that resolve in one file
- :mod:`.front`     cover, imprint and contents, from the same nodes as the rst2pdf edition
- :mod:`.style`     the print CSS and Typst's style: fonts, sizes and colours shared with the rst2pdf edition
- :mod:`.translator` Sphinx's HTML writer with links as one element each
- :mod:`.typeset`   the print HTML as Typst markup
- :mod:`.render`    to PDF/UA-1: Typst's markup with Typst, or the HTML with WeasyPrint
- :mod:`.parts`     a long publication laid out by Typst in parts, each in its own process, and joined
- :mod:`.retag`     what Typst's structure tree needs (spans, nested lists, link words, row headers)
- :mod:`.tags`      what WeasyPrint's needs: /Lang, /Scope and artifacts
- :mod:`.validate`  the independent PDF/UA-1 validator (outloud) and the warnings accepted
- :mod:`.check`     the project's own rules (``python -m ppiebook.tagged FILE...`` runs both)
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ppiebook.events import PLAIN_TRANSLATOR
from ppiebook.pdfshared.components import PrintComponents
from ppiebook.pdfshared.memory import release_read_doctrees
from ppiebook.pdfshared.naming import TAGGED as BUILDER
from ppiebook.pdfshared.naming import TAGGED_WRITTEN
from ppiebook.pdfshared.numbers import CaptionNumbers
from ppiebook.tagged.builder import TaggedPdfBuilder
from ppiebook.tagged.translator import PrintTranslator


def _plain_translator(app: Sphinx) -> None:
    """Sphinx's own HTML writer, shaped for tagging (translator.py): the theme (at
    builder-inited) adds its wrappers to every HTML builder's writer, and its markup
    has no place in the print HTML."""
    if app.builder.name == BUILDER:
        app.set_translator(BUILDER, PrintTranslator, override=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("ppiebook")
    app.add_builder(TaggedPdfBuilder)
    app.add_event(TAGGED_WRITTEN)
    app.add_post_transform(CaptionNumbers)
    app.add_post_transform(PrintComponents)
    app.connect("builder-inited", _plain_translator, priority=PLAIN_TRANSLATOR)
    app.connect("doctree-read", release_read_doctrees)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": False}
