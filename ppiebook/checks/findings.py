"""One finding of a content check, and the report that lists them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    """Something an author should fix (error) or consider (warning), and where."""

    check: str  # e.g. "personal data"
    file: str  # path relative to the project, as authors see it
    line: int | None
    severity: str  # "error" or "warning"
    rule: str  # short name of what is wrong
    why: str  # why it matters, in plain words
    fix: str  # what to do about it

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def render(self) -> str:
        return f"{self.location}: {self.severity}: {self.rule}\n    Why: {self.why}\n    Fix: {self.fix}"


def relative(path: str | Path, root: Path) -> str:
    """A path as authors see it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def summary_table(findings: list[Finding], checks: list[str], files_checked: dict[str, int]) -> str:
    """check | files | errors | warnings, one row per check that ran."""
    errors = Counter(f.check for f in findings if f.severity == "error")
    warnings = Counter(f.check for f in findings if f.severity == "warning")
    rows = [("Check", "Files", "Errors", "Warnings")]
    rows += [(c, str(files_checked.get(c, 0)), str(errors[c]), str(warnings[c])) for c in checks]
    rows.append(("Total", "", str(sum(errors.values())), str(sum(warnings.values()))))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    lines.insert(len(lines) - 1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)
