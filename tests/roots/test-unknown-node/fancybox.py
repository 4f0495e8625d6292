"""A node that rst2pdf has no renderer for (as sphinx-design's cards are)."""

from docutils import nodes
from docutils.parsers.rst import Directive


class fancy_box(nodes.General, nodes.Element):
    pass


class FancyBox(Directive):
    has_content = True

    def run(self):
        node = fancy_box()
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def setup(app):
    app.add_node(fancy_box, html=(lambda self, node: None, lambda self, node: None))
    app.add_directive("fancy-box", FancyBox)
    return {"parallel_read_safe": True}
