"""The extension on tiny test roots: derived settings, download links, PDF hardening.

Mostly tests/roots/test-publications: a guide of two chapters, the second also a
publication of its own, with stand-in PDFs of 3 and 1 pages in its pdf/ folder."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError

from ppiebook.pdf.guard import PdfBuildError


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="publications")
def test_settings_derive_from_catalogue(app) -> None:
    assert app.config.project == "Test Programme"
    assert app.config.language == "en_GB"


@pytest.mark.sphinx("html", testroot="publications")
def test_landing_list_shows_pdf_facts(app) -> None:
    pdf_dir = Path(app.srcdir) / "pdf"
    app.build()
    links = {a.get_text(" ", strip=True): a["href"] for a in soup(app, "index.html").select("a.ppiebook-pdf-link")}
    size = (pdf_dir / "test-guide.pdf").stat().st_size
    assert links == {
        f"Download The Test Guide (PDF, 3 pages, {max(1, round(size / 1000))} KB)": "pdf/test-guide.pdf",
        f"Download The Second Chapter Alone (PDF, 1 page, "
        f"{max(1, round((pdf_dir / 'second-chapter.pdf').stat().st_size / 1000))} KB)": "pdf/second-chapter.pdf",
    }
    # The PDFs travel with the site, so it works as plain static files.
    assert (Path(app.outdir) / "pdf" / "test-guide.pdf").read_bytes() == (pdf_dir / "test-guide.pdf").read_bytes()


@pytest.mark.sphinx("html", testroot="publications")
def test_each_page_links_to_the_pdfs_it_belongs_to(app) -> None:
    app.build()

    def footer_links(page: str) -> list[str]:
        return [a["href"] for a in soup(app, page).select(".ppiebook-page-downloads a")]

    assert footer_links("guide/one.html") == ["../pdf/test-guide.pdf"]
    # Chapter two is in the guide and is a publication of its own.
    assert footer_links("guide/two.html") == ["../pdf/test-guide.pdf", "../pdf/second-chapter.pdf"]
    assert footer_links("index.html") == []
    header = soup(app, "guide/two.html").select(".article-header-buttons .dropdown-download-pdf-button a")
    assert [a["href"] for a in header] == ["../pdf/test-guide.pdf", "../pdf/second-chapter.pdf"]
    # The theme's print-this-page button is gone.
    assert "window.print()" not in (Path(app.outdir) / "guide/two.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="publications", confoverrides={"ppiebook_pdf_dir": "no-pdfs"})
def test_missing_pdf_is_a_located_warning(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "publications.yaml:11:" in warnings
    assert "publication 'guide': no PDF at" in warnings


@pytest.mark.sphinx("html", testroot="publications")
def test_unknown_root_document_stops_the_build(app_params, make_app, edit) -> None:
    edit(app_params.kwargs["srcdir"] / "publications.yaml", "root: guide/two", "root: guide/three")
    with pytest.raises(ConfigError, match=r"publication 'part', field 'root': no document 'guide/three'"):
        make_app(*app_params.args, **app_params.kwargs)


@pytest.mark.sphinx("pdf", testroot="publications")
def test_pdf_build_writes_one_pdf_per_publication_with_metadata(app) -> None:
    app.build()
    assert "rst2pdf" not in app.warning.getvalue()
    with pikepdf.open(Path(app.outdir) / "test-guide.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "The Test Guide"
        assert str(pdf.docinfo["/Author"]) == "Ada Author; Céline Contributor"
        assert str(pdf.Root.Lang) == "en-GB"
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == ["Chapter one", "Chapter two"]
    with pikepdf.open(Path(app.outdir) / "second-chapter.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "The Second Chapter Alone"


@pytest.mark.sphinx("html", testroot="publications")
def test_html_build_does_not_load_rst2pdf(app) -> None:
    assert "rst2pdf.pdfbuilder" not in app.extensions
    assert "pdf_documents" not in app.config


@pytest.mark.sphinx("pdf", testroot="unknown-node")
def test_unknown_node_fails_the_pdf_build(app) -> None:
    with pytest.raises(PdfBuildError):
        app.build()
    warnings = app.warning.getvalue()
    assert "rst2pdf cannot render 'fancybox.fancy_box'" in warnings
    assert "this content would be missing from the PDF" in warnings
    # rst2pdf points at the box's content line (the directive opens on line 5).
    assert re.search(r"unknown-node/index\.md:[56]: WARNING", warnings)


@pytest.mark.sphinx("html", testroot="publications")
def test_landing_list_follows_rebuilt_pdfs(app, app_params, make_app, fake_pdfs) -> None:
    """An incremental HTML build rewrites the list when a PDF changed, though no page did."""
    app.build()
    fake_pdfs(Path(app.srcdir) / "pdf", ["test-guide"], pages=7)
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    labels = [a.get_text() for a in soup(app, "index.html").select("a.ppiebook-pdf-link")]
    assert labels[0].startswith("Download The Test Guide (PDF, 7 pages,")


@pytest.mark.sphinx("gettext", testroot="content", confoverrides={"gettext_compact": False})
def test_gettext_extracts_every_page_and_the_projects_blocks(app) -> None:
    """`make gettext`: one .pot per page, holding its text and its editorial notes."""
    app.build()
    findings = (Path(app.outdir) / "draft" / "findings.pot").read_text(encoding="utf-8")
    assert 'msgid "The themes that participants raised, with anonymised quotes."' in findings
    assert 'msgid "Involvement follows the standards' in findings
    chapter = (Path(app.outdir) / "final" / "chapter.pot").read_text(encoding="utf-8")
    assert 'msgid "Everything here is finished."' in chapter
