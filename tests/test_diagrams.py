"""``{mermaid}`` in all three editions of a tiny root (tests/roots/test-diagrams): drawn
once at build time in chromium, the same SVG as a figure in the site and the tagged PDF,
its 300 dpi picture in print; alt text required; a diagram mermaid cannot read stops the
build at its file and line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from ppiebook.tagged.check import structure

ROOT = Path(__file__).parent / "roots" / "test-diagrams"
pytestmark = [pytest.mark.slow, pytest.mark.browser]
ALTS = ["Planning a session: if the venue is accessible, send the invitations; if not, find another venue.",
        "The community group sends its report to the programme team, who reply with feedback."]


def sphinx(src: Path, builder: str) -> subprocess.CompletedProcess[str]:
    out = src / "_build" / ("html" if builder == "html" else "pdf")
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", builder, str(src),
                           str(out)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("diagrams") / "src"
    shutil.copytree(ROOT, src)
    for builder in ("pdf", "taggedpdf", "html"):
        run = sphinx(src, builder)
        assert run.returncode == 0, run.stderr
    return src


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_site_shows_the_drawn_svg(editions: Path) -> None:
    page = (editions / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    images = soup.select("figure.diagram img, div.diagram img, .diagram img")
    assert [image["alt"] for image in images] == ALTS
    for image in images:
        svg = (editions / "_build" / "html" / image["src"]).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "foreignObject" not in svg
        assert re.search(r'<svg[^>]* width="[\d.]+" height="[\d.]+"', svg)
    labels = " ".join(re.sub(r"<[^>]+>", " ", (editions / "_build" / "html" / images[0]["src"]).read_text()).split())
    assert "Plan the session" in labels and "Find another venue" in labels
    caption = soup.select_one("figure#planning-flow figcaption, div#planning-flow .caption")
    assert " ".join(caption.get_text(" ").split()).startswith("Fig. 1")
    assert not re.search(r"<script[^>]*mermaid", page, re.I) and "```" not in page


def test_print_pdf_has_both_pictures(editions: Path) -> None:
    pdf = editions / "_build" / "pdf" / "diagrams.pdf"
    assert "Fig. 1 Planning a session" in pdf_text(pdf)
    assert "graph TD" not in pdf_text(pdf) and "sequenceDiagram" not in pdf_text(pdf)
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    ppi = [int(line.split()[12]) for line in listing if line.split()[2] == "image"]
    assert len(ppi) == 2 and all(290 <= value <= 310 for value in ppi), ppi


def test_tagged_pdf_figures_have_the_alt_text(editions: Path) -> None:
    alts = []

    def walk(element) -> None:
        if element.tag == "Figure":
            alts.append(str(element.obj.get("/Alt", "")))
        for kid in element.kids:
            if not isinstance(kid, int):
                walk(kid)

    with pikepdf.open(editions / "_build" / "pdf" / "diagrams-tagged.pdf") as pdf:
        for element in structure(pdf):
            walk(element)
    assert alts == ALTS


@pytest.mark.parametrize("edit, message", [
    (lambda text: text.replace(":alt: Planning a session: if the venue is accessible, send the invitations; "
                               "if not, find another venue.\n", ""),
     "index.md:3: WARNING: a {mermaid} diagram needs :alt: text"),
    (lambda text: text.replace("graph TD", "graph TD\n  A[Plan the session --> B"),
     "index.md:3: WARNING: mermaid cannot draw this diagram: "),
], ids=["no-alt", "syntax-error"])
def test_bad_diagram_stops_the_build_at_its_line(tmp_path: Path, edit, message: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    page = src / "index.md"
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    run = sphinx(src, "html")
    assert run.returncode != 0
    assert message in run.stderr, run.stderr
