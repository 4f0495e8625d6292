"""The plain English check: reading age against a page's target, or above 16 without one."""

from __future__ import annotations

import re
from pathlib import Path

import textstat

from ppiebook.checks.plain_english import average_sentence_length, check_reading_age, reading_age

ROOT = Path(__file__).resolve().parent.parent

SIMPLE = (
    "We met with people in our area to talk about health. They told us what makes it hard "
    "to see a doctor. Some people said the bus is too slow. Others said they did not know "
    "who to ask for help. We wrote down what they said. Then we shared it with the health "
    "team. The team said they would make changes. We will check back next year to see what "
    "has changed. Thank you to everyone who came to talk to us."
)

ACADEMIC = (
    "The operationalisation of participatory methodologies within institutionalised "
    "healthcare research infrastructures necessitates a comprehensive reconceptualisation "
    "of epistemological hierarchies, particularly insofar as the legitimisation of "
    "experiential knowledge constitutes a fundamental precondition for meaningful "
    "co-production, notwithstanding the considerable organisational, administrative and "
    "methodological complexities that characteristically accompany such transformative "
    "endeavours across heterogeneous and historically marginalised communities. "
    "Consequently, the systematic evaluation of intersectional determinants of participation "
    "demonstrates that institutional accountability mechanisms frequently remain "
    "insufficiently responsive to the multidimensional heterogeneity of community priorities "
    "and representational expectations."
)

SHORT_ACADEMIC = (
    "The operationalisation of participatory methodologies necessitates a comprehensive "
    "reconceptualisation of epistemological hierarchies within institutionalised research."
)


def test_reading_age_is_flesch_kincaid_grade_plus_five() -> None:
    assert reading_age(SIMPLE) == textstat.flesch_kincaid_grade(SIMPLE) + 5
    assert reading_age(SIMPLE) < 12 < 16 < reading_age(ACADEMIC)


def test_a_simple_page_passes_a_target_of_twelve() -> None:
    assert check_reading_age({"report/executive-summary.md": SIMPLE},
                             {"report/executive-summary.md": 12}, ROOT) == []


def test_a_long_winded_page_fails_a_target_of_twelve() -> None:
    findings = check_reading_age({"report/executive-summary.md": ACADEMIC},
                                 {"report/executive-summary.md": 12}, ROOT)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.check, finding.severity, finding.file, finding.line) == (
        "plain English", "error", "report/executive-summary.md", None)
    assert "target of 12" in finding.rule
    assert f"reading age {reading_age(ACADEMIC):.1f}" in finding.rule
    assert f"average sentence {average_sentence_length(ACADEMIC):.1f} words" in finding.rule
    assert re.search(r"reading age \d+\.\d,", finding.rule)  # one decimal
    assert "sentences" in finding.fix and finding.why


def test_pages_without_a_target_are_warned_only_above_sixteen() -> None:
    pages = {"handbook/simple.md": SIMPLE, "handbook/academic.md": ACADEMIC}
    findings = check_reading_age(pages, {}, ROOT)
    assert [(f.file, f.severity) for f in findings] == [("handbook/academic.md", "warning")]
    assert "above 16" in findings[0].rule
    assert "shorter sentences" in findings[0].fix and "everyday words" in findings[0].fix
    assert f"averages {average_sentence_length(ACADEMIC):.1f} words" in findings[0].fix


def test_a_target_only_applies_to_its_own_page() -> None:
    pages = {"report/aims.md": ACADEMIC, "report/executive-summary.md": SIMPLE}
    findings = check_reading_age(pages, {"report/executive-summary.md": 12, "report/missing.md": 9}, ROOT)
    assert [(f.file, f.severity) for f in findings] == [("report/aims.md", "warning")]


def test_a_generous_target_is_respected() -> None:
    assert check_reading_age({"report/methodology/analysis.md": ACADEMIC},
                             {"report/methodology/analysis.md": 60}, ROOT) == []


def test_short_pages_are_skipped() -> None:
    assert len(SHORT_ACADEMIC.split()) < 50
    assert reading_age(SHORT_ACADEMIC) > 16
    pages = {"report/foreword.md": SHORT_ACADEMIC, "report/empty.md": ""}
    assert check_reading_age(pages, {"report/foreword.md": 9, "report/empty.md": 9}, ROOT) == []


def test_absolute_paths_are_reported_relative_to_the_project() -> None:
    path = str(ROOT / "report" / "executive-summary.md")
    findings = check_reading_age({path: ACADEMIC}, {"report/executive-summary.md": 12}, ROOT)
    assert [(f.file, f.severity) for f in findings] == [("report/executive-summary.md", "error")]
