"""Maths in all three editions of a tiny root (tests/roots/test-maths): dollar maths,
``{math}``, a labelled display and ``{eq}`` across pages, amsmath.

Site: MathML, no script and no other host. Print PDF: drawn formulas with the site's
numbers, no TeX printed. Tagged PDF: ``Formula`` elements whose Alt is the formula as
speech-rule-engine says it (the independent validator's MATH-010 refuses TeX as Alt)."""

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

ROOT = Path(__file__).parent / "roots" / "test-maths"
pytestmark = pytest.mark.slow
TEX = ("\\frac", "\\sum", "\\bar", "$", "\\begin", "^2")


def sphinx(src: Path, builder: str, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", builder,
                           str(src), str(out)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    src = tmp_path_factory.mktemp("maths") / "src"
    shutil.copytree(ROOT, src)
    for builder in ("pdf", "taggedpdf", "html"):
        run = sphinx(src, builder, src / "_build" / ("html" if builder == "html" else "pdf"))
        assert run.returncode == 0, run.stderr
    return {"html": src / "_build" / "html", "pdf": src / "_build" / "pdf" / "maths.pdf",
            "tagged": src / "_build" / "pdf" / "maths-tagged.pdf"}


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_site_has_mathml_and_numbers(editions: dict[str, Path]) -> None:
    page = (editions["html"] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    main = soup.select_one("main, article") or soup
    maths = main.select("math")
    assert len(maths) == 6  # two in text, four displays
    assert [m["display"] for m in maths].count("block") == 4
    assert maths[0]["alttext"] == "\\frac{a}{b}" and maths[0].select_one("mfrac") is not None
    numbered = soup.select_one("div.math#equation-mean")
    assert numbered.select_one("span.eqno").get_text(strip=True).startswith("(2)")
    links = {a.get_text(strip=True): a["href"] for a in main.select("a.reference") if "equation" in a["href"]}
    assert links == {"(2)": "#equation-mean", "(3)": "#equation-spread"}
    more = BeautifulSoup((editions["html"] / "more.html").read_text(encoding="utf-8"), "html.parser")
    assert more.select_one('a[href="index.html#equation-mean"]').get_text(strip=True) == "(2)"
    text = " ".join(main.get_text("").split())
    for tex in TEX:
        assert tex not in re.sub(r"<math.*?</math>", "", str(main), flags=re.S).replace("alttext", ""), tex
    # No script draws it, and nothing is asked of another host.
    assert not re.search(r"<script[^>]*mathjax", page, re.I)
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page)
    assert "The mean (2) comes before the spread (3)." in text
    # The page's description (search results, link previews) says the formulas, no TeX.
    description = soup.select_one('meta[name="description"]')["content"]
    assert description.startswith("The share is a over b of the total, and the area is pi r squared.")
    assert soup.select_one('meta[property="og:description"]')["content"] == description


def test_print_pdf(editions: dict[str, Path]) -> None:
    text = pdf_text(editions["pdf"])
    assert "The mean (2) comes before the spread (3)." in text
    assert "See (1) and, on the first page, (2)." in text
    for number in ("(1)", "(2)", "(3)"):
        assert text.count(number) >= 2, number  # beside its formula and where it is cited
    for tex in TEX:
        assert tex not in text, tex
    listing = subprocess.run(["pdfimages", "-list", str(editions["pdf"])], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    # The two formulas in a line of text are pictures at 300 dpi; the displays are vector drawings.
    ppi = [int(line.split()[12]) for line in listing if line.split()[2] == "image"]
    assert len(ppi) == 2 and all(290 <= value <= 310 for value in ppi), ppi


def formulas(path: Path) -> list[str]:
    found = []

    def walk(element) -> None:
        if element.tag == "Formula":
            found.append(str(element.obj.get("/Alt", "")))
        for kid in element.kids:
            if not isinstance(kid, int):
                walk(kid)

    with pikepdf.open(path) as pdf:
        for element in structure(pdf):
            walk(element)
    return found


def test_tagged_pdf_formulas_are_spoken(editions: dict[str, Path]) -> None:
    said = formulas(editions["tagged"])
    assert len(said) == 7  # two in text, four displays on the first page, one on the second
    assert "a over b" in said and "pi r squared" in said
    assert "E equals m c squared" in said
    assert not [alt for alt in said if "\\" in alt or "{" in alt]
    text = pdf_text(editions["tagged"])
    assert "The mean (2) comes before the spread (3)." in text
    for tex in TEX:
        assert tex not in text, tex


def test_unknown_tex_stops_the_build_at_its_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    page = src / "more.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA typo: $\\fracc{a}{b}$.\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    for builder in ("html", "pdf"):
        run = sphinx(src, builder, src / "_build" / builder)
        assert run.returncode != 0
        assert f"more.md:{len(lines)}: WARNING: cannot draw the maths '\\fracc{{a}}{{b}}': unknown command \\fracc" \
            in run.stderr, run.stderr
