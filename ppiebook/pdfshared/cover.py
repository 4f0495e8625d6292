"""The cover page of a publication's PDF, drawn from the catalogue entry."""

from __future__ import annotations

from docutils import nodes

from ppiebook.catalogue.publications import Catalogue, Publication
from ppiebook.i18n import _, translate_data


def _line(text: str, style: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=[style])


def logo_row(catalogue: Catalogue) -> list[nodes.Node]:
    """Partner logos side by side (files the programme supplies in publications.yaml)."""
    folder = catalogue.path.parent
    return [
        nodes.image(uri=str((folder / logo["file"]).resolve()), alt=logo["alt"], height="1.6cm",
                    classes=["cover-logo"])
        for logo in catalogue.programme.logos
    ]


def cover_nodes(publication: Publication, catalogue: Catalogue) -> list[nodes.Node]:
    """Programme, title, subtitle, DRAFT (for a draft), authors, version and date."""
    programme = catalogue.programme
    cover: list[nodes.Node] = []
    if programme.logo:
        cover.append(nodes.image(uri=str((catalogue.path.parent / programme.logo["file"]).resolve()),
                                 alt=programme.logo["alt"], height="2cm", classes=["cover-logo"]))
    cover += [_line(translate_data(programme.name), "cover-programme"), _line(translate_data(publication.title), "title")]
    if publication.subtitle:
        cover.append(_line(translate_data(publication.subtitle), "subtitle"))
    if publication.is_draft:
        cover.append(_line(str(_("DRAFT")), "cover-status"))
    cover += [_line(author, "author") for author in publication.authors]
    cover.append(_line(_("Version {version} · {date}").format(version=publication.version, date=publication.date),
                       "cover-meta"))
    # Partners are always named; their logos appear when a programme supplies them.
    partners = "; ".join(translate_data(partner) for partner in catalogue.programme.partners)
    cover.append(_line(_("In partnership with: {partners}").format(partners=partners), "cover-partners"))
    cover += logo_row(catalogue)
    return cover
