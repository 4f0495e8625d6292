"""What both PDF editions do alike with a publication's assembled pages.

Both editions join a publication's pages into one tree (rst2pdf's ``assemble_doctree``,
Sphinx's ``inline_all_toctrees`` for the tagged one); each joined page sits inside an
``addnodes.start_of_file`` node naming it. From that tree both editions take:

- where each chapter starts (a new page for every chapter after the first),
- which page a node came from (to keep each page's footnote and section ids its own),
- the running header and footer, and the contents depth.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes

from ppiebook.catalogue.publications import Publication
from ppiebook.checks.structure import NEW_PAGE_KEY
from ppiebook.i18n import _, translate_data

#: Heading levels on the contents page of both editions.
TOC_DEPTH = 2
#: Page margin of an infographic's one-page PDF, in points (both editions).
INFOGRAPHIC_MARGIN = 36
#: The page number in ``footer_text``: rst2pdf's own token, which the tagged edition
#: replaces with a CSS counter.
PAGE_TOKEN = "###Page###"


def header_text(publication: Publication) -> str:
    title = translate_data(publication.title)
    return _("DRAFT · {title}").format(title=title) if publication.is_draft else title


def footer_text(publication: Publication) -> str:
    # ###Total### (rst2pdf) would write the PDF twice: the page number only.
    page = _("Page {number}").format(number=PAGE_TOKEN)
    return _("DRAFT · {page}").format(page=page) if publication.is_draft else page


def new_pages(tree: nodes.Node, metadata: dict[str, dict]) -> list[addnodes.start_of_file]:
    """The joined pages that start a new page in both PDFs: every chapter after the first,
    and every page whose front matter says ``pdf_new_page: true``."""
    listed = chapters(tree)
    starts = {id(page) for page in listed[1:]}
    first = listed[0] if listed else None
    return [page for page in tree.findall(addnodes.start_of_file)
            if id(page) in starts
            or (page is not first and str(metadata.get(page["docname"], {}).get(NEW_PAGE_KEY)).lower() == "true")]


def chapters(tree: nodes.Node) -> list[addnodes.start_of_file]:
    """The chapters: the pages the root's toctree lists (``start_of_file`` not inside another)."""
    found: list[addnodes.start_of_file] = []

    def visit(node: nodes.Node) -> None:
        for child in node.children if isinstance(node, nodes.Element) else ():
            if isinstance(child, addnodes.start_of_file):
                found.append(child)
            else:
                visit(child)

    visit(tree)
    return found


def page_of(node: nodes.Node, root: str) -> str:
    """The page ``node`` came from: the nearest ``start_of_file`` around it, else the root."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return parent["docname"]
        parent = parent.parent
    return root


def with_pages(node: nodes.Node, root: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element in document order, with the page it came from (one walk, for many nodes).

    With a stack, not a generator per level: each element would pass up through one
    generator for every level above it (4.3 million steps for the 1000-page benchmark's
    guide, 313,700 elements)."""
    stack = [(node, root)]
    while stack:
        node, page = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            page = node["docname"]
        if isinstance(node, nodes.Element):
            yield node, page
            stack.extend((child, page) for child in reversed(node.children))
