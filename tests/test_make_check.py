"""`make check` (python -m ppiebook.checks) on the real project and on a copy with one
mistake of each kind planted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

# The checks read the whole real project with Sphinx (about 7 s each run).
pytestmark = [pytest.mark.realbuild, pytest.mark.slow]


REPEATED = ("Planted by the tests, this passage of more than twenty five words is written on two pages, so that "
            "the repetition check has one passage to find and report once.")


def run_checks(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ppiebook.checks", "--source", str(project)],
                          capture_output=True, text=True, timeout=600)


def row(output: str, check: str) -> tuple[int, int]:
    match = re.search(rf"^{re.escape(check)}\s*\|\s*\d+\s*\|\s*(\d+)\s*\|\s*(\d+)", output, re.M)
    assert match, f"no summary row for {check}"
    return int(match[1]), int(match[2])


def test_the_shipped_content_passes() -> None:
    result = run_checks(PROJECT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "No errors." in result.stdout
    assert "External links" in result.stdout


@pytest.fixture(scope="module")
def broken(copy_project, rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess:
    project = copy_project(tmp_path_factory.mktemp("check") / "project")
    page = project / "handbook" / "planning.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n".join([
        "",
        "## Mistakes planted by the tests",
        "",
        "Write to someone@example.org or call 0121 496 0000 before you recieve the forms.",
        "",
        "See [the chapter that does not exist](no-such-chapter.md).",
        "",
        "![](chart.png)",
        "",
        "> I waited three weeks for a letter.",
        ">",
        "> — Sarah Khan",
        "",
        "<script>alert('hi')</script>",
        "",
        "#### A heading that skips a level",
        "",
        "The budget for the next round is TBC.",
        "",
        "For the forms, [click here](https://example.org/forms).",
        "",
        REPEATED,
        "",
    ]), encoding="utf-8")
    other = project / "handbook" / "micro-funding.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n" + REPEATED + "\n", encoding="utf-8")
    bib = project / "data" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{plantedundated,\n  title = {{Undated}},\n}\n",
                   encoding="utf-8")
    (project / "handbook" / "chart.png").write_bytes((rootdir / "test-content/data/test-logo.png").read_bytes())
    summary = project / "report" / "executive-summary.md"
    summary.write_text(summary.read_text(encoding="utf-8") + "\nNotwithstanding the aforementioned considerations, "
                       "the multidimensional institutional configurations necessitate comprehensive organisational "
                       "reconceptualisation, notwithstanding substantial implementation complexities and "
                       "interdependencies characterising contemporary healthcare commissioning arrangements.\n" * 12,
                       encoding="utf-8")
    return run_checks(project)


def test_each_planted_mistake_is_an_error_with_its_place(broken: subprocess.CompletedProcess) -> None:
    out = broken.stdout
    assert broken.returncode == 1
    for check in ["references", "structure", "alt text and images", "safe content", "spelling",
                  "personal data", "plain English", "bibliography", "repetition", "unconfirmed claims"]:
        assert row(out, check)[0] >= 1, check
    assert re.search(r"handbook/planning\.md:\d+: error: .*recieve", out)
    assert re.search(r"handbook/planning\.md:\d+: error: e-mail address", out)
    assert "someone@example.org" not in out  # the report does not repeat personal data
    assert re.search(r"handbook/planning\.md:\d+: error: .*no-such-chapter", out)
    assert "report/executive-summary.md: error: reading age above this page's target of 15" in out
    assert re.search(r"handbook/planning\.md:\d+: error: 'TBC' outside an editorial note", out)
    assert re.search(r"handbook/planning\.md:\d+: error: link text 'click here'", out)
    assert re.search(r"handbook/planning\.md:\d+: error: sentence of 30 words, more than 25: 'Planted by", out)
    assert re.search(r"data/references\.bib:\d+: error: entry 'plantedundated' has no year", out)
    assert re.search(r"handbook/micro-funding\.md:\d+: error: the same 30 words are also at handbook/planning\.md:\d+",
                     out)


def test_each_finding_says_why_and_how_to_fix(broken: subprocess.CompletedProcess) -> None:
    findings = re.findall(r"^\S+: (error|warning): .*\n    Why: .+\n    Fix: .+$", broken.stdout, re.M)
    assert len(findings) >= 8
    assert "Traceback" not in broken.stdout + broken.stderr
