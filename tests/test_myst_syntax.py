"""MyST's syntax extensions (tasklist, attrs_inline, attrs_block, substitution, fieldlist)
in all three editions of a tiny root (tests/roots/test-myst-syntax): the site's markup,
the print PDF's text and the tagged PDF's structure, with no markup printed literally."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from ppiebook.tagged.check import structure

ROOT = Path(__file__).parent / "roots" / "test-myst-syntax"
pytestmark = pytest.mark.slow
LITERAL_MARKUP = ("{.", "{#", "{{", "}}", "{width", "[x]", ":Date:")


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The root built as the project builds: print PDF, tagged PDF (validated), then site, with -W."""
    out = tmp_path_factory.mktemp("myst-syntax")
    src = out / "src"
    shutil.copytree(ROOT, src)
    built = {}
    for builder in ("pdf", "taggedpdf", "html"):
        target = src / "_build" / builder
        run = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", builder,
                              str(src), str(target if builder == "html" else src / "_build" / "pdf")],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    built["html"] = src / "_build" / "html" / "index.html"
    built["pdf"] = src / "_build" / "pdf" / "syntax.pdf"
    built["tagged"] = src / "_build" / "pdf" / "syntax-tagged.pdf"
    return built


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_site(editions: dict[str, Path]) -> None:
    soup = BeautifulSoup(editions["html"].read_text(encoding="utf-8"), "html.parser")
    boxes = soup.select("ul.contains-task-list li.task-list-item input[type=checkbox]")
    assert len(boxes) == 3
    assert all(box.has_attr("disabled") for box in boxes)
    # Each box is named by its item (axe's "label" rule: a form control needs a name).
    assert [box["aria-label"] for box in boxes] == ["Book a venue", "Send the invitations", "Order the refreshments"]
    assert [box.has_attr("checked") for box in boxes] == [False, True, False]
    assert soup.select_one("span.highlight-me").get_text() == "highlighted words"
    assert soup.select_one("span#named-span").get_text() == "named span"
    assert soup.select_one("p#special-paragraph.lead-in") is not None
    assert "width: 50px" in soup.select_one('img[alt="A small chart"]')["style"]
    main = soup.select_one("article, div.body, main") or soup
    text = " ".join(main.get_text(" ").split())
    assert "This programme is Test Programme, funded by Test Funder. We meet at Saathi Hall." in text
    assert [dt.get_text(strip=True).rstrip(":") for dt in soup.select("dl.field-list dt")] == ["Date", "Author", "Place"]
    for markup in LITERAL_MARKUP + ("[ ]",):
        assert markup not in text, markup


def test_print_pdf(editions: dict[str, Path], pdfcheck) -> None:
    text = pdf_text(editions["pdf"])
    assert "[ ] Book a venue" in text and "[✓] Send the invitations" in text
    assert "This programme is Test Programme, funded by Test Funder. We meet at Saathi Hall." in text
    assert "Some highlighted words in a sentence" in text
    for field in ("Date: 2024", "Author: Ada Author", "Place: The Saathi Hall"):
        assert field in text, field
    for markup in LITERAL_MARKUP:
        assert markup not in text, markup
    assert all(embedded for _, embedded in pdfcheck.fonts(editions["pdf"]))


def test_image_width_in_both_pdfs(editions: dict[str, Path]) -> None:
    """The width reaches both PDFs at the website's size: 50px at CSS's 96 px to the inch
    (37.5pt). (rst2pdf counts 300 px to the inch: given px, it drew 12pt.)"""
    for name, expected in (("pdf", (340, 420)), ("tagged", (340, 420))):
        listing = subprocess.run(["pdfimages", "-list", str(editions[name])], capture_output=True,
                                 text=True, check=True).stdout.splitlines()[2:]
        assert listing, name
        # x-ppi of the 200-pixel-wide picture drawn 37.5pt wide: 384.
        ppi = [int(line.split()[12]) for line in listing]
        assert any(expected[0] <= value <= expected[1] for value in ppi), (name, ppi)


def test_tagged_pdf(editions: dict[str, Path]) -> None:
    text = pdf_text(editions["tagged"])
    assert "[✓] Send the invitations" in text
    assert "Test Programme, funded by Test Funder" in text
    for markup in LITERAL_MARKUP:
        assert markup not in text, markup
    found = []

    def walk(element, path):
        actual = element.obj.get("/ActualText")
        if actual is not None:
            found.append((path, str(actual)))
        for kid in element.kids:
            if not isinstance(kid, int):
                walk(kid, path + [kid.tag])

    with pikepdf.open(editions["tagged"]) as pdf:
        for element in structure(pdf):
            walk(element, [element.tag])
    # The state reaches screen readers as each box's replacement text: inside the list item's
    # body (WeasyPrint), or as the item's label (Typst, where the box is the list's marker).
    assert [actual for _, actual in found] == ["not checked: ", "checked: ", "not checked: "]
    assert all(path[-5:] == ["L", "LI", "LBody", "P", "Span"] or path[-3:] == ["L", "LI", "Lbl"]
               for path, _ in found)
