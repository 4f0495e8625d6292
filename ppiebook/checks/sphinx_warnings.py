"""Checks that Sphinx makes while reading the pages (references, citations, glossary
terms, headings, orphan pages, duplicate labels, alt text, safe content, spelling),
turned into findings with the why and the fix an author needs."""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx

from ppiebook.checks.findings import Finding, relative
from ppiebook.compat import docutils_namespace, nocolor, patch_docutils
from ppiebook.config import TYPE, Group, Kind

_WARNING = re.compile(
    r"^(?P<path>.+?)(?::(?P<line>\d+))?: (?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<message>.*?)"
    r"(?: \[(?P<kind>[\w.-]+)\])?$"
)
_SUMMARY = re.compile(r"^Found \d+ misspelled words?$")  # the spelling builder's total
_SPELLING = re.compile(r"^(?P<path>.+?):(?P<line>\d+): : Spell check: (?P<word>[^:]+): (?P<suggestions>\[.*?\])?")
_UNLOCATED = re.compile(r"^(?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*?)(?: \[(?P<kind>[\w.-]+)\])?$")


@dataclass(frozen=True)
class Rule:
    check: str
    why: str
    fix: str


REFERENCES = Rule(
    Group.REFERENCES.value,
    "A link, citation or glossary term that points nowhere is a dead end for readers, on the web and in the PDF.",
    "Check the spelling of the page, heading, citation key (data/references.bib) or glossary term "
    "(glossary.md) it points to, or add what is missing.",
)
STRUCTURE = Rule(
    Group.STRUCTURE.value,
    "Headings and the table of contents are how screen-reader users and the PDF bookmarks find their way.",
    "Give each page one # title, go down one heading level at a time (# then ## then ###), list every "
    "page in a toctree, and keep labels unique.",
)
IMAGES = Rule(
    Group.IMAGES.value,
    "People who cannot see an image rely on its alt text; a broken image file shows nothing at all.",
    "Describe what the image shows in the square brackets ![like this](file.png), or with :alt:; "
    "re-export broken files.",
)
SAFE = Rule(
    Group.SAFE.value,
    "Raw HTML or files from outside the project could put scripts or private files on the public website.",
    "Write Markdown instead, use {video} to embed a video, and include only files inside the project.",
)
SPELLING = Rule(
    Group.SPELLING.value,
    "Spelling mistakes make text harder to read, and harder to translate for readers with English as a second language.",
    "Correct the word (British English), or, if it is a name or a term we use on purpose, add it to "
    "data/spelling-wordlist.txt.",
)
CONTENT = Rule(
    Group.CONTENT.value,
    "The project's own blocks (video, infographic, rates table, language passages) need valid data to show anything.",
    "Read the message: it names the data file or field to correct.",
)
BUILD = Rule(
    Group.BUILD.value,
    "Sphinx could not process this part of the page as written.",
    "Read the message and correct the Markdown at the line given.",
)

RULES = {rule.check: rule for rule in (REFERENCES, STRUCTURE, IMAGES, SAFE, SPELLING, CONTENT, BUILD)}
# Other packages' warning kinds; the project's own come from ppiebook.config.Kind.
KINDS = {
    "ref": REFERENCES, "myst.xref_missing": REFERENCES, "myst.iref_ambiguous": REFERENCES, "bibtex": REFERENCES,
    "citation": REFERENCES, "myst.header": STRUCTURE, "toc": STRUCTURE, "myst.topmatter": STRUCTURE,
    "image": IMAGES, "spelling": SPELLING,
    **{f"{TYPE}.{kind}": RULES[kind.group.value] for kind in Kind},
}
MESSAGES = [  # for warnings that carry no type
    (re.compile(r"term not in glossary|undefined label|unknown document|citation not found|could not find bibtex"),
     REFERENCES),
    (re.compile(r"Duplicate (explicit )?target name|duplicate label|isn't included in any toctree|circular toctree"),
     STRUCTURE),
    (re.compile(r"image file not readable"), IMAGES),
    (re.compile(r'"raw" directive disabled'), SAFE),
    (re.compile(r"Spell check"), SPELLING),
    (re.compile(r"Unknown directive type|Unknown interpreted text role"), BUILD),
]
CHECKS = [group.value for group in Group]


def rule_for(kind: str | None, message: str) -> Rule:
    if kind:
        for key in (kind, kind.split(".")[0]):
            if key in KINDS:
                return KINDS[key]
    for pattern, rule in MESSAGES:
        if pattern.search(message):
            return rule
    return BUILD


def parse_warnings(text: str, root: Path) -> list[Finding]:
    findings = []
    for line in text.splitlines():
        match = _WARNING.match(line) or _UNLOCATED.match(line)
        if not match or _SUMMARY.match(match["message"]):
            continue
        parts = match.groupdict()
        spelling = _SPELLING.match(parts["message"])
        if spelling:
            findings.append(misspelling(spelling, root))
            continue
        rule = rule_for(parts.get("kind"), parts["message"])
        path = parts.get("path") or "(project)"
        findings.append(Finding(
            check=rule.check, file=relative(path, root), line=int(parts["line"]) if parts.get("line") else None,
            severity="error", rule=parts["message"], why=rule.why, fix=rule.fix,
        ))
    return findings


def misspelling(match: re.Match, root: Path) -> Finding:
    """sphinxcontrib-spelling puts the place inside its message; make it a normal finding."""
    suggestions = re.findall(r'"([^"]+)"', match["suggestions"] or "")[:3]
    hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
    return Finding(check=SPELLING.check, file=relative(Path(match["path"]).resolve(), root),
                   line=int(match["line"]), severity="error", rule=f"misspelt word '{match['word']}'{hint}",
                   why=SPELLING.why, fix=SPELLING.fix)


def run_sphinx(source: Path, builder: str, workdir: Path) -> tuple[Sphinx, str]:
    """One quiet Sphinx run into ``workdir``; returns the app and everything it warned."""
    nocolor()
    warnings = io.StringIO()
    # The spelling builder lists misspellings with their place only as warnings.
    overrides = {"nitpicky": True, "spelling_warning": True} if builder == "spelling" else {"nitpicky": True}
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(source, source, workdir / builder, workdir / f"doctrees-{builder}", builder,
                     confoverrides=overrides, status=None, warning=warnings, keep_going=True)
        app.build()
    return app, warnings.getvalue()


def sphinx_checks(source: Path) -> tuple[list[Finding], Sphinx]:
    """Read every page (no output written) and spell-check it; return findings and the app."""
    workdir = Path(tempfile.mkdtemp(prefix="ppiebook-check-"))
    app, text = run_sphinx(source, "dummy", workdir)
    _, spelling = run_sphinx(source, "spelling", workdir)
    # The same word twice on one line is one thing to fix.
    return list(dict.fromkeys(parse_warnings(text + "\n" + spelling, source))), app
