"""What the PDF builders need not keep in memory.

Sphinx keeps every page it reads in this build, live, for ``Builder.write_doc``, which
writes one page at a time. The PDF builders never call it: they assemble publications
from the pickled pages. At 1000 pages those live pages are some hundreds of MB, so each
PDF builder lets each one go as soon as the next is read (connected at ``doctree-read``)
and drops the rest before writing (``compat.release_doctree_caches``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ppiebook.compat import release_doctree_caches


def release_read_doctrees(app: Sphinx, _doctree: nodes.document) -> None:
    """At ``doctree-read``: the pages read before this one are on disk; let them go."""
    release_doctree_caches(app.env)
