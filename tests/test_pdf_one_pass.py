"""The print edition is laid out once per publication, and its contents still give the
page each heading is on (ppiebook.compat.rst2pdf_contents_in_one_pass; rst2pdf on its
own lays every document out twice, the second time only to write the contents' numbers)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus.doctemplate import BaseDocTemplate

from ppiebook.compat import _one_pass_classes

PROJECT_PDFS = ["community-connexions-engagement-handbook.pdf", "health-inequalities-in-birmingham.pdf"]
ENTRY = re.compile(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$")


def pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def contents(pages: list[str]) -> list[tuple[str, int]]:
    """The contents' rows (title, page number), from the page headed Contents."""
    page = next(p for p in pages if re.search(r"^Contents\s*$", p, re.MULTILINE))
    return [(m.group(1), int(m.group(2))) for m in map(ENTRY.match, page.splitlines()) if m]


def assert_numbers_right(pdf: Path) -> int:
    """Each row's title is on the page whose footer prints its number; returns the rows."""
    pages = pages_text(pdf)
    by_number = {int(m.group(1)): text for text in pages if (m := re.search(r"Page (\d+)\s*$", text))}
    rows = contents(pages)
    assert rows, f"{pdf.name}: no contents rows"
    for title, number in rows:
        words = " ".join(title.split()[:4])
        assert words in " ".join(by_number.get(number, "").split()), f"{pdf.name}: {title!r} is not on page {number}"
    return len(rows)


@pytest.mark.parametrize("name", PROJECT_PDFS)
def test_the_contents_give_each_headings_page(built: Path, name: str) -> None:
    assert assert_numbers_right(built / "pdf" / name) >= 5


@pytest.fixture
def passes(monkeypatch) -> list[int]:
    """The number of layout passes of each document rst2pdf writes."""
    counted: list[int] = []
    original = BaseDocTemplate.multiBuild

    def multi_build(self, story, *args, **kwargs):
        counted.append(original(self, story, *args, **kwargs))
        return counted[-1]

    monkeypatch.setattr(BaseDocTemplate, "multiBuild", multi_build)
    return counted


@pytest.mark.sphinx("pdf", testroot="content")
def test_one_layout_pass_per_publication(app, passes: list[int]) -> None:
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    publications = ["draft-report.pdf", "finished-guide.pdf"]
    assert passes[:len(publications)] == [1, 1]
    for name in publications:
        assert_numbers_right(Path(app.outdir) / name)


@pytest.mark.sphinx("pdf", testroot="content")
def test_headings_not_as_planned_fall_back_to_rst2pdf_s_passes(app, passes: list[int], monkeypatch) -> None:
    contents_class = _one_pass_classes()[1]
    plan = contents_class.plan

    def wrong_plan(self, story) -> None:
        plan(self, story)
        self.planned = self.planned[:-1]  # one heading fewer than will be laid out

    monkeypatch.setattr(contents_class, "plan", wrong_plan)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert passes[:2] == [2, 2]
    for name in ("draft-report.pdf", "finished-guide.pdf"):
        assert_numbers_right(Path(app.outdir) / name)
