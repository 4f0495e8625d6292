"""``{programme-info} partners|recognition|contact``: facts about the programme, written
once in publications.yaml and shown wherever a page needs them."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ppiebook.catalogue.identity import catalogue_in
from ppiebook.catalogue.publications import Programme
from ppiebook.i18n import _, format_nodes, translate_data


def _bullets(items: list[str], classes: list[str]) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=classes)
    for item in items:
        text = translate_data(item)
        listing += nodes.list_item("", nodes.paragraph(text, text))
    return listing


def partners(programme: Programme) -> list[nodes.Node]:
    result: list[nodes.Node] = [_bullets(list(programme.partners), ["ppiebook-partners"])]
    if programme.community_partners:
        text = _("Community partners who co-created the work:")
        result += [nodes.paragraph(text, text), _bullets(list(programme.community_partners), ["ppiebook-partners"])]
    return result


def recognition(programme: Programme) -> list[nodes.Node]:
    lines = [_("{year}, {award}: {result}, in the category {category}.").format(
                 year=r["year"], award=translate_data(r["award"]), result=translate_data(r["result"]).lower(),
                 category=translate_data(r["category"]))
             for r in programme.recognition]
    return [_bullets(lines, ["ppiebook-recognition"])] if lines else []


def contact(programme: Programme) -> list[nodes.Node]:
    paragraph = nodes.paragraph(classes=["ppiebook-contact"])
    # A person's name is written the same in every language.
    paragraph += format_nodes(_("For more information, contact {contact}."),
                              contact=nodes.inline(programme.contact, programme.contact, classes=["notranslate"]))
    if programme.contact_note:
        paragraph += nodes.Text(" " + translate_data(programme.contact_note))
    return [paragraph]


SECTIONS = {"partners": partners, "recognition": recognition, "contact": contact}


class ProgrammeInfoDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(catalogue_in(self.env).path))
        try:
            section = SECTIONS[self.arguments[0]]
        except KeyError:
            raise self.error(f"unknown programme-info '{self.arguments[0]}' (use one of: {', '.join(SECTIONS)})") from None
        return section(catalogue_in(self.env).programme)


def setup(app: Sphinx) -> None:
    app.add_directive("programme-info", ProgrammeInfoDirective)
