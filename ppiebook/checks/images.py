"""Images in pages: alt text that means something, and SVG files that are valid.

Browsers' accessibility checkers miss both alt-text failures seen with MyST: ``![](x.png)``
gives an empty alt, and ``{image}`` without ``:alt:`` gives the file path. A malformed SVG
shows as a broken picture on the website and makes rst2pdf fail without saying where.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ppiebook.config import TYPE, Kind, where

logger = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"^[\w\-./ ]+\.(png|jpe?g|gif|svg|webp|pdf)$", re.I)
_PLACEHOLDERS = {"image", "picture", "photo", "graphic", "figure", "chart", "img", "alt", "alt text"}


def alt_text_problem(alt: str, uri: str) -> str | None:
    """Why ``alt`` does not describe the image at ``uri``, or None when it is fine."""
    alt = alt.strip()
    if not alt:
        return "has no alt text"
    if alt == uri or alt == posixpath.basename(uri) or _FILE_NAME.match(alt):
        return f"has a file name as alt text ('{alt}')"
    if alt.lower() in _PLACEHOLDERS:
        return f"has a placeholder as alt text ('{alt}')"
    return None


def check_alt_text(app: Sphinx, doctree: nodes.document) -> None:
    for image in doctree.findall(nodes.image):
        problem = alt_text_problem(image.get("alt", ""), image.get("uri", ""))
        if problem:
            logger.warning(
                "image '%s' %s: describe what it shows for people who cannot see it",
                image.get("uri", ""), problem, location=where(image), type=TYPE, subtype=Kind.ALT_TEXT,
            )


def svg_problem(path: Path) -> str | None:
    """Why the SVG file at ``path`` cannot be drawn, or None when it parses."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        line, column = exc.position
        return f"is not valid SVG (XML error at line {line}, column {column})"
    except OSError:
        return None  # a missing file is Sphinx's own warning
    if not root.tag.endswith("svg"):
        return f"is not an SVG drawing (its first element is <{root.tag}>)"
    return None


def check_svg_files(app: Sphinx, doctree: nodes.document) -> None:
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if uri.endswith(".svg") and "://" not in uri:
            problem = svg_problem(Path(app.srcdir) / uri)
            if problem:
                logger.warning("image '%s' %s: fix or re-export the file", uri, problem,
                               location=where(image), type=TYPE, subtype=Kind.SVG)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", check_alt_text)
    app.connect("doctree-read", check_svg_files)
