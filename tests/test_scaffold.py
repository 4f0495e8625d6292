"""A new programme's project from `python -m ppiebook.commands.scaffold`: its own name, colours and
logo everywhere the programme is named, and the pipeline builds it unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

NAME = "Example Health Voices"

# A new project, scaffolded and built by the build command once per module (about 20 s).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scaffold")
    logo = folder / "logo.png"
    image = Image.new("RGB", (120, 120), "#5b2a86")  # a plain mark drawn for the test
    ImageDraw.Draw(image).ellipse((30, 30, 90, 90), fill="#ffffff")
    image.save(logo)
    target = folder / "ehv"
    created = subprocess.run(
        [sys.executable, "-m", "ppiebook.commands.scaffold", str(target), "--name", NAME, "--primary", "#5b2a86",
         "--accent", "#b3541e", "--logo", str(logo), "--logo-alt", "Example Health Voices logo, a white circle"],
        capture_output=True, text=True, timeout=120,
    )
    assert created.returncode == 0, created.stderr
    built = subprocess.run([sys.executable, "-m", "ppiebook.commands.build", "all"], cwd=target,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    return target


def test_scaffold_has_the_whole_pipeline(project: Path) -> None:
    for item in ["Makefile", "conf.py", "requirements.txt", "pyproject.toml", "ppiebook/__init__.py",
                 "tests/conftest.py", ".ci/run", "handbook/index.md", "report/executive-summary.md",
                 "CITATION.cff", "LICENSE", "LICENSE-CONTENT.md"]:
        assert (project / item).exists(), item
    assert not (project / "tests/test_content.py").exists()  # about Community Connexions' own report


def test_site_carries_the_new_identity(project: Path) -> None:
    site = project / "_build/html"
    page = (site / "handbook/planning.html").read_text(encoding="utf-8")
    assert f"<title>Planning an engagement &#8212; {NAME}</title>" in page
    assert "--ppiebook-primary: #5b2a86;" in (site / "_static/ppiebook-brand.css").read_text()
    assert '#1d5c63' not in (site / "_static/ppiebook-brand.css").read_text()
    assert (site / "_static/example-health-voices-logo.png").is_file()
    footer_and_header = page.split('<main', 1)[0] + page.rsplit("</main>", 1)[-1]
    assert NAME in footer_and_header and "Community Connexions" not in footer_and_header.replace(
        "What Community Connexions is and who it is for", "")  # a chapter title in the navigation


def test_pdfs_carry_the_new_identity(project: Path) -> None:
    pdfs = sorted((project / "_build/pdf").glob("*.pdf"))
    # Each publication in both editions: the tagged PDF/UA one and the print one.
    assert [p.name for p in pdfs] == [
        "example-health-voices-engagement-handbook-tagged.pdf", "example-health-voices-engagement-handbook.pdf",
        "example-health-voices-report-tagged.pdf", "example-health-voices-report.pdf",
    ]
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            assert str(pdf.docinfo["/Author"]) == NAME
            assert str(pdf.docinfo["/Title"]).startswith(NAME)
            cover_images = [x for x in pdf.pages[0].Resources.get("/XObject", {}).values() if x.Subtype == "/Image"]
            assert len(cover_images) == 1  # the programme's logo
        cover = PdfReader(path).pages[0].extract_text()
        assert NAME in cover
        # The only mention of the original is the attribution the licence asks for.
        assert "Community Connexions" not in cover.replace("Adapted from the Community Connexions Engagement", "")


def test_benchmark_environments_and_sites_are_not_copied() -> None:
    from ppiebook.commands.scaffold import ignored

    names = [".venvs", "work", "generate.py", "__pycache__", "requirements-mkdocs.txt"]
    assert ignored("bench")("bench", names) == {".venvs", "work", "__pycache__"}
    assert ignored("docs")("docs", names) == {"__pycache__"}
