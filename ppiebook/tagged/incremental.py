"""The fingerprint of a tagged PDF, for the selection both editions use
(ppiebook/pdfshared/outputstate.py): only the files whose inputs changed are rendered.

A tagged PDF is the rendering of one print HTML file (by Typst, through its markup, or
by WeasyPrint), then stamped. So its fingerprint is that HTML (the publication's assembled
pages, cover, contents, print CSS; or an infographic's page), the bytes of every ``file:`` URL in it (images, the
infographic's SVG, fonts), the metadata stamped on it, the code that renders, repairs,
stamps and checks it, the renderers' versions and SOURCE_DATE_EPOCH. Making the HTML
costs a fraction of rendering it (measured in the report of this change).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ppiebook.compat import pango_version
from ppiebook.pdfshared.naming import TAGGED
from ppiebook.pdfshared.outputstate import PACKAGE, code_digest, sha256_file

PART = TAGGED  # this builder's part of the state file and of the build log
RENDERERS = ("weasyprint", "pydyf", "tinyhtml5", "tinycss2", "cssselect2", "pyphen", "pillow", "fonttools",
             "pikepdf", "docutils", "sphinx", "myst-parser", "Pygments",
             "fontpkg-atkinson-hyperlegible", "fontpkg-ibm-plex-mono", "outloud", "PyMuPDF", "pypdfium2", "typst")
_FILE_URL = re.compile(r"""file://[^"'()\s<>]+""")


def _pango() -> str:
    """Pango lays out the text: a Debian upgrade of it may move lines."""
    return pango_version()


def fingerprint(html: str, metadata: dict[str, Any], code: str, files: dict[str, str] | None = None) -> str:
    """``files``: digests already taken in this build, by URL (the fonts are in every file)."""
    files = {} if files is None else files
    digest = hashlib.sha256(code.encode())
    digest.update(html.encode())
    digest.update(json.dumps(metadata, sort_keys=True, default=str).encode())
    for url in sorted(set(_FILE_URL.findall(html))):
        if url not in files:
            path = Path(unquote(urlparse(url).path))
            files[url] = sha256_file(path) if path.is_file() else "missing"
        digest.update(f"{url}\0{files[url]}\0".encode())
    return digest.hexdigest()


def code(renderer: str) -> str:
    """The code that renders, repairs, stamps and checks a tagged PDF, and its renderers.
    Pango's version counts only for WeasyPrint, which lays text out with it: learning it
    means importing WeasyPrint, about 0.8 s of every Typst build before this was so."""
    return code_digest([PACKAGE / "tagged", PACKAGE / "pdfshared", PACKAGE / "content", PACKAGE / "compat.py"],
                       RENDERERS) + (_pango() if renderer == "weasyprint" else "")
