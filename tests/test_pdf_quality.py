"""Print quality of every PDF the project builds: fonts, page, metadata, outline, text,
infographics and reproducibility."""

from __future__ import annotations

import os
import statistics
import unicodedata
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from ppiebook.catalogue.publications import load_catalogue
from ppiebook.commands import build
from ppiebook.content.infographics.data import project_infographics
from ppiebook.pdfshared.naming import tagged_filename

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue(PROJECT / "publications.yaml")
INFOGRAPHICS = project_infographics(PROJECT, "data/infographics")
ALL_PDFS = [p.pdf_filename for p in CATALOGUE.publications] + [i.pdf_filename for i in INFOGRAPHICS]
# The tagged PDF/UA editions (ppiebook.tagged) must meet the same print standards.
TAGGED_PDFS = [tagged_filename(name) for name in ALL_PDFS]
EDITIONS = {"rst2pdf": lambda name: name, "tagged": tagged_filename}
A4 = (595.28, 841.89)


def text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.parametrize("name", ALL_PDFS + TAGGED_PDFS)
def test_only_embedded_truetype_fonts(built: Path, name: str, pdfcheck) -> None:
    used = pdfcheck.fonts(built / "pdf" / name)
    assert used
    for font, embedded in used:
        assert embedded, font
        assert font.split("+")[-1] not in pdfcheck.BASE14, font


@pytest.mark.parametrize("name", ALL_PDFS + TAGGED_PDFS)
def test_every_page_is_a4(built: Path, name: str) -> None:
    with pikepdf.open(built / "pdf" / name) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.MediaBox]
            assert abs(box[2] - box[0] - A4[0]) < 1 and abs(box[3] - box[1] - A4[1]) < 1


@pytest.mark.parametrize("name", ALL_PDFS + TAGGED_PDFS)
def test_no_text_outside_the_page(built: Path, name: str, pdfcheck) -> None:
    words = 0
    for page, width, height, (x0, y0, x1, y1), word in pdfcheck.word_boxes(built / "pdf" / name):
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, (page, word)
        words += 1
    assert words > 20


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_metadata_language_and_dates(built: Path, publication, edition: str) -> None:
    with pikepdf.open(built / "pdf" / EDITIONS[edition](publication.pdf_filename)) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == publication.title
        assert str(info["/Subject"]) == publication.subtitle
        assert "PPIE" in str(info["/Keywords"])
        assert str(pdf.Root.Lang) == CATALOGUE.programme.language
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert str(info["/CreationDate"]) == "D:20231114221320Z"  # SOURCE_DATE_EPOCH 1700000000
        meta = pdf.open_metadata()
        assert meta["dc:title"] == publication.title
        assert list(meta["dc:creator"]) == list(publication.authors)


@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_outline_has_every_section(built: Path, publication, sources) -> None:
    titles: list[str] = []
    with pikepdf.open(built / "pdf" / publication.pdf_filename) as pdf:
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                titles.append(item.title)
                stack.extend(item.children)
    titles = [plain_quotes(title) for title in titles]
    for page in sources.publication_pages(PROJECT / f"{publication.root}.md")[1:]:
        for section in sources.heading(page, level=2):
            assert plain_quotes(section) in titles, (page.name, section)


def plain_quotes(value: str) -> str:
    """rst2pdf typesets quotes as curly ones ("smart quotes")."""
    return value.translate(str.maketrans("‘’“”", "''\"\""))


def test_body_text_is_at_least_12_point_and_left_aligned(built: Path, pdfcheck) -> None:
    sizes: list[float] = []

    def visit(text: str, cm, tm, font, size) -> None:
        if text.strip():
            sizes.append(round(size * tm[0] * cm[0], 1) if tm[0] and cm[0] else size)

    reader = PdfReader(built / "pdf" / CATALOGUE.publications[0].pdf_filename)
    for page in reader.pages[5:15]:
        page.extract_text(visitor_text=visit)
    assert statistics.mode(sizes) >= 12
    lines: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for page, _, _, (x0, y0, x1, _), _ in pdfcheck.word_boxes(built / "pdf" / CATALOGUE.publications[0].pdf_filename):
        if page > 5:
            lines.setdefault((page, round(y0)), []).append((x0, x1))
    starts = [round(min(x0 for x0, _ in words)) for words in lines.values()]
    margin = statistics.mode(starts)
    body = [max(x1 for _, x1 in words) for words in lines.values()
            if len(words) >= 5 and round(min(x0 for x0, _ in words)) == margin]
    assert len(body) > 200
    # Justified text ends nearly every line at the right margin; ragged-right text does not.
    at_margin = sum(1 for right in body if right > max(body) - 1.5)
    assert at_margin / len(body) < 0.2


def test_accented_names_copy_correctly(built: Path) -> None:
    """Names with accents (Céline) render and copy out as written."""
    accented = [(p, a) for p in CATALOGUE.publications for a in p.authors if not a.isascii()]
    if not accented:
        pytest.skip("no author name with accents in publications.yaml")
    publication, author = accented[0]
    assert author.split(" ", 1)[-1] in text(built / "pdf" / publication.pdf_filename)


def test_other_scripts_render_with_their_fonts(built: Path, pdfcheck) -> None:
    handbook = next(p for p in CATALOGUE.publications if p.root == "handbook/index")
    path = built / "pdf" / handbook.pdf_filename
    used = {name.split("+")[-1] for name, _ in pdfcheck.fonts(path)}
    assert {"NotoNaskhArabic-Regular", "NotoSansBengali-Regular", "NotoSansGurmukhi-Regular"} <= used
    extracted = unicodedata.normalize("NFKC", text(path))
    assert "ਜੀ ਆਇਆਂ ਨੂੰ" in extracted  # Punjabi (Gurmukhi) copies out exactly
    assert "خوش" in extracted and "آمدید" in extracted  # Urdu words survive, shaped right to left
    assert "Witamy" in extracted


@pytest.mark.parametrize("infographic", INFOGRAPHICS, ids=lambda i: i.id)
def test_infographic_pdfs(built: Path, infographic, pdfcheck) -> None:
    path = built / "pdf" / infographic.pdf_filename
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 1
        assert str(pdf.docinfo["/Title"]).startswith(infographic.title)
    extracted = text(path)
    assert infographic.title in extracted
    for step in infographic.steps:
        assert step.label in extracted
    if not infographic.steps:
        assert "To be supplied by the report’s authors" in extracted
    assert pdfcheck.raster_images(path) == 0  # vector


def test_infographic_is_vector_inside_the_publications(built: Path, sources) -> None:
    """Each publication with an {infographic} shows its steps as text drawn in vector form."""
    checked = 0
    for publication in CATALOGUE.publications:
        pages = sources.publication_pages(PROJECT / f"{publication.root}.md")
        used = [i for i in INFOGRAPHICS if any(f"{{infographic}} {i.id}" in p.read_text() for p in pages)]
        if not used:
            continue
        path = built / "pdf" / publication.pdf_filename
        extracted = text(path)
        for infographic in used:
            assert all(step.label in extracted for step in infographic.steps)
        checked += 1
    if not checked:
        pytest.skip("no publication uses an infographic")


def test_two_clean_builds_are_byte_identical(built: Path, tmp_path: Path, source_date_epoch: str) -> None:
    assert os.environ["SOURCE_DATE_EPOCH"] == source_date_epoch
    build.run("pdf", PROJECT, tmp_path / "_build")
    for name in ALL_PDFS + TAGGED_PDFS:
        assert (tmp_path / "_build/pdf" / name).read_bytes() == (built / "pdf" / name).read_bytes(), name


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("publication", CATALOGUE.publications, ids=lambda p: p.id)
def test_links_are_clickable(built: Path, publication, edition: str) -> None:
    """Contents and cross-references jump inside the PDF; links to another publication open
    its PDF (they sit side by side, on the site too); web links are https."""
    internal, remote, web = 0, set(), set()
    with pikepdf.open(built / "pdf" / EDITIONS[edition](publication.pdf_filename)) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                action = annotation.get("/A")
                if action is None:
                    internal += "/Dest" in annotation
                elif action.get("/S") == "/URI":
                    web.add(str(action.URI))
                elif action.get("/S") == "/GoToR":
                    remote.add(str(action.F))
    assert internal >= 5
    assert remote <= set(ALL_PDFS)
    assert all(uri.startswith("https://") for uri in web)
    assert "https://creativecommons.org/licenses/by/4.0/" in web  # from the imprint


def test_forms_and_checklists_start_their_own_page(built: Path) -> None:
    """Pages with ``pdf_new_page: true`` (the handbook's forms and checklists) begin at the top
    of a page in both editions, so a reader can print one on its own."""
    import subprocess

    titles = []
    for path in sorted((PROJECT / "handbook").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---") and "pdf_new_page: true" in text.split("---")[1]:
            body = text.split("---", 2)[2]
            titles.append(next(line[2:].strip() for line in body.splitlines() if line.startswith("# ")))
    assert len(titles) >= 8
    handbook = next(p for p in CATALOGUE.publications if p.id == "handbook").pdf_filename
    for name in (handbook, tagged_filename(handbook)):
        pages = subprocess.run(["pdftotext", str(built / "pdf" / name), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        for title in titles:
            tops = [i for i, page in enumerate(pages)
                    if title in " ".join(line.strip() for line in page.strip().splitlines()[:4])]
            assert tops, (name, title)
