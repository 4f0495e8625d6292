"""``-b taggedpdf``: one tagged PDF/UA-1 file per publication and per infographic.

Built on Sphinx's single-file HTML builder so that every MyST feature goes through
Sphinx's own HTML translator; the theme's page templates are never used. For each
publication: assemble its pages (assemble.py), wrap them in the print template with
cover, imprint and contents (front.py, style.py), turn that into Typst markup
(typeset.py) and render it with Typst, or render the HTML with WeasyPrint (render.py),
stamp the same metadata as the rst2pdf edition, and check the file with the independent
PDF/UA-1 validator (validate.py) and the project's own checker (check.py). The print HTML
is made in the builder's process; rendering, stamping and checking run two PDFs at a time
in forked worker processes.
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import ConfigError, SphinxError
from sphinx.util import logging

from ppiebook.catalogue.identity import catalogue_in
from ppiebook.catalogue.membership import documents_of
from ppiebook.catalogue.publications import Publication
from ppiebook.compat import darkgreen, inline_all_toctrees, release_doctree_caches
from ppiebook.config import TYPE, Kind
from ppiebook.content.infographics.data import Infographic
from ppiebook.content.infographics.directive import drawing, edition_infographics
from ppiebook.i18n import _, catalogue_digest, translate_data
from ppiebook.i18n.languages import language_tag
from ppiebook.pdfshared.inputs import build_inputs, canonical, folders_digest, inputs_key, pages_digest
from ppiebook.pdfshared.memory import drop_tree, set_aside
from ppiebook.pdfshared.metadata import Metadata, infographic_metadata, publication_metadata, stamp_metadata
from ppiebook.pdfshared.naming import TAGGED as BUILDER
from ppiebook.pdfshared.naming import TAGGED_WRITTEN, tagged_filename
from ppiebook.pdfshared.outputstate import Selection
from ppiebook.pdfshared.pages import TOC_DEPTH
from ppiebook.tagged.assemble import make_ids_unique, mark_chapters, resolve_links, sections
from ppiebook.tagged.check import check_pdf
from ppiebook.tagged.front import contents_html, cover_html, imprint_html
from ppiebook.tagged.incremental import PART, code, fingerprint
from ppiebook.tagged.parts import KEPT_PARTS, Plan, render_parts
from ppiebook.tagged.render import render_pdf, render_typst
from ppiebook.tagged.style import font_folders, infographic_css, print_css, typst_style
from ppiebook.tagged.typeset import Notes, Parts, Style, TypesetError, to_typst
from ppiebook.tagged.validate import validate, validator_version

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).with_name("templates")
SVG = "{http://www.w3.org/2000/svg}"
# What can lay out the tagged edition (ppiebook_tagged_renderer): Typst, from the print
# HTML as Typst markup; WeasyPrint, from the print HTML and CSS.
RENDERERS = ("typst", "weasyprint")
# Projects of this many pages or more have their PDFs made by workers forked from a small
# server process (start_workers).
LARGE_PROJECT = 200


def scope_header_cells(html: str) -> str:
    """Sphinx writes header cells as ``<th class="head">`` (table head) and ``<th
    class="stub">`` (stub column) without ``scope``; say which cells they head."""
    html = re.sub(r'<th class="head(?=[ "])', '<th scope="col" class="head', html)
    return re.sub(r'<th class="stub(?=[ "])', '<th scope="row" class="stub', html)


# How much lower the checker's priority is when it runs beside the validator (verify); 10
# gives it about a tenth of the share of a process at the default priority.
CHECKER_NICENESS = 10


def verify(pdf: Path, beside: bool = False) -> list[str]:
    """The faults of one tagged PDF just written: the independent validator's, then the
    project's own checker's. With ``beside``, the checker runs in a process of its own
    meanwhile: when one PDF is made (after an edit), the validator alone would leave a core
    idle; when several are, both workers are busy and a third process only slows them
    (measured on the 400-page tree: after an edit 18.2 s -> 16.3 s, all three 30.4 -> 33.0 s).
    That process runs at a lower priority (``CHECKER_NICENESS``): the validator takes longer
    and ends the build, and while the print edition still runs, three processes share two
    cores; the checker then waits for the core the print edition leaves.
    A kept file is not checked again: it is byte for byte (SHA-256) the file that passed
    both when it was written, and the validator's version and the checker's code are part
    of its fingerprint and of its inputs key."""
    if not beside:
        return [str(finding) for finding in validate(pdf)] + _checker_faults(pdf)
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"), initializer=os.nice,
                             initargs=(CHECKER_NICENESS,)) as other:
        checked = other.submit(_checker_faults, pdf)
        faults = [str(finding) for finding in validate(pdf)]
        return faults + checked.result()


def _checker_faults(pdf: Path) -> list[str]:
    return [f"{result.rule}: {result.detail}" for result in check_pdf(pdf) if not result.passed]


def make_pdf(source: Path | Plan, pdf: Path, metadata: Metadata, notes: Notes | None = None,
             epoch: str | None = None) -> tuple[list[str], float, Path | None]:
    """Render and stamp one tagged PDF (in a worker process): its faults, the seconds it
    took, and the file (None when none was written). ``source``: print HTML for WeasyPrint,
    or its Typst markup (``.typ``) for Typst, or the plan of its parts (which carries each
    part's ``notes`` for the repairs; a ``.typ`` file's are given). ``epoch``: the
    builder's SOURCE_DATE_EPOCH (a worker has the environment its server started with).
    The file is checked after, as a task of its own (:func:`verify`)."""
    if epoch is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    started = time.perf_counter()
    if isinstance(source, Plan):
        faults = render_parts(source, pdf, font_folders(), metadata)
    elif source.suffix == ".typ":
        faults = render_typst(source, pdf, font_folders(), notes or Notes(), metadata)
    else:
        faults = [f"WeasyPrint: {m}" for m in render_pdf(source, pdf, metadata["language"])]
        if pdf.is_file():
            stamp_metadata(pdf, **metadata)
    if faults and not pdf.is_file():
        return faults, time.perf_counter() - started, None
    return faults, time.perf_counter() - started, pdf


def _failed(fault: str) -> tuple[list[str], None, None]:
    return [fault], None, None


def start_workers(large: bool) -> ProcessPoolExecutor:
    """The two processes that render, stamp and check the PDFs. For a ``large`` project they
    are forked from a server process that has imported this module and nothing of the build:
    forked from the builder, each would also count the builder's memory (the environment,
    about 450 MB at 1000 pages) on top of Typst's and the validator's. The server costs
    about 0.7 s to start, so it starts at once, while the first print HTML is made; a small
    project's workers are forked from the builder, at no cost (and see what its tests patch)."""
    if not large:
        return ProcessPoolExecutor(max_workers=2, mp_context=get_context("fork"))
    context = get_context("forkserver")
    context.set_forkserver_preload([__name__])
    workers = ProcessPoolExecutor(max_workers=2, mp_context=context)
    workers.submit(int)
    return workers


class TaggedPdfBuildError(SphinxError):
    category = "Tagged PDF build failed"


class TaggedPdfBuilder(SingleFileHTMLBuilder):
    name = BUILDER
    epilog = "The tagged PDFs are in %(outdir)s."
    search = False

    def init(self) -> None:
        renderer = self.config.ppiebook_tagged_renderer
        if renderer not in RENDERERS:  # a misspelt name must not quietly pick one
            raise ConfigError(f"ppiebook_tagged_renderer is {renderer!r}: it must be one of "
                              + ", ".join(repr(name) for name in RENDERERS))
        # A scaled image would be wrapped in a link to its file: a file:// link in a PDF.
        self.config.html_scaled_image_link = False
        super().init()
        self.print_templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
        self.timings: dict[str, float] = {}

    @property
    def pdf_dir(self) -> Path:
        # Absolute: the workers' current folder is their server's.
        return Path(os.path.abspath(self.config.ppiebook_tagged_pdf_dir or self.outdir))

    def write_documents(self, _docnames: object) -> None:
        # The pages read in this build stay in memory for write_doc, which is not called here.
        release_doctree_caches(self.env)
        set_aside()  # the environment, read: it lives to the end (pdfshared.memory)
        self.prepare_writing(self.env.all_docs.keys())
        self.pdf_dir.mkdir(parents=True, exist_ok=True)
        catalogue = catalogue_in(self.env)
        language = language_tag(self.config, catalogue)
        self.selection = Selection(self.pdf_dir, PART)
        renderer = self.config.ppiebook_tagged_renderer
        # The project's translations are in the HTML already; in the code too, as in the print edition.
        self.code, self.files = code(renderer) + catalogue_digest(self.srcdir, self.config), {}
        outputs = [Path(self.outdir), Path(self.doctreedir), self.pdf_dir]
        common = inputs_key(self.code, renderer, folders_digest(font_folders()),
                            build_inputs(self.env, self.config, outputs, ["ppiebook_tagged_pdf_dir"]))
        # Per file not kept by the key of its inputs: its name, where its faults are reported,
        # its kind, that key (None: an infographic, whose page costs little to make), and how
        # to make its print HTML, metadata and Typst style (HTML and style only when needed).
        work: list[tuple[str, str, str, str | None, Callable[[], str], Metadata, Callable[[], Style]]] = []
        for publication in catalogue.publications:
            filename = tagged_filename(publication.pdf_filename)
            pages = pages_digest(self.env, documents_of(self.env, publication.root))
            key = inputs_key(common, repr(canonical(publication)), pages)
            if self.selection.reuse(filename, "publications", key):
                continue
            work.append((filename, catalogue.location(publication), "publications", key,
                         functools.partial(self.publication_html, publication),
                         publication_metadata(publication, catalogue.programme, language),
                         functools.partial(typst_style, publication, catalogue, language)))
        for infographic in edition_infographics(self.config, self.srcdir):
            work.append((tagged_filename(infographic.pdf_filename), str(infographic.path), "infographics", None,
                         functools.partial(self.infographic_html, infographic),
                         infographic_metadata(infographic, catalogue.programme, language),
                         functools.partial(typst_style, None, catalogue, language)))
        # Each PDF is rendered and stamped, then checked (validator, then checker), in one of
        # two worker processes (start_workers): with 2 cores, two publications lay out at once,
        # and the print edition's build (in its own process) shares them. This process makes
        # each PDF's print HTML (it needs Sphinx) and hands the PDF over at once, so the first
        # starts as early as it can. Faults are reported in the catalogue's order.
        jobs: list[tuple[str, str, Future]] = []
        with start_workers(bool(work) and len(self.env.all_docs) >= LARGE_PROJECT) as workers:
            afresh = 0  # publications made afresh, not kept by their print HTML
            for filename, location, kind, key, html_text, metadata, style in work:
                job = self._submit(filename, kind, key, html_text, metadata, style, workers)
                if job is not None:
                    jobs.append((filename, location, job))
                    afresh += kind == "publications"
            # One publication made: its checks may use the second core (verify).
            checks = self._check_when_written([job for _, _, job in jobs], workers, beside=afresh <= 1)
            faults: list[str] = []
            for filename, location, job in jobs:
                found, seconds, _ = job.result()
                if seconds is not None:
                    self.timings[filename] = seconds
                if job in checks:
                    found = found + checks[job].result()
                for fault in found:
                    logger.warning("%s: %s", filename, fault, location=location, type=TYPE,
                                   subtype=Kind.TAGGED_PDF)
                    faults.append(fault)
        if faults:
            raise TaggedPdfBuildError(f"{len(faults)} problem(s) with the tagged PDFs, listed above; "
                                      "no PDF was published")
        self.selection.record(log_key="tagged")

    def _check_when_written(self, made: list[Future], workers: ProcessPoolExecutor,
                            beside: bool) -> dict[Future, Future]:
        """Each PDF written is handed to a worker to be checked (verify) as soon as it is.
        Once all are written, none with a fault, the build is told (TAGGED_WRITTEN): the
        site, which reads only their pages and sizes, can be built while the checks run.
        ``beside``: each checker in a process beside its validator (verify), when one
        publication was made afresh (an edit), however many were assembled to learn it."""
        checks, clean = {}, True
        for job in as_completed(made):
            faults, _, pdf = job.result()
            clean = clean and not faults
            if pdf is not None:
                checks[job] = workers.submit(verify, pdf, beside)
        if clean:
            self.events.emit(TAGGED_WRITTEN)
        return checks

    def _submit(self, filename: str, kind: str, key: str | None, make_html: Callable[[], str], metadata: Metadata,
                make_style: Callable[[], Style], workers: ProcessPoolExecutor) -> Future | None:
        """Hand one tagged PDF to ``workers`` to be made afresh (make_pdf), or keep the last good
        one (None) when it was made from this very print HTML. With Typst, the HTML becomes
        Typst markup here (``make_style``: the print CSS's values)."""
        html_text = make_html()
        release_doctree_caches(self.env)  # the bytes of the pages just read
        renderer = self.config.ppiebook_tagged_renderer
        settings = renderer + str(self.config.ppiebook_tagged_part_size)
        if not self.selection.wanted(filename, kind, fingerprint(html_text, metadata, self.code + settings,
                                                                 self.files), key):
            return None
        pdf = self.pdf_dir / filename
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        logger.info(darkgreen(filename))
        html = Path(self.outdir) / filename.replace(".pdf", ".html")
        html.write_text(html_text, encoding="utf-8")
        if renderer == "typst":
            source = html.with_suffix(".typ")
            try:
                markup, notes = to_typst(html_text, make_style(), Path(self.outdir) / "typst-assets", filename,
                                         self.config.ppiebook_tagged_part_size)
            except TypesetError as error:
                return workers.submit(_failed, str(error))
            if isinstance(markup, Parts):
                plan = self._plan(source, markup, Path(self.doctreedir) / KEPT_PARTS)
                return workers.submit(make_pdf, plan, pdf, metadata, None, epoch)
            source.write_text(markup, encoding="utf-8")
            return workers.submit(make_pdf, source, pdf, metadata, notes, epoch)
        return workers.submit(make_pdf, html, pdf, metadata, None, epoch)

    @staticmethod
    def _plan(source: Path, parts: Parts, kept: Path) -> Plan:
        """Write the sources of a publication in parts beside ``source``: the front matter's
        there, each body part's as ``.part-N.typ``. Their PDFs go to ``kept``, in the
        environment's folder: the output folder of ``build pdf`` is scratch, emptied each
        build, and a part that did not change is kept from the last build."""
        source.write_text(parts.front, encoding="utf-8")
        bodies = [source.with_suffix(f".part-{number}.typ") for number in range(1, len(parts.bodies) + 1)]
        for path, markup in zip(bodies, parts.bodies, strict=True):
            path.write_text(markup, encoding="utf-8")
        kept.mkdir(parents=True, exist_ok=True)
        return Plan(source, bodies, parts.headings, parts.contents, kept, parts.front_notes, parts.body_notes)

    # The print HTML of one publication

    def render_node(self, node: nodes.Node) -> str:
        return self.render_partial(node)["fragment"]

    def publication_html(self, publication: Publication) -> str:
        catalogue = catalogue_in(self.env)
        docnames = documents_of(self.env, publication.root)
        tree = self.env.get_doctree(publication.root)
        tree = inline_all_toctrees(self, set(), publication.root, tree, darkgreen, [publication.root])
        tree["docname"] = publication.root
        # Links to the root page aim at its first section (the other pages carry a
        # "document-<page>" anchor from inline_all_toctrees, the root does not).
        first = tree.next_node(nodes.section)
        if first is not None:
            first["ids"].append(f"document-{publication.root}")
        self.env.resolve_references(tree, publication.root, self)
        mark_chapters(tree, self.env.metadata)
        mapping = make_ids_unique(tree, publication.root)
        resolve_links(tree, publication.root, set(docnames), mapping, self._elsewhere)
        body = self._body(tree, publication.root)
        contents = contents_html(sections(tree, TOC_DEPTH))
        drop_tree(tree)  # made into HTML: freed now, not by a collection (pdfshared.memory)
        programme = catalogue.programme
        return self.print_templates.get_template("print.html").render(
            lang=language_tag(self.config, catalogue),
            title=translate_data(publication.title),
            subtitle=translate_data(publication.subtitle),
            authors=publication.authors,
            keywords=publication_metadata(publication, programme)["keywords"],
            contents_title=_("Contents"),
            css=Markup(print_css(publication, catalogue)),
            highlight_css=Markup(self.highlighter.get_stylesheet()),
            cover=Markup(cover_html(publication, catalogue, self.render_node)),
            imprint=Markup(imprint_html(publication, catalogue, self.render_node)),
            contents=Markup(contents),
            body=Markup(body),
        )

    def _elsewhere(self, docname: str, anchor: str) -> str | None:
        """A page outside this publication: its web address, once the site has one."""
        return catalogue_in(self.env).programme.address(docname, anchor)

    def _body(self, tree: nodes.document, docname: str) -> str:
        """The publication's pages through Sphinx's HTML translator; images read from disk."""
        self.images = {}
        for image in tree.findall(nodes.image):
            image.setdefault("candidates", {"?": image["uri"]})  # made by a post-transform
        self.post_process_images(tree)
        # Images stay where they are: WeasyPrint reads the project's files.
        self.images = {uri: uri for uri in self.images}
        self.imgpath = Path(self.srcdir).as_uri()
        tree.settings = self.docsettings
        self.secnumbers, self.fignumbers = {}, {}
        self.current_docname = docname
        visitor = self.create_translator(tree, self)
        tree.walkabout(visitor)
        return scope_header_cells("".join(visitor.fragment))

    # The print HTML of one infographic: its picture on an A4 page, as in the rst2pdf edition

    def infographic_html(self, infographic: Infographic) -> str:
        catalogue = catalogue_in(self.env)
        svg = drawing(infographic, self.config, self.srcdir, catalogue)
        # The alt text is the drawing's own title and description (the data's steps).
        root = ElementTree.parse(svg).getroot()
        alt = " ".join(filter(None, (root.findtext(f"{SVG}title"), root.findtext(f"{SVG}desc"))))
        metadata = infographic_metadata(infographic, catalogue.programme, language_tag(self.config, catalogue))
        return self.print_templates.get_template("infographic.html").render(
            lang=language_tag(self.config, catalogue),
            title=metadata["title"],
            subtitle=infographic.subtitle,
            authors=metadata["authors"],
            keywords=metadata["keywords"],
            src=svg.resolve().as_uri(),
            alt=_("Infographic: {title}").format(title=alt),
            css=Markup(infographic_css()),
        )

    def finish(self) -> None:
        """Nothing else to write: no static files, search index or inventory for a PDF."""
        total = sum(self.timings.values())
        logger.info("tagged PDFs: %s", ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items()))
        logger.info("tagged PDFs rendered in %.1f s in all, two at a time, each validated (%s) after (%d kept "
                    "unchanged)", total, validator_version(),
                    len(self.selection.skipped) if hasattr(self, "selection") else 0)

