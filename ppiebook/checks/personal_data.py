"""Personal data on a page: e-mail addresses, UK phone numbers, NHS numbers, full UK
postcodes and dates of birth, and named people in the attributions of quotes.

Pages are scanned as text, one line at a time, so every finding has a line number.
Plain code blocks (```` ``` ```` or ``~~~`` fences, with or without a language) are
skipped; MyST directive blocks (```` ```{note} ````) are page content and are scanned.

Matches whose exact text is in ``allow`` (the programme's own published contacts) are
not reported, except inside a block quote: quotes are published as anonymous, so nothing
that could identify someone may appear in one, whoever's details they are.

The rule of each finding says what was found with most of it masked, so that the report
itself does not repeat the personal data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ppiebook.checks.findings import Finding, relative

CHECK = "personal data"
SEVERITY = "error"

# --- What is looked for ------------------------------------------------------------

# Nothing is matched when glued to a letter, digit, dot, plus, slash or dash before it,
# so parts of version numbers (0.1.0), dates (2024-01-15) and longer numbers are left alone.
_NOT_AFTER = r"(?<![\w.+/\-])"
# ... nor when followed by a letter or digit, or by a dot, dash or slash and a digit.
_NOT_BEFORE = r"(?![^\W_]|[.\-/]\d)"

EMAIL = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9_%+\-])?"
    r"@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,}(?![\w\-])"
)

# Three digits, three digits, four digits; both gaps the same (a space, a dash or none).
NHS_NUMBER = re.compile(_NOT_AFTER + r"(\d{3})([ \-]?)(\d{3})\2(\d{4})" + _NOT_BEFORE)

# A run that could be a UK phone number: +44 (optionally "(0)") or 0, then groups of digits
# separated by one space or dash; an area code may be in brackets, as in "(0121) 496 0000".
# Groups after the first have at least two digits, so lists such as "0 1 2 3" are not runs.
_PHONE_START = r"(?:(?:\+44|0044)[ \-]?(?:\(0\)[ \-]?)?\(?|\(0|0)"
PHONE_RUN = re.compile(_NOT_AFTER + _PHONE_START + r"\d+\)?(?:[ \-]?\d{2,})*")
_PHONE_LEAD = re.compile(r"^(?:\+44|0044)[ \-]?(?:\(0\)[ \-]?)?\(?|^\(?0")

# A full postcode: outward code (area letters, district) and inward code (sector digit and
# two unit letters), as Royal Mail issues them. Capitals only, as postcodes are printed.
POSTCODE = re.compile(
    r"(?<![\w\-])(?:GIR ?0AA|"
    r"[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY])"
    r" ?\d[ABD-HJLNP-UW-Z]{2})(?![\w\-])"
)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
DATE = re.compile(
    r"(?<![\w.+/\-])(?:"
    r"(?:0?[1-9]|[12]\d|3[01])[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:\d{4}|\d{2})"  # 12/03/1985
    r"|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"  # 1985-03-12
    rf"|{_DAY}(?: of)? {_MONTHS}(?:,? (?:19|20)\d{{2}})?"  # 12 March 1985, 12th of March
    rf"|{_MONTHS} {_DAY}(?:,? (?:19|20)\d{{2}})?"  # March 12, 1985
    r")(?![\w/\-]|\.\d)",
    re.IGNORECASE,
)
BIRTH_WORDS = re.compile(
    r"\b(?:born|birth ?date|birthday|date of birth|DOB)\b|\bd\.o\.b\.?",
    re.IGNORECASE,
)
# How far apart (in characters) a birth word and a date may be on a line to count as "near".
NEAR = 40

# An attribution line in a quote: a dash, then a name. A name is a title and a capitalised
# word ("Mr Ali"), or two or more capitalised words or initials ("Sarah Khan", "Sarah K.").
_DASH = r"(?:-{1,3}|[\u2012\u2013\u2014\u2015\u2212])"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Cllr|Councillor|Rev|Revd)\.?"
_NAME_WORD = r"[A-Z](?:[a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?|\.)"
ATTRIBUTION = re.compile(
    rf"^{_DASH}\s*(?P<name>{_TITLE}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})*"
    rf"|{_NAME_WORD}(?:\s+{_NAME_WORD})+)(?![\w\-])"
)
# Capitalised words that describe a role or a group, not a person: "— Young Person",
# "— Community Researcher, Walsall" are anonymous attributions, not names.
_NOT_NAMES = {
    "a", "an", "the", "one", "another", "our", "local", "young", "older", "person", "people",
    "parent", "parents", "carer", "carers", "mother", "father", "mum", "dad", "grandparent",
    "participant", "participants", "member", "members", "resident", "residents", "community",
    "researcher", "researchers", "volunteer", "volunteers", "student", "students", "worker",
    "workers", "youth", "leader", "lead", "partner", "partners", "group", "event", "events",
    "listening", "advisory", "panel", "contributor", "contributors", "representative",
    "organisation", "faith", "health", "nhs", "staff", "team", "service", "user", "users",
    "patient", "patients", "public", "adult", "adults", "child", "children", "girl", "boy",
    "woman", "man", "women", "men", "focus", "steering", "board", "trustee", "chair",
}

# --- Why it matters and what to do -------------------------------------------------

_ALLOW_HINT = (
    " If it is one of the programme's own published contacts, ask the person who looks after "
    "the project to add it to the list of allowed contacts."
)


@dataclass(frozen=True)
class _Kind:
    name: str
    why: str
    fix: str


KINDS = {
    "email": _Kind(
        "e-mail address",
        "An e-mail address can identify a person and lets anyone contact them; once a page "
        "is published, copies of it cannot be taken back.",
        "Remove the address, or use the programme's shared contact address instead." + _ALLOW_HINT,
    ),
    "phone": _Kind(
        "phone number",
        "A phone number can identify a person and lets anyone contact them; once a page is "
        "published, copies of it cannot be taken back.",
        "Remove the number, or use the programme's shared contact number instead." + _ALLOW_HINT,
    ),
    "nhs": _Kind(
        "NHS number",
        "An NHS number identifies one person and their health records. It must never appear "
        "in a publication.",
        "Remove the number. If the page needs an example, write a description such as "
        "'your NHS number' instead of a number.",
    ),
    "postcode": _Kind(
        "postcode",
        "A full postcode covers only a handful of homes, so together with other details on "
        "the page it can identify where a person lives.",
        "Use the area instead (for example the town, or only the first half of the postcode, "
        "such as 'B4')." + _ALLOW_HINT,
    ),
    "dob": _Kind(
        "date of birth",
        "A date of birth, together with other details, can identify a person.",
        "Remove the date, or give an age range instead (for example 'aged 18 to 25').",
    ),
}

_QUOTE_WHY = (
    " This one is inside a quote: quotes are published as anonymous, so nothing in them "
    "may point to a person, even the programme's own contacts."
)
_QUOTE_FIX = (
    "Remove it from the quote, or replace it with a general description in square brackets, "
    "such as [phone number]."
)
_ATTRIBUTION_WHY = (
    "Quotes are published as anonymous: naming the person who said it breaks the promise "
    "made to them when they took part, and can expose them."
)
_ATTRIBUTION_FIX = (
    "Attribute the quote to a role or a group instead of a name, for example "
    "'\u2014 a parent' or '\u2014 a participant at a listening event'."
)


# --- Masking --------------------------------------------------------------------------


def mask(text: str, keep: int) -> str:
    """Keep the first `keep` letters and digits of `text`; replace the others with `*`."""
    out, seen = [], 0
    for char in text:
        if char.isalnum():
            seen += 1
            out.append(char if seen <= keep else "*")
        else:
            out.append(char)
    return "".join(out)


def _mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    host, _, tld = domain.rpartition(".")
    return f"{local[0]}***@{host[0]}***.{tld}"


def _masked(kind: str, text: str) -> str:
    if kind == "email":
        return _mask_email(text)
    if kind in ("phone", "nhs"):  # the start only: "012* *** ****", "+44 7*** ******", "943 *** ****"
        return mask(text, 3)
    if kind == "postcode":  # the outward code ("B1") is an area, not an address
        split = len(text) - 3
        return text[:split] + mask(text[split:], 0)
    if kind == "name":
        return " ".join(word[0] + "*" * (len(word) - 1) for word in text.split())
    return mask(text, 0)


# --- Finding things on one line -----------------------------------------------------


def nhs_check_digit_valid(digits: str) -> bool:
    """True if the tenth digit is the NHS mod-11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _phone_spans(line: str) -> list[tuple[int, int]]:
    """Spans of UK phone numbers: a run of digit groups whose national number (after +44 or
    the leading 0) has 9 or 10 digits and starts as UK numbers do (1, 2, 3, 5, 7, 8 or 9).
    When a run is longer, its longest first part that is a whole number counts."""
    spans = []
    for run in PHONE_RUN.finditer(line):
        text = run.group(0)
        lead = _PHONE_LEAD.match(text)
        rest_start = lead.end() if lead else 0
        # Candidate ends: after each group of digits (and a closing bracket).
        ends = [m.end() for m in re.finditer(r"\d+\)?", text) if m.end() > rest_start]
        for end in reversed(ends):
            national = re.sub(r"\D", "", text[rest_start:end])
            if 9 <= len(national) <= 10 and national[0] in "1235789":
                if national[0] == "7" and len(national) != 10:
                    continue  # mobiles always have ten digits after the 0
                spans.append((run.start(), run.start() + end))
                break
    return spans


def _birth_dates(line: str) -> list[tuple[int, int]]:
    """Spans of dates that have a birth word ("born", "DOB", ...) close by on the line."""
    words = [m.span() for m in BIRTH_WORDS.finditer(line)]
    if not words:
        return []
    spans = []
    for date in DATE.finditer(line):
        for start, end in words:
            gap = date.start() - end if start < date.start() else start - date.end()
            if gap <= NEAR:
                spans.append(date.span())
                break
    return spans


def _find(line: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) for every piece of personal data on a line, without overlaps:
    an earlier kind wins a stretch of text over a later one."""
    found: list[tuple[str, int, int]] = []

    def add(kind: str, span: tuple[int, int]) -> None:
        start, end = span
        if all(end <= s or start >= e for _, s, e in found):
            found.append((kind, start, end))

    for m in EMAIL.finditer(line):
        add("email", m.span())
    for m in NHS_NUMBER.finditer(line):
        if nhs_check_digit_valid(m.group(1) + m.group(3) + m.group(4)):
            add("nhs", m.span())
    for span in _phone_spans(line):
        add("phone", span)
    for m in POSTCODE.finditer(line):
        add("postcode", m.span())
    for span in _birth_dates(line):
        found.append(("dob", *span))  # a date is reported even where it overlaps a number
    return sorted(found, key=lambda f: f[1])


def _allowed(kind: str, text: str, allow: set[str], allow_folded: set[str]) -> bool:
    if text in allow:
        return True
    return kind == "email" and text.casefold() in allow_folded  # addresses ignore case


# --- Structure of a page: code fences and block quotes --------------------------------

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_QUOTE = re.compile(r"^ {0,3}>")


def _closes(fence: re.Match | None, char: str, length: int) -> bool:
    """True if a fence line closes a block opened with `length` times `char`."""
    return (
        fence is not None
        and fence.group("fence")[0] == char
        and len(fence.group("fence")) >= length
        and not fence.group("info").strip()
    )


def _scannable_lines(text: str):
    """(line number, line) for every line outside plain code blocks.

    A fence opened with a language or nothing (```` ```python ````, ``~~~``) is code until a
    fence of the same character, at least as long, with nothing after it. A MyST directive
    fence (```` ```{note} ````) is page content: its lines are scanned, and fences inside it
    are followed in the same way."""
    stack: list[tuple[str, int, bool]] = []  # open fences: (character, length, is code)
    for number, line in enumerate(text.splitlines(), start=1):
        fence = _FENCE.match(line)
        if stack and stack[-1][2]:  # inside code: only its closing fence matters
            if _closes(fence, *stack[-1][:2]):
                stack.pop()
            continue
        if fence and not (fence.group("fence")[0] == "`" and "`" in fence.group("info")):
            # (an info string may not hold a backtick: such a line is inline code, not a fence)
            if stack and _closes(fence, *stack[-1][:2]):
                stack.pop()  # the end of a directive
                continue
            is_code = not fence.group("info").strip().startswith("{")
            stack.append((fence.group("fence")[0], len(fence.group("fence")), is_code))
            if is_code:
                continue
        yield number, line  # page content, including a directive's first line and argument


def _quote_content(line: str) -> str | None:
    """The text of a block quote line without its `>` markers, or None if not a quote."""
    if not _QUOTE.match(line):
        return None
    return re.sub(r"^(?:\s{0,3}>\s?)+", "", line)


def _named_attribution(content: str) -> str | None:
    m = ATTRIBUTION.match(content.strip())
    if not m:
        return None
    name = m.group("name")
    words = [w.strip(".").casefold() for w in name.split()]
    if re.fullmatch(_TITLE, name.split()[0]):
        return name
    if words[0] in _NOT_NAMES or words[1] in _NOT_NAMES:
        return None  # a role or a group, such as "Young Person" or "Community Researcher"
    return name


# --- The check ------------------------------------------------------------------------


def check_text(text: str, file: str, allow: list[str] | set[str] = ()) -> list[Finding]:
    """Findings for the text of one Markdown page, reported against `file`."""
    allow_set = set(allow)
    allow_folded = {a.casefold() for a in allow_set}
    findings = []
    for number, line in _scannable_lines(text):
        content = _quote_content(line)
        in_quote = content is not None
        for kind, start, end in _find(line):
            found = line[start:end]
            if not in_quote and _allowed(kind, found, allow_set, allow_folded):
                continue
            info = KINDS[kind]
            where = " in a quote" if in_quote else ""
            findings.append(
                Finding(
                    check=CHECK,
                    file=file,
                    line=number,
                    severity=SEVERITY,
                    rule=f"{info.name}{where} ({_masked(kind, found)})",
                    why=info.why + (_QUOTE_WHY if in_quote else ""),
                    fix=_QUOTE_FIX if in_quote else info.fix,
                )
            )
        if in_quote:
            name = _named_attribution(content)
            if name:
                findings.append(
                    Finding(
                        check=CHECK,
                        file=file,
                        line=number,
                        severity=SEVERITY,
                        rule=f"quote attributed to a named person ({_masked('name', name)})",
                        why=_ATTRIBUTION_WHY,
                        fix=_ATTRIBUTION_FIX,
                    )
                )
    return findings


def check_personal_data(files: list[Path], root: Path, allow: list[str]) -> list[Finding]:
    """Personal data in the given Markdown files; see the module's description."""
    findings: list[Finding] = []
    for path in files:
        text = Path(path).read_text(encoding="utf-8")
        findings += check_text(text, relative(path, root), allow)
    return findings
