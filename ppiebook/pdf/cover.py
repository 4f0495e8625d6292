"""The cover page of a publication's PDF, drawn from the catalogue entry."""

from __future__ import annotations

from docutils import nodes

from ..catalogue import Catalogue, Publication


def _line(text: str, style: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=[style])


def cover_nodes(publication: Publication, catalogue: Catalogue) -> list[nodes.Node]:
    """Programme, title, subtitle, DRAFT (for a draft), authors, version and date."""
    cover = [_line(catalogue.programme.name, "cover-programme"), _line(publication.title, "title")]
    if publication.subtitle:
        cover.append(_line(publication.subtitle, "subtitle"))
    if publication.is_draft:
        cover.append(_line("DRAFT", "cover-status"))
    cover += [_line(author, "author") for author in publication.authors]
    cover.append(_line(f"Version {publication.version} · {publication.date}", "cover-meta"))
    # Partner logos are files a programme supplies; until then, partners are named.
    cover.append(_line("In partnership with: " + "; ".join(catalogue.programme.partners), "cover-partners"))
    return cover
