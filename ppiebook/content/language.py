"""``{lang} <code>``: a passage in another language.

In HTML it carries ``lang`` (and ``dir="rtl"`` for right-to-left scripts) so browsers
and screen readers use the right voice, font and direction. In PDF it becomes
paragraphs in the ``lang-<code>`` style, whose Noto font covers the script (see
ppiebook.pdf.fonts), shaped and right-to-left where needed.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ppiebook.config import TYPE, Kind, where
from ppiebook.i18n.languages import direction_of
from ppiebook.pdfshared.fonts import LANGUAGE_SCRIPTS
from ppiebook.pdfshared.naming import PRINT

logger = logging.getLogger(__name__)

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


# Other-language passages in the PDF: each paragraph takes its language's style.
#
# A passage whose script no installed font covers is reported, naming the passage,
# instead of being printed as empty boxes.

# Languages written in Latin script, which the text font (Latin and Latin Extended) covers.
LATIN_LANGUAGES = {"en", "pl", "ro", "fr", "es", "pt", "it", "de", "so", "lt", "lv", "sk", "cs", "hu", "sq", "tr"}


class LanguageStyles(SphinxPostTransform):
    builders = (PRINT,)
    default_priority = 880

    def run(self, **kwargs: object) -> None:
        for block in list(self.document.findall(language_block)):
            code = block["lang"]
            script = LANGUAGE_SCRIPTS.get(code)
            if script is None and code not in LATIN_LANGUAGES:
                logger.warning("no PDF font is set up for language '%s'", code, location=where(block),
                               type=TYPE, subtype=Kind.LANGUAGE)
            elif script is not None and script.find() is None:
                logger.warning(
                    "this %s passage would print as empty boxes: install the Noto fonts for %s script "
                    "(Debian package fonts-noto-core; `make` installs it when run as root)",
                    code, script.name, location=where(block), type=TYPE, subtype=Kind.LANGUAGE,
                )
            container = nodes.container(classes=block["classes"] if script else [])
            container.extend(block.children)
            if script is not None:
                for paragraph in container.findall(nodes.paragraph):
                    paragraph["classes"].append(f"lang-{code}")
            block.replace_self(container)


def setup(app: Sphinx) -> None:
    app.add_node(language_block, html=(visit_language_block_html, depart_language_block_html))
    app.add_directive("lang", LanguageDirective)
    app.add_post_transform(LanguageStyles)
