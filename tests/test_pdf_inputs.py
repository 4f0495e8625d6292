"""The key of a publication's inputs (ppiebook/pdfshared/inputs.py): when it is the last good
build's, both PDF builders keep the publication without assembling it; when anything the
publication shows changed, even on a page of another publication, it is made again.

Built on the tiny content root (draft-report: draft/index and findings; finished-guide:
final/index and chapter). The assembling is counted by wrapping each builder's own method.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docutils import nodes

from ppiebook.pdf.incremental import SelectivePdfBuilder
from ppiebook.pdfshared.inputs import canonical, environment_digest, inputs_key
from ppiebook.tagged.builder import TaggedPdfBuilder

REPORT, GUIDE = "draft-report", "finished-guide"
LINK = "\n\nThe findings are in [](../draft/findings.md).\n"


@pytest.fixture
def assembled(monkeypatch) -> list[str]:
    """The publications each builder assembled (print edition: root page; tagged: root page)."""
    calls: list[str] = []
    original_tree = SelectivePdfBuilder.assemble_doctree
    original_html = TaggedPdfBuilder.publication_html

    def assemble_doctree(self, docname, *args, **kwargs):
        calls.append(docname)
        return original_tree(self, docname, *args, **kwargs)

    def publication_html(self, publication):
        calls.append(publication.root)
        return original_html(self, publication)

    monkeypatch.setattr(SelectivePdfBuilder, "assemble_doctree", assemble_doctree)
    monkeypatch.setattr(TaggedPdfBuilder, "publication_html", publication_html)
    return calls


@pytest.fixture
def build(make_app, app_params, assembled):
    """Build again in the same folders; the roots of the publications assembled, and the log."""
    def build() -> tuple[list[str], dict]:
        assembled.clear()
        app = make_app(*app_params.args, **app_params.kwargs)
        app.build()
        assert app.statuscode == 0, app.warning.getvalue()
        pdf_dir = Path(app.config.ppiebook_tagged_pdf_dir or app.outdir)
        log = json.loads((pdf_dir / ".build-log.json").read_text(encoding="utf-8"))
        return sorted(set(assembled)), log  # rst2pdf asks again for a tree assembled already
    return build


def _rebuilt(log: dict) -> list[str]:
    part = log.get("tagged", log)["publications"]
    return sorted(name.removesuffix(".pdf").removesuffix("-tagged") for name in part["rebuilt"])


@pytest.mark.parametrize("builder", [pytest.param(name, marks=pytest.mark.sphinx(name, testroot="content"))
                                     for name in ("pdf", "taggedpdf")])
def test_nothing_changed_nothing_assembled_and_a_title_elsewhere_reaches_the_pdf(
        builder: str, app_params, build, edit, pdfcheck) -> None:
    src = Path(app_params.kwargs["srcdir"])
    edit(src / "final/chapter.md", "\n\n", LINK)  # the guide shows the title of a report page
    assembled, log = build()
    assert assembled == ["draft/index", "final/index"] and _rebuilt(log) == [REPORT, GUIDE]

    assembled, log = build()
    assert assembled == [], "nothing changed: no publication is even assembled"
    assert _rebuilt(log) == [] and sorted(log.get("tagged", log)["publications"]["skipped"]) != []

    # Lines added to a report page: the guide's inputs are the same (only the title is shown).
    edit(src / "draft/findings.md", "## Rates", "A paragraph added by the test.\n\nAnother one.\n\n## Rates")
    assembled, log = build()
    assert assembled == ["draft/index"] and _rebuilt(log) == [REPORT]

    # The report page's title changes: the guide shows it, so it is made again.
    edit(src / "draft/findings.md", "# Findings", "# Findings of the test")
    assembled, log = build()
    assert assembled == ["draft/index", "final/index"] and _rebuilt(log) == [REPORT, GUIDE]


def test_canonical_data_does_not_depend_on_order_or_addresses() -> None:
    class Thing:
        def __init__(self, value: object) -> None:
            self.value = value

    first = {"b": {2, 1, 3}, "a": [Thing(len), nodes.paragraph("", "Words")]}
    second = {"a": [Thing(len), nodes.paragraph("", "Words")], "b": {3, 1, 2}}
    assert repr(canonical(first)) == repr(canonical(second))
    assert repr(canonical({"a": [Thing(len), nodes.paragraph("", "Other words")]})) != repr(canonical(second))
    assert " at 0x" not in repr(canonical(Thing(object())))
    looped = Thing(None)
    looped.value = [looped]  # an object inside itself ends the walk there
    assert canonical(looped) == ("object", "test_canonical_data_does_not_depend_on_order_or_addresses.<locals>.Thing",
                                 ("dict", [("'value'", ("list", [("again", looped.__class__.__qualname__)]))]))
    shared = Thing("shared words")  # an object met twice is shown twice, whichever comes first
    assert repr(canonical({"x": shared, "y": [shared]})).count("shared words") == 2
    assert inputs_key("a", "b") != inputs_key("ab") and inputs_key("a", "b") == inputs_key("a", "b")


@pytest.mark.sphinx("pdf", testroot="content")
def test_the_environment_digest_ignores_line_numbers_but_not_titles(make_app, app_params, edit) -> None:
    src = Path(app_params.kwargs["srcdir"])

    def digest() -> str:
        app = make_app(*app_params.args, **app_params.kwargs)
        app.build()
        return environment_digest(app.env)

    first = digest()
    edit(src / "final/chapter.md", "\n\n", "\n\nA line.\n\nAnd another line, pushing the headings down.\n\n")
    assert digest() == first, "MyST's line numbers and word counts are not what a PDF shows of another page"
    edit(src / "final/chapter.md", "# ", "# Renamed ")  # the page's title, its first line
    assert digest() != first, "a page's title is what other pages show"
