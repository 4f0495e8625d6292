"""``{editorial-note}``: a visible box for what the authors still have to supply.

A standard admonition node with its own class, so every builder renders it (the HTML
and PDF styles make it stand out). Each note is recorded; a publication marked
``published`` that still contains one is refused.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.catalogue.membership import documents_of
from ppiebook.config import TYPE, Kind
from ppiebook.i18n import _
from ppiebook.pdfshared.naming import PRINT
from ppiebook.state import project_data

logger = logging.getLogger(__name__)

TITLE = _("Editorial note: to be supplied")


def editorial_box(body: list[nodes.Node]) -> nodes.admonition:
    """The note's box holding ``body``, as every edition shows it."""
    note = nodes.admonition(classes=["editorial-note"])
    note += nodes.title(str(TITLE), str(TITLE))
    note += body
    return note


def editorial_note(env: BuildEnvironment, body: list[nodes.Node], line: int | None) -> nodes.admonition:
    """A note box holding ``body``; recorded against the current document (a published
    publication may hold none)."""
    project_data(env).record("editorial_notes", line)
    return editorial_box(body)


class EditorialNoteDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        note = editorial_note(self.env, self.parse_content_to_nodes(), self.lineno)
        self.set_source_info(note)
        return [note]


def refuse_published_with_notes(app: Sphinx, env: BuildEnvironment) -> None:
    """A publication that still needs content must stay a draft."""
    catalogue = catalogue_of(app)
    notes = project_data(env).pages("editorial_notes")
    for publication in catalogue.publications:
        if publication.is_draft:
            continue
        pending = [doc for doc in documents_of(env, publication.root) if notes.get(doc)]
        if pending:
            logger.warning(
                "publication '%s', field 'status': 'published' but %d page(s) still carry editorial "
                "notes (%s); keep it 'draft' until the authors have supplied the content",
                publication.id, len(pending), ", ".join(pending),
                location=catalogue.location(publication), type=TYPE, subtype=Kind.DRAFT,
            )


# Editorial notes stand out in the PDF too.
#
# rst2pdf styles an admonition by its node type only ("admonition"), never by class, so an
# editorial note would look like any tip. In PDF builds it becomes an ``attention`` node,
# a type the content does not otherwise use, whose style is the editorial note's.
class EditorialNoteBox(SphinxPostTransform):
    builders = (PRINT,)
    default_priority = 870

    def run(self, **kwargs: object) -> None:
        for note in list(self.document.findall(nodes.admonition)):
            if "editorial-note" in note["classes"]:
                box = nodes.attention("", *note.children, classes=note["classes"])
                note.replace_self(box)


def setup(app: Sphinx) -> None:
    app.add_directive("editorial-note", EditorialNoteDirective)
    app.connect("env-check-consistency", refuse_published_with_notes)
    app.add_post_transform(EditorialNoteBox)
