"""The pytest plugin (ppiebook.testing) as another project uses it: a test file holding only
``from ppiebook.testing.outputs import *``, run by pytest in that project, on a site built from
a tiny root with stand-in PDFs (--ppiebook-builddir). Each generic test passes on a good build
and fails on the fault it is there for."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ppiebook.testing import plugin

IMPORT_LINE = "from ppiebook.testing.outputs import *  # noqa: F403\n"


@pytest.fixture
def project(rootdir: Path, tmp_path: Path, fake_pdfs) -> Path:
    """A tiny project with the generic tests, its site built (stand-in PDFs) into _build."""
    source = shutil.copytree(rootdir / "test-myst-syntax", tmp_path / "project")
    fake_pdfs(source / "_build" / "pdf", ["syntax", "syntax-tagged"])
    subprocess.run([sys.executable, "-m", "ppiebook.commands.build", "html", "--builddir", "_build"],
                   cwd=source, capture_output=True, check=True)
    (source / "test_outputs.py").write_text(IMPORT_LINE, encoding="utf-8")
    return source


def outcomes(project: Path, *args: str) -> dict[str, str]:
    """Each test's outcome in a pytest run in ``project``: {'test_name[param]': 'PASSED'}."""
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA",
                           "--ppiebook-builddir", "_build", *args, "test_outputs.py"],
                          cwd=project, capture_output=True, text=True, check=False)
    found = dict((name, outcome) for outcome, name in
                 re.findall(r"^(PASSED|FAILED|ERROR|SKIPPED) test_outputs\.py::(\S+)", done.stdout, re.M))
    assert found, done.stdout[-3000:] + done.stderr[-2000:]
    return found


def test_generic_tests_pass_on_a_good_site_and_see_an_untagged_pdf(project: Path) -> None:
    assert outcomes(project) == {
        "test_every_publication_has_its_pdfs[syntax]": "PASSED",
        # The stand-in tagged PDF has no structure tree, language or title: caught.
        "test_tagged_pdf_has_structure_language_and_title[syntax]": "FAILED",
        "test_every_page_has_title_and_language": "PASSED",
        "test_no_unrendered_markup_in_pages": "PASSED",
        "test_internal_links_resolve": "PASSED",
    }


def test_generic_tests_catch_broken_pages(project: Path) -> None:
    site = project / "_build" / "html"
    page = site / "index.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<html lang="[^"]*"', "<html", html, count=1)
    assert "</body>" in html
    html = html.replace("</body>", "<p>Hello {{ programme.name }}</p><a href='missing.html'>gone</a></body>", 1)
    page.write_text(html, encoding="utf-8")
    (project / "_build" / "pdf" / "syntax.pdf").unlink()
    found = outcomes(project)
    assert found["test_every_publication_has_its_pdfs[syntax]"] == "FAILED"
    assert found["test_every_page_has_title_and_language"] == "FAILED"
    assert found["test_no_unrendered_markup_in_pages"] == "FAILED"
    assert found["test_internal_links_resolve"] == "FAILED"


def test_users_of_the_build_are_marked_realbuild(project: Path) -> None:
    """So `-m "not realbuild"` leaves them out, as make test-fast does here."""
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--collect-only",
                           "-m", "not realbuild", "test_outputs.py"], cwd=project, capture_output=True, text=True,
                          check=False)
    assert "no tests collected" in done.stdout and "5 deselected" in done.stdout


def test_markers_are_registered() -> None:
    assert set(plugin.MARKERS) == {"realbuild", "slow"}
