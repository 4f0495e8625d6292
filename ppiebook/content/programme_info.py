"""``{programme-info} partners|recognition|contact``: facts about the programme, written
once in publications.yaml and shown wherever a page needs them.

``contact`` gives the contact's name and, from ``contact_route``, how to reach them; while
the route is empty it shows an editorial note asking for it (as every PDF's imprint does,
ppiebook.pdfshared.imprint), so a reader never meets a name with no way to reach it
unannounced."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ppiebook.catalogue.identity import catalogue_in
from ppiebook.catalogue.publications import Programme
from ppiebook.content.editorial import editorial_note
from ppiebook.i18n import _, format_nodes, translate_data


def _bullets(items: list[str], classes: list[str]) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=classes)
    for item in items:
        text = translate_data(item)
        listing += nodes.list_item("", nodes.paragraph(text, text))
    return listing


def partners(programme: Programme, env: BuildEnvironment, line: int | None) -> list[nodes.Node]:
    result: list[nodes.Node] = [_bullets(list(programme.partners), ["ppiebook-partners"])]
    if programme.community_partners:
        text = _("Community partners who co-created the work:")
        result += [nodes.paragraph(text, text), _bullets(list(programme.community_partners), ["ppiebook-partners"])]
    return result


def recognition(programme: Programme, env: BuildEnvironment, line: int | None) -> list[nodes.Node]:
    lines = [_("{year}, {award}: {result}, in the category {category}.").format(
                 year=r["year"], award=translate_data(r["award"]), result=translate_data(r["result"]).lower(),
                 category=translate_data(r["category"]))
             for r in programme.recognition]
    return [_bullets(lines, ["ppiebook-recognition"])] if lines else []


def missing_route(programme: Programme) -> list[nodes.Node]:
    """What the editorial note asks for while ``contact_route`` is empty."""
    paragraph = nodes.paragraph()
    paragraph += format_nodes(_("How readers can reach {contact}: an e-mail address, a phone number or a web "
                                "form. Until it is given as {setting} in {file}, readers have no way to ask for "
                                "another format."),
                              contact=nodes.inline(programme.contact, programme.contact, classes=["notranslate"]),
                              setting=nodes.literal("contact_route", "contact_route"),
                              file=nodes.literal("publications.yaml", "publications.yaml"))
    return [paragraph]


def route_text(programme: Programme) -> str:
    """The sentence that gives the contact route (empty while there is none)."""
    if not programme.contact_route:
        return ""
    return _("You can reach {contact} at: {route}.").format(contact=programme.contact, route=programme.contact_route)


def contact(programme: Programme, env: BuildEnvironment, line: int | None) -> list[nodes.Node]:
    paragraph = nodes.paragraph(classes=["ppiebook-contact"])
    # A person's name is written the same in every language.
    paragraph += format_nodes(_("For more information, contact {contact}."),
                              contact=nodes.inline(programme.contact, programme.contact, classes=["notranslate"]))
    if programme.contact_route:
        paragraph += nodes.Text(" " + route_text(programme))
        return [paragraph]
    return [paragraph, editorial_note(env, missing_route(programme), line)]


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
        return section(catalogue_in(self.env).programme, self.env, self.lineno)


def setup(app: Sphinx) -> None:
    app.add_directive("programme-info", ProgrammeInfoDirective)
