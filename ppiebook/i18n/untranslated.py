"""Mark text that stays as written in every language (class ``notranslate``).

Bibliography entries name published works and their authors; they are quoted, not
translated. Translation tools (and the pseudo-translation test) skip the class.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

NOTRANSLATE = "notranslate"


def mark_bibliography(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """sphinxcontrib-bibtex's footnotes (ids ``footcite-…``) are references to sources."""
    for footnote in doctree.findall(nodes.footnote):
        if any(identifier.startswith("footcite-") for identifier in footnote["ids"]):
            footnote["classes"].append(NOTRANSLATE)
    for citation in doctree.findall(nodes.citation):
        citation["classes"].append(NOTRANSLATE)
