"""Render only the tagged PDFs whose inputs changed (as ppiebook/pdf/incremental.py does
for the rst2pdf edition, with the same state file, ppiebook/outputstate.py).

A tagged PDF is WeasyPrint's rendering of one print HTML file, then stamped. So its
fingerprint is that HTML (the publication's assembled pages, cover, contents, print CSS;
or an infographic's page), the bytes of every ``file:`` URL in it (images, the
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

from ppiebook.pdfshared.outputstate import PACKAGE, code_digest, read_state, record_log, record_state, sha256_file, unchanged

PART = "taggedpdf"  # this builder's part of the state file and of the build log
RENDERERS = ("weasyprint", "pydyf", "tinyhtml5", "tinycss2", "cssselect2", "pyphen", "pillow", "fonttools",
             "pikepdf", "docutils", "sphinx", "myst-parser", "Pygments",
             "fontpkg-atkinson-hyperlegible", "fontpkg-ibm-plex-mono", "outloud", "PyMuPDF", "pypdfium2")
_FILE_URL = re.compile(r"""file://[^"'()\s<>]+""")


def _pango() -> str:
    """Pango lays out the text: a Debian upgrade of it may move lines."""
    from weasyprint.text.ffi import pango

    return str(pango.pango_version())


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


class Selection:
    """Which tagged PDFs in ``pdf_dir`` must be rendered again; records the outcome."""

    def __init__(self, pdf_dir: Path) -> None:
        self.pdf_dir = pdf_dir
        self.state = read_state(pdf_dir, PART)
        self.code = code_digest([PACKAGE / "tagged", PACKAGE / "pdfshared", PACKAGE / "content"],
                                RENDERERS) + _pango()
        self.fingerprints: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self.log: dict[str, dict[str, list[str]]] = {kind: {"rebuilt": [], "skipped": []}
                                                     for kind in ("publications", "infographics")}

    def wanted(self, filename: str, kind: str, html: str, metadata: dict[str, Any]) -> bool:
        """True when ``filename`` must be rendered from this HTML (``kind``: its log entry)."""
        value = self.fingerprints[filename] = fingerprint(html, metadata, self.code, self.files)
        keep = unchanged(self.pdf_dir, self.state, filename, value)
        self.log[kind]["skipped" if keep else "rebuilt"].append(filename)
        return not keep

    @property
    def skipped(self) -> list[str]:
        return [name for entry in self.log.values() for name in entry["skipped"]]

    def record(self) -> None:
        """After every tagged PDF passed its checks."""
        record_state(self.pdf_dir, PART, self.fingerprints)
        record_log(self.pdf_dir, self.log, key="tagged")
