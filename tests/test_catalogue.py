"""publications.yaml: a good file loads; each kind of mistake names the entry, field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ppiebook.catalogue.publications import CatalogueError, load_catalogue

ROOT = Path(__file__).parent / "roots" / "test-publications"
GOOD = (ROOT / "publications.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "publications.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_good_file_loads_every_field() -> None:
    catalogue = load_catalogue(ROOT / "publications.yaml")
    assert catalogue.programme.name == "Test Programme"
    assert [p.id for p in catalogue.publications] == ["guide", "part"]
    guide = catalogue.publications[0]
    assert guide.authors == ("Ada Author", "Céline Contributor")
    assert guide.pdf_filename == "test-guide.pdf"
    assert guide.date == "2024-05" and guide.version == "1.0.0" and not guide.is_draft
    assert catalogue.publications[1].is_draft
    assert guide.line == line_of(GOOD, "- id: guide")


def test_missing_field_names_entry_field_and_line(tmp_path: Path) -> None:
    text = GOOD.replace("    subtitle: One chapter, also published on its own\n", "")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, text))
    message = str(caught.value)
    assert "publication 'part', field 'subtitle'" in message
    assert "required" in message
    assert f"publications.yaml:{line_of(text, '- id: part')}:" in message


def test_duplicate_pdf_name_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("pdf: second-chapter", "pdf: test-guide")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, text))
    assert "publication 'part', field 'pdf'" in str(caught.value)
    assert "already used by publication 'guide'" in str(caught.value)


def test_wrong_status_value(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, GOOD.replace("status: draft", "status: finished")))
    assert "publication 'part', field 'status'" in str(caught.value)
    assert f":{line_of(GOOD, 'status: draft')}:" in str(caught.value)


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, GOOD.replace("    status: draft", "    status: draft\n    colour: red")))
    assert "publication 'part'" in str(caught.value) and "'colour'" in str(caught.value)


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    text = GOOD.replace("    title: The Test Guide", "    title: [The Test Guide")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, text))
    assert "YAML syntax" in str(caught.value)
    assert "publications.yaml:" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="not found"):
        load_catalogue(tmp_path / "publications.yaml")
