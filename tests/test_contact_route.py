"""The contact route (``contact_route`` in publications.yaml): given, every imprint and the
``{programme-info} contact`` block say how to reach the contact; empty, as it is today, an
editorial note asks for it on the accessibility statement, the landing page and in every
PDF's imprint, so no reader meets a bare name unannounced."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from ppiebook.catalogue.publications import load_catalogue
from ppiebook.pdfshared.imprint import imprint_nodes
from ppiebook.pdfshared.naming import tagged_filename

PROJECT = Path(__file__).resolve().parent.parent
ASKING = "How readers can reach Dr Céline Benoit"
# The setting and file are named as code: kept as written in every language.


def catalogue_with(tmp_path: Path, route: str):
    text = (PROJECT / "publications.yaml").read_text(encoding="utf-8")
    assert '  contact_route: ""\n' in text
    path = tmp_path / "publications.yaml"
    path.write_text(text.replace('  contact_route: ""\n', f'  contact_route: "{route}"\n'), encoding="utf-8")
    return load_catalogue(path)


def test_imprint_gives_the_route_when_there_is_one(tmp_path: Path) -> None:
    catalogue = catalogue_with(tmp_path, "community.connexions@example.org")
    imprint = imprint_nodes(catalogue.publications[0], catalogue)
    text = " ".join(node.astext() for node in imprint)
    assert "You can reach Dr Céline Benoit at: community.connexions@example.org." in text
    assert not [node for node in imprint if "editorial-note" in node.get("classes", [])]


def test_imprint_asks_for_the_route_while_there_is_none(tmp_path: Path) -> None:
    catalogue = catalogue_with(tmp_path, "")
    imprint = imprint_nodes(catalogue.publications[0], catalogue)
    notes = [node for node in imprint if isinstance(node, nodes.admonition) and "editorial-note" in node["classes"]]
    assert len(notes) == 1 and ASKING in notes[0].astext()


@pytest.mark.realbuild
def test_every_pdf_and_both_pages_ask_for_it(built: Path) -> None:
    catalogue = load_catalogue(PROJECT / "publications.yaml")
    assert catalogue.programme.contact_route == "", "the route was supplied: this test's premise is gone"
    for publication in catalogue.publications:
        for name in (publication.pdf_filename, tagged_filename(publication.pdf_filename)):
            text = " ".join(subprocess.run(["pdftotext", "-l", "4", str(built / "pdf" / name), "-"],
                                           capture_output=True, text=True, check=True).stdout.split())
            after = text[text.index("Another format"):]
            assert "Editorial note: to be supplied" in after[:400] and ASKING in after[:500], name
    for page in ("accessibility.html", "index.html"):
        soup = BeautifulSoup((built / "html" / page).read_text(encoding="utf-8"), "html.parser")
        notes = [note.get_text(" ") for note in soup.select(".editorial-note")]
        assert any(ASKING in " ".join(note.split()) for note in notes), page
