"""The imprint page, after the cover: licence, how to cite, the HTML edition, and how to
ask for another format. Everything comes from the catalogue."""

from __future__ import annotations

from docutils import nodes

from ..catalogue import Catalogue, Publication
from ..citation import citation_text, licence_name, licence_url


def _heading(text: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=["imprint-heading"])


def _para(*parts: nodes.Node | str) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["imprint"])
    for part in parts:
        paragraph += nodes.Text(part) if isinstance(part, str) else part
    return paragraph


def _link(url: str) -> nodes.reference:
    return nodes.reference(url, url, refuri=url)


def imprint_nodes(publication: Publication, catalogue: Catalogue) -> list[nodes.Node]:
    programme = catalogue.programme
    spdx = publication.licence
    licence = [_para(f"This publication is licensed under the {licence_name(spdx)} licence. You may "
                     "share and adapt it for any purpose if you credit the authors, link to the licence "
                     "and say whether you made changes.")]
    if licence_url(spdx):
        licence.append(_para("Licence: ", _link(licence_url(spdx))))
    if programme.base_url:
        online = _para("The website edition is the main, accessible edition of this publication: ",
                       _link(f"{programme.base_url}{publication.root}.html"))
    else:
        online = _para("This publication is also published as a website, which is its main, accessible "
                       "edition. Its address will be given here once the website is public.")
    status = []
    if publication.is_draft:
        status = [_heading("Draft"),
                  _para("This is a draft. The text may change, and boxes marked “Editorial note” show "
                        "content that the authors have still to supply. Please do not quote it as final.")]
    return [
        _heading("About this publication"),
        _para(f"{publication.title}. Version {publication.version}, {publication.date}. "
              f"Published by {programme.name}."),
        *status,
        _heading("Licence"),
        *licence,
        _heading("How to cite"),
        _para(citation_text(publication, programme)),
        _heading("Read online"),
        online,
        _heading("Another format"),
        _para("To ask for this publication in another format, such as large print, Easy Read, audio or "
              f"another language, contact {programme.contact} at {programme.name}."),
        _heading("Funding and partners"),
        _para(f"{programme.name} is funded by the {programme.funder}." if programme.funder else programme.name),
        _para("Partners: " + "; ".join(programme.partners) + "."),
    ]
