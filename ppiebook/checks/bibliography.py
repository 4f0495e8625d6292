"""Every source we cite can be found: each BibTeX entry has a year, and a web address or a
note saying that it is in print only.

What nobody knows yet is not invented: ``year = {n.d.}`` (no date) and a note saying the
"address to be supplied" are accepted as warnings, so the gap stays listed (and the
reference shows it to readers) until the authors fill it.

A reference without a year cannot be told apart from the source's other editions, and one
without an address sends readers looking for something we could have linked. The files are
those in ``bibtex_bibfiles`` (conf.py); each finding is placed at the entry's ``@`` line,
which pybtex's own parser finds (it reads the file exactly as sphinxcontrib-bibtex does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pybtex.database.input.bibtex import LowLevelParser
from pybtex.scanner import PybtexSyntaxError

from ppiebook.checks.findings import Finding, relative

CHECK = "bibliography"
PRINT_ONLY = re.compile(r"\bprint[\s-]+only\b", re.I)
TO_BE_SUPPLIED = re.compile(r"\baddress (is )?(still )?to be supplied\b", re.I)
NO_DATE = re.compile(r"^n\.\s?d\.?$", re.I)
NOT_ENTRIES = {"string", "preamble", "comment"}

WHY_YEAR = ("Without a year, readers cannot tell which edition of the source we mean, and the "
            "author-year citations in the text have no year to show.")
FIX_YEAR = ("Add the year the source was published, as year = {2024}. If it has no date, ask the authors "
            "which version they used.")
WHY_WHERE = ("Readers who want to check a source need to find it. A web address takes them straight "
             "there; a source that is only on paper should say so, so that nobody looks for a link.")
FIX_WHERE = ("Add the source's own web address as url = {https://...}. If it is only in print, "
             "add note = {Print only} (or end the note with 'print only').")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _entries(text: str, filename: str) -> Iterable[tuple[int, str, dict[str, str]] | PybtexSyntaxError]:
    """Each entry as (line, key, fields with lower-case names), or the syntax error met."""
    errors: list[PybtexSyntaxError] = []
    parser = LowLevelParser(text, filename=filename, handle_error=errors.append)
    for command, body in parser:
        line = _line(text, parser.command_start)
        yield from errors
        errors.clear()
        if command.lower() in NOT_ENTRIES:
            continue
        key, fields = body
        values: dict[str, str] = {}
        for name, parts in fields:
            values.setdefault(name.lower(), "".join(parts).strip())
        yield line, key or "(no key)", values
    yield from errors


def check_bibliography(bibfiles: Iterable[Path], root: Path) -> list[Finding]:
    """An error for each entry with no year, or with neither a url nor a 'print only' note; a
    warning for a year of "n.d." or an address said to be still to be supplied."""
    findings = []
    for path in bibfiles:
        file = relative(path, root)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            findings.append(Finding(CHECK, file, None, "error", f"cannot read the bibliography ({error})",
                                    "Sphinx cannot cite any source from a file it cannot read.",
                                    "Check that the file exists and is saved as UTF-8 text."))
            continue
        for entry in _entries(text, str(path)):
            if isinstance(entry, PybtexSyntaxError):
                findings.append(Finding(
                    CHECK, file, entry.lineno, "error",
                    f"BibTeX that cannot be read: {entry.args[0] if entry.args else entry}",
                    "An entry that cannot be read is left out of the bibliography, so its citations point nowhere.",
                    "Correct the entry at this line: every field is name = {value}, fields are separated by "
                    "commas and every brace is closed."))
                continue
            line, key, fields = entry
            year, note = fields.get("year", ""), fields.get("note", "")
            if NO_DATE.match(year):
                findings.append(Finding(CHECK, file, line, "warning", f"entry '{key}' has no date yet (n.d.)",
                                        WHY_YEAR, FIX_YEAR))
            elif not year:
                findings.append(Finding(CHECK, file, line, "error", f"entry '{key}' has no year",
                                        WHY_YEAR, FIX_YEAR + " If nobody knows it yet, write year = {n.d.}."))
            if fields.get("url") or PRINT_ONLY.search(note):
                continue
            if TO_BE_SUPPLIED.search(note):
                findings.append(Finding(CHECK, file, line, "warning", f"entry '{key}': its address is still to be "
                                        "supplied", WHY_WHERE, FIX_WHERE))
            else:
                findings.append(Finding(CHECK, file, line, "error",
                                        f"entry '{key}' has no url and its note does not say it is print only",
                                        WHY_WHERE, FIX_WHERE + " If nobody knows the address yet, end the note "
                                        "with 'address to be supplied'."))
    return findings
