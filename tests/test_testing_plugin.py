"""The pytest plugin (ppiebook.testing) as another project uses it: a test file holding only
``from ppiebook.testing.outputs import *``, run by pytest in that project, on a site built from
a tiny root with stand-in PDFs (--ppiebook-builddir). Each generic test passes on a good build
and fails on the fault it is there for. The project has no tests/tools: it is given this
repository's vnu.jar through PPIEBOOK_VNU_JAR, as a programme could."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ppiebook.testing import outputs, plugin, vnu

IMPORT_LINE = "from ppiebook.testing.outputs import *  # noqa: F403\n"
PROJECT = Path(__file__).resolve().parent.parent
JAR = vnu.find_jar(PROJECT)
# The Nu Html Checker's test in the tiny project: it runs with this repository's vnu.jar, or
# skips (fails under CI=true) without it or Java, as the plugin says.
HAS_VNU = JAR is not None and JAR.is_file() and shutil.which("java") is not None
VNU_OUTCOME = "PASSED" if HAS_VNU else ("FAILED" if os.environ.get("CI") == "true" else "SKIPPED")
# The generic tests in the tiny project (one publication), and those of them that drive the browser.
GENERIC, IN_BROWSER = 24, 16


@pytest.fixture
def project(rootdir: Path, tmp_path: Path, fake_pdfs) -> Path:
    """A tiny project with the generic tests, its site built (stand-in PDFs) into _build."""
    source = shutil.copytree(rootdir / "test-myst-syntax", tmp_path / "project")
    # The theme and its setting a programme's conf.py has (the root keeps Sphinx's default
    # theme, whose markup the HTML checker faults; the full-screen button's inline handler
    # is one the Content-Security-Policy blocks).
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_theme = "sphinx_book_theme"\nhtml_theme_options = {"use_fullscreen_button": False}\n')
    fake_pdfs(source / "_build" / "pdf", ["syntax", "syntax-tagged"])
    subprocess.run([sys.executable, "-m", "ppiebook.commands.build", "html", "--builddir", "_build"],
                   cwd=source, capture_output=True, check=True)
    (source / "test_outputs.py").write_text(IMPORT_LINE, encoding="utf-8")
    return source


def outcomes(project: Path, *args: str) -> dict[str, str]:
    """Each test's outcome in a pytest run in ``project``: {'test_name[param]': 'PASSED'}."""
    environment = {**os.environ, vnu.ENVIRONMENT: str(JAR)} if HAS_VNU else os.environ
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA",
                           "--ppiebook-builddir", "_build", *args, "test_outputs.py"],
                          cwd=project, capture_output=True, text=True, check=False, env=environment)
    found = dict((name, outcome) for outcome, name in
                 re.findall(r"^(PASSED|FAILED|ERROR|SKIPPED) test_outputs\.py::(\S+)", done.stdout, re.M))
    assert found, done.stdout[-3000:] + done.stderr[-2000:]
    return found


def test_generic_tests_pass_on_a_good_site_and_see_an_untagged_pdf(project: Path) -> None:
    """The tests that need no browser (those are test_browser_checks_pass_in_another_project's)."""
    assert outcomes(project, "-m", "not browser") == {
        "test_every_publication_has_its_pdfs[syntax]": "PASSED",
        # The stand-in tagged PDF has no structure tree, language or title, and fails the
        # validator: caught twice.
        "test_tagged_pdf_has_structure_language_and_title[syntax]": "FAILED",
        "test_tagged_pdf_passes_the_pdfua_validator[syntax]": "FAILED",
        "test_every_other_tagged_pdf_passes_the_pdfua_validator": "PASSED",
        "test_every_page_has_title_and_language": "PASSED",
        "test_no_unrendered_markup_in_pages": "PASSED",
        "test_internal_links_resolve": "PASSED",
        "test_nu_html_checker_finds_no_errors": VNU_OUTCOME,
    }


def test_generic_tests_catch_broken_pages(project: Path) -> None:
    site = project / "_build" / "html"
    page = site / "index.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<html lang="[^"]*"', "<html", html, count=1)
    assert "</body>" in html
    html = html.replace("</body>", "<p>Hello {{ programme.name }}</p><a href='missing.html'>gone</a>"
                                   "<li>not in a list</li></body>", 1)
    page.write_text(html, encoding="utf-8")
    (project / "_build" / "pdf" / "syntax.pdf").unlink()
    # Another tagged PDF (an infographic's, say) that is not tagged at all: the validator sees it.
    shutil.copy(project / "_build" / "pdf" / "syntax-tagged.pdf", project / "_build" / "pdf" / "other-tagged.pdf")
    found = outcomes(project, "-m", "not browser")
    assert found["test_every_publication_has_its_pdfs[syntax]"] == "FAILED"
    assert found["test_every_page_has_title_and_language"] == "FAILED"
    assert found["test_no_unrendered_markup_in_pages"] == "FAILED"
    assert found["test_internal_links_resolve"] == "FAILED"
    assert found["test_every_other_tagged_pdf_passes_the_pdfua_validator"] == "FAILED"
    if HAS_VNU:  # the stray <li>
        assert found["test_nu_html_checker_finds_no_errors"] == "FAILED"


def collected(project: Path, selection: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--collect-only",
                           "-m", selection, "test_outputs.py"], cwd=project, capture_output=True, text=True,
                          check=False)
    return done.stdout


def test_users_of_the_build_are_marked_realbuild(project: Path) -> None:
    """So `-m "not realbuild"` leaves them out, as make test-fast does here."""
    out = collected(project, "not realbuild")
    assert "no tests collected" in out and f"{GENERIC} deselected" in out


def test_users_of_the_browser_are_marked_browser(project: Path) -> None:
    """So `-m "not browser"` leaves them out where there is no chromium."""
    out = collected(project, "browser")
    assert f"{IN_BROWSER}/{GENERIC} tests collected ({GENERIC - IN_BROWSER} deselected)" in out


def test_markers_are_registered() -> None:
    assert set(plugin.MARKERS) == {"realbuild", "slow", "browser"}


def test_outputs_lists_each_test_once() -> None:
    """What `import *` takes is every test of the module, and nothing else."""
    tests = [name for name in dir(outputs) if name.startswith("test_")]
    assert sorted(outputs.__all__) == sorted(tests) and len(set(outputs.__all__)) == len(outputs.__all__)


def test_vnu_jar_is_looked_for_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PPIEBOOK_VNU_JAR, then tests/tools/node_modules, then node_modules; None without any."""
    monkeypatch.delenv(vnu.ENVIRONMENT, raising=False)
    assert vnu.find_jar(tmp_path) is None
    for place in reversed(vnu.PLACES):
        (tmp_path / place).parent.mkdir(parents=True)
        (tmp_path / place).write_bytes(b"")
        assert vnu.find_jar(tmp_path) == tmp_path / place
    assert vnu.PLACES[0] == Path("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar")
    monkeypatch.setenv(vnu.ENVIRONMENT, str(tmp_path / "elsewhere.jar"))
    assert vnu.find_jar(tmp_path) == tmp_path / "elsewhere.jar"


@pytest.mark.slow
def test_browser_checks_pass_in_another_project(project: Path, browser) -> None:
    """The plugin's browser tests, in a project with no copy of this repository's tests: each
    runs in Debian's chromium (asking for `browser` here skips this test without it)."""
    found = outcomes(project, "-m", "browser")
    assert len(found) == IN_BROWSER
    assert set(found.values()) == {"PASSED"}, found
