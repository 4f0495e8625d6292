"""The extension on tiny test roots: derived settings, download links, PDF hardening."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError

from ppiebook.pdf.guard import PdfBuildError

from .conftest import fake_pdfs


def fake_pdf(path: Path, pages: int) -> None:
    fake_pdfs(path.parent, [path.stem], pages)


@pytest.fixture
def pdf_dir(tmp_path: Path) -> Path:
    """Stand-in PDFs, as a PDF build would have left them."""
    fake_pdf(tmp_path / "pdf" / "test-guide.pdf", 3)
    fake_pdf(tmp_path / "pdf" / "second-chapter.pdf", 1)
    return tmp_path / "pdf"


@pytest.fixture
def src(rootdir: Path, tmp_path: Path) -> Path:
    """A private copy of the test root, so builds never write into tests/."""
    shutil.copytree(rootdir / "test-publications", tmp_path / "src")
    return tmp_path / "src"


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def test_settings_derive_from_catalogue(make_app, src: Path, pdf_dir: Path) -> None:
    app = make_app("html", srcdir=src, confoverrides={"ppiebook_pdf_dir": str(pdf_dir)})
    assert app.config.project == "Test Programme"
    assert app.config.language == "en_GB"


def test_landing_list_shows_pdf_facts(make_app, src: Path, pdf_dir: Path) -> None:
    app = make_app("html", srcdir=src, confoverrides={"ppiebook_pdf_dir": str(pdf_dir)})
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


def test_each_page_links_to_the_pdfs_it_belongs_to(make_app, src: Path, pdf_dir: Path) -> None:
    app = make_app("html", srcdir=src, confoverrides={"ppiebook_pdf_dir": str(pdf_dir)})
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


def test_missing_pdf_is_a_located_warning(make_app, src: Path, tmp_path: Path) -> None:
    app = make_app("html", srcdir=src, confoverrides={"ppiebook_pdf_dir": str(tmp_path)})
    app.build()
    warnings = app.warning.getvalue()
    assert "publications.yaml:11:" in warnings
    assert "publication 'guide': no PDF at" in warnings


def test_unknown_root_document_stops_the_build(make_app, src: Path) -> None:
    yaml_path = src / "publications.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("root: guide/two", "root: guide/three"))
    with pytest.raises(ConfigError, match=r"publication 'part', field 'root': no document 'guide/three'"):
        make_app("html", srcdir=src)


def test_pdf_build_writes_one_pdf_per_publication_with_metadata(make_app, src: Path) -> None:
    app = make_app("pdf", srcdir=src)
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


def test_html_build_does_not_load_rst2pdf(make_app, src: Path, pdf_dir: Path) -> None:
    app = make_app("html", srcdir=src, confoverrides={"ppiebook_pdf_dir": str(pdf_dir)})
    assert "rst2pdf.pdfbuilder" not in app.extensions
    assert "pdf_documents" not in app.config


def test_unknown_node_fails_the_pdf_build(make_app, rootdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "unknown-node"
    shutil.copytree(rootdir / "test-unknown-node", src)
    app = make_app("pdf", srcdir=src)
    with pytest.raises(PdfBuildError):
        app.build()
    warnings = app.warning.getvalue()
    assert "rst2pdf cannot render 'fancybox.fancy_box'" in warnings
    assert "this content would be missing from the PDF" in warnings
    # rst2pdf points at the box's content line (the directive opens on line 5).
    assert re.search(r"unknown-node/index\.md:[56]: WARNING", warnings)


def test_landing_list_follows_rebuilt_pdfs(make_app, src: Path, pdf_dir: Path) -> None:
    """An incremental HTML build rewrites the list when a PDF changed, though no page did."""
    overrides = {"ppiebook_pdf_dir": str(pdf_dir)}
    make_app("html", srcdir=src, confoverrides=overrides).build()
    fake_pdf(pdf_dir / "test-guide.pdf", 7)
    app = make_app("html", srcdir=src, confoverrides=overrides)
    app.build()
    labels = [a.get_text() for a in soup(app, "index.html").select("a.ppiebook-pdf-link")]
    assert labels[0].startswith("Download The Test Guide (PDF, 7 pages,")


def test_gettext_extracts_every_page_and_the_projects_blocks(make_app, rootdir: Path, tmp_path: Path) -> None:
    """`make gettext`: one .pot per page, holding its text and its editorial notes."""
    src = tmp_path / "content"
    shutil.copytree(rootdir / "test-content", src)
    app = make_app("gettext", srcdir=src, confoverrides={"gettext_compact": False})
    app.build()
    findings = (Path(app.outdir) / "draft" / "findings.pot").read_text(encoding="utf-8")
    assert 'msgid "The themes that participants raised, with anonymised quotes."' in findings
    assert 'msgid "Involvement follows the standards' in findings
    chapter = (Path(app.outdir) / "final" / "chapter.pot").read_text(encoding="utf-8")
    assert 'msgid "Everything here is finished."' in chapter
