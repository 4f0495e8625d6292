"""A failed build names its cause, exits non-zero and leaves the last good outputs as they were.

Runs the build command as an author does (``python -m ppiebook.commands.build``) on a copy of
the project.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ppiebook.catalogue.publications import load_catalogue

PROJECT = Path(__file__).resolve().parent.parent

# The build command on a copy of the real project, built once per module (about a minute).
pytestmark = [pytest.mark.realbuild, pytest.mark.slow]


def run_build(project: Path, target: str = "all") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ppiebook.commands.build", target],
        cwd=project, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def good_copy(copy_project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("copy") / "project")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(good_copy: Path):
    """The good copy; files a test changes are put back afterwards."""
    saved: dict[Path, bytes | None] = {}

    def edit(relative: str, append: str = "", data: bytes | None = None) -> Path:
        path = good_copy / relative
        saved.setdefault(path, path.read_bytes() if path.exists() else None)
        if data is not None:
            path.write_bytes(data)
        else:
            path.write_text(path.read_text(encoding="utf-8") + append, encoding="utf-8")
        return path

    yield good_copy, edit
    for path, content in saved.items():
        if content is None:
            path.unlink()
        else:
            path.write_bytes(content)


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_broken_cross_reference(project, snapshot) -> None:
    root, edit = project
    before = snapshot(root / "_build")
    page = edit("handbook/planning.md", "\nSee [the missing chapter](no-such-chapter.md).\n")
    result = run_build(root)
    assert result.returncode != 0
    assert f"handbook/planning.md:{line_count(page)}" in result.stderr
    assert "no-such-chapter" in result.stderr
    assert "previous site and PDFs" in result.stderr and "untouched" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root / "_build") == before


def test_failing_pdf(project, snapshot) -> None:
    """A broken image makes rst2pdf give up on a document while Sphinx says it succeeded."""
    root, edit = project
    before = snapshot(root / "_build")
    catalogue = load_catalogue(PROJECT / "publications.yaml")
    first = catalogue.publications[0]
    folder = Path(first.root).parent
    edit(f"{folder}/broken-chart.png", data=b"this is not an image")
    page = edit(f"{first.root}.md", "\n![A chart of the wards](broken-chart.png)\n")
    relative_page = f"{first.root}.md"
    result = run_build(root)
    assert result.returncode != 0
    assert f"{relative_page}:{line_count(page)}" in result.stderr
    assert "broken or in an unknown format" in result.stderr
    assert f"{first.pdf_filename} is empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root / "_build") == before


def test_catalogue_error_is_one_clear_line(project, snapshot) -> None:
    root, edit = project
    before = snapshot(root / "_build")
    yaml_path = root / "publications.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    first, last = load_catalogue(yaml_path).publications[0], load_catalogue(yaml_path).publications[-1]
    edit("publications.yaml", data=text.replace(f"pdf: {last.pdf}", f"pdf: {first.pdf}").encode())
    result = run_build(root)
    assert result.returncode != 0
    assert f"publication '{last.id}', field 'pdf'" in result.stderr
    assert f"already used by publication '{first.id}'" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root / "_build") == before


def test_failure_repeats_until_fixed_then_publishes(project) -> None:
    """A failed build must not leave a Sphinx environment that hides the error next time."""
    root, edit = project
    page = root / "handbook/planning.md"
    good = page.read_text(encoding="utf-8")
    edit("handbook/planning.md", "\nSee [the missing chapter](no-such-chapter.md).\n")
    assert run_build(root).returncode != 0
    again = run_build(root)
    assert again.returncode != 0 and "no-such-chapter" in again.stderr
    page.write_text(good + "\nA new sentence about planning.\n", encoding="utf-8")
    fixed = run_build(root)
    assert fixed.returncode == 0, fixed.stderr
    assert "A new sentence about planning." in (root / "_build/html/handbook/planning.html").read_text()
