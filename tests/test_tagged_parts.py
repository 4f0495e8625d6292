"""A publication laid out by Typst in parts and joined (ppiebook/tagged/parts.py) reads as
the same publication laid out in one piece: the same pages and words, the same structure
elements and replacement texts, links that land on the same place, the same bookmarks; it
passes the PDF/UA-1 validator and the checker; and an edit lays out again only the part
that has it."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from ppiebook.tagged.check import attribute_dicts, check_pdf, element_dicts, structure
from ppiebook.tagged.parts import KEPT_PARTS
from ppiebook.tagged.validate import validate

PDF = "tagged-guide-tagged.pdf"
TYPST = {"ppiebook_tagged_renderer": "typst"}
# Small enough that each chapter of the test root is a part of its own.
PARTS = {**TYPST, "ppiebook_tagged_part_size": 100}

pytestmark = pytest.mark.sphinx("taggedpdf", testroot="tagged", confoverrides=PARTS)


def reading(path: Path) -> dict[str, list]:
    """What a reader meets: each page's words, the structure elements in order, where each
    link goes (its page and height, or its address) and the bookmarks (depth, title, page)."""
    document = pypdfium2.PdfDocument(path)
    words = [document[index].get_textpage().get_text_range() for index in range(len(document))]
    document.close()
    with pikepdf.open(path) as pdf:
        tags: list[str] = []
        spoken: list[str] = []  # replacement texts (/ActualText), in reading order

        def walk(element) -> None:
            tags.append(element.tag)
            if "/ActualText" in element.obj:
                spoken.append(str(element.obj.ActualText))
            for kid in element.kids:
                if not isinstance(kid, int):
                    walk(kid)

        for top in structure(pdf):
            walk(top)
        page_of = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
        names = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items()) if "/Names" in pdf.Root else {}

        def place(destination) -> tuple[int, int]:
            if isinstance(destination, pikepdf.String):
                destination = names[str(destination)]
            return page_of[destination[0].objgen], round(float(destination[3]))

        links = [(number, str(link.get("/Contents")), place(link.Dest) if "/Dest" in link else str(link.A.URI))
                 for number, page in enumerate(pdf.pages, 1) for link in page.obj.get("/Annots", [])]
        marks: list[tuple[int, str, tuple[int, int]]] = []

        def bookmarks(item, depth: int) -> None:
            while item is not None:
                marks.append((depth, str(item.Title), place(item.Dest)))
                bookmarks(item.get("/First"), depth + 1)
                item = item.get("/Next")

        bookmarks(pdf.Root.Outlines.get("/First"), 0)
    return {"words": words, "tags": tags, "spoken": spoken, "links": links, "bookmarks": marks}


def ids_and_headers(path: Path) -> tuple[list[str], list[str]]:
    """The ids of the structure elements of ``path``, and the ids its header cells name."""
    with pikepdf.open(path) as pdf:
        elements = list(element_dicts(pdf))
        ids = [str(element.ID) for element in elements if "/ID" in element]
        named = [str(name) for element in elements for owner in attribute_dicts(element)
                 if isinstance(owner.get("/Headers"), pikepdf.Array) for name in owner.Headers]
    return ids, named


def kept_pdf(app, source: Path) -> Path:
    """Where the PDF of the part written as ``source`` is kept between builds."""
    return Path(app.doctreedir) / KEPT_PARTS / f"{source.stem}.pdf"


def test_a_publication_in_parts_reads_as_the_one_laid_out_whole(app, app_params, make_app, tmp_path: Path) -> None:
    app.build()
    joined = Path(app.outdir) / PDF
    parts = sorted(Path(app.outdir).glob("tagged-guide-tagged.part-*.typ"))
    assert len(parts) >= 2, "the test root was not cut into parts"
    assert [r.rule for r in check_pdf(joined) if not r.passed] == []
    assert [str(finding) for finding in validate(joined)] == []
    # Each part's element ids got its own prefix when it was repaired, kept with it: unique
    # in the joined file, where every header a table cell names is one of them.
    ids, named = ids_and_headers(joined)
    assert ids and len(ids) == len(set(ids)) and named and set(named) <= set(ids)
    for source in parts:
        number = re.search(r"part-(\d+)$", source.stem).group(1)
        kept_ids, _ = ids_and_headers(kept_pdf(app, source))
        assert all(name.startswith(f"p{number}-") for name in kept_ids), source.name
    whole = make_app(*app_params.args, **{**app_params.kwargs, "builddir": tmp_path / "whole",
                                          "confoverrides": {**TYPST, "ppiebook_tagged_part_size": 0}})
    whole.build()
    one = Path(whole.outdir) / PDF
    assert not list(Path(whole.outdir).glob("*.part-*.typ"))
    expected, found = reading(one), reading(joined)
    for aspect in ("words", "tags", "spoken", "links", "bookmarks"):
        assert found[aspect] == expected[aspect], aspect
    # Each part repaired with its own notes: chapter two's task list and row headers.
    assert found["spoken"] == ["checked: ", "not checked: "]
    assert found["tags"].count("TH") == 2 + 6  # chapter one: two column heads; two: three of each
    # Links across parts are in the file, none left on the placeholder address.
    assert sum(isinstance(target, tuple) for _, _, target in found["links"]) >= 4
    assert not any("invalid" in str(target) for _, _, target in found["links"])
    with pikepdf.open(joined) as pdf:  # the front matter's PDF/UA-1 identification
        assert pdf.open_metadata().get("pdfuaid:part") == "1"


def test_an_edit_lays_out_again_only_its_part(app) -> None:
    app.build()
    outdir = Path(app.outdir)
    sources = sorted(outdir.glob("tagged-guide-tagged.part-*.typ"))
    second = next(path for path in sources if "Chapter two" in path.read_text(encoding="utf-8"))
    others = [kept_pdf(app, path) for path in sources if path != second]
    assert others, "chapter two shares its part with every other chapter"
    before = {path: path.stat().st_mtime_ns for path in [*others, kept_pdf(app, second)]}
    page = Path(app.srcdir) / "guide" / "two.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# Chapter two", "# Chapter two\n\nEdited here.", 1),
                    encoding="utf-8")
    app.build()
    assert all(path.stat().st_mtime_ns == before[path] for path in others)
    assert kept_pdf(app, second).stat().st_mtime_ns != before[kept_pdf(app, second)]
    document = pypdfium2.PdfDocument(outdir / PDF)
    words = "".join(document[index].get_textpage().get_text_range() for index in range(len(document)))
    document.close()
    assert "Edited here." in words
    assert [r.rule for r in check_pdf(outdir / PDF) if not r.passed] == []


def test_a_changed_picture_lays_out_its_part_again(app) -> None:
    """A part's source names a picture by its path: the picture's bytes count too."""
    app.build()
    outdir = Path(app.outdir)
    part = next(path for path in sorted(outdir.glob("tagged-guide-tagged.part-*.typ"))
                if "square.svg" in path.read_text(encoding="utf-8"))
    before = kept_pdf(app, part).stat().st_mtime_ns
    picture = Path(app.srcdir) / "guide" / "square.svg"
    picture.write_text(picture.read_text(encoding="utf-8").replace(">Square<", ">Cube<"), encoding="utf-8")
    app.build()
    assert kept_pdf(app, part).stat().st_mtime_ns != before
    document = pypdfium2.PdfDocument(outdir / PDF)
    words = "".join(document[index].get_textpage().get_text_range() for index in range(len(document)))
    document.close()
    assert "Cube" in words and "Square" not in words.replace("A teal square", "")


def test_a_part_typst_cannot_lay_out_stops_the_build_naming_it(app) -> None:
    """A picture Typst cannot read, in a publication in parts: the build stops, naming the
    catalogue entry, the PDF and the part's source, and publishes no PDF."""
    from ppiebook.tagged.builder import TaggedPdfBuildError

    (Path(app.srcdir) / "guide" / "square.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect",
                                                            encoding="utf-8")
    with pytest.raises(TaggedPdfBuildError, match="no PDF was published"):
        app.build()
    warnings = app.warning.getvalue()
    assert re.search(rf"publications\.yaml:\d+: WARNING: {PDF}: {PDF[:-4]}\.part-\d+\.typ: Typst: ", warnings), warnings
    assert not (Path(app.outdir) / PDF).exists()
