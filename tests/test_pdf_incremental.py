"""PDF builds write only what changed (ppiebook/pdf/incremental.py).

On the tiny content root: two publications (draft-report: draft/index and findings;
finished-guide: final/index and chapter) and one infographic. Each test builds, edits one
input, builds again in the same output folder, and checks the build log, the files'
bytes and time stamps, and the text inside the rebuilt PDF.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

INFOGRAPHIC = """\
id: steps
title: Test steps
subtitle: Three steps of a test
source: standards
steps:
  - label: First
    text: The first step of the test.
  - label: Second
    text: The second step of the test.
"""

REPORT, GUIDE, STEPS = "draft-report.pdf", "finished-guide.pdf", "infographic-steps.pdf"


def project_with_infographic(rootdir: Path, tmp_path: Path) -> Path:
    """The content test root plus one infographic (shared with test_tagged_incremental)."""
    shutil.copytree(rootdir / "test-content", tmp_path / "src")
    (tmp_path / "src/data/infographics").mkdir()
    (tmp_path / "src/data/infographics/steps.yaml").write_text(INFOGRAPHIC, encoding="utf-8")
    return tmp_path / "src"


@pytest.fixture
def src(rootdir: Path, tmp_path: Path) -> Path:
    return project_with_infographic(rootdir, tmp_path)


def build(make_app, src: Path) -> tuple[Path, dict]:
    app = make_app("pdf", srcdir=src)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    outdir = Path(app.outdir)
    return outdir, json.loads((outdir / ".build-log.json").read_text(encoding="utf-8"))


def snapshot(outdir: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in outdir.glob("*.pdf")}


def text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def edit(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    time.sleep(0.01)  # a different time stamp from the first build's files


def test_first_build_writes_everything_second_nothing(make_app, src: Path) -> None:
    outdir, log = build(make_app, src)
    assert sorted(log["publications"]["rebuilt"]) == [REPORT, GUIDE] and log["publications"]["skipped"] == []
    assert log["infographics"] == {"rebuilt": [STEPS], "skipped": []}
    before = snapshot(outdir)

    outdir, log = build(make_app, src)
    assert log["publications"]["rebuilt"] == [] and sorted(log["publications"]["skipped"]) == [REPORT, GUIDE]
    assert log["infographics"] == {"rebuilt": [], "skipped": [STEPS]}
    assert snapshot(outdir) == before


def test_page_edit_rebuilds_only_its_publication(make_app, src: Path) -> None:
    outdir, _ = build(make_app, src)
    before = snapshot(outdir)
    edit(src / "final/chapter.md", "\n\n", "\n\nA sentence added by the incremental test.\n\n")

    outdir, log = build(make_app, src)
    assert log["publications"] == {"rebuilt": [GUIDE], "skipped": [REPORT]}
    after = snapshot(outdir)
    assert after[REPORT] == before[REPORT] and after[STEPS] == before[STEPS]
    assert after[GUIDE][0] != before[GUIDE][0]
    assert "A sentence added by the incremental test." in text(outdir / GUIDE)
    assert "A sentence added by the incremental test." not in text(outdir / REPORT)


def test_catalogue_edit_rebuilds_the_publication_it_changes(make_app, src: Path) -> None:
    outdir, _ = build(make_app, src)
    before = snapshot(outdir)
    catalogue = src / "publications.yaml"
    subtitle = next(line for line in catalogue.read_text(encoding="utf-8").splitlines()
                    if line.strip().startswith("subtitle:"))  # the first publication's: the draft report
    edit(catalogue, subtitle, subtitle.split(":")[0] + ": A subtitle changed by the test")

    outdir, log = build(make_app, src)
    assert log["publications"] == {"rebuilt": [REPORT], "skipped": [GUIDE]}
    assert "A subtitle changed by the test" in text(outdir / REPORT)
    assert snapshot(outdir)[GUIDE] == before[GUIDE]

    # The programme's name is on every cover and in every infographic: all are rebuilt.
    edit(catalogue, "name: ", "name: Renamed ")
    outdir, log = build(make_app, src)
    assert sorted(log["publications"]["rebuilt"]) == [REPORT, GUIDE]
    assert log["infographics"]["rebuilt"] == [STEPS]


def test_infographic_redrawn_only_when_its_data_changes(make_app, src: Path) -> None:
    outdir, _ = build(make_app, src)
    before = snapshot(outdir)
    edit(src / "final/chapter.md", "\n\n", "\n\nAnother sentence.\n\n")
    outdir, log = build(make_app, src)
    assert log["infographics"] == {"rebuilt": [], "skipped": [STEPS]}
    assert snapshot(outdir)[STEPS] == before[STEPS]

    edit(src / "data/infographics/steps.yaml", "The second step of the test.", "A changed second step.")
    outdir, log = build(make_app, src)
    assert log["infographics"] == {"rebuilt": [STEPS], "skipped": []}
    assert log["publications"]["rebuilt"] == []
    assert "A changed second step." in text(outdir / STEPS)


def test_pdf_changed_by_hand_is_rebuilt(make_app, src: Path) -> None:
    outdir, _ = build(make_app, src)
    good = (outdir / REPORT).read_bytes()
    (outdir / REPORT).write_bytes(good[:-100])
    outdir, log = build(make_app, src)
    assert log["publications"]["rebuilt"] == [REPORT]
    assert (outdir / REPORT).read_bytes() == good
