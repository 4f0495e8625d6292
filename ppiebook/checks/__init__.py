"""Checks: what every build refuses, and the fuller report of `make check`.

Every build (registered by ``setup``):

- :mod:`.structure` unclosed fences, page size, one title per page, front matter, circular toctrees
- :mod:`.images`    images without meaningful alt text, and broken SVG files
- :mod:`.safety`    no raw HTML, no includes from outside the project
- :mod:`.literal_markup` no markup printed as literal text (a MyST extension that is off), no
  images or includes by web address
- :mod:`.located`  Sphinx's messages that name no file, placed at the page and line being read

`make check` (``python -m ppiebook.checks``): each module below looks at one kind of problem and
returns :class:`~ppiebook.checks.findings.Finding` objects, reported with a summary table:
:mod:`.sphinx_warnings`, :mod:`.personal_data`, :mod:`.plain_english` (and the spelling filter).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ppiebook.checks import images, literal_markup, located, safety, structure


def setup(app: Sphinx) -> None:
    for check in (structure, images, safety, literal_markup, located):
        check.setup(app)
