"""Front matter of each PDF: cover, imprint, contents, running header and footer.

rst2pdf's own cover template receives only the title and authors, and its contents page
is followed by a forced odd-page break (a blank page readers do not expect). So both are
turned off (see documents.py) and made here, on each publication's assembled tree.
rst2pdf resolves that tree under the root document's name and emits no
``doctree-resolved``, so this is a post-transform of the PDF builder.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.catalogue.identity import catalogue_in
from ppiebook.catalogue.publications import Publication
from ppiebook.compat import rst2pdf_contents
from ppiebook.i18n import _
from ppiebook.pdfshared.cover import cover_nodes
from ppiebook.pdfshared.imprint import imprint_nodes
from ppiebook.pdfshared.naming import PRINT
from ppiebook.pdfshared.pages import footer_text, header_text, new_pages


def _pdf(command: str) -> nodes.raw:
    return nodes.raw(text=command, format="pdf")


def running_header(publication: Publication) -> nodes.decoration:
    decoration = nodes.decoration()
    decoration += nodes.header("", nodes.paragraph("", header_text(publication), classes=["running-header"]))
    decoration += nodes.footer("", nodes.paragraph("", footer_text(publication), classes=["running-footer"]))
    return decoration


def contents(document: nodes.document, depth: int) -> nodes.topic:
    """A contents list of the document's sections, built the way rst2pdf builds its own."""
    topic = nodes.topic(classes=["contents"], ids=["Contents"])
    topic += nodes.title(str(_("Contents")), str(_("Contents")))
    pending = nodes.topic()
    topic += pending
    pending.details = {}
    rst2pdf_contents(document, pending, depth)
    return topic


def chapter_breaks(document: nodes.document, metadata: dict[str, dict]) -> None:
    """Start each chapter after the first on a new page, as the tagged edition does (a
    chapter's sub-pages follow on, unless their front matter asks for a new page).

    rst2pdf's own break level would also push the first chapter away from the root
    page's introduction, leaving a near-empty page.
    """
    for chapter in new_pages(document, metadata):
        chapter.parent.insert(chapter.parent.index(chapter), _pdf("PageBreak"))


class FrontMatter(SphinxPostTransform):
    builders = (PRINT,)
    default_priority = 900

    def run(self, **kwargs: object) -> None:
        catalogue = catalogue_in(self.env)
        docname = self.env.docname
        publication = next((p for p in catalogue.publications if p.root == docname), None)
        if publication is None or any(self.document.findall(nodes.decoration)):
            return
        chapter_breaks(self.document, self.env.metadata)
        toc = contents(self.document, self.config.pdf_toc_depth)
        front = [
            running_header(publication),
            _pdf("SetPageCounter 1 lowerroman"),
            *cover_nodes(publication, catalogue),
            _pdf("PageBreak decoratedPage"),
            *imprint_nodes(publication, catalogue),
            _pdf("PageBreak"),
            toc,
            _pdf("PageBreak"),
            _pdf("SetPageCounter 1 arabic"),
        ]
        self.document[0:0] = front
