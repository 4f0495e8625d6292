"""Text marked as still to be confirmed must sit in an editorial note.

Outside a ``{editorial-note}`` box nothing tells readers that a sentence is not yet checked,
so a reader would take "TBC" figures or dates as fact, and a publication could go out with
them. Inside a note it is visible to the authors, and a published publication with notes
is refused by the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ppiebook.checks.findings import Finding
from ppiebook.checks.readable import blocks, in_editorial_note

CHECK = "unconfirmed claims"
MARKERS = re.compile(
    r"(?<![\w-])(?:to\s+be\s+confirmed|tbc|needs\s+confirmation|needs\s+confirming|unconfirmed)(?![\w-])"
    r"|\[confirm\]",
    re.I,
)
# Paragraphs (list items and table cells hold paragraphs), titles, and the other places
# MyST puts a line of text: definition list terms, captions, rubrics.
TEXT = (nodes.paragraph, nodes.title, nodes.term, nodes.caption, nodes.rubric, nodes.line)

WHY = ("A reader would take it as fact: outside an editorial note nothing shows that it still "
       "needs checking, and the page could be published with it.")
FIX = ("Put the claim in an editorial note (a {editorial-note} block) asking the authors to "
       "confirm it, or remove it. Once it is confirmed, take out the marker.")


def _marker_line(source: str | None, line: int | None, marker: str) -> int | None:
    """The line at or after ``line`` that writes ``marker``: a table's cells all carry the
    table's first line, and a paragraph its first."""
    if not source or not line:
        return line
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return line
    wanted = re.compile(r"\s+".join(re.escape(word) for word in marker.lower().split()))
    for number in range(line, min(len(lines), line + 200) + 1):
        if wanted.search(lines[number - 1].lower()):
            return number
    return line


def check_unconfirmed(env: BuildEnvironment, docnames: Iterable[str], root: Path) -> list[Finding]:
    """An error for each marker of an unconfirmed claim outside an editorial note."""
    findings = []
    for docname in docnames:
        for block in blocks(env, docname, root, kinds=TEXT, skip=(nodes.literal_block, nodes.comment)):
            if in_editorial_note(block.node):
                continue
            for marker in dict.fromkeys(match[0] for match in MARKERS.finditer(block.text)):
                line = _marker_line(block.source, block.line, marker)
                findings.append(Finding(
                    check=CHECK, file=block.file, line=line, severity="error",
                    rule=f"'{' '.join(marker.split())}' outside an editorial note", why=WHY, fix=FIX))
    return findings
