"""PDF downloads on the HTML site.

- ``{publication-list}`` and ``{infographic-list}``: the landing page's downloads, with
  format, page count and size read from the PDFs built before the HTML.
- every page: links to the PDFs of the publications that contain it (replacing the
  theme's print-this-page button).
- the PDFs are copied into the site under ``pdf/`` so it works as plain static files.
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pikepdf
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.catalogue.membership import publications_containing
from ppiebook.catalogue.publications import Publication
from ppiebook.config import TYPE, Kind
from ppiebook.content.infographics.data import project_infographics
from ppiebook.events import PAGE_DOWNLOADS
from ppiebook.i18n import _, format_nodes, translate_data
from ppiebook.pdfshared.naming import tagged_filename
from ppiebook.site.covers import render_cover
from ppiebook.site.pdf_facts import PdfFacts, read_pdf_facts
from ppiebook.state import build_state, project_data

# What has been verified, and how: an automated PDF/UA-1 validator (docs/pdfs-and-infographics.md).
TAGGED_LABEL = _("tagged PDF for screen readers, machine-checked for PDF/UA-1")

logger = logging.getLogger(__name__)

SITE_PDF_DIR = "pdf"
SITE_COVER_DIR = "pdf/covers"


@dataclass(frozen=True)
class Download:
    """One PDF the site offers: a publication or an infographic."""

    kind: str  # "publication" or "infographic"
    id: str
    title: str
    subtitle: str
    filename: str
    location: str  # where it is defined, for messages
    read_online: str | None = None  # docname of its web edition, if any
    details: str = ""
    names: str = ""  # people's names, shown as written in every language

    @property
    def tagged_filename(self) -> str:
        """Its tagged PDF/UA edition (ppiebook.tagged), offered as the main download."""
        return tagged_filename(self.filename)


def downloads(app: Sphinx) -> list[Download]:
    catalogue = catalogue_of(app)
    items = [
        Download("publication", p.id, translate_data(p.title), translate_data(p.subtitle), p.pdf_filename,
                 catalogue.location(p), p.root, _publication_details(p), ", ".join(p.authors))
        for p in catalogue.publications
    ]
    items += [
        Download("infographic", i.id, translate_data(i.title), translate_data(i.subtitle), i.pdf_filename,
                 str(i.path), details="" if i.complete else _("Content to be supplied by the report's authors"))
        for i in project_infographics(app.srcdir, app.config.ppiebook_infographics)
    ]
    return items


def _publication_details(publication: Publication) -> str:
    details = [publication.date, _("version {version}").format(version=publication.version)]
    if publication.is_draft:
        details.append(_("draft"))
    return " · ".join(details)


class publication_list(nodes.General, nodes.Element):
    """Placeholder, filled in once the PDFs' facts are known."""


def _list_directive(kind: str) -> type[SphinxDirective]:
    class ListDirective(SphinxDirective):
        has_content = False

        def run(self) -> list[nodes.Node]:
            project_data(self.env).record("list_docs", True)
            node = publication_list(kind=kind)
            self.set_source_info(node)
            return [node]

    ListDirective.__name__ = f"{kind.title()}ListDirective"
    return ListDirective


PublicationListDirective = _list_directive("publication")
InfographicListDirective = _list_directive("infographic")


def pdf_dir(app: Sphinx) -> Path:
    return (Path(app.confdir) / app.config.ppiebook_pdf_dir).resolve()


def site_pdf_path(filename: str) -> str:
    return f"{SITE_PDF_DIR}/{filename}"


def read_all_facts(app: Sphinx, items: list[Download]) -> dict[str, PdfFacts]:
    """Facts of every PDF the site offers; a missing or broken PDF is a located warning."""
    facts: dict[str, PdfFacts] = {}
    for item in items:
        tagged = pdf_dir(app) / item.tagged_filename
        if tagged.is_file():  # built with the PDFs by `make`; absent in HTML-only projects
            try:
                facts[item.tagged_filename] = read_pdf_facts(tagged)
            except pikepdf.PdfError as exc:
                logger.warning("%s '%s': %s is not a readable PDF (%s)", item.kind, item.id, tagged, exc,
                               location=item.location, type=TYPE, subtype=Kind.DOWNLOAD)
        path = pdf_dir(app) / item.filename
        if not path.is_file() or path.stat().st_size == 0:
            logger.warning("%s '%s': no PDF at %s (build the PDFs first: make pdf)", item.kind, item.id, path,
                           location=item.location, type=TYPE, subtype=Kind.DOWNLOAD)
            continue
        try:
            facts[item.filename] = read_pdf_facts(path)
        except pikepdf.PdfError as exc:
            logger.warning("%s '%s': %s is not a readable PDF (%s)", item.kind, item.id, path, exc,
                           location=item.location, type=TYPE, subtype=Kind.DOWNLOAD)
    return facts


def is_html(app: Sphinx) -> bool:
    """A web page build (the tagged-PDF builder also writes HTML, for print only)."""
    return app.builder.format == "html" and app.builder.name != "taggedpdf"


def cover_cache(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "covers"


def collect_facts(app: Sphinx) -> None:
    """Before writing: page counts and sizes of the PDFs, and thumbnails of their covers."""
    state = build_state(app)
    state.downloads = downloads(app)
    state.pdf_facts = read_all_facts(app, state.downloads) if is_html(app) else {}
    state.covers = {
        item.filename: render_cover(pdf_dir(app) / item.filename, cover_cache(app) / cover_name(item.filename))
        for item in state.downloads
        if item.filename in state.pdf_facts
    }


def cover_name(pdf_filename: str) -> str:
    return pdf_filename.removesuffix(".pdf") + ".png"


def outdated_lists(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    """Re-read pages with a download list when the PDFs' facts changed since last build."""
    facts = build_state(app).pdf_facts
    data = project_data(env)
    if data.remembered("pdf_facts") == facts:
        return []
    data.remember("pdf_facts", facts)
    return sorted(set(data.pages("list_docs")) - removed)


def _thumbnail(app: Sphinx, docname: str, item: Download) -> nodes.raw:
    """The cover thumbnail: an <img> made here, so it needs no source image file."""
    width, height = build_state(app).covers[item.filename]
    src = posixpath.relpath(f"{SITE_COVER_DIR}/{cover_name(item.filename)}", posixpath.dirname(docname) or ".")
    alt = escape(_("First page of the PDF of {title}").format(title=item.title), quote=True)
    html = (f'<img class="ppiebook-cover" src="{src}" alt="{alt}" width="{width // 2}" '
            f'height="{height // 2}" loading="lazy">')
    return nodes.raw("", html, format="html")


def _entry(app: Sphinx, docname: str, item: Download) -> nodes.Node:
    entry = nodes.list_item(classes=[f"ppiebook-{item.kind}", "ppiebook-card"])
    if item.filename in build_state(app).covers:
        entry += _thumbnail(app, docname, item)
    heading = nodes.paragraph()
    if item.read_online:
        uri = app.builder.get_relative_uri(docname, item.read_online)
        heading += nodes.reference("", item.title, internal=True, refuri=uri, classes=["ppiebook-title"])
    else:
        heading += nodes.strong(item.title, item.title, classes=["ppiebook-title"])
    entry += heading
    if item.subtitle:
        entry += nodes.paragraph("", item.subtitle, classes=["ppiebook-subtitle"])
    if item.details:
        details = nodes.paragraph(classes=["ppiebook-details"])
        if item.names:
            # Names are not translated (class "notranslate", which translation tools honour).
            details += nodes.inline(item.names, item.names, classes=["notranslate"])
            details += nodes.Text(" · ")
        details += nodes.Text(item.details)
        entry += details
    entry += download_links(app, docname, item)
    return entry


def download_links(app: Sphinx, docname: str, item: Download) -> list[nodes.Node]:
    """The main download (the tagged PDF, when built) and the other edition beside it.

    The tagged PDF/UA edition is the one screen readers can navigate (see
    docs/pdfs-and-infographics.md for the measurements behind the choice); the rst2pdf
    edition stays on offer, labelled, for print.
    """
    facts = build_state(app).pdf_facts
    tagged, plain = facts.get(item.tagged_filename), facts.get(item.filename)
    links: list[nodes.Node] = []
    main = (item.tagged_filename, tagged, str(TAGGED_LABEL)) if tagged else (item.filename, plain, _("PDF"))
    if main[1] is not None:
        text = (_("Download the infographic {title} ({facts})") if item.kind == "infographic"
                else _("Download {title} ({facts})")).format(title=item.title, facts=main[1].label_as(main[2]))
        link = nodes.paragraph(classes=["ppiebook-download"])
        link += nodes.reference("", text, refuri=_href(docname, main[0]), classes=["ppiebook-pdf-link"])
        links.append(link)
    if tagged and plain:
        other = nodes.paragraph(classes=["ppiebook-download-other"])
        other += format_nodes(_("Or {link}"), link=nodes.reference(
            "", _("the print edition, not tagged ({facts})").format(facts=plain.label_as(_("PDF"))),
            refuri=_href(docname, item.filename), classes=["ppiebook-pdf-other-link"]))
        links.append(other)
    return links


def _href(docname: str, filename: str) -> str:
    return posixpath.relpath(site_pdf_path(filename), posixpath.dirname(docname) or ".")


def fill_publication_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(publication_list)):
        items = nodes.bullet_list(classes=["ppiebook-publications"])
        for item in build_state(app).downloads:
            if item.kind != placeholder["kind"]:
                continue
            if is_html(app):
                items += _entry(app, docname, item)
            else:
                items += nodes.list_item("", nodes.paragraph("", item.title))
        placeholder.replace_self(items)


def main_download(app: Sphinx, filename: str) -> str:
    """The file offered first: the tagged edition of ``filename`` when it was built."""
    tagged = tagged_filename(filename)
    return tagged if tagged in build_state(app).pdf_facts else filename


def add_page_downloads(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Offer the PDFs of the publications this page belongs to, in the header and footer."""
    publications = publications_containing(app, pagename)
    page_downloads = [
        {"title": translate_data(pub.title), "path": site_pdf_path(main_download(app, pub.pdf_filename)),
         "draft": pub.is_draft}
        for pub in publications
    ]
    context["ppiebook_downloads"] = page_downloads
    if page_downloads and "header_buttons" in context:
        context["header_buttons"].append({
            "type": "group",
            "tooltip": _("Download PDF"),
            "icon": "fas fa-file-pdf",
            "label": "download-pdf-button",
            "buttons": [
                {
                    "type": "link",
                    "url": context["pathto"](item["path"], 1),
                    "text": _("{title} (PDF)").format(title=item["title"]),
                    "tooltip": _("Download {title} as a PDF").format(title=item["title"]),
                    "icon": "fas fa-file-pdf",
                    "label": "download-pdf-button",
                }
                for item in page_downloads
            ],
        })


def copy_pdfs_into_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_html(app):
        return
    target = Path(app.outdir) / SITE_PDF_DIR
    target.mkdir(parents=True, exist_ok=True)
    for filename in build_state(app).pdf_facts:
        shutil.copy2(pdf_dir(app) / filename, target / filename)
    covers = Path(app.outdir) / SITE_COVER_DIR
    covers.mkdir(parents=True, exist_ok=True)
    for filename in build_state(app).covers:
        shutil.copy2(cover_cache(app) / cover_name(filename), covers / cover_name(filename))


def setup(app: Sphinx) -> None:
    app.add_node(publication_list)
    app.add_directive("publication-list", PublicationListDirective)
    app.add_directive("infographic-list", InfographicListDirective)
    app.connect("builder-inited", collect_facts)
    app.connect("env-get-outdated", outdated_lists)
    app.connect("doctree-resolved", fill_publication_lists)
    app.connect("html-page-context", add_page_downloads, priority=PAGE_DOWNLOADS)
    app.connect("build-finished", copy_pdfs_into_site)
