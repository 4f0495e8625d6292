"""PDF builds write only what changed (ppiebook/pdf/incremental.py).

On the tiny content root: two publications (draft-report: draft/index and findings;
finished-guide: final/index and chapter) and one infographic. Each test builds, edits one
input, builds again in the same output folder, and checks the build log, the files'
bytes and time stamps, and the text inside the rebuilt PDF.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPORT, GUIDE, STEPS = "draft-report.pdf", "finished-guide.pdf", "infographic-steps.pdf"

# The content root, plus the infographic conftest's with_infographic adds before building.
pytestmark = pytest.mark.sphinx("pdf", testroot="content")


@pytest.fixture
def src(with_infographic) -> Path:
    return with_infographic.kwargs["srcdir"]


@pytest.fixture
def build(make_app, with_infographic):
    """Build (again) in the same source and output folders: the PDFs' folder and build log."""
    def build() -> tuple[Path, dict]:
        app = make_app(*with_infographic.args, **with_infographic.kwargs)
        app.build()
        assert app.statuscode == 0, app.warning.getvalue()
        outdir = Path(app.outdir)
        return outdir, json.loads((outdir / ".build-log.json").read_text(encoding="utf-8"))
    return build


def snapshot(outdir: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in outdir.glob("*.pdf")}


def test_first_build_writes_everything_second_nothing(build) -> None:
    outdir, log = build()
    assert sorted(log["publications"]["rebuilt"]) == [REPORT, GUIDE] and log["publications"]["skipped"] == []
    assert log["infographics"] == {"rebuilt": [STEPS], "skipped": []}
    before = snapshot(outdir)

    outdir, log = build()
    assert log["publications"]["rebuilt"] == [] and sorted(log["publications"]["skipped"]) == [REPORT, GUIDE]
    assert log["infographics"] == {"rebuilt": [], "skipped": [STEPS]}
    assert snapshot(outdir) == before


def test_page_edit_rebuilds_only_its_publication(build, src: Path, edit, pdfcheck) -> None:
    outdir, _ = build()
    before = snapshot(outdir)
    edit(src / "final/chapter.md", "\n\n", "\n\nA sentence added by the incremental test.\n\n")

    outdir, log = build()
    assert log["publications"] == {"rebuilt": [GUIDE], "skipped": [REPORT]}
    after = snapshot(outdir)
    assert after[REPORT] == before[REPORT] and after[STEPS] == before[STEPS]
    assert after[GUIDE][0] != before[GUIDE][0]
    assert "A sentence added by the incremental test." in pdfcheck.text(outdir / GUIDE)
    assert "A sentence added by the incremental test." not in pdfcheck.text(outdir / REPORT)


def test_catalogue_edit_rebuilds_the_publication_it_changes(build, src: Path, edit, pdfcheck) -> None:
    outdir, _ = build()
    before = snapshot(outdir)
    catalogue = src / "publications.yaml"
    subtitle = next(line for line in catalogue.read_text(encoding="utf-8").splitlines()
                    if line.strip().startswith("subtitle:"))  # the first publication's: the draft report
    edit(catalogue, subtitle, subtitle.split(":")[0] + ": A subtitle changed by the test")

    outdir, log = build()
    assert log["publications"] == {"rebuilt": [REPORT], "skipped": [GUIDE]}
    assert "A subtitle changed by the test" in pdfcheck.text(outdir / REPORT)
    assert snapshot(outdir)[GUIDE] == before[GUIDE]

    # The programme's name is on every cover and in every infographic: all are rebuilt.
    edit(catalogue, "name: ", "name: Renamed ")
    outdir, log = build()
    assert sorted(log["publications"]["rebuilt"]) == [REPORT, GUIDE]
    assert log["infographics"]["rebuilt"] == [STEPS]


def test_infographic_redrawn_only_when_its_data_changes(build, src: Path, edit, pdfcheck) -> None:
    outdir, _ = build()
    before = snapshot(outdir)
    edit(src / "final/chapter.md", "\n\n", "\n\nAnother sentence.\n\n")
    outdir, log = build()
    assert log["infographics"] == {"rebuilt": [], "skipped": [STEPS]}
    assert snapshot(outdir)[STEPS] == before[STEPS]

    edit(src / "data/infographics/steps.yaml", "The second step of the test.", "A changed second step.")
    outdir, log = build()
    assert log["infographics"] == {"rebuilt": [STEPS], "skipped": []}
    assert log["publications"]["rebuilt"] == []
    assert "A changed second step." in pdfcheck.text(outdir / STEPS)


def test_pdf_changed_by_hand_is_rebuilt(build) -> None:
    outdir, _ = build()
    good = (outdir / REPORT).read_bytes()
    (outdir / REPORT).write_bytes(good[:-100])
    outdir, log = build()
    assert log["publications"]["rebuilt"] == [REPORT]
    assert (outdir / REPORT).read_bytes() == good
