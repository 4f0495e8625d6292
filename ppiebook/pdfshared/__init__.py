"""What both PDF editions share, so neither imports the other.

- :mod:`.naming`      the editions' builder names and the tagged edition's file names
- :mod:`.pages`       running header and footer, contents depth, chapters of an assembled tree
- :mod:`.design`      the design both print: fonts, sizes, page, the programme's colours
- :mod:`.fonts`       the font files (text, code, other scripts)
- :mod:`.cover`, :mod:`.imprint` the cover and imprint, as docutils nodes from the catalogue
- :mod:`.metadata`    Title, Author, /Lang, XMP and reproducible dates, stamped on every PDF
- :mod:`.logs`        the renderers' own complaints, collected so they fail the build
- :mod:`.outputstate` what the last good build published: one selection of what to rebuild

It registers nothing with Sphinx: each edition's package wires what it uses.
"""
