"""Read the MyST sources the way an author wrote them, so the tests' expectations come
from the sources and not from the pipeline under test."""

from __future__ import annotations

import re
from pathlib import Path

_FENCE = re.compile(r"^```\{toctree\}[^\n]*\n(.*?)^```", re.M | re.S)


def heading(path: Path, level: int = 1) -> list[str]:
    marks = "#" * level
    return [m.group(1).strip() for m in re.finditer(rf"^{marks} (.+)$", path.read_text(encoding="utf-8"), re.M)]


PROJECT = Path(__file__).resolve().parents[2]


def toctree_entries(path: Path) -> list[Path]:
    """The files listed in a page's toctrees, in order ("/x" is relative to the project)."""
    entries = []
    for block in _FENCE.findall(path.read_text(encoding="utf-8")):
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("/"):
                entries.append(PROJECT / f"{line[1:]}.md")
            elif line and not line.startswith(":"):
                entries.append(path.parent / f"{line}.md")
    return entries


def chapters(root: Path) -> list[str]:
    """A publication's chapters: its toctree's page titles, or a single page's sections."""
    entries = toctree_entries(root)
    if entries:
        return [heading(entry)[0] for entry in entries]
    return heading(root, level=2)


_MARKUP_LINE = re.compile(r"^\s*(```|:::|:[a-z-]+:|\|[-:| ]+\|$)")


def prose_words(path: Path) -> int:
    """Words a reader reads in one page: fences, directive options and table rules left out."""
    words = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if _MARKUP_LINE.match(line):
            continue
        words += sum(1 for token in re.split(r"[\s|]+", line) if re.search(r"[A-Za-z]", token))
    return words


def publication_pages(root: Path) -> list[Path]:
    """The root page and every page its toctrees reach, in reading order."""
    pages, queue = [], [root]
    while queue:
        page = queue.pop(0)
        if page not in pages:
            pages.append(page)
            queue[0:0] = toctree_entries(page)
    return pages
