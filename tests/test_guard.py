"""The output inspection that catches rst2pdf's silent failures."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from ppiebook.pdf.guard import inspect_pdf


def one_page_pdf(path: Path) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(path)
    return path.read_bytes()


def test_good_pdf_passes(tmp_path: Path) -> None:
    one_page_pdf(tmp_path / "a.pdf")
    assert inspect_pdf(tmp_path / "a.pdf") is None


def test_missing_pdf(tmp_path: Path) -> None:
    assert inspect_pdf(tmp_path / "none.pdf") == "was not written"


def test_empty_pdf(tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert inspect_pdf(tmp_path / "empty.pdf") == "is empty (0 bytes)"


def test_two_documents_in_one_file(tmp_path: Path) -> None:
    """What rst2pdf writes with ###Total### in a header: two whole PDFs, one after the other."""
    data = one_page_pdf(tmp_path / "a.pdf")
    (tmp_path / "double.pdf").write_bytes(data + data)
    assert inspect_pdf(tmp_path / "double.pdf") == "holds 2 PDF documents in one file (expected 1)"


def test_unparsable_pdf(tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF body\n")
    assert inspect_pdf(tmp_path / "bad.pdf").startswith("cannot be read as a PDF")
