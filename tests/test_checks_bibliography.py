"""The bibliography check: every BibTeX entry has a year, and a url or a 'print only' note,
reported at the entry's line."""

from __future__ import annotations

from pathlib import Path

from ppiebook.checks.bibliography import check_bibliography

BIB = """\
% Sources for the test. BibTeX reads an at sign even in a comment line,
% so these lines have none.

@misc{good,
  title = {{A web page}},
  year  = {2021},
  url   = {https://example.org/page},
}

@book{paper,
  title = {{A printed book}},
  year  = 1999,
  note  = {Available in libraries. PRINT ONLY},
}

@misc{noyear,
  title = {{No year}},
  url   = {https://example.org/undated},
}

@article{nowhere,
  title = {{No address}},
  year  = {2020},
  note  = {Printed in a journal},
}

@misc{bare, title = {{Neither}}}
"""


def check(tmp_path: Path, text: str):
    bib = tmp_path / "data" / "references.bib"
    bib.parent.mkdir(parents=True, exist_ok=True)
    bib.write_text(text, encoding="utf-8")
    return check_bibliography([bib], tmp_path)


def test_entries_without_a_year_or_an_address_are_errors_at_their_line(tmp_path: Path) -> None:
    findings = check(tmp_path, BIB)
    assert [(f.file, f.line, f.rule) for f in findings] == [
        ("data/references.bib", 16, "entry 'noyear' has no year"),
        ("data/references.bib", 21, "entry 'nowhere' has no url and its note does not say it is print only"),
        ("data/references.bib", 27, "entry 'bare' has no year"),
        ("data/references.bib", 27, "entry 'bare' has no url and its note does not say it is print only"),
    ]
    for finding in findings:
        assert (finding.check, finding.severity) == ("bibliography", "error")
        assert finding.why and finding.fix
    assert "print only" in findings[1].fix.lower() and "url" in findings[1].fix


def test_complete_entries_and_print_only_sources_pass(tmp_path: Path) -> None:
    assert check(tmp_path, BIB.split("@misc{noyear")[0]) == []


def test_strings_and_comments_are_not_entries(tmp_path: Path) -> None:
    text = '@string{gds = "Government Digital Service"}\n@comment{nothing here}\n@preamble{"x"}\n'
    assert check(tmp_path, text) == []


def test_bibtex_that_cannot_be_read_is_an_error_with_its_line(tmp_path: Path) -> None:
    findings = check(tmp_path, "@misc{ok, year = 2020, url = {https://example.org}}\n\n@misc{broken,\n  title = {x\n")
    assert findings and findings[0].line is not None and findings[0].line >= 3
    assert "cannot be read" in findings[0].rule


def test_what_nobody_knows_yet_is_a_warning_not_an_invention(tmp_path: Path) -> None:
    text = ("@misc{undated,\n  title = {{A web page}},\n  year = {n.d.},\n  url = {https://example.org/a},\n}\n\n"
            "@misc{unknown,\n  title = {{A report}},\n  year = {2023},\n"
            "  note = {Report. Address to be supplied},\n}\n")
    findings = check(tmp_path, text)
    assert [(f.line, f.severity, f.rule) for f in findings] == [
        (1, "warning", "entry 'undated' has no date yet (n.d.)"),
        (7, "warning", "entry 'unknown': its address is still to be supplied"),
    ]
