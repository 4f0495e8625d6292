"""The content directives and checks on a tiny root: editorial notes, drafts, videos,
payment rates, glossary terms, citations and alt text, in HTML and in PDF.

tests/roots/test-content: a draft report with editorial notes and a finished guide, a
video, payment rates, a glossary, a bibliography, and stand-in PDFs in its pdf/ folder."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from ppiebook.checks.images import alt_text_problem

# The tests that only read the root's HTML share one build (shared_result "content-html"),
# and so do those that read its PDFs ("content-pdf"): the first builds, the others reuse it.
SHARED_HTML = pytest.mark.test_params(shared_result="content-html")
SHARED_PDF = pytest.mark.test_params(shared_result="content-pdf")


@pytest.fixture
def html(app):
    app.build()
    return app


@pytest.fixture
def pdfs(app) -> Path:
    app.build()
    return Path(app.outdir)


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def pdf_pages(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


@pytest.mark.sphinx("html", testroot="content")
@SHARED_HTML
def test_clean_root_builds_without_warnings(html) -> None:
    assert html.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="content")
@SHARED_HTML
def test_editorial_note_is_a_marked_box_in_html(html) -> None:
    notes = page(html, "draft/findings.html").select(".admonition.editorial-note")
    texts = [note.get_text(" ", strip=True) for note in notes]
    assert texts[0] == "Editorial note: to be supplied The themes that participants raised, with anonymised quotes."
    assert len(notes) == 3  # the note, the video without an address, the rates still to supply


@pytest.mark.sphinx("html", testroot="content")
@SHARED_HTML
def test_draft_banner_only_on_draft_pages(html) -> None:
    banner = page(html, "draft/findings.html").select(".ppiebook-draft-banner")
    assert [b.get_text(" ", strip=True) for b in banner] == [
        "DRAFT A Draft Report is a draft: the text may change and some content is still to be supplied."
    ]
    assert page(html, "final/chapter.html").select(".ppiebook-draft-banner") == []


@pytest.mark.sphinx("html", testroot="content")
@SHARED_HTML
def test_video_with_address_and_without(html) -> None:
    known = page(html, "final/chapter.html").select_one("#video-known")
    assert "Video: A Known Video (A Test Group)" in " ".join(known.get_text().split())
    embed = known.select_one(".ppiebook-video-embed")
    # Nothing from the video host is in the page until the reader presses play.
    assert embed["data-embed-src"] == "https://www.youtube-nocookie.com/embed/TESTVIDEO01?autoplay=1&rel=0"
    assert known.select("iframe") == [] and known.select("img") == []
    assert embed.select_one("button").get_text(" ", strip=True) == "Play the video: A Known Video"
    assert known.select_one(".ppiebook-video-privacy a")["href"] == "https://www.youtube.com/watch?v=TESTVIDEO01"
    pending = page(html, "draft/findings.html").select_one("#video-pending")
    assert "The address and short description of the video ‘A Pending Video’" in pending.get_text(" ", strip=True)


@pytest.mark.sphinx("html", testroot="content")
@SHARED_HTML
def test_glossary_term_and_citation_resolve(html) -> None:
    findings = page(html, "draft/findings.html")
    term = findings.select_one("a.reference.internal[href$='glossary.html#term-PPIE']")
    assert term is not None and term.get_text() == "PPIE"
    assert "Test Standards for Involvement" in findings.get_text()


@pytest.mark.sphinx("pdf", testroot="content")
@SHARED_PDF
def test_pdf_shows_video_address_and_qr_code(app, pdfs: Path) -> None:
    text = " ".join(pdf_pages(pdfs / "finished-guide.pdf"))
    assert "Watch it at https://www.youtube.com/watch?v=TESTVIDEO01 or scan the code" in text
    qr = (Path(app.srcdir) / "_generated/qr/known.svg").read_text()
    assert qr.startswith("<svg") and "path" in qr


@pytest.mark.sphinx("pdf", testroot="content")
@SHARED_PDF
def test_pdf_marks_every_page_of_a_draft(pdfs: Path) -> None:
    draft = pdf_pages(pdfs / "draft-report.pdf")
    assert len(draft) >= 2
    assert all("DRAFT" in text for text in draft)
    assert any("Editorial note: to be supplied" in text for text in draft)
    assert not any("DRAFT" in text for text in pdf_pages(pdfs / "finished-guide.pdf"))


@pytest.mark.sphinx("html", testroot="content")
def test_published_publication_with_editorial_notes_is_refused(app_params, make_app, edit) -> None:
    edit(app_params.kwargs["srcdir"] / "publications.yaml", "status: draft", "status: published")
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    assert "publication 'draft-report', field 'status': 'published' but 1 page(s) still carry editorial notes" in (
        app.warning.getvalue()
    )


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("[undefined glossary term](#)\n\nSee {term}`ICS`.", "term not in glossary: 'ICS'"),
        ("Cited {footcite:p}`nosuchkey`.\n\n```{footbibliography}\n```", "could not find bibtex key"),
        ("```{video} nosuchvideo\n```", "unknown video 'nosuchvideo'"),
        ("![](chart.png)", "has no alt text"),
        ("```{image} chart.png\n```", "has no alt text"),
        ("```{image} chart.png\n:alt: chart.png\n```", "has a file name as alt text"),
    ],
)
@pytest.mark.sphinx("html", testroot="content")
def test_bad_content_is_a_located_warning(app, markdown: str, expected: str) -> None:
    src = Path(app.srcdir)  # pages and images are read by the build, after the application starts
    (src / "draft" / "chart.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")
    )
    findings = src / "draft" / "findings.md"
    findings.write_text(findings.read_text() + "\n" + markdown + "\n")
    app.build()
    warnings = app.warning.getvalue()
    assert expected in warnings
    assert "findings.md:" in warnings


@pytest.mark.parametrize(
    ("alt", "uri", "ok"),
    [
        ("A bar chart of the six barriers people named most often", "img/chart.png", True),
        ("", "img/chart.png", False),
        ("chart.png", "img/chart.png", False),
        ("img/chart.png", "img/chart.png", False),
        ("Image", "img/chart.png", False),
        ("IMG_2041.JPG", "img/photo.jpg", False),
    ],
)
def test_alt_text_rules(alt: str, uri: str, ok: bool) -> None:
    assert (alt_text_problem(alt, uri) is None) is ok


@pytest.mark.sphinx("pdf", testroot="content")
def test_cover_shows_partner_logos_a_programme_supplies(app_params, make_app, edit) -> None:
    edit(app_params.kwargs["srcdir"] / "publications.yaml",
         "  partners: [Test Partner]\n",
         "  partners: [Test Partner]\n  logos:\n    - file: data/test-logo.png\n"
         "      alt: Test Partner logo, a white circle on a teal square\n")
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    with pikepdf.open(Path(app.outdir) / "draft-report.pdf") as pdf:
        cover_images = [x for x in pdf.pages[0].Resources.get("/XObject", {}).values() if x.Subtype == "/Image"]
        assert len(cover_images) == 1 and int(cover_images[0].Width) == 200


@pytest.mark.sphinx("html", testroot="content")
def test_missing_logo_file_is_a_catalogue_error(app_params, edit) -> None:
    from ppiebook.catalogue.publications import CatalogueError, load_catalogue

    catalogue = app_params.kwargs["srcdir"] / "publications.yaml"
    edit(catalogue, "  partners: [Test Partner]\n",
         "  partners: [Test Partner]\n  logos:\n    - file: data/nope.png\n      alt: A logo\n")
    with pytest.raises(CatalogueError, match=r"field 'programme.logos.0.file': no such image: data/nope.png"):
        load_catalogue(catalogue)


@pytest.mark.sphinx("html", testroot="content")
def test_sharing_metadata_from_the_base_url(app_params, make_app, edit) -> None:
    edit(app_params.kwargs["srcdir"] / "publications.yaml",
         "  language: en-GB\n", "  language: en-GB\n  base_url: https://programme.example.org/site/\n")
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    chapter = page(app, "final/chapter.html")
    assert chapter.select_one('link[rel="canonical"]')["href"] == "https://programme.example.org/site/final/chapter.html"
    assert chapter.select_one('meta[property="og:url"]')["content"] == (
        "https://programme.example.org/site/final/chapter.html")
    assert chapter.select_one('meta[property="og:title"]')["content"] == "The only chapter"
    assert chapter.select_one('meta[property="og:site_name"]')["content"] == "Test Programme"
    sitemap = (Path(app.outdir) / "sitemap.xml").read_text()
    for name in ("index", "draft/findings", "final/chapter", "glossary"):
        assert f"<loc>https://programme.example.org/site/{name}.html</loc>" in sitemap
