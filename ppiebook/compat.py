"""Other packages' private and undocumented APIs: the one place the project uses them.

Each use below is a small function (or a name passed on) with the upstream version it
was written for and what it relies on, and an entry in :data:`SHIMS` whose ``probe()``
checks that the installed package still has that shape. ``tests/test_compat.py`` runs
every probe and compares every ``written_for`` with the installed version, so an upgrade
of any of these packages fails a test naming the shim to look at.

Packages that one edition alone needs (rst2pdf, WeasyPrint) and the preview's server
(sphinx-autobuild) are imported inside the functions that use them: importing this
module loads neither PDF renderer (tests/test_layout.py).

Where a package has public API for the job, the project uses it and nothing is here
(``Config.overrides`` for ``-D`` settings, ``BuildEnvironment.docname``).
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import EntryPoints, entry_points
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

# written for Sphinx 9.0.4: global_toctree_for_doc(env, docname, builder, *, tags,
# collapse, includehidden, maxdepth, titles_only), what the ``toctree()`` template
# function calls.
from sphinx.environment.adapters.toctree import global_toctree_for_doc

# written for Sphinx 9.0.4: the collector that numbers figures, and the event manager's
# listeners it is found among (number_figures_from_outlines, below).
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.events import EventListener, EventManager

# written for Sphinx 9.0.4: sphinx.util.console's nocolor() and darkgreen(), kept by
# Sphinx for extensions since the colours moved to the private sphinx._cli.util.colour.
from sphinx.util.console import darkgreen, nocolor

# Names of Sphinx that its API documentation (doc/extdev) does not list, passed on from
# here so that every use goes through this module. Each is checked by a probe below.
# written for Sphinx 9.0.4: patch_docutils(confdir) and docutils_namespace(), the context
# managers sphinx-build wraps an application in (docutils.conf, docutils' registries).
from sphinx.util.docutils import docutils_namespace, patch_docutils

# written for Sphinx 9.0.4: CatalogRepository(basedir, locale_dirs, language, encoding)
# with .catalogs (CatalogInfo: domain, is_outdated(), write_mo(locale, use_fuzzy)) and
# .locale_dirs, what Sphinx compiles its own catalogues with.
from sphinx.util.i18n import CatalogRepository

# written for Sphinx 9.0.4: split_index_msg(entry_type, value) -> the words of an index
# entry, as IndexBuilder.feed splits them for the search index.
from sphinx.util.index_entries import split_index_msg

# written for Sphinx 9.0.4: get_node_equation_number(writer, node) -> the number an HTML
# writer shows for a numbered equation (math_numfig: "2.1", else its number on the page),
# what Sphinx's own MathJax visitor calls.
from sphinx.util.math import get_node_equation_number

# written for Sphinx 9.0.4: inline_all_toctrees(builder, docnameset, docname, tree,
# colorfunc, traversed), the single-file builders' joining of pages.
from sphinx.util.nodes import inline_all_toctrees

# written for Sphinx 9.0.4: relative_uri(base, to), the builders' own relative links.
from sphinx.util.osutil import relative_uri


class UpstreamChanged(AssertionError):
    """A probe found the upstream package no longer as the shim expects."""


@dataclass(frozen=True)
class Shim:
    package: str  # the distribution, as importlib.metadata names it
    written_for: str  # its version the shim was written and checked against
    what: str  # the private or undocumented thing relied on
    probe: Callable[[], None]  # raises UpstreamChanged saying what changed

    @property
    def id(self) -> str:
        return f"{self.package}:{self.what}"


def _expect(condition: bool, package: str, what: str, change: str) -> None:
    if not condition:
        raise UpstreamChanged(f"ppiebook.compat: {package} changed: {what}: {change}")


def _parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


def _expect_parameters(function: Callable[..., Any], expected: list[str], package: str, what: str) -> None:
    found = _parameters(function)
    _expect(found[:len(expected)] == expected, package, what,
            f"{getattr(function, '__qualname__', function)} takes {found}, expected {expected}")


def _expect_attribute(owner: object, name: str, package: str, what: str) -> Any:
    _expect(hasattr(owner, name), package, what, f"{getattr(owner, '__name__', owner)} has no {name!r}")
    return getattr(owner, name)


def _expect_in_source(function: Callable[..., Any], text: str, package: str, what: str) -> None:
    _expect(text in inspect.getsource(function), package, what,
            f"{function.__qualname__} no longer contains {text!r}")


# --- Sphinx ------------------------------------------------------------------------

SPHINX = "sphinx"


# written for Sphinx 9.0.4: BuildEnvironment._search_index_index_entries, the dict
# (docname -> [(word, target id, main)]) that IndexBuilder.feed fills per written page
# and IndexBuilder reads for searchindex.js; it is saved with the environment.
def search_index_entries(env: BuildEnvironment) -> dict[str, list[tuple[str, str, str]]]:
    return env._search_index_index_entries


def _probe_search_index_entries() -> None:
    import sphinx.search

    what = "BuildEnvironment._search_index_index_entries"
    _expect_in_source(BuildEnvironment.__init__, "self._search_index_index_entries", SPHINX, what)
    _expect_in_source(sphinx.search.IndexBuilder, "env._search_index_index_entries", SPHINX, what)



# written for Sphinx 9.0.4: the environment's two doctree caches. ``_write_doc_doctree_cache``
# keeps every page read in this build, live, for Builder.write_doc (which pops it); the PDF
# builders never call write_doc, so all of them stay, about 400 MB at 1000 pages.
# ``_pickled_doctree_cache`` keeps the bytes of every page get_doctree() read. Both are
# only caches: get_doctree() reads the pickle again.
def release_doctree_caches(env: BuildEnvironment) -> None:
    env._write_doc_doctree_cache.clear()
    env._pickled_doctree_cache.clear()


def _probe_release_doctree_caches() -> None:
    from sphinx.builders import Builder

    what = "BuildEnvironment's doctree caches"
    _expect_in_source(BuildEnvironment.__init__, "self._write_doc_doctree_cache", SPHINX, what)
    _expect_in_source(BuildEnvironment.__init__, "self._pickled_doctree_cache", SPHINX, what)
    _expect_in_source(BuildEnvironment.get_doctree, "self._pickled_doctree_cache[docname]", SPHINX, what)
    _expect_in_source(Builder.write_doctree, "env._write_doc_doctree_cache[docname] = doctree", SPHINX, what)


# written for Sphinx 9.0.4: TocTreeCollector.assign_figure_numbers, run after every change
# (at env-get-updated, through get_updated_docs), walks every page of the project with
# env.get_doctree, which unpickles each one: about 1 s of a 1.5 s rebuild of 400 pages.
# Its walk looks only at sections (their ids), toctrees (their entries) and enumerable
# nodes (their ids and caption). So each page's outline of those, made when it is read and
# kept with the environment (the ProjectDomain's "figure_outlines"), is what it walks.
# The outline is made by public docutils and Sphinx API; the walk is handed the outlines by
# setting env.get_doctree for its length, on the application's own collector instance.
def figure_outline(env: BuildEnvironment, doctree: nodes.Element) -> nodes.Element:
    """What assign_figure_numbers reads of ``doctree``: sections, toctrees and enumerable
    nodes (with their captions, and their children's kinds), nested as in the page and in
    its order, and nothing else."""
    outline = nodes.Element()
    outline += _outline_of(doctree, _enumerable_test(env))
    for node in outline.findall():
        node.document = None  # copies keep a reference to the page's whole document
    return outline


def _enumerable_test(env: BuildEnvironment) -> Callable[[nodes.Element], tuple[bool, bool]]:
    """(is it enumerable, does a domain read its title with a function of its own). A
    section is not: the walk numbers sections by their own rule, before asking domains."""
    domains = list(env.domains.sorted())

    def test(node: nodes.Element) -> tuple[bool, bool]:
        if isinstance(node, nodes.section):
            return False, False
        found = [domain for domain in domains if domain.get_enumerable_node_type(node)]
        getters = [getattr(domain, "enumerable_nodes", {}).get(node.__class__, (None, None))[1] for domain in found]
        return bool(found), any(getters)

    return test


def _outline_of(node: nodes.Element, enumerable: Callable[[nodes.Element], tuple[bool, bool]]) -> list[nodes.Element]:
    return [kept for child in node.children if isinstance(child, nodes.Element)
            for kept in _kept(child, enumerable)[0]]


def _kept(node: nodes.Element, enumerable: Callable[[nodes.Element], tuple[bool, bool]]
          ) -> tuple[list[nodes.Element], bool]:
    """The outline of ``node``: a copy of it, or (when it matters to no walk) the outlines
    of its children; and whether it is the copy."""
    counted, own_title = enumerable(node)
    if own_title:  # the domain's title function may read any of it: all of it
        return [node.deepcopy()], True
    if counted:  # its captions whole, its other children at least by kind (a domain may ask)
        copy = node.copy()
        for child in node.children:
            if isinstance(child, (nodes.caption, nodes.title)):
                copy += child.deepcopy()
            elif isinstance(child, nodes.Element):
                inner, itself = _kept(child, enumerable)
                if not itself:
                    holder = child.copy()
                    holder += inner
                    inner = [holder]
                copy += inner
        return [copy], True
    if isinstance(node, (nodes.section, addnodes.toctree)):
        copy = node.copy()  # its ids or entries
        copy += _outline_of(node, enumerable)
        return [copy], True
    return _outline_of(node, enumerable), False


def number_figures_from_outlines(app: Sphinx, outlines: Callable[[BuildEnvironment], dict[str, nodes.Element]]) -> None:
    """Make the application's TocTreeCollector number figures from ``outlines(env)``
    (docname -> outline); a page without one is read from its doctree, as before."""
    for listener in app.events.listeners.get("env-get-updated", []):
        collector = getattr(listener.handler, "__self__", None)
        if isinstance(collector, TocTreeCollector):
            walk = collector.assign_figure_numbers

            def assign_figure_numbers(env: BuildEnvironment, walk: Callable[..., list[str]] = walk) -> list[str]:
                kept, doctree_of = outlines(env), env.get_doctree
                # "in", not "or": an outline with nothing in it is false, and still the page's.
                env.get_doctree = (  # type: ignore[method-assign]
                    lambda docname: kept[docname] if docname in kept else doctree_of(docname))
                try:
                    return walk(env)
                finally:
                    del env.get_doctree  # the class's method again

            collector.assign_figure_numbers = assign_figure_numbers  # type: ignore[method-assign]


def _probe_figure_outlines() -> None:
    what = "TocTreeCollector.assign_figure_numbers"
    method = _expect_attribute(TocTreeCollector, "assign_figure_numbers", SPHINX, what)
    _expect_in_source(method, "doctree = env.get_doctree(docname)", SPHINX, what)
    _expect_in_source(method, "for subnode in doctree.children:", SPHINX, what)
    _expect_in_source(method, "figtype = domain.get_enumerable_node_type(node)", SPHINX, what)
    _expect_in_source(method, "domain.get_numfig_title(", SPHINX, what)
    _expect_in_source(method, "anchorname = '#' + section['ids'][0]", SPHINX, what)
    _expect_in_source(method, "for _title, subdocname in subnode['entries']:", SPHINX, what)
    _expect_in_source(TocTreeCollector.get_updated_docs, "self.assign_figure_numbers(env)", SPHINX, what)
    _expect_in_source(EnvironmentCollector.enable, "app.connect('env-get-updated', self.get_updated_docs)",
                      SPHINX, what)
    _expect_in_source(EventManager.__init__, "self.listeners: dict[str, list[EventListener]]", SPHINX, what)
    _expect(EventListener._fields[1] == "handler", SPHINX, what, f"EventListener's fields are {EventListener._fields}")


# written for Sphinx 9.0.4: the logger that says "unknown role name: X" / "unknown directive
# name: X" (sphinx.util.docutils.sphinx_domains.role/directive) with no location, though it
# is called while a page is read. Sphinx's loggers live under its "sphinx." namespace, so
# the logging logger is "sphinx.sphinx.util.docutils".
def unlocated_sphinx_logger() -> logging.Logger:
    from sphinx.util import logging as sphinx_logging

    return logging.getLogger(f"{sphinx_logging.NAMESPACE}.sphinx.util.docutils")


def _probe_unlocated_sphinx_logger() -> None:
    from sphinx.util import docutils as sphinx_docutils
    from sphinx.util import logging as sphinx_logging

    what = "the logger of sphinx.util.docutils"
    _expect(getattr(sphinx_logging, "NAMESPACE", None) == "sphinx", SPHINX, what, "NAMESPACE is not 'sphinx'")
    _expect(sphinx_docutils.logger.logger.name == unlocated_sphinx_logger().name, SPHINX, what,
            f"sphinx.util.docutils logs to {sphinx_docutils.logger.logger.name!r}")
    _expect_in_source(sphinx_docutils.sphinx_domains.role, "unknown role name", SPHINX, what)
    _expect_in_source(sphinx_docutils.sphinx_domains.directive, "unknown directive name", SPHINX, what)

# written for Sphinx 9.0.4: Config._raw_config, the values conf.py set (no public API
# tells a value set in conf.py from a default; Config.overrides holds the -D ones).
def set_in_conf_py(config: Config, name: str) -> bool:
    return name in config._raw_config


def _probe_set_in_conf_py() -> None:
    what = "Config._raw_config"
    config = Config({"pdf_use_toc": True}, {"language": "cy"})
    _expect(getattr(config, "_raw_config", None) == {"pdf_use_toc": True}, SPHINX, what,
            "Config(conf_values)._raw_config is no longer the values conf.py set")


# written for Sphinx 9.0.4: StandaloneHTMLBuilder.build_info (BuildInfo, from the private
# sphinx.builders.html._build_info) and its config_hash: the digest of the settings
# that change HTML output, which .buildinfo records.
def html_config_hash(builder: object) -> str:
    return getattr(getattr(builder, "build_info", None), "config_hash", "")


def _probe_html_config_hash() -> None:
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.html._build_info import BuildInfo

    what = "StandaloneHTMLBuilder.build_info.config_hash"
    _expect_in_source(StandaloneHTMLBuilder.init, "self.build_info = ", SPHINX, what)
    _expect("config_hash" in inspect.signature(BuildInfo).parameters or "config_hash" in inspect.getsource(BuildInfo),
            SPHINX, what, "BuildInfo has no config_hash")


# written for Sphinx 9.0.4: Builder.templates (a BuiltinTemplateLoader for the HTML
# builders) and its .environment, the Jinja environment every page is rendered with.
def template_environment(app: Sphinx) -> Any:
    """The Jinja environment of the builder's template bridge, or None (not an HTML builder)."""
    return getattr(getattr(app.builder, "templates", None), "environment", None)


def _probe_template_environment() -> None:
    from sphinx.builders import Builder
    from sphinx.jinja2glue import BuiltinTemplateLoader

    what = "Builder.templates.environment"
    _expect_in_source(Builder.create_template_bridge, "self.templates = BuiltinTemplateLoader()", SPHINX, what)
    _expect_in_source(BuiltinTemplateLoader.init, "self.environment = SandboxedEnvironment(", SPHINX, what)


def _probe_sphinx_helpers() -> None:
    from sphinx.util.i18n import CatalogInfo

    what = "undocumented helpers (sphinx.util.*, global_toctree_for_doc)"
    _expect_parameters(patch_docutils, ["confdir"], SPHINX, what)
    _expect_parameters(docutils_namespace, [], SPHINX, what)
    _expect_parameters(CatalogRepository, ["basedir", "locale_dirs", "language", "encoding"], SPHINX, what)
    for name in ("catalogs", "locale_dirs"):
        _expect_attribute(CatalogRepository, name, SPHINX, what)
    for name in ("domain", "is_outdated", "write_mo"):
        _expect_attribute(CatalogInfo, name, SPHINX, what)
    _expect_parameters(CatalogInfo.write_mo, ["self", "locale", "use_fuzzy"], SPHINX, what)
    _expect_parameters(split_index_msg, ["entry_type", "value"], SPHINX, what)
    _expect_parameters(inline_all_toctrees, ["builder", "docnameset", "docname", "tree", "colorfunc", "traversed"],
                       SPHINX, what)
    _expect_parameters(global_toctree_for_doc, ["env", "docname", "builder", "tags", "collapse", "includehidden",
                                                "maxdepth", "titles_only"], SPHINX, what)
    _expect_parameters(relative_uri, ["base", "to"], SPHINX, what)
    _expect_parameters(get_node_equation_number, ["writer", "node"], SPHINX, what)
    _expect_parameters(nocolor, [], SPHINX, what)
    _expect("x" in darkgreen("x"), SPHINX, what, "darkgreen() no longer returns the text it colours")


# --- pybtex ------------------------------------------------------------------------

PYBTEX = "pybtex"


@functools.cache
def _entry_points(group: str, name: str) -> EntryPoints:
    return entry_points(group=group, name=name)


def cached_entry_points(**selection: str) -> EntryPoints:
    """``importlib.metadata.entry_points``, remembered for pybtex's (group, name) calls."""
    if set(selection) == {"group", "name"}:
        return _entry_points(selection["group"], selection["name"])
    return entry_points(**selection)


# written for pybtex 0.26.1: pybtex.plugin looks its plugins up through its module-level
# name ``entry_points`` (importlib.metadata's), which is replaced here by a cached one.
#
# sphinxcontrib-bibtex asks pybtex for its style plugins once per citation role, and
# importlib.metadata re-reads the metadata of every installed package each time: about
# 0.4 s per hundred citations on the build machine. Installed packages do not change
# during a build, so each (group, name) question is answered once.
def cache_pybtex_plugin_lookups() -> None:
    try:
        import pybtex.plugin
    except ImportError:  # no bibliography support installed: nothing to speed up
        return
    if getattr(pybtex.plugin, "entry_points", None) is entry_points:
        pybtex.plugin.entry_points = cached_entry_points


def _probe_pybtex_entry_points() -> None:
    import pybtex.plugin

    what = "pybtex.plugin.entry_points"
    found = _expect_attribute(pybtex.plugin, "entry_points", PYBTEX, what)
    _expect(found is entry_points or found is cached_entry_points, PYBTEX, what,
            "pybtex.plugin.entry_points is no longer importlib.metadata.entry_points")
    _expect("entry_points(group=" in inspect.getsource(pybtex.plugin), PYBTEX, what,
            "pybtex.plugin no longer calls entry_points(group=..., name=...)")


# --- rst2pdf -----------------------------------------------------------------------

RST2PDF = "rst2pdf"

# written for rst2pdf 0.105: PDFBuilder.write() calls self.init_document_data() to fill
# self.document_data, then per entry sets self.opts and assembles the document with
# self.assemble_doctree(docname, title, author, appendices), which sets self.docnames
# (read by get_target_uri). SelectivePdfBuilder (ppiebook/pdf/incremental.py) overrides
# these methods and sets these attributes.
PDF_BUILDER_METHODS = ("write", "init_document_data", "assemble_doctree", "get_target_uri")
PDF_BUILDER_ATTRIBUTES = ("document_data", "opts", "docnames")


def rst2pdf_builder() -> type:
    """rst2pdf's Sphinx builder class, to subclass (loads rst2pdf)."""
    from rst2pdf.pdfbuilder import PDFBuilder

    return PDFBuilder


def _probe_rst2pdf_builder() -> None:
    builder = rst2pdf_builder()
    what = "PDFBuilder internals (" + ", ".join(PDF_BUILDER_METHODS + PDF_BUILDER_ATTRIBUTES) + ")"
    for name in PDF_BUILDER_METHODS:
        _expect_attribute(builder, name, RST2PDF, what)
    _expect_parameters(builder.assemble_doctree, ["self", "docname", "title", "author", "appendices"], RST2PDF, what)
    _expect_parameters(builder.get_target_uri, ["self", "docname", "typ"], RST2PDF, what)
    for text in ("self.init_document_data()", "for entry in self.document_data", "self.opts = opts",
                 "self.assemble_doctree("):
        _expect_in_source(builder.write, text, RST2PDF, what)
    _expect_in_source(builder.init_document_data, "self.document_data.append(", RST2PDF, what)
    _expect_in_source(builder.assemble_doctree, "self.docnames = ", RST2PDF, what)
    _expect_in_source(builder.get_target_uri, "self.document_data", RST2PDF, what)


# written for rst2pdf 0.105: rst2pdf.pdfbuilder.PDFContents, its docutils Contents
# transform for Sphinx trees, driven by its toc_depth and startnode attributes.
def rst2pdf_contents(document: Any, startnode: Any, depth: int) -> None:
    """Fill ``startnode`` (a pending topic with ``details``) as rst2pdf fills its contents."""
    from rst2pdf.pdfbuilder import PDFContents

    maker = PDFContents(document)
    maker.toc_depth = depth
    maker.startnode = startnode
    maker.apply()


def _probe_rst2pdf_contents() -> None:
    from docutils.transforms.parts import Contents
    from rst2pdf.pdfbuilder import PDFContents

    what = "rst2pdf.pdfbuilder.PDFContents"
    _expect(issubclass(PDFContents, Contents), RST2PDF, what, "PDFContents is no longer a docutils Contents transform")
    _expect_in_source(PDFContents.build_contents, "self.toc_depth", RST2PDF, what)
    _expect_in_source(Contents.apply, "self.startnode", RST2PDF, what + " (docutils' Contents.apply)")


# written for rst2pdf 0.105 and ReportLab 4.5.1: rst2pdf.createpdf.FancyDocTemplate, whose
# afterFlowable notifies "TOCEntry" (level, text, page, parent_id, node) for each
# rst2pdf.flowables.Heading laid out; rst2pdf.genelements.MyTableOfContents (the name
# HandleTopic instantiates), with its refids, refid_lut, linkColor and levelStyles, and
# its wrap() drawing the last pass's entries as a two-column Table; ReportLab's
# multiBuild (beforeBuild, build, afterBuild, isSatisfied, then canv.save) and
# Canvas.doForm, which may name a form defined later.
@contextmanager
def rst2pdf_contents_in_one_pass() -> Iterator[None]:
    """While inside: rst2pdf lays out each document once, not twice.

    rst2pdf lays a document out twice when it has contents: the first pass finds the
    pages of the headings, the second writes them into the contents. The headings (their
    level, text and anchor) are in the story before layout, so the contents can have its
    final rows from the first pass on; each page number is a form drawn there and defined
    once the pass has found it. If the headings laid out are not the ones planned, the
    contents falls back to rst2pdf's own passes.
    """
    from rst2pdf import createpdf, genelements

    document, contents = _one_pass_classes()
    saved = createpdf.FancyDocTemplate, genelements.MyTableOfContents
    createpdf.FancyDocTemplate, genelements.MyTableOfContents = document, contents
    try:
        yield
    finally:
        createpdf.FancyDocTemplate, genelements.MyTableOfContents = saved


# written for rst2pdf 0.105: RstToPdf.createPdf(text, source_path, output, doctree,
# compressed, debugLinesPdf) converts and writes one document. The converter keeps the
# document tree, the story and its styles, in reference cycles, and nothing uses it after.
@contextmanager
def rst2pdf_converters_let_go() -> Iterator[None]:
    """While inside: each rst2pdf converter forgets what it holds once its PDF is written,
    so that its story and tree go by reference counting, not by a collection that walks
    them all (pdfshared.memory.drop_tree has the measurements)."""
    from rst2pdf.createpdf import RstToPdf

    original = RstToPdf.createPdf

    @functools.wraps(original)
    def create_then_let_go(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return original(self, *args, **kwargs)
        finally:
            vars(self).clear()

    RstToPdf.createPdf = create_then_let_go
    try:
        yield
    finally:
        RstToPdf.createPdf = original


def _probe_rst2pdf_converters_let_go() -> None:
    from rst2pdf.createpdf import RstToPdf

    what = "rst2pdf.createpdf.RstToPdf.createPdf"
    _expect_parameters(RstToPdf.createPdf, ["self", "text", "source_path", "output", "doctree", "compressed",
                                            "debugLinesPdf"], RST2PDF, what)
    _expect_in_source(RstToPdf.createPdf, "self.doctree = doctree", RST2PDF, what)


@functools.cache
def _one_pass_classes() -> tuple[type, type]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph, Table
    from rst2pdf.createpdf import FancyDocTemplate
    from rst2pdf.flowables import Heading, MyTableOfContents

    def headings(story: list) -> Iterator[Any]:
        """The story's headings in the order they are laid out (containers included)."""
        for flowable in story:
            if isinstance(flowable, Heading):
                yield flowable
                continue
            for name in ("_content", "content", "_flowables", "flowables"):
                inner = getattr(flowable, name, None)
                if isinstance(inner, (list, tuple)):
                    yield from headings(list(inner))

    class LaterNumber(Flowable):
        """A contents row's page number: a form drawn right-aligned, defined after the pass."""

        def __init__(self, contents: Any, name: str, style: ParagraphStyle, label: str | None) -> None:
            super().__init__()
            self.contents, self.name, self.style, self.label = contents, name, style, label

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width, self.height = available_width, self.style.leading
            return self.width, self.height

        def draw(self) -> None:
            self.contents.canvas = self.canv
            self.canv.saveState()
            self.canv.translate(self.width, self.height - self.style.fontSize)  # a Paragraph's first baseline
            self.canv.doForm(self.name)
            self.canv.restoreState()
            if self.label:
                self.canv.linkRect("", self.label, (0, 0, self.width, self.height), relative=1)

    class OnePassContents(MyTableOfContents):
        planned: list[tuple[int, str, str]] | None = None

        def plan(self, story: list) -> None:
            if self.parent is not None:  # a local contents: rst2pdf's own passes
                return
            self.planned = [(h.level, h.text, h.parent_id) for h in headings(story)
                            if "-".join(h.parent_id.split("-")[:-1]) in self.refids]
            self.laid_out: list[tuple[int, str, str, Any]] = []
            self.canvas = None
            self.finished = False

        def notify(self, kind: str, stuff: Any) -> None:
            if self.planned is not None and kind == "TOCEntry":
                level, text, page, label, _node = stuff
                if "-".join(label.split("-")[:-1]) in self.refids:
                    self.laid_out.append((level, text, label, page))
            super().notify(kind, stuff)

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            if self.planned is None or not self.planned:
                return super().wrap(available_width, available_height)
            widths = (available_width - self.rightColumnWidth, self.rightColumnWidth)
            base_level = self.planned[0][0]
            rows = []
            for index, (level, text, label) in enumerate(self.planned):
                style = self.getLevelStyle(level - base_level)
                linked = f'<a href="#{label}" color="{self.linkColor}">{text}</a>'
                # The number has its row's font; the form draws it right-aligned, in the link colour.
                rows.append([Paragraph(linked, style), LaterNumber(self, f"contentsPage{index}", style, label)])
            self._table = Table(rows, colWidths=widths, style=self.tableStyle)
            self.width, self.height = self._table.wrapOn(self.canv, available_width, available_height)
            return self.width, self.height

        def afterBuild(self) -> None:
            super().afterBuild()
            if self.planned is None:
                return
            found = [(level, text, label) for level, text, label, _page in self.laid_out]
            if found != self.planned or self.canvas is None:
                self.planned = None  # not what was planned: rst2pdf's own passes from here
                return
            for index, (level, _text, _label, page) in enumerate(self.laid_out):
                style = self.getLevelStyle(level - self.planned[0][0])
                self.canvas.beginForm(f"contentsPage{index}", lowerx=-self.rightColumnWidth,
                                      lowery=-style.leading, upperx=0, uppery=style.leading)
                self.canvas.setFont(style.fontName, style.fontSize)
                self.canvas.setFillColor(self.linkColor)
                self.canvas.drawRightString(0, 0, str(page))
                self.canvas.endForm()
            self.finished = True

        def isSatisfied(self) -> bool:
            return self.finished or super().isSatisfied()

    class OnePassDocTemplate(FancyDocTemplate):
        def multiBuild(self, story: list, *args: Any, **kwargs: Any) -> int:
            for flowable in story:
                if isinstance(flowable, OnePassContents):
                    flowable.plan(story)
            return super().multiBuild(story, *args, **kwargs)

    return OnePassDocTemplate, OnePassContents


def _probe_rst2pdf_one_pass() -> None:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus.doctemplate import BaseDocTemplate
    from reportlab.platypus.tableofcontents import TableOfContents
    from rst2pdf import createpdf, genelements
    from rst2pdf.flowables import Heading, MyTableOfContents

    what = "the contents in one layout pass"
    _expect(createpdf.FancyDocTemplate.__bases__ == (BaseDocTemplate,), RST2PDF, what, "FancyDocTemplate's base")
    _expect_in_source(createpdf.FancyDocTemplate.afterFlowable, "self.notify('TOCEntry', (level, text, pagenum, "
                      "parent_id, node))", RST2PDF, what)
    _expect_in_source(createpdf.RstToPdf.createPdf, "pdfdoc = FancyDocTemplate(", RST2PDF, what)
    _expect_in_source(genelements.HandleTopic.gather_elements, "MyTableOfContents(parent=", RST2PDF, what)
    _expect_in_source(MyTableOfContents.notify, "if rlabel in self.refids and islocal(node):", RST2PDF, what)
    _expect_in_source(MyTableOfContents.wrap, "self._table = Table(tableData, colWidths=widths, "
                      "style=self.tableStyle)", RST2PDF, what)
    _expect_parameters(Heading.__init__, ["self", "text", "style", "bulletText", "caseSensitive", "level", "snum",
                                          "parent_id", "node"], RST2PDF, what)
    _expect_in_source(BaseDocTemplate.multiBuild, "fl.afterBuild()", "reportlab", what)
    _expect_in_source(BaseDocTemplate.multiBuild, "happy = self._allSatisfied()", "reportlab", what)
    _expect_in_source(Canvas.doForm, "or may be defined later", "reportlab", what)
    _expect_attribute(TableOfContents, "getLevelStyle", "reportlab", what)


# --- WeasyPrint --------------------------------------------------------------------

WEASYPRINT = "weasyprint"


# written for WeasyPrint 70.0: weasyprint.pdf.tags._build_box_tree(box, parent, pdf,
# page_number, nums, annotations, tags), a generator of structure elements that calls
# itself through its module's name for each child box (so a replacement sees every
# box); the boxes' element, element_tag and link_annotation attributes.
@contextmanager
def weasyprint_box_tree_wrapped(wrap: Callable[[Callable[..., Iterator[Any]]], Callable[..., Iterator[Any]]]
                                ) -> Iterator[None]:
    """While inside: WeasyPrint builds its structure tree with ``wrap(original)``."""
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    tags._build_box_tree = wrap(original)  # the function calls itself through this module name
    try:
        yield
    finally:
        tags._build_box_tree = original


def _probe_weasyprint_box_tree() -> None:
    from weasyprint.pdf import tags

    what = "weasyprint.pdf.tags._build_box_tree"
    build = _expect_attribute(tags, "_build_box_tree", WEASYPRINT, what)
    _expect_parameters(build, ["box", "parent", "pdf", "page_number", "nums", "annotations", "tags"], WEASYPRINT, what)
    _expect(inspect.isgeneratorfunction(build), WEASYPRINT, what, "it no longer yields structure elements")
    names = build.__code__.co_names
    _expect("_build_box_tree" in names, WEASYPRINT, what, "it no longer calls itself through its module's name")
    for attribute in ("element", "element_tag", "link_annotation"):
        _expect(attribute in names, WEASYPRINT, what, f"it no longer reads the boxes' {attribute!r}")


# written for WeasyPrint 70.0: weasyprint.text.ffi.pango, its cffi handle on Pango, and
# pango_version() (Pango's version as one integer).
def pango_version() -> str:
    """The version of Pango WeasyPrint lays text out with."""
    from weasyprint.text.ffi import pango

    return str(pango.pango_version())


def _probe_pango_version() -> None:
    what = "weasyprint.text.ffi.pango.pango_version"
    try:
        version = pango_version()
    except (ImportError, AttributeError) as error:
        raise UpstreamChanged(f"ppiebook.compat: {WEASYPRINT} changed: {what}: {error}") from error
    _expect(version.isdigit(), WEASYPRINT, what, f"it returned {version!r}, not a number")


# --- sphinx-autobuild --------------------------------------------------------------

AUTOBUILD = "sphinx-autobuild"


# written for sphinx-autobuild 2025.8.25: its server's parts, none documented:
# RebuildServer(paths, ignore_filter, change_callback) (an ASGI websocket endpoint with
# .paths, .ignore, .change_callback, .flag, async watch() and lifespan), IgnoreFilter
# (regular, regex_based) and JavascriptInjectorMiddleware(app, ws_url).
def autobuild_server() -> tuple[type, type, type]:
    """(RebuildServer, IgnoreFilter, JavascriptInjectorMiddleware) of sphinx-autobuild."""
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer

    return RebuildServer, IgnoreFilter, JavascriptInjectorMiddleware


def _probe_autobuild_server() -> None:
    server, ignore, injector = autobuild_server()
    what = "RebuildServer, IgnoreFilter, JavascriptInjectorMiddleware"
    _expect_parameters(server, ["paths", "ignore_filter", "change_callback"], AUTOBUILD, what)
    for text in ("self.paths = ", "self.ignore = ", "self.change_callback = ", "self.flag = "):
        _expect_in_source(server.__init__, text, AUTOBUILD, what)
    _expect(inspect.iscoroutinefunction(_expect_attribute(server, "watch", AUTOBUILD, what)), AUTOBUILD, what,
            "RebuildServer.watch is no longer a coroutine")
    _expect_in_source(server.main, "self.watch()", AUTOBUILD, what)
    for name in ("lifespan", "__call__"):
        _expect_attribute(server, name, AUTOBUILD, what)
    _expect_parameters(ignore, ["regular", "regex_based"], AUTOBUILD, what)
    _expect_parameters(injector, ["app", "ws_url"], AUTOBUILD, what)


# --- pydata-sphinx-theme -----------------------------------------------------------

PYDATA = "pydata-sphinx-theme"

# written for pydata-sphinx-theme 0.20.0: the template function its html-page-context
# handler add_toctree_functions puts in the context under this name, called as
# (kind, startdepth=1, show_nav_level=1, **toctree_kwargs) and cached by arguments.
TOCTREE_HTML = "generate_toctree_html"


def theme_toctree_html(app: Sphinx, pagename: str, context: dict[str, Any]) -> Callable[..., Any]:
    """The theme's ``generate_toctree_html`` for a page, made with ``context``'s
    ``toctree``, ``pathto`` and ``theme_external_links``."""
    from pydata_sphinx_theme.toctree import add_toctree_functions

    add_toctree_functions(app, pagename, "page.html", context, None)
    return context[TOCTREE_HTML]


def _probe_theme_toctree_html() -> None:
    from pydata_sphinx_theme.toctree import add_toctree_functions

    what = f"pydata_sphinx_theme.toctree.add_toctree_functions and {TOCTREE_HTML}"
    _expect_parameters(add_toctree_functions, ["app", "pagename", "templatename", "context", "doctree"], PYDATA, what)
    context: dict[str, Any] = {}
    add_toctree_functions(None, "index", "page.html", context, None)  # type: ignore[arg-type]
    generate = context.get(TOCTREE_HTML)
    _expect(callable(generate), PYDATA, what, f"the context has no {TOCTREE_HTML}")
    _expect_parameters(getattr(generate, "__wrapped__", generate), ["kind", "startdepth", "show_nav_level", "kwargs"],
                       PYDATA, what)


# --- svglib ------------------------------------------------------------------------

SVGLIB = "svglib"


# written for svglib 2.3.2: the module globals DEFAULT_FONT_NAME of svglib.fonts and
# svglib.svglib, the font of SVG text whose family svglib cannot find.
def set_svglib_default_font(name: str) -> None:
    import svglib.fonts
    import svglib.svglib

    svglib.fonts.DEFAULT_FONT_NAME = name
    svglib.svglib.DEFAULT_FONT_NAME = name


def _probe_svglib_default_font() -> None:
    import svglib.fonts
    import svglib.svglib

    what = "svglib.fonts.DEFAULT_FONT_NAME, svglib.svglib.DEFAULT_FONT_NAME"
    for module in (svglib.fonts, svglib.svglib):
        value = _expect_attribute(module, "DEFAULT_FONT_NAME", SVGLIB, what)
        _expect(isinstance(value, str), SVGLIB, what, f"{module.__name__}.DEFAULT_FONT_NAME is {value!r}")


# --- textstat ----------------------------------------------------------------------

TEXTSTAT = "textstat"


# written for textstat 0.7.8: textstat.textstat.textstatistics, the class of the shared
# instance the package exports (only that instance is documented); the project keeps an
# instance of its own so that settings made on the shared one do not reach it.
def textstat_instance() -> Any:
    from textstat.textstat import textstatistics

    return textstatistics()


def _probe_textstat_instance() -> None:
    import textstat

    what = "textstat.textstat.textstatistics"
    stats = textstat_instance()
    _expect(type(stats) is type(textstat.textstat), TEXTSTAT, what, "it is no longer the class of textstat.textstat")
    for name in ("set_lang", "set_rounding_points", "flesch_kincaid_grade"):
        _expect_attribute(stats, name, TEXTSTAT, what)


# --- MyST-Parser -------------------------------------------------------------------

MYST = "myst-parser"


# written for MyST-Parser 5.2.0: a page's ``env.metadata`` entries that MyST adds while
# reading it. ``myst_slugs`` maps each heading slug to (line, id, heading text); MyST's
# reference resolver reads the id and text, the line is for its warnings. ``wordcount``
# is the page's words and reading minutes, for its own substitutions. A PDF shows the id
# and text of another page's heading, never the line or the count, so the PDF builders'
# record of what a publication reads from other pages leaves them out (an edit that adds a
# line to one page would otherwise look like a change to every publication).
def metadata_without_positions(metadata: dict[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in metadata.items() if key not in ("myst_slugs", "wordcount")}
    if "myst_slugs" in metadata:
        kept["myst_slugs"] = {slug: tuple(entry[1:]) for slug, entry in metadata["myst_slugs"].items()}
    return kept


def _probe_myst_metadata() -> None:
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    from myst_parser.sphinx_ext.myst_refs import MystReferenceResolver

    what = "env.metadata's myst_slugs and wordcount"
    _expect_in_source(DocutilsRenderer._render_finalise, '["myst_slugs"] = (', MYST, what)
    _expect_in_source(DocutilsRenderer._render_finalise, 'meta["wordcount"] = wordcount_metadata', MYST, what)
    _expect_in_source(MystReferenceResolver, "_, targetid, implicit_text = slug_to_section[ref_id]", MYST, what)


SHIMS: tuple[Shim, ...] = (
    Shim(SPHINX, "9.0.4", "BuildEnvironment._search_index_index_entries", _probe_search_index_entries),
    Shim(SPHINX, "9.0.4", "Config._raw_config", _probe_set_in_conf_py),
    Shim(SPHINX, "9.0.4", "StandaloneHTMLBuilder.build_info.config_hash", _probe_html_config_hash),
    Shim(SPHINX, "9.0.4", "Builder.templates.environment", _probe_template_environment),
    Shim(SPHINX, "9.0.4", "undocumented helpers", _probe_sphinx_helpers),
    Shim(SPHINX, "9.0.4", "the logger of sphinx.util.docutils", _probe_unlocated_sphinx_logger),
    Shim(SPHINX, "9.0.4", "BuildEnvironment's doctree caches", _probe_release_doctree_caches),
    Shim(SPHINX, "9.0.4", "TocTreeCollector.assign_figure_numbers", _probe_figure_outlines),
    Shim(PYBTEX, "0.26.1", "pybtex.plugin.entry_points", _probe_pybtex_entry_points),
    Shim(RST2PDF, "0.105", "PDFBuilder internals", _probe_rst2pdf_builder),
    Shim(RST2PDF, "0.105", "PDFContents", _probe_rst2pdf_contents),
    Shim(RST2PDF, "0.105", "contents in one layout pass (and ReportLab 4.5.1)", _probe_rst2pdf_one_pass),
    Shim(RST2PDF, "0.105", "converters let go of their document once written", _probe_rst2pdf_converters_let_go),
    Shim(WEASYPRINT, "70.0", "weasyprint.pdf.tags._build_box_tree", _probe_weasyprint_box_tree),
    Shim(WEASYPRINT, "70.0", "weasyprint.text.ffi.pango", _probe_pango_version),
    Shim(AUTOBUILD, "2025.8.25", "server internals", _probe_autobuild_server),
    Shim(PYDATA, "0.20.0", "add_toctree_functions", _probe_theme_toctree_html),
    Shim(SVGLIB, "2.3.2", "DEFAULT_FONT_NAME", _probe_svglib_default_font),
    Shim(TEXTSTAT, "0.7.8", "textstat.textstat.textstatistics", _probe_textstat_instance),
    Shim(MYST, "5.2.0", "env.metadata's myst_slugs and wordcount", _probe_myst_metadata),
)


def setup(app: Sphinx) -> None:
    cache_pybtex_plugin_lookups()
