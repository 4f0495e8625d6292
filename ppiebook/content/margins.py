"""sphinx-book-theme's ``{margin}`` and full-width content, in the PDF editions too.

The theme defines ``{margin}`` (a ``{sidebar}`` with the class ``margin``) only where it
is the HTML theme, so a page with a margin note failed every other build. Here the same
directive, making the same node, is defined for any build the theme does not load
itself (the PDF editions, gettext): the website keeps the theme's, and every edition reads
the same doctree. In print the note is a boxed sidebar after its paragraph (a
sidebar beside the text would squeeze the line length below what is readable at 12 pt);
the tagged PDF prints it the same and tags it as an ``Aside``-like block: its own ``Div``.

Sidenotes and margin notes written as footnotes (the theme's ``use_sidenotes``) are
footnotes in every PDF. ``full-width`` (a class the theme styles) needs nothing in the
PDFs: their text is already the page's width; the print edition drops the class like any
other website class (ppiebook.content.attributes).
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst.directives.body import Sidebar
from sphinx.application import Sphinx
from sphinx.util.docutils import is_directive_registered


class MarginDirective(Sidebar):
    """As sphinx-book-theme 1.4.0's ``Margin``: a sidebar with the class ``margin``, its
    title optional."""

    optional_arguments = 1
    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        untitled = not self.arguments
        if untitled:
            self.arguments = [""]
        made = super().run()
        made[0]["classes"].append("margin")
        if untitled and made[0].children and isinstance(made[0].children[0], nodes.title):
            made[0].children.pop(0)
        return made


def _define_margin(app: Sphinx) -> None:
    # builder-inited: an HTML builder has loaded the theme, which defined its own, by now.
    if not is_directive_registered("margin"):
        app.add_directive("margin", MarginDirective)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _define_margin)
