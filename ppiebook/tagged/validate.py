"""The independent PDF/UA-1 validator: outloud, pinned in requirements.txt.

veraPDF needs Maven, which is not reachable here; outloud (PyPI, Apache 2.0) tests the
machine-checkable requirements of ISO 14289-1 by Matterhorn checkpoint and is calibrated
against veraPDF (its authors report agreement on 160 of 160 files). Its conformance
rules are what a validator checks; its semantic rules are heuristics beyond PDF/UA.
Both layers run. Every error fails, every warning fails unless its rule is in ACCEPTED
with the reason (docs/pdfs-and-infographics.md lists them), and a rule that crashed
fails too: a rule that did not run has not passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

NAME = "outloud"

# Warnings of heuristic rules that misread these files, each checked by hand and covered
# by a rule of the project's own checker (check.py): rule -> (where it is accepted: a
# pattern its message must match, or None for everywhere; why).
ARABIC_SCRIPT = re.compile(r"U\+(06[0-9A-F]{2}|07[5-7][0-9A-F]|08[A-F][0-9A-F])")
ACCEPTED: dict[str, tuple[re.Pattern[str] | None, str]] = {
    "PAG-001": (None, (
        "It takes a line that recurs near the top or bottom of three or more pages for a "
        "running header. The lines it names are the title of the editorial-note boxes "
        "(“Editorial note: to be supplied”), body text that falls near a page's top on "
        "chapters that begin alike. The running headers and page numbers are artifacts: "
        "the project's page-furniture rule checks every line in the page margins.")),
    "TBL-014": (None, (
        "It joins all the ruled lines on a page into one grid, so a page with two or more "
        "tables (the handbook's checklists and budget tables) looks like one grid that no "
        "single Table covers. Each table is a Table element with scoped header cells "
        "(the header-scope rule) and its text is tagged.")),
    # Several glyphs mapped to one character is how shaped Arabic-script text must map:
    # each letter has initial, medial, final and isolated glyphs.
    "TXT-004": (ARABIC_SCRIPT, "an Arabic-script letter's contextual glyphs map to the letter, as they must"),
}


def _accepted(rule: str, message: str) -> bool:
    if rule not in ACCEPTED:
        return False
    where = ACCEPTED[rule][0]
    return where is None or where.search(message) is not None


@dataclass(frozen=True)
class Finding:
    """One finding that fails the file: rule id, severity, 1-based page (or None), text."""

    rule: str
    severity: str
    page: int | None
    message: str

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page else ""
        return f"{where}{NAME} {self.rule} ({self.severity}): {self.message}"


def validator_version() -> str:
    return f"{NAME} {version(NAME)}"


def report(path: Path) -> dict:
    """outloud's report on ``path``: the dictionary its ``--json`` output writes (verdict,
    counts, findings, rules), through its documented library call."""
    from outloud import check

    return check(str(path)).to_dict()


def validate(path: Path) -> list[Finding]:
    """What fails ``path``: errors, warnings of rules not in ACCEPTED, rules that crashed,
    or a file the validator cannot read. Empty when the file passes."""
    return failures(report(path))


def failures(result: dict) -> list[Finding]:
    """What fails the file of ``result`` (a :func:`report`), as :func:`validate` says; for a
    caller that reads the report too, without running the validator twice."""
    if result["verdict"] == "unreadable":
        return [Finding("unreadable", "error", None, str(result["error"]))]
    failing = [Finding(f["rule"], f["severity"], f.get("page"),
                       f["message"] + (f" [{f['evidence']}]" if f.get("evidence") else ""))
               for f in result["findings"]
               if f["severity"] == "error" or (f["severity"] == "warning" and not _accepted(f["rule"], f["message"]))]
    crashed = [Finding(run["rule"], "crashed", None, run.get("reason") or "the rule crashed")
               for run in result["rules"] if run["status"] == "crashed"]
    return failing + crashed
