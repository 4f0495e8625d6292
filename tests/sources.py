"""Read the MyST sources the way an author wrote them, so the tests' expectations come
from the sources and not from the pipeline under test."""

from __future__ import annotations

import re
from pathlib import Path

_FENCE = re.compile(r"^```\{toctree\}[^\n]*\n(.*?)^```", re.M | re.S)


def heading(path: Path, level: int = 1) -> list[str]:
    marks = "#" * level
    return [m.group(1).strip() for m in re.finditer(rf"^{marks} (.+)$", path.read_text(encoding="utf-8"), re.M)]


def toctree_entries(path: Path) -> list[Path]:
    """The files listed in a page's toctrees, in order."""
    entries = []
    for block in _FENCE.findall(path.read_text(encoding="utf-8")):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith(":"):
                entries.append(path.parent / f"{line}.md")
    return entries


def chapters(root: Path) -> list[str]:
    """A publication's chapters: its toctree's page titles, or a single page's sections."""
    entries = toctree_entries(root)
    if entries:
        return [heading(entry)[0] for entry in entries]
    return heading(root, level=2)
