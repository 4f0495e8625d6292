"""make check's rules that read the pages' doctrees: repetition, unconfirmed claims, and
plain English's sentence length and link text. Each is run on tests/roots/test-checks,
where every mistake sits next to a correct case that must be left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from ppiebook.checks.repetition import MIN_WORDS, Words, check_repetition, find_repetitions
from ppiebook.checks.sentences import (
    MAX_SENTENCE_WORDS,
    check_link_text,
    check_sentence_length,
    sentences,
    vague,
    words,
)
from ppiebook.checks.unconfirmed import check_unconfirmed

pytestmark = pytest.mark.sphinx("dummy", testroot="checks")
SHARED = pytest.mark.test_params(shared_result="checks-doctree-rules")


def run(app, check):
    app.build()
    return check(app.env, sorted(app.env.found_docs), Path(app.srcdir))


def places(findings) -> list[tuple[str, int | None]]:
    return [(f.file, f.line) for f in findings]


def assert_explained(findings) -> None:
    for finding in findings:
        assert finding.severity == "error" and finding.line and finding.why and finding.fix, finding


# --- repetition ---------------------------------------------------------------------


@SHARED
def test_a_repeated_passage_is_one_finding_with_both_places(app) -> None:
    findings = run(app, check_repetition)
    # The 32 words on first.md:5 are on second.md:7 too, in other capitals and punctuation;
    # the shared 24 words, the code block and the table are not reported.
    assert places(findings) == [("first.md", 5)], [f.rule for f in findings]
    assert findings[0].check == "repetition"
    assert "the same 32 words are also at second.md:7" in findings[0].rule
    assert "'community members told us that buses were slow" in findings[0].rule
    assert_explained(findings)


def page(text: str, name: str) -> Words:
    found = text.split()
    return Words(found, [(name, number // 10 + 1) for number in range(len(found))])


def test_shingles_merge_into_one_passage_and_each_pair_of_places_is_reported() -> None:
    passage = " ".join(f"w{number}" for number in range(40))
    pages = {"a": page("one two " + passage, "a.md"), "b": page(passage + " three", "b.md"),
             "c": page("four " + passage, "c.md"), "d": page(" ".join(passage.split()[:MIN_WORDS - 1]), "d.md")}
    findings = find_repetitions(pages)
    assert [f.rule.split(":")[0] for f in findings] == [
        "the same 40 words are also at b.md", "the same 40 words are also at c.md",
        "the same 40 words are also at c.md"]
    assert places(findings) == [("a.md", 1), ("a.md", 1), ("b.md", 1)]


def test_a_passage_repeated_on_the_same_page_is_not_reported() -> None:
    passage = " ".join(f"w{number}" for number in range(30))
    assert find_repetitions({"a": page(passage + " and " + passage, "a.md")}) == []


# --- unconfirmed claims ---------------------------------------------------------------


@SHARED
def test_markers_outside_editorial_notes_are_errors_at_their_line(app) -> None:
    findings = run(app, check_unconfirmed)
    assert [(f.file, f.line, f.rule) for f in findings] == [
        ("claims.md", 3, "'TBC' outside an editorial note"),
        ("claims.md", 5, "'to be confirmed' outside an editorial note"),
        ("claims.md", 10, "'[confirm]' outside an editorial note"),
        ("claims.md", 12, "'Unconfirmed' outside an editorial note"),
    ]
    assert {f.check for f in findings} == {"unconfirmed claims"}
    assert "take it as fact" in findings[0].why and "editorial note" in findings[0].fix
    assert_explained(findings)


# --- plain English: long sentences ------------------------------------------------------


def test_sentences_split_at_full_stops_but_not_after_abbreviations() -> None:
    assert sentences("One. Two! Three? 4 is a number. “Quoted.” (Bracket.) Last") == [
        "One.", "Two!", "Three?", "4 is a number.", "“Quoted.”", "(Bracket.)", "Last"]
    assert sentences("See e.g. Page two, i.e. The other, etc. And Dr. Who at No. 10.") == [
        "See e.g. Page two, i.e. The other, etc. And Dr. Who at No. 10."]
    assert sentences("Version 1.5 is out. it continues") == ["Version 1.5 is out. it continues"]


def test_words_are_tokens_with_a_letter_or_a_digit() -> None:
    assert words("A — list: of 3 things, – and ⋯ some.") == ["A", "list:", "of", "3", "things,", "and", "some."]


@SHARED
def test_long_sentences_of_running_text_are_errors_at_their_paragraph(app) -> None:
    findings = [f for f in run(app, check_sentence_length) if f.file == "sentences.md"]
    assert [(f.line, f.rule) for f in findings] == [
        (3, f"sentence of 30 words, more than {MAX_SENTENCE_WORDS}: 'This sentence is much too long because it …'"),
        (6, f"sentence of 29 words, more than {MAX_SENTENCE_WORDS}: "
            "'We asked people what helped, e.g. Friends, family, …'"),
    ]  # not the 25 words, the table cell, the footnote or the code block
    assert {f.check for f in findings} == {"plain English"}
    assert_explained(findings)


# --- plain English: link text ---------------------------------------------------------


@pytest.mark.parametrize("text", ["here", "Click here!", "  Read more…", "NEXT CHAPTER", "this", "see here."])
def test_vague_link_text(text: str) -> None:
    assert vague(text)


@pytest.mark.parametrize("text", ["the payment guidance", "here is the guidance", "next steps", "more about payment"])
def test_link_text_that_names_its_target(text: str) -> None:
    assert not vague(text)


@SHARED
def test_links_that_do_not_name_their_target_are_errors(app) -> None:
    findings = run(app, check_link_text)
    assert [(f.file, f.line, f.rule) for f in findings] == [
        ("sentences.md", 24, "link text 'here' does not say where the link goes"),
        ("sentences.md", 24, "link text 'Click here!' does not say where the link goes"),
        ("sentences.md", 24, "link text 'next chapter' does not say where the link goes"),
    ]
    assert {f.check for f in findings} == {"plain English"}
    assert "Screen-reader" in findings[0].why
    assert_explained(findings)
