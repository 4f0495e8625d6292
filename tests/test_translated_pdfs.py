"""Translated PDFs: drawn from the translation, and rebuilt when only the translation changes.

A small project in English and the accented pseudo-language en-XA (every message of
every catalogue rewritten in accented letters), with one infographic.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from pypdf import PdfReader

from ppiebook.i18n.pseudo import PSEUDO_LANGUAGE, pseudo

# Each builds a small project with the build command, twice.
pytestmark = pytest.mark.slow

LANGUAGE = PSEUDO_LANGUAGE.replace("_", "-")
NOTE_TITLE = "Editorial note: to be supplied"


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True, timeout=900)


def text(pdf: Path) -> str:
    """The PDF's words, as pypdf and as poppler extract them, one after the other. Typst writes a
    letter it composes from a base and an accent (the pseudo-language's "ĥ") as the base glyph
    with /ActualText, which poppler reads and pypdf does not; rst2pdf writes a letter its font
    lacks as NUL, which pypdf keeps (see shows)."""
    pypdf = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return pypdf + "\n" + " ".join(out.stdout.split())


def shows(expected: str, pdf: Path) -> bool:
    """``expected`` is in the PDF's text. The infographic's font has no glyph for some
    pseudo-letters (such as ƥ), which come out as NUL: those places match any letter."""
    pattern = "".join(f"(?:{re.escape(char)}|\x00)" for char in expected)
    return re.search(pattern, text(pdf)) is not None


@pytest.fixture(scope="module")
def project(rootdir: Path, tmp_path_factory: pytest.TempPathFactory, infographic_data: str) -> Path:
    project = tmp_path_factory.mktemp("translated") / "project"
    shutil.copytree(rootdir / "test-content", project)
    (project / "data" / "infographics").mkdir()
    (project / "data" / "infographics" / "steps.yaml").write_text(infographic_data, encoding="utf-8")
    catalogue = project / "publications.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "  language: en-GB\n", f"  language: en-GB\n  translations:\n    - language: {LANGUAGE}\n      name: Pseudo\n"),
        encoding="utf-8")
    result = run(project, "-m", "sphinx", "-q", "-b", "gettext", ".", "_build/gettext")
    assert result.returncode == 0, result.stderr
    result = run(project, "-c", "import sys; from pathlib import Path; from ppiebook.i18n.pseudo import write_locale; "
                 "write_locale(Path('_build/gettext'), Path('locales'), sys.argv[1])", PSEUDO_LANGUAGE)
    assert result.returncode == 0, result.stderr
    result = run(project, "-m", "ppiebook.commands.build", "all")
    assert result.returncode == 0, result.stderr
    return project


def test_infographic_pdfs_are_drawn_from_the_translation(project: Path) -> None:
    pdf = project / "_build" / "pdf"
    assert shows(pseudo("Test steps"), pdf / LANGUAGE / "infographic-steps.pdf")
    assert shows(pseudo("Test steps"), pdf / LANGUAGE / "infographic-steps-tagged.pdf")
    english = text(pdf / "infographic-steps.pdf")
    assert "Test steps" in english and pseudo("Test steps") not in english
    # The main language's drawing is not overwritten by the translation's.
    svg = (project / "_generated" / "infographics" / "steps.svg").read_text(encoding="utf-8")
    assert "Test steps" in svg


def test_a_translation_only_change_rebuilds_the_translated_pdfs(project: Path) -> None:
    po_path = project / "locales" / PSEUDO_LANGUAGE / "LC_MESSAGES" / "ppiebook.po"
    with po_path.open("rb") as file:
        catalog = read_po(file)
    assert catalog[NOTE_TITLE] is not None, "the editorial note's title is not in the project catalogue"
    catalog[NOTE_TITLE].string = "Changed in the translation only"
    catalog["Test steps"].string = "Steps, retranslated"
    with po_path.open("wb") as file:
        write_po(file, catalog)
    with po_path.with_suffix(".mo").open("wb") as file:
        write_mo(file, catalog)
    result = run(project, "-m", "ppiebook.commands.build", "all", "--language", LANGUAGE)
    assert result.returncode == 0, result.stderr
    folder = project / "_build" / "pdf" / LANGUAGE
    log = json.loads((folder / ".build-log.json").read_text(encoding="utf-8"))
    assert "draft-report.pdf" in log["publications"]["rebuilt"], log
    assert "draft-report-tagged.pdf" in log["tagged"]["publications"]["rebuilt"], log
    for name in ("draft-report.pdf", "draft-report-tagged.pdf"):
        assert "Changed in the translation only" in text(folder / name), name
    for name in ("infographic-steps.pdf", "infographic-steps-tagged.pdf"):
        assert "Steps, retranslated" in text(folder / name), name
    # The site's page too: its words were translated when the page was last read.
    html = (project / "_build" / "html" / LANGUAGE / "draft" / "findings.html").read_text(encoding="utf-8")
    assert "Changed in the translation only" in html
