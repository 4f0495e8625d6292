"""Other-language passages in the PDF: each paragraph takes its language's style.

A passage whose script no installed font covers is reported, naming the passage,
instead of being printed as empty boxes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ppiebook.content.language import language_block
from ppiebook.pdfshared.fonts import LANGUAGE_SCRIPTS

logger = logging.getLogger(__name__)

# Languages written in Latin script, which the text font (Latin and Latin Extended) covers.
LATIN_LANGUAGES = {"en", "pl", "ro", "fr", "es", "pt", "it", "de", "so", "lt", "lv", "sk", "cs", "hu", "sq", "tr"}


class LanguageStyles(SphinxPostTransform):
    builders = ("pdf",)
    default_priority = 880

    def run(self, **kwargs: object) -> None:
        for block in list(self.document.findall(language_block)):
            code = block["lang"]
            script = LANGUAGE_SCRIPTS.get(code)
            if script is None and code not in LATIN_LANGUAGES:
                logger.warning("no PDF font is set up for language '%s'", code, location=block,
                               type="ppiebook", subtype="language")
            elif script is not None and script.find() is None:
                logger.warning(
                    "this %s passage would print as empty boxes: install the Noto fonts for %s script "
                    "(Debian package fonts-noto-core; `make` installs it when run as root)",
                    code, script.name, location=block, type="ppiebook", subtype="language",
                )
            container = nodes.container(classes=block["classes"] if script else [])
            container.extend(block.children)
            if script is not None:
                for paragraph in container.findall(nodes.paragraph):
                    paragraph["classes"].append(f"lang-{code}")
            block.replace_self(container)
