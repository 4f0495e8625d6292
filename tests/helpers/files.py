"""Files the tests make, change and compare: stand-in PDFs, digests of output trees, edits,
copies of the real project."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pikepdf

PROJECT = Path(__file__).resolve().parents[2]
# What a copy of the real project leaves out: environments, outputs, the tests themselves.
PROJECT_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".pytest_cache", "tests",
                                        "*.egg-info")


def fake_pdfs(folder: Path, names: list[str], pages: int = 1) -> Path:
    """Stand-in PDFs, as a PDF build would leave them, for HTML-only tests."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        pdf = pikepdf.new()
        for _ in range(pages):
            pdf.add_blank_page()
        pdf.save(folder / f"{name}.pdf")
    return folder


def snapshot(builddir: Path) -> dict[str, str]:
    """Every output file and its SHA-256, environments included.

    Not ``.staging``: the build's working generation, which a failed build discards
    (tests/test_staging.py checks what happens to it).
    """
    return {
        str(path.relative_to(builddir)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(builddir.rglob("*"))
        if path.is_file() and path.relative_to(builddir).parts[0] != ".staging"
    }


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file (which must hold it), with a new time stamp."""
    source = path.read_text(encoding="utf-8")
    assert old in source, f"{old!r} not in {path}"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    time.sleep(0.01)  # a different time stamp from the first build's files


def copy_project(target: Path) -> Path:
    """A copy of the real project's sources (no outputs, environments or tests) at ``target``."""
    shutil.copytree(PROJECT, target, ignore=PROJECT_IGNORE)
    return target
