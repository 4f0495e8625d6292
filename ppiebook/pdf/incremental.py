"""Rebuild only the PDFs whose content changed.

rst2pdf writes every ``pdf_documents`` entry on every build. Here each publication gets a
fingerprint of exactly what rst2pdf renders: its assembled document tree (every page of
the publication with references resolved, cover and contents included, so a changed
page, title, glossary entry or citation shows), the files its images point to, the
stylesheets, the ``pdf_*`` settings, the code and versions that render and stamp it, and
SOURCE_DATE_EPOCH. A publication whose fingerprint and PDF are those of the last good
build is not written again; the others are. Before assembling a publication, the key of
its inputs (ppiebook/pdfshared/inputs.py) is compared with the last good build's: when it
is the same, the publication is kept without being assembled. Infographics: a fingerprint
of their data, the bibliography, the programme and the code that draws them.

``<outdir>/.ppiebook-pdf-state.json`` keeps the fingerprints and the SHA-256 of each PDF
as published (a PDF changed by hand since is rebuilt); ``<outdir>/.build-log.json`` says
what this build rebuilt and skipped. Both are shared with the tagged builder, each with
its own part (ppiebook/pdfshared/outputstate.py).

Writing publications in parallel was measured and not adopted (see the comment below).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.catalogue.membership import documents_of
from ppiebook.compat import (
    release_doctree_caches,
    rst2pdf_builder,
    rst2pdf_contents_in_one_pass,
    rst2pdf_converters_let_go,
)
from ppiebook.i18n import catalogue_digest
from ppiebook.pdfshared.inputs import build_inputs, inputs_key, pages_digest
from ppiebook.pdfshared.logs import attached
from ppiebook.pdfshared.memory import drop_tree, no_full_collections, set_aside
from ppiebook.pdfshared.naming import PRINT
from ppiebook.pdfshared.outputstate import PACKAGE, Selection, code_digest, sha256_file

PART = PRINT  # this builder's part of the state file (ppiebook/pdfshared/outputstate.py)
# rst2pdf's builder: what SelectivePdfBuilder relies on in it is listed and checked in
# ppiebook/compat.py (PDF_BUILDER_METHODS, PDF_BUILDER_ATTRIBUTES).
PDFBuilder = rst2pdf_builder()
# The renderers whose versions are part of every fingerprint.
RENDERERS = ("rst2pdf", "reportlab", "svglib", "pikepdf", "docutils", "sphinx", "myst-parser",
             "fontpkg-atkinson-hyperlegible", "fontpkg-ibm-plex-mono")

# Parallel writing, measured and not adopted.
# Measured 2026-11-26 on the 2-core build machine, shared with other engineers' builds
# (load average 7-8, so wall times are noisy), real project, environment already read,
# all four publications written (SOURCE_DATE_EPOCH set):
#   one process, all four PDFs:                      6.5 s and 7.3 s wall (3.6 s CPU)
#   two processes at once (handbook | the other 3):   8.3 s and 11.6 s wall (2 x 2.3 s CPU)
# Each process pays Python, Sphinx and the environment again (about 1.5 s CPU), more than
# rst2pdf's writing it could share out (about 2 s CPU in all). Not adopted: one process.
# After an edit usually one publication is rebuilt, which cannot be split anyway.


class SelectivePdfBuilder(PDFBuilder):
    """rst2pdf's builder, writing only the publications whose fingerprint changed.

    Every publication stays in ``document_data`` for resolving links (a link into another
    publication becomes a link to its PDF); only the writing loop sees the selection.
    """

    def write(self, *ignored: Any) -> None:
        # The pages read in this build stay in memory for write_doc, which this builder
        # never calls: dropped before the publications are laid out.
        release_doctree_caches(self.env)
        set_aside()  # the environment, read: it lives to the end (pdfshared.memory)
        self.document_data = []
        PDFBuilder.init_document_data(self)
        self.all_document_data = list(self.document_data)
        self.assembled: dict[str, tuple[nodes.document, set[str]]] = {}
        self.selection = Selection(Path(self.outdir), PART)
        shared = self.shared_digest()
        common = inputs_key(shared, build_inputs(self.env, self.config, [Path(self.outdir), Path(self.doctreedir)]))
        self.selected: list = []
        # Each publication is written as soon as it is assembled, so one assembled tree is in
        # memory at a time (all three at once were 300 MB at 1000 pages).
        # One layout pass per publication, not two; each converter let go once it has written.
        with rst2pdf_contents_in_one_pass(), rst2pdf_converters_let_go():
            for entry in self.all_document_data:
                docname, targetname, title, author = entry[:4]
                options = entry[4] if len(entry) > 4 and isinstance(entry[4], dict) else {}
                appendices = options.get("pdf_appendices", self.config.pdf_appendices) or []
                filename = targetname + self.out_suffix
                pages = [page for root in (docname, *appendices) for page in documents_of(self.env, root)]
                key = inputs_key(common, repr(entry), pages_digest(self.env, pages))
                if self.selection.reuse(filename, "publications", key):
                    continue  # not even assembled: nothing it is made from changed
                self.opts = options  # as rst2pdf's write() sets it before assembling
                tree = self.assemble_doctree(docname, title, author, appendices=appendices)
                release_doctree_caches(self.env)  # the bytes of the pages just read
                set_aside()  # the tree, for its layout; the pages read for it collected
                made_from = self.fingerprint(tree, entry, shared)
                # rst2pdf's write() takes the tree from here (assemble_doctree). Once the
                # publication is written, the tree goes at once: one tree in memory at a time.
                self.assembled, self.selected = {docname: (tree, set(self.docnames))}, [entry]
                if self.selection.wanted(filename, "publications", made_from, key):
                    with no_full_collections():
                        super().write()  # rst2pdf's loop, over this one publication
                self.assembled = {}
                drop_tree(tree)  # written: freed now, not by a collection (pdfshared.memory)
                del tree

    def init_document_data(self) -> None:
        # rst2pdf's write() calls this, then writes each entry: give it the selection only.
        self.document_data = list(self.selected)

    def assemble_doctree(self, docname: str, title: str, author: str, appendices: list) -> nodes.document:
        cached = getattr(self, "assembled", {}).pop(docname, None)
        if cached is not None:
            tree, self.docnames = cached  # the documents that were local when it was assembled
        else:
            tree = super().assemble_doctree(docname, title, author, appendices)
        # rst2pdf writes each publication right after assembling it: a complaint of its that
        # names no file (guard.py) is then placed in this publication's pages.
        recorder = attached("rst2pdf")  # (Builder.app is deprecated in Sphinx 9)
        if recorder is not None:
            recorder.context = (docname, sorted(self.docnames))
        return tree

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        selected = self.document_data
        self.document_data = getattr(self, "all_document_data", selected)
        try:
            return super().get_target_uri(docname, typ)
        finally:
            self.document_data = selected

    def shared_digest(self) -> str:
        """What every publication depends on besides its own tree."""
        digest = hashlib.sha256(code_digest([PACKAGE / "pdf", PACKAGE / "pdfshared", PACKAGE / "catalogue",
                                                  PACKAGE / "content", PACKAGE / "compat.py"], RENDERERS).encode())
        # The project's translations: the cover, imprint and running texts come from them.
        digest.update(catalogue_digest(self.srcdir, self.config).encode())
        settings = {option.name: repr(option.value) for option in self.config if option.name.startswith("pdf_")}
        digest.update(json.dumps(settings, sort_keys=True).encode())
        for stylesheet in self.config.pdf_stylesheets:
            path = Path(stylesheet)
            if path.is_file():
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def fingerprint(self, tree: nodes.document, entry: list, shared: str) -> str:
        digest = hashlib.sha256(shared.encode())
        digest.update(repr(entry).encode())
        digest.update(tree.pformat().encode())
        for image in tree.findall(nodes.image):
            path = Path(self.srcdir) / image["uri"]
            if path.is_file():
                digest.update(sha256_file(path).encode())
        return digest.hexdigest()


class JoinedTreeParents(SphinxPostTransform):
    """Every node's ``parent`` set to the node that holds it, before any other transform.

    rst2pdf 0.105 joins a publication's pages by moving each page's children under a
    ``start_of_file`` (``sof.children = subtree.children``) without re-parenting them: their
    ``parent`` stays the copied page's document. ``replace_self()``, ``findall()`` upwards
    and "which page is this node on" then went wrong. Sphinx resolves references and runs
    the post-transforms inside rst2pdf's ``assemble_doctree``, so the repair is the first of them.
    """

    builders = (PRINT,)
    default_priority = 1

    def run(self, **kwargs: object) -> None:
        stack: list[nodes.Element] = [self.document]
        while stack:
            node = stack.pop()
            for child in node.children:
                child.parent = node
                if isinstance(child, nodes.Element):
                    stack.append(child)


def selection_of(app: Sphinx) -> Selection:
    """This build's selection (publications, then infographics: ppiebook.pdf.infographic_pdfs)."""
    builder = app.builder
    assert isinstance(builder, SelectivePdfBuilder)
    return builder.selection
