"""The same passage on two pages: readers meet it twice, and when one copy is corrected the
other goes out of date.

Pages are compared as readers read them: the words of paragraphs and list items, without
code, inline code, tables, footnotes and editorial notes, in lower case and without
punctuation. Every run of
``MIN_WORDS`` words is a shingle; shingles two pages share, and that overlap one another
in the same order on both, are merged into one passage, reported once for each pair of
places with both places.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ppiebook.checks.findings import Finding
from ppiebook.checks.readable import blocks, in_editorial_note

CHECK = "repetition"
# A passage this many words long, or longer, on two pages is a repetition.
MIN_WORDS = 25
# Code and tables are not compared, nor footnotes and the list of sources (the same source
# cited on two pages is listed on both).
SKIPPED = (nodes.literal_block, nodes.table, nodes.raw, nodes.footnote, nodes.citation)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
QUOTED_WORDS = 8

WHY = ("Readers who meet the same passage twice lose their way and skip text they should read. "
       "When one copy is corrected, the other is easily forgotten and goes out of date.")
FIX = ("Keep the passage on one page and link to it from the other, or rewrite one copy so that "
       "it says only what that page needs.")


@dataclass(frozen=True)
class Words:
    """A page's words in reading order, with the place of the paragraph each comes from."""

    words: list[str]
    places: list[tuple[str, int | None]]


def page_words(env: BuildEnvironment, docname: str, root: Path) -> Words:
    words: list[str] = []
    places: list[tuple[str, int | None]] = []
    for block in blocks(env, docname, root, skip=SKIPPED):
        if in_editorial_note(block.node):
            continue  # what the authors are asked to supply, often in the same words: not text yet
        found = _WORD.findall(block.text.lower().replace("’", "'"))
        words += found
        places += [(block.file, block.line)] * len(found)
    return Words(words, places)


def _location(place: tuple[str, int | None]) -> str:
    return f"{place[0]}:{place[1]}" if place[1] else place[0]


def find_repetitions(pages: dict[str, Words], size: int = MIN_WORDS) -> list[Finding]:
    """One finding per passage of ``size`` or more words that two different pages share."""
    shingles: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, page in pages.items():
        for start in range(len(page.words) - size + 1):
            shingles[" ".join(page.words[start:start + size])].append((name, start))
    # Matching window starts for each pair of pages, first page in name order.
    matches: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for places in shingles.values():
        for a_name, a_start in places:
            for b_name, b_start in places:
                if a_name < b_name:
                    matches[a_name, b_name].add((a_start, b_start))
    findings = []
    for (a_name, b_name), pairs in sorted(matches.items()):
        for a_start, b_start, length in _passages(pairs, size):
            a, b = pages[a_name], pages[b_name]
            quoted = " ".join(a.words[a_start:a_start + QUOTED_WORDS])
            findings.append(Finding(
                check=CHECK, file=a.places[a_start][0], line=a.places[a_start][1], severity="error",
                rule=f"the same {length} words are also at {_location(b.places[b_start])}: '{quoted} …'",
                why=WHY, fix=FIX))
    return findings


def _passages(pairs: Iterable[tuple[int, int]], size: int) -> list[tuple[int, int, int]]:
    """Overlapping windows on the same diagonal (same offset between the two pages) merged:
    (start on the first page, start on the second, length in words)."""
    passages: list[tuple[int, int, int]] = []
    for a_start, b_start in sorted(pairs, key=lambda pair: (pair[1] - pair[0], pair[0])):
        if passages:
            first_a, first_b, length = passages[-1]
            if b_start - a_start == first_b - first_a and a_start <= first_a + length:
                passages[-1] = (first_a, first_b, a_start + size - first_a)
                continue
        passages.append((a_start, b_start, size))
    return sorted(passages)


def check_repetition(env: BuildEnvironment, docnames: Iterable[str], root: Path) -> list[Finding]:
    """Every page's words compared with every other page's, by shingles of MIN_WORDS words."""
    return find_repetitions({docname: page_words(env, docname, root) for docname in docnames})
