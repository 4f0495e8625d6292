"""Infographics built from YAML data: the SVG every edition shows, and a text alternative.

:mod:`.data` reads and checks the data files, :mod:`.svg` draws them, :mod:`.directive`
is ``{infographic}`` and gives the PDF editions the same drawing (``drawing``,
``edition_infographics``); each infographic's one-page PDFs are made by the editions
(ppiebook.pdf.infographic_pdfs, ppiebook.tagged.builder)."""
