"""Infographics built from YAML data: SVG for the site and the PDFs, a text alternative,
and a one-page PDF of each (ppiebook.content.infographics.standalone, PDF builds only)."""
