"""Reading age of each page's prose, against the page's target where it has one.

The prose is given already extracted from the Markdown (no headings' markup, code or
directive options); this module only measures it, with the `textstat` package.
"""

from __future__ import annotations

from pathlib import Path

from ppiebook.checks.findings import Finding, relative
from ppiebook.compat import textstat_instance

CHECK = "plain English"
# Pages shorter than this are too short for a reading age to mean anything.
MIN_WORDS = 50
# Pages without a target are only mentioned above this reading age (that of a reader
# who has left school): warnings, not errors.
DEFAULT_LIMIT = 16.0
# Flesch-Kincaid gives a US school grade; the usual UK conversion to a reading age is
# grade + 5 (US grade 1 is taught to children aged 6 to 7).
GRADE_TO_READING_AGE = 5

# One instance of our own, so settings made elsewhere on textstat's shared one
# (language, rounding) do not change our numbers.
_stats = textstat_instance()
_stats.set_lang("en_US")  # the pronouncing dictionary textstat ships is American English
_stats.set_rounding_points(None)


def reading_age(text: str) -> float:
    """Reading age in years: the Flesch-Kincaid grade of `text` plus 5 (UK conversion)."""
    return _stats.flesch_kincaid_grade(text) + GRADE_TO_READING_AGE


def words(text: str) -> int:
    return _stats.lexicon_count(text)


def average_sentence_length(text: str) -> float:
    """Average words per sentence, counted as the Flesch-Kincaid grade counts them."""
    return _stats.words_per_sentence(text)


def _key(path: str | Path, root: Path) -> str:
    """A page's path as authors see it, with forward slashes."""
    path = Path(path)
    shown = relative(path, root) if path.is_absolute() else str(path)
    return Path(shown).as_posix()


_WHY = (
    "Many readers, including many of the people this page is for, find long sentences and "
    "long or technical words hard to follow. Plain English lets more people understand and "
    "act on the page."
)


def _fix(sentence_length: float) -> str:
    return (
        f"Use shorter sentences (this page averages {sentence_length:.1f} words a sentence; "
        "aim for 15 to 20) and common, everyday words instead of long or technical ones "
        "(for example 'use' rather than 'utilise'). Split long sentences in two, and explain "
        "any technical word the first time it appears or link it to the glossary."
    )


def check_reading_age(pages: dict[str, str], targets: dict[str, float], root: Path) -> list[Finding]:
    """A finding for each page whose reading age is above its target (an error), and for
    each page without a target whose reading age is above 16 (a warning). Pages with fewer
    than 50 words are skipped."""
    targets_by_key = {_key(path, root): float(target) for path, target in targets.items()}
    findings = []
    for path, text in pages.items():
        if words(text) < MIN_WORDS:
            continue
        file = _key(path, root)
        # Compared as shown, to one decimal, so a finding never says "12.0 is above 12".
        age = round(reading_age(text), 1)
        sentence_length = average_sentence_length(text)
        target = targets_by_key.get(file)
        measured = f"reading age {age:.1f}, average sentence {sentence_length:.1f} words"
        if target is not None:
            if age > target:
                findings.append(
                    Finding(
                        check=CHECK,
                        file=file,
                        line=None,
                        severity="error",
                        rule=f"reading age above this page's target of {target:g} ({measured})",
                        why=_WHY + f" This page is meant to be readable at a reading age of {target:g}.",
                        fix=_fix(sentence_length),
                    )
                )
        elif age > DEFAULT_LIMIT:
            findings.append(
                Finding(
                    check=CHECK,
                    file=file,
                    line=None,
                    severity="warning",
                    rule=f"reading age above {DEFAULT_LIMIT:g} ({measured})",
                    why=_WHY,
                    fix=_fix(sentence_length),
                )
            )
    return findings
