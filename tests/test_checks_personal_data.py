"""The personal data check: what it finds, what it leaves alone, and how it reports.

Every value here is fictional: example.org addresses, Ofcom's drama phone numbers, an NHS
number made up to have a valid check digit, and a made-up postcode."""

from __future__ import annotations

from pathlib import Path

import pytest

from ppiebook.checks.personal_data import check_personal_data, nhs_check_digit_valid

NHS_VALID = "943 476 5919"
NHS_INVALID = "943 476 5918"


def scan(tmp_path: Path, text: str, allow: list[str] | None = None, name: str = "page.md"):
    page = tmp_path / "handbook" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    return check_personal_data([page], tmp_path, allow or [])


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


# --- What it finds ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Write to someone@example.org with your questions.", "e-mail address"),
        ("Send it to [our inbox](mailto:first.last+ppie@mail.example.org).", "e-mail address"),
        ("Ring the team on 0121 496 0000 between 9 and 5.", "phone number"),
        ("Ring the team on 0121-496-0000.", "phone number"),
        ("Ring the team on (0121) 496 0000.", "phone number"),
        ("Text Amina on 07700 900123 if you are running late.", "phone number"),
        ("Text Amina on 07700900123.", "phone number"),
        ("From abroad, call +44 7700 900123 or +44 (0)121 496 0000.", "phone number"),
        ("London office: 020 7946 0000.", "phone number"),
        (f"Her NHS number is {NHS_VALID}.", "NHS number"),
        ("Her NHS number is 943-476-5919.", "NHS number"),
        ("Her NHS number is 9434765919.", "NHS number"),
        ("The event was at the hall, B1 1AA, on Tuesday.", "postcode"),
        ("He lives in WS1 1AA.", "postcode"),
        ("Post it to SW1A 1AA.", "postcode"),
        ("Amina was born on 12 March 1985 in Walsall.", "date of birth"),
        ("DOB: 01/02/1990", "date of birth"),
        ("Date of birth 3rd May 2001", "date of birth"),
        ("d.o.b. 1985-03-12", "date of birth"),
        ("Born March 12, 1985.", "date of birth"),
    ],
)
def test_finds_each_kind_of_personal_data(tmp_path: Path, line: str, kind: str) -> None:
    findings = scan(tmp_path, f"# A page\n\n{line}\n")
    assert findings, line
    assert all(f.rule.startswith(kind) for f in findings), rules(findings)
    finding = findings[0]
    assert (finding.check, finding.severity, finding.file, finding.line) == (
        "personal data", "error", "handbook/page.md", 3)
    assert finding.why and finding.fix


def test_reports_two_numbers_on_one_line_separately(tmp_path: Path) -> None:
    findings = scan(tmp_path, "Call 0121 496 0000 or 07700 900123.\n")
    assert rules(findings) == ["phone number (012* *** ****)", "phone number (077** ******)"]


def test_nhs_check_digit() -> None:
    assert nhs_check_digit_valid("9434765919")
    assert not nhs_check_digit_valid("9434765918")
    # A first nine digits whose check would be 10 have no valid NHS number at all.
    assert not any(nhs_check_digit_valid(f"100000001{d}") for d in "0123456789")


def test_ten_digits_with_a_wrong_check_digit_are_not_an_nhs_number(tmp_path: Path) -> None:
    text = f"Reference {NHS_INVALID}, or 943-476-5918, or 9434765918.\n"
    assert scan(tmp_path, text) == []


# --- What it leaves alone -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "The programme ran from 2019 to 2024, and again in 2025-2026.",
        "This is version 0.1.0 of the handbook; the next is 0.10.2.",
        "Step 1: book a room. Step 2: invite people.",
        "We paid £1,250.00 in total, or £25 an hour (about 0.5% of the budget).",
        "Most people came from B4 and WS1.",
        "The event took place on 12 March 2024.",
        "The report was published on 01/02/2024 and updated on 2024-03-12.",
        "The forms are dated 01-02-2024 and 01 02 2024.",
        "Order 012345678901234 arrived, with parts 0121 49 and 07700 9001.",
        "Please arrive at 09:30; the session ends at 12.00.",
        "There were 1,000,000 views and 120 000 downloads.",
        "Rooms 0 1 2 3 4 5 6 7 8 9 were booked.",
        "Use an A4 1-page form.",
        "Call NHS 111 or Samaritans on 116 123.",
    ],
)
def test_leaves_ordinary_numbers_and_dates_alone(tmp_path: Path, line: str) -> None:
    assert scan(tmp_path, line + "\n") == [], line


def test_a_date_far_from_a_birth_word_is_not_a_date_of_birth(tmp_path: Path) -> None:
    line = ("The new service was born out of many conversations with families, "
            "and it opened on 12 March 2024.\n")
    assert scan(tmp_path, line) == []


def test_allowed_contacts_are_not_reported(tmp_path: Path) -> None:
    text = "Contact us at someone@example.org or on 0121 496 0000 at B1 1AA.\n"
    allow = ["someone@example.org", "0121 496 0000", "B1 1AA"]
    assert scan(tmp_path, text, allow) == []
    # Only those exact values: another address and number are still reported.
    others = scan(tmp_path, "Or write to other@example.org or call 0121 496 0001.\n", allow)
    assert [f.rule.split(" (")[0] for f in others] == ["e-mail address", "phone number"]


# --- Code and directives ------------------------------------------------------------


def test_plain_code_fences_are_ignored(tmp_path: Path) -> None:
    text = "\n".join([
        "# Page",
        "```",
        "someone@example.org",
        "```",
        "```python",
        'PHONE = "07700 900123"',
        "```",
        "~~~text",
        f"NHS {NHS_VALID}",
        "~~~",
        "````markdown",
        "```",
        "B1 1AA inside a longer fence",
        "```",
        "````",
        "After the code: 07700 900123",
    ]) + "\n"
    findings = scan(tmp_path, text)
    assert [(f.line, f.rule) for f in findings] == [(16, "phone number (077** ******)")]


def test_myst_directives_are_page_content(tmp_path: Path) -> None:
    text = "\n".join([
        "```{note}",
        "Call 07700 900123.",
        "```",
        ":::{tip}",
        "Write to someone@example.org.",
        ":::",
        "````{admonition} Contacts",
        "```text",
        "B1 1AA in code inside a directive",
        "```",
        "Post to B1 1AA.",
        "````",
    ]) + "\n"
    findings = scan(tmp_path, text)
    assert [(f.line, f.rule.split(" (")[0]) for f in findings] == [
        (2, "phone number"), (5, "e-mail address"), (11, "postcode")]


def test_code_after_a_directive_is_still_ignored(tmp_path: Path) -> None:
    text = "```{note}\nA note.\n```\n\n```\nsomeone@example.org\n```\nB1 1AA\n"
    assert [(f.line, f.rule) for f in scan(tmp_path, text)] == [(8, "postcode (B1 ***)")]


# --- Quotes stay anonymous ----------------------------------------------------------


@pytest.mark.parametrize(
    "attribution", ["— Sarah Khan", "- Mr Ali", "-- Sarah K.", "— Sarah Khan, parent", "—Dr Patel"])
def test_a_quote_attributed_to_a_named_person_is_reported(tmp_path: Path, attribution: str) -> None:
    text = f"> Nobody asked us before.\n>\n> {attribution}\n"
    findings = scan(tmp_path, text)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.line == 3
    assert finding.rule.startswith("quote attributed to a named person")
    assert "a parent" in finding.fix and "listening event" in finding.fix
    assert "Sarah" not in finding.rule and "Khan" not in finding.rule and "Ali" not in finding.rule


@pytest.mark.parametrize(
    "attribution",
    ["— a parent", "— a participant at a listening event", "- Young Person, aged 15",
     "— Community Researcher, Walsall", "— Participant 3"],
)
def test_a_quote_attributed_to_a_role_is_fine(tmp_path: Path, attribution: str) -> None:
    assert scan(tmp_path, f"> Nobody asked us before.\n> {attribution}\n") == []


def test_a_named_line_outside_a_quote_is_not_an_attribution(tmp_path: Path) -> None:
    assert scan(tmp_path, "Thanks to:\n\n- Sarah Khan\n- Mr Ali\n") == []


def test_personal_data_in_a_quote_is_reported_even_when_allowed(tmp_path: Path) -> None:
    allow = ["0121 496 0000", "someone@example.org"]
    text = ("Call 0121 496 0000.\n\n"
            "> They gave me 0121 496 0000 and someone@example.org to ring.\n> — a parent\n")
    findings = scan(tmp_path, text, allow)
    assert [(f.line, f.rule) for f in findings] == [
        (3, "phone number in a quote (012* *** ****)"),
        (3, "e-mail address in a quote (s***@e***.org)"),
    ]
    assert "anonymous" in findings[0].why


# --- The report does not repeat the data --------------------------------------------


def test_rules_mask_what_they_found(tmp_path: Path) -> None:
    secrets = {
        "someone@example.org": "e-mail address (s***@e***.org)",
        "07700 900123": "phone number (077** ******)",
        "+44 7700 900123": "phone number (+44 7*** ******)",
        NHS_VALID: "NHS number (943 *** ****)",
        "B1 1AA": "postcode (B1 ***)",
    }
    text = "".join(f"Line: {value}.\n" for value in secrets) + "Born on 12 March 1985.\n"
    findings = scan(tmp_path, text)
    assert rules(findings) == list(secrets.values()) + ["date of birth (** ***** ****)"]
    report = "\n".join(f.render() for f in findings)
    for value in [*secrets, "12 March 1985", "900123", "476 5919", "1AA", "someone"]:
        assert value not in report, value


def test_reports_paths_relative_to_the_project_and_scans_every_file(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "a.md").write_text("Nothing here.\n", encoding="utf-8")
    (tmp_path / "index.md").write_text("\n\nMail someone@example.org\n", encoding="utf-8")
    findings = check_personal_data([tmp_path / "report" / "a.md", tmp_path / "index.md"], tmp_path, [])
    assert [(f.file, f.line) for f in findings] == [("index.md", 3)]
