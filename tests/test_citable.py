"""Citable: CITATION.cff follows publications.yaml, and other Sphinx projects can link to
every page and section of the site through its intersphinx inventory (objects.inv)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from ppiebook.catalogue.publications import Programme, load_catalogue
from ppiebook.commands.citation_cff import cff_author, citation_cff, main, validation_errors

BASE = "https://example.org/cc/"


def needs_cffconvert() -> None:
    """The CFF schema ships in cffconvert: skip without it, except in CI, where it must fail."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        distribution("cffconvert")
    except PackageNotFoundError:
        message = "validating CITATION.cff needs cffconvert (`pip install --no-deps cffconvert==2.0.0`)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


# --- (a) another project links into the handbook through objects.inv ------------------


@pytest.fixture
def consumer(app_params, make_app, built: Path):
    """The consumer root built against the real site's objects.inv, as if published at BASE."""
    inventory = built / "html" / "objects.inv"
    assert inventory.is_file(), "the real build publishes no objects.inv"
    overrides = {**app_params.kwargs.get("confoverrides", {}), "intersphinx_mapping": {"cc": (BASE, str(inventory))}}
    app = make_app(*app_params.args, **{**app_params.kwargs, "confoverrides": overrides})
    app.build()
    return app


def links(app) -> dict[str, str]:
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    return {a.get_text(" ", strip=True): a["href"] for a in soup.select("a.reference.external")}


@pytest.mark.sphinx("html", testroot="intersphinx-consumer")
def test_consumer_builds_without_warnings(consumer) -> None:
    assert consumer.statuscode == 0
    assert consumer.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="intersphinx-consumer")
def test_section_labels_resolve_to_handbook_anchors(consumer) -> None:
    found = links(consumer)
    assert found["how to plan an engagement"] == f"{BASE}handbook/planning.html#planning-an-engagement"
    assert found["Building a timeline"] == f"{BASE}handbook/planning.html#building-a-timeline"


@pytest.mark.sphinx("html", testroot="intersphinx-consumer")
def test_doc_links_resolve_to_handbook_pages(consumer) -> None:
    found = links(consumer)
    assert found["the planning page"] == f"{BASE}handbook/planning.html"
    assert f"{BASE}handbook/index.html" in found.values()


def test_inventory_has_a_label_for_every_section_and_every_page(built: Path) -> None:
    from sphinx.util.inventory import InventoryFile

    with open(built / "html" / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(stream, BASE, lambda base, uri: base + uri)
    data = inventory.data if hasattr(inventory, "data") else inventory
    labels, docs = data["std:label"], data["std:doc"]
    assert "handbook/planning:planning an engagement" in labels
    assert "report/index" in docs and "handbook/planning" in docs
    pages = {
        str(path.relative_to(built / "html").with_suffix("")) for path in (built / "html").rglob("*.html")
        if "_static" not in path.parts and path.name not in ("genindex.html", "search.html")
    }
    assert pages == set(docs)
    # Each page's title is a label of its own: "page:title".
    for page in docs:
        assert any(label.startswith(f"{page}:") for label in labels), page


# --- (b) CITATION.cff cannot drift from publications.yaml, and is valid CFF 1.2.0 -------


def test_citation_cff_matches_the_catalogue(project: Path) -> None:
    committed = project / "CITATION.cff"
    assert committed.is_file(), "CITATION.cff is missing: run `python -m ppiebook.commands.citation_cff`"
    expected = citation_cff(load_catalogue(project / "publications.yaml"))
    assert committed.read_text(encoding="utf-8") == expected, (
        "CITATION.cff differs from publications.yaml: run `python -m ppiebook.commands.citation_cff`"
    )


def test_citation_cff_is_valid_cff_1_2_0(project: Path) -> None:
    needs_cffconvert()
    assert validation_errors((project / "CITATION.cff").read_text(encoding="utf-8")) == []


def test_citation_cff_content(project: Path) -> None:
    catalogue = load_catalogue(project / "publications.yaml")
    data = yaml.safe_load(citation_cff(catalogue))
    main_publication = catalogue.publications[0]
    assert data["cff-version"] == "1.2.0"
    assert data["type"] == "software"
    assert data["title"].startswith(main_publication.title)
    assert data["version"] == main_publication.version
    assert data["license"] == main_publication.licence
    assert data["preferred-citation"]["type"] == "report"
    assert {reference["type"] for reference in data.get("references", [])} <= {"report", "generic"}
    titles = [data["title"], data["preferred-citation"]["title"]] + [r["title"] for r in data.get("references", [])]
    assert len(titles) == len(catalogue.publications)
    assert ("url" in data) == bool(catalogue.programme.base_url)


CATALOGUE = """\
programme:
  name: Test Programme
  description: A programme that exists only in the tests.
  language: en-GB
  base_url: "https://example.org/test/"
  licence: CC-BY-4.0
  contact: Test Contact
  colours: {primary: "#123456", accent: "#654321"}
  partners: [Test Partner]

publications:
  - id: guide
    title: The Test Guide
    subtitle: Everything in one place
    authors: [Test Programme, Prof. Ada Lovelace]
    date: "2024-05"
    version: 1.0.0
    status: published
    root: guide/index
    pdf: test-guide
    licence: CC-BY-4.0
  - id: findings
    title: The Findings
    subtitle: What we heard
    authors: [Dr Céline Benoit, Mary Ann Evans]
    date: "2024-05-01"
    version: 0.2.0
    status: draft
    root: report/index
    pdf: findings
    licence: CC-BY-4.0
  - id: leaflet
    title: The Leaflet
    subtitle: ""
    authors: [Partners]
    date: "2024"
    version: 0.1.0
    status: published
    root: leaflet
    pdf: leaflet
    licence: CC-BY-4.0
"""


def test_cff_from_a_small_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "publications.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    data = yaml.safe_load(citation_cff(load_catalogue(path)))
    assert data["title"] == "The Test Guide: Everything in one place"
    assert data["authors"] == [{"name": "Test Programme"}, {"given-names": "Ada", "family-names": "Lovelace"}]
    assert "date-released" not in data  # "2024-05" is not a full date
    assert data["url"] == "https://example.org/test/"
    preferred = data["preferred-citation"]
    assert preferred["type"] == "report" and preferred["title"] == "The Findings: What we heard"
    assert preferred["date-released"] == "2024-05-01" and preferred["year"] == 2024
    assert preferred["status"] == "in-preparation"
    assert preferred["url"] == "https://example.org/test/report/index.html"
    assert data["references"] == [{
        "type": "generic", "title": "The Leaflet", "authors": [{"name": "Partners"}],
        "publisher": {"name": "Test Programme"}, "version": "0.1.0", "year": 2024, "license": "CC-BY-4.0",
        "url": "https://example.org/test/leaflet.html",
    }]


def test_cff_from_a_small_catalogue_is_valid(tmp_path: Path) -> None:
    needs_cffconvert()
    path = tmp_path / "publications.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    assert validation_errors(citation_cff(load_catalogue(path))) == []


def test_validation_reports_what_is_wrong(project: Path) -> None:
    needs_cffconvert()
    text = (project / "CITATION.cff").read_text(encoding="utf-8").replace("type: software", "type: book", 1)
    assert any(error.startswith("type:") for error in validation_errors(text))


def test_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalogue = tmp_path / "publications.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    argv = ["--catalogue", str(catalogue), "--check"]

    assert main(argv) == 1
    message = capsys.readouterr().err
    assert "CITATION.cff is missing" in message and len(message.strip().splitlines()) == 1

    assert main(["--catalogue", str(catalogue)]) == 0
    assert (tmp_path / "CITATION.cff").is_file()
    assert main(argv) == 0

    catalogue.write_text(CATALOGUE.replace("version: 1.0.0", "version: 1.0.1"), encoding="utf-8")
    capsys.readouterr()
    assert main(argv) == 1
    message = capsys.readouterr().err
    assert "CITATION.cff differs from" in message and len(message.strip().splitlines()) == 1


# --- (c) authors: honorifics dropped, organisations as names ---------------------------


PROGRAMME = Programme(
    name="Community Connexions", description="", language="en-GB", licence="CC-BY-4.0",
    contact="", colours={}, partners=(),
)


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Dr Céline Benoit", {"given-names": "Céline", "family-names": "Benoit"}),
        ("Prof. Alexis Paton", {"given-names": "Alexis", "family-names": "Paton"}),
        ("Aisha Masood", {"given-names": "Aisha", "family-names": "Masood"}),
        ("Mary Ann Evans", {"given-names": "Mary Ann", "family-names": "Evans"}),
        ("Dr Benoit", {"family-names": "Benoit"}),
        ("Community Connexions", {"name": "Community Connexions"}),
        ("Partners", {"name": "Partners"}),
    ],
)
def test_author_splitting(author: str, expected: dict[str, str]) -> None:
    assert cff_author(author, PROGRAMME) == expected
