"""The imprint page, after the cover: licence, how to cite, the HTML edition, and how to
ask for another format. Everything comes from the catalogue."""

from __future__ import annotations

from docutils import nodes

from ppiebook.catalogue.citation import citation_text, licence_name, licence_url
from ppiebook.catalogue.publications import Catalogue, Publication
from ppiebook.content.editorial import editorial_box
from ppiebook.content.programme_info import missing_route, route_text
from ppiebook.i18n import _, translate_data


def _heading(text: str) -> nodes.paragraph:
    return nodes.paragraph(str(text), str(text), classes=["imprint-heading"])


def _para(*parts: nodes.Node | str) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["imprint"])
    for part in parts:
        paragraph += part if isinstance(part, nodes.Node) else nodes.Text(str(part))
    return paragraph


def _link(url: str) -> nodes.reference:
    return nodes.reference(url, url, refuri=url)


def imprint_nodes(publication: Publication, catalogue: Catalogue) -> list[nodes.Node]:
    programme = catalogue.programme
    spdx = publication.licence
    name = translate_data(programme.name)
    licence = [_para(_("This publication is licensed under the {licence} licence. You may share and adapt it "
                       "for any purpose if you credit the authors, link to the licence and say whether you made "
                       "changes.").format(licence=translate_data(licence_name(spdx))))]
    if licence_url(spdx):
        licence.append(_para(_("Licence: "), _link(licence_url(spdx))))
    address = programme.address(publication.root)
    if address:
        online = _para(_("The website edition is the main, accessible edition of this publication: "),
                       _link(address))
    else:
        online = _para(_("This publication is also published as a website, which is its main, accessible "
                         "edition. Its address will be given here once the website is public."))
    status = []
    if publication.is_draft:
        status = [_heading(_("Draft")),
                  _para(_("This is a draft. The text may change, and boxes marked “Editorial note” show "
                          "content that the authors have still to supply. Please do not quote it as final."))]
    partners = "; ".join(translate_data(partner) for partner in programme.partners)
    return [
        _heading(_("About this publication")),
        _para(_("{title}. Version {version}, {date}. Published by {programme}.").format(
            title=translate_data(publication.title), version=publication.version, date=publication.date,
            programme=name)),
        *status,
        _heading(_("Licence")),
        *licence,
        _heading(_("How to cite")),
        _para(citation_text(publication, programme)),
        _heading(_("Read online")),
        online,
        _heading(_("Another format")),
        _para(_("To ask for this publication in another format, such as large print, Easy Read, audio or "
                "another language, contact {contact} at {programme}.").format(contact=programme.contact,
                                                                             programme=name)),
        *([_para(route_text(programme))] if programme.contact_route else [editorial_box(missing_route(programme))]),
        _heading(_("Funding and partners")),
        _para(_("The web page of {programme} says it is funded by the {funder}.").format(programme=name, funder=translate_data(programme.funder))
              if programme.funder else name),
        _para(_("Partners: {partners}.").format(partners=partners)),
    ]
