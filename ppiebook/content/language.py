"""``{lang} <code>``: a passage in another language.

In HTML it carries ``lang`` (and ``dir="rtl"`` for right-to-left scripts) so browsers
and screen readers use the right voice, font and direction. In PDF it becomes
paragraphs in the ``lang-<code>`` style, whose Noto font covers the script (see
ppiebook.pdf.fonts), shaped and right-to-left where needed.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ppiebook.i18n.languages import direction_of

_CODE = re.compile(r"^[a-z]{2,3}(-[a-z]{4})?$")


class language_block(nodes.container):
    """A container in one language; HTML gets lang/dir, the PDF a language style."""


def visit_language_block_html(self, node: language_block) -> None:
    code = node["lang"]
    attributes = {"lang": code}
    if direction_of(code) == "rtl":
        attributes["dir"] = "rtl"
    self.body.append(self.starttag(node, "div", CLASS=f"ppiebook-lang lang-{code}", **attributes))


def depart_language_block_html(self, node: language_block) -> None:
    self.body.append("</div>\n")


class LanguageDirective(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        code = self.arguments[0].lower()
        if not _CODE.match(code):
            raise self.error(f"'{self.arguments[0]}' is not a language code such as ur, bn, pa, ar or pl")
        block = language_block(lang=code, classes=[f"lang-{code}"])
        self.set_source_info(block)
        block += self.parse_content_to_nodes()
        return [block]
