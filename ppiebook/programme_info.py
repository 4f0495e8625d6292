"""``{programme-info} partners|recognition|contact``: facts about the programme, written
once in publications.yaml and shown wherever a page needs them."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .catalogue import Programme
from .identity import catalogue_in


def _bullets(items: list[str], classes: list[str]) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=classes)
    for item in items:
        listing += nodes.list_item("", nodes.paragraph(item, item))
    return listing


def partners(programme: Programme) -> list[nodes.Node]:
    result: list[nodes.Node] = [_bullets(list(programme.partners), ["ppiebook-partners"])]
    if programme.community_partners:
        text = "Community partners who co-created the work:"
        result += [nodes.paragraph(text, text), _bullets(list(programme.community_partners), ["ppiebook-partners"])]
    return result


def recognition(programme: Programme) -> list[nodes.Node]:
    lines = [f"{r['year']}, {r['award']}: {r['result'].lower()}, in the category {r['category']}."
             for r in programme.recognition]
    return [_bullets(lines, ["ppiebook-recognition"])] if lines else []


def contact(programme: Programme) -> list[nodes.Node]:
    text = f"For more information, contact {programme.contact}."
    if programme.contact_note:
        text += f" {programme.contact_note}"
    return [nodes.paragraph(text, text, classes=["ppiebook-contact"])]


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
