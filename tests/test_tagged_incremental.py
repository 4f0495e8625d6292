"""Tagged PDF builds render only what changed (ppiebook/tagged/incremental.py).

As ppiebook.commands.build does it: the rst2pdf build, then the tagged build into the same PDF
folder, on the tiny content root (two publications and one infographic). Each test
builds, edits one input, builds again, and checks the tagged part of the build log, the
files' bytes and time stamps, and the text inside the rebuilt PDF. The rst2pdf build in
between must leave the tagged PDFs alone (ppiebook/pdf/guard.py), or none could be kept.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ppiebook.tagged.builder import verify as real_verify
from ppiebook.tagged.check import check_pdf

REPORT, GUIDE, STEPS = "draft-report-tagged.pdf", "finished-guide-tagged.pdf", "infographic-steps-tagged.pdf"
SENTENCE = "A sentence added by the tagged incremental test."

# The content root, plus the infographic conftest's with_infographic adds before building.
pytestmark = pytest.mark.sphinx("pdf", testroot="content")


@pytest.fixture
def src(with_infographic, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The dates stamped in the files: a full rebuild must give the same bytes.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return with_infographic.kwargs["srcdir"]


@pytest.fixture
def build(make_app, with_infographic, src: Path):
    """Both PDF builds; the PDF folder and the tagged builder's part of the build log."""
    def build() -> tuple[Path, dict]:
        app = make_app(*with_infographic.args, **with_infographic.kwargs)
        app.build()
        assert app.statuscode == 0, app.warning.getvalue()
        pdf_dir = Path(app.outdir)
        tagged = make_app("taggedpdf", srcdir=src, builddir=src.parent / "tagged-build",
                          confoverrides={"ppiebook_tagged_pdf_dir": str(pdf_dir)})
        tagged.build()
        assert tagged.statuscode == 0, tagged.warning.getvalue()
        return pdf_dir, json.loads((pdf_dir / ".build-log.json").read_text(encoding="utf-8"))["tagged"]
    return build


def snapshot(pdf_dir: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in pdf_dir.glob("*-tagged.pdf")}


def full_rebuild(build, src: Path) -> dict[str, bytes]:
    """The tagged PDFs of a build from scratch, from the same folder (same file URLs)."""
    shutil.rmtree(src / "_build")
    shutil.rmtree(src.parent / "tagged-build")
    pdf_dir, log = build()
    assert log["publications"]["skipped"] == [] and log["infographics"]["skipped"] == []
    return {name: data for name, (data, _) in snapshot(pdf_dir).items()}


def test_second_build_renders_nothing(build) -> None:
    pdf_dir, log = build()
    assert sorted(log["publications"]["rebuilt"]) == [REPORT, GUIDE] and log["publications"]["skipped"] == []
    assert log["infographics"] == {"rebuilt": [STEPS], "skipped": []}
    before = snapshot(pdf_dir)
    assert sorted(before) == sorted([REPORT, GUIDE, STEPS])

    pdf_dir, log = build()
    assert log["publications"]["rebuilt"] == [] and sorted(log["publications"]["skipped"]) == [REPORT, GUIDE]
    assert log["infographics"] == {"rebuilt": [], "skipped": [STEPS]}
    assert snapshot(pdf_dir) == before  # bytes and time stamps
    # The rst2pdf builder's own part of the state is still there beside the tagged one.
    state = json.loads((pdf_dir / ".ppiebook-pdf-state.json").read_text(encoding="utf-8"))
    assert set(state) == {"pdf", "taggedpdf"} and set(state["taggedpdf"]) == {REPORT, GUIDE, STEPS}


def test_page_edit_renders_only_its_publication(build, src: Path, edit, pdfcheck) -> None:
    pdf_dir, _ = build()
    before = snapshot(pdf_dir)
    edit(src / "final/chapter.md", "\n\n", f"\n\n{SENTENCE}\n\n")

    pdf_dir, log = build()
    assert log == {"publications": {"rebuilt": [GUIDE], "skipped": [REPORT]},
                   "infographics": {"rebuilt": [], "skipped": [STEPS]}}
    after = snapshot(pdf_dir)
    assert after[REPORT] == before[REPORT] and after[STEPS] == before[STEPS]
    assert after[GUIDE][0] != before[GUIDE][0]
    assert SENTENCE in pdfcheck.text(pdf_dir / GUIDE) and SENTENCE not in pdfcheck.text(pdf_dir / REPORT)
    assert [r.rule for r in check_pdf(pdf_dir / GUIDE) if not r.passed] == []

    # What was kept and what was rendered are byte for byte a build from scratch.
    assert full_rebuild(build, src) == {name: data for name, (data, _) in after.items()}


def test_infographic_data_change_renders_only_that_infographic(build, src: Path, edit, pdfcheck) -> None:
    pdf_dir, _ = build()
    before = snapshot(pdf_dir)
    edit(src / "data/infographics/steps.yaml", "The second step of the test.", "A changed second step.")

    pdf_dir, log = build()
    assert log == {"publications": {"rebuilt": [], "skipped": [REPORT, GUIDE]},
                   "infographics": {"rebuilt": [STEPS], "skipped": []}}
    after = snapshot(pdf_dir)
    assert after[REPORT] == before[REPORT] and after[GUIDE] == before[GUIDE]
    assert "A changed second step." in pdfcheck.text(pdf_dir / STEPS)
    assert "A changed second step." not in pdfcheck.text(pdf_dir / GUIDE)


def test_tagged_pdf_changed_or_deleted_by_hand_is_rendered_again(build) -> None:
    pdf_dir, _ = build()
    good = {name: data for name, (data, _) in snapshot(pdf_dir).items()}
    (pdf_dir / REPORT).write_bytes(good[REPORT][:-100])
    (pdf_dir / STEPS).unlink()

    pdf_dir, log = build()
    assert log == {"publications": {"rebuilt": [REPORT], "skipped": [GUIDE]},
                   "infographics": {"rebuilt": [STEPS], "skipped": []}}
    assert {name: data for name, (data, _) in snapshot(pdf_dir).items()} == good


def test_the_code_digest_loads_weasyprint_only_for_the_weasyprint_renderer() -> None:
    """Pango's version is part of the code that renders with WeasyPrint, not with Typst:
    learning it imports WeasyPrint (about 0.8 s), which a Typst build never needs."""
    import subprocess
    import sys

    probe = ("import sys; from ppiebook.tagged.incremental import code; "
             "digest = code(sys.argv[1]); print(digest, 'weasyprint' in sys.modules)")
    found = {}
    for renderer in ("typst", "weasyprint"):
        run = subprocess.run([sys.executable, "-c", probe, renderer], capture_output=True, text=True, check=True)
        digest, loaded = run.stdout.split()
        found[renderer] = digest, loaded
    assert found["typst"][1] == "False"
    assert found["weasyprint"][1] == "True"
    # With WeasyPrint, a new Pango (a Debian upgrade) means new files.
    assert found["weasyprint"][0] != found["typst"][0] and found["weasyprint"][0].startswith(found["typst"][0])


def _verify_and_note(pdf: Path, beside: bool = False) -> list[str]:
    """builder.verify, noting how it was asked to run (in the worker that runs it)."""
    import os

    with open(os.environ["PPIEBOOK_TEST_VERIFY_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{pdf.name} {beside}\n")
    return real_verify(pdf, beside)


def test_one_publication_made_is_checked_beside_even_when_others_were_assembled(
        build, src: Path, edit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new file in the project changes every publication's inputs: each is assembled, and
    kept when its print HTML is the same. When one is made afresh, its checker runs beside
    the validator (builder.verify), counted by the PDFs made, not by those assembled."""
    from ppiebook.tagged import builder

    build()
    (src / "notes-for-the-team.txt").write_text("Not a page.\n", encoding="utf-8")
    edit(src / "final/chapter.md", "\n\n", f"\n\n{SENTENCE}\n\n")
    log = tmp_path / "verify.log"
    monkeypatch.setenv("PPIEBOOK_TEST_VERIFY_LOG", str(log))
    monkeypatch.setattr(builder, "verify", _verify_and_note)
    _, found = build()
    assert found["publications"] == {"rebuilt": [GUIDE], "skipped": [REPORT]}
    assert log.read_text(encoding="utf-8").splitlines() == [f"{GUIDE} True"]
