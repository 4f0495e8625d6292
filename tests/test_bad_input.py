"""Every kind of bad input gives a clear, located error, a non-zero exit and leaves the last
good site and PDFs untouched (the build command on a copy of a tiny project)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

GOOD_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            '<rect width="10" height="10" fill="#000"/></svg>')


def run_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ppiebook.commands.build", "all"], cwd=project,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def good(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the content root, built by the build command as an author runs it."""
    project = tmp_path_factory.mktemp("bad-input") / "project"
    shutil.copytree(rootdir / "test-content", project)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


CASES = {
    "malformed front matter": (
        lambda p: (p / "final/chapter.md").write_text("---\norphan: [unclosed\n---\n# The only chapter\n\nText.\n"),
        "final/chapter.md:1", "Malformed YAML",
    ),
    "front matter outside its schema": (
        lambda p: (p / "final/chapter.md").write_text("---\nauthor_email: x\n---\n# The only chapter\n\nText.\n"),
        "final/chapter.md:1", "'author_email' is not a key this project knows",
    ),
    "missing field in publications.yaml": (
        lambda p: (p / "publications.yaml").write_text(
            (p / "publications.yaml").read_text().replace("    subtitle: Nothing left to supply\n", "")),
        "publications.yaml:", "publication 'final-guide', field 'subtitle': is required but missing",
    ),
    "unknown root document": (
        lambda p: (p / "publications.yaml").write_text(
            (p / "publications.yaml").read_text().replace("root: final/index", "root: final/contents")),
        "publications.yaml:", "field 'root': no document 'final/contents'",
    ),
    "duplicate PDF name": (
        lambda p: (p / "publications.yaml").write_text(
            (p / "publications.yaml").read_text().replace("pdf: finished-guide", "pdf: draft-report")),
        "publications.yaml:", "field 'pdf': 'draft-report' is already used by publication 'draft-report'",
    ),
    "unclosed code fence": (
        lambda p: append(p / "final/chapter.md", "\nSome text.\n\n```python\nprint('never closed')\n"),
        "final/chapter.md:10", "the block opened on this line is never closed",
    ),
    "unknown directive": (
        lambda p: append(p / "final/chapter.md", "\n```{sparkle}\nShiny.\n```\n"),
        "final/chapter.md:", "Unknown directive type: 'sparkle'",
    ),
    "unknown role": (
        lambda p: append(p / "final/chapter.md", "\nA {sparkle}`word` here.\n"),
        "final/chapter.md:", "Unknown interpreted text role \"sparkle\"",
    ),
    "missing image": (
        lambda p: append(p / "final/chapter.md", "\n![A chart of the results](no-such-chart.png)\n"),
        "final/chapter.md:", "no-such-chart.png",
    ),
    "non-UTF-8 file": (
        lambda p: (p / "final/chapter.md").write_bytes("# The only chapter\n\nCaf\xe9 in Latin-1.\n".encode("latin-1")),
        "final/chapter.md:3", "this file is not UTF-8 text (byte 0xe9)",
    ),
    "page of 5 MB": (
        lambda p: append(p / "final/chapter.md", "\n" + ("A line of text that repeats. " * 40 + "\n\n") * 4300),
        "final/chapter.md:1", "over the 1.0 MB limit",
    ),
    "circular toctree": (
        lambda p: append(p / "final/chapter.md", "\n```{toctree}\nindex\n```\n"),
        "final/chapter.md", "(circular toctree)",
    ),
    "duplicate label": (
        lambda p: append(p / "final/chapter.md", "\n(same-label)=\n## One\n\n(same-label)=\n## Two\n"),
        "final/chapter.md:", "Duplicate explicit target name: \"same-label\"",
    ),
    "script in raw HTML": (
        lambda p: append(p / "final/chapter.md", '\n<script>alert("injected")</script>\n'),
        "final/chapter.md:", "raw html is not allowed in pages",
    ),
    "iframe in raw HTML": (
        lambda p: append(p / "final/chapter.md", '\n<iframe src="https://tracker.invalid/"></iframe>\n'),
        "final/chapter.md:", "raw html is not allowed in pages",
    ),
    "raw directive": (
        lambda p: append(p / "final/chapter.md", '\n```{raw} html\n<script src="https://tracker.invalid/x.js"></script>\n```\n'),
        "final/chapter.md:", '"raw" directive disabled',
    ),
    "include from outside the project": (
        # Up to / from wherever the project is, then down to a file outside it.
        lambda p: append(p / "final/chapter.md", "\n```{include} " + "../" * len(p.parts) + "etc/hostname\n```\n"),
        "final/chapter.md", "refused: only files inside the project can be included",
    ),
    "broken SVG": (
        lambda p: ((p / "final/broken.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect width="),
                   append(p / "final/chapter.md", "\n![A diagram of the steps](broken.svg)\n")),
        "final/chapter.md:", "image 'final/broken.svg' is not valid SVG (XML error at line 1",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_and_nothing_is_published(good: Path, snapshot, case: str) -> None:
    breaks, where, what = CASES[case]
    saved = {path: path.read_bytes() for path in good.rglob("*") if path.is_file() and "_build" not in path.parts}
    before = snapshot(good / "_build")
    try:
        breaks(good)
        result = run_build(good)
    finally:
        for path in list(good.rglob("*")):
            if path.is_file() and "_build" not in path.parts and path not in saved:
                path.unlink()
        for path, data in saved.items():
            path.write_bytes(data)
    assert result.returncode != 0, case
    assert where in result.stderr, result.stderr[-2000:]
    assert what in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "untouched" in result.stderr
    assert snapshot(good / "_build") == before
