"""``{citation-list}``: how to cite each publication and under which licence, from the catalogue."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ppiebook.catalogue.citation import citation_text, licence_name
from ppiebook.catalogue.identity import catalogue_in
from ppiebook.i18n import _, translate_data


class CitationListDirective(SphinxDirective):
    """``{citation-list}``: how to cite each publication, from the catalogue."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalogue = catalogue_in(self.env)
        self.env.note_dependency(str(catalogue.path))
        listing = nodes.bullet_list(classes=["ppiebook-citations"])
        for publication in catalogue.publications:
            item = nodes.list_item()
            title = translate_data(publication.title)
            item += nodes.paragraph("", "", nodes.strong(title, title))
            # A reference to the work as published: kept as written ("notranslate").
            item += nodes.paragraph(classes=["ppiebook-citation", "notranslate"],
                                    text=citation_text(publication, catalogue.programme))
            licence = _("Licence: {licence}.").format(licence=translate_data(licence_name(publication.licence)))
            item += nodes.paragraph(licence, licence)
            listing += item
        return [listing]


def setup(app: Sphinx) -> None:
    app.add_directive("citation-list", CitationListDirective)
