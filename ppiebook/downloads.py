"""PDF downloads on the HTML site.

- ``{publication-list}``: the landing page's list of publications, with format, page
  count and size read from the PDFs built before the HTML.
- every page: links to the PDFs of the publications that contain it (replacing the
  theme's print-this-page button).
- the PDFs are copied into the site under ``pdf/`` so it works as plain static files.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from typing import Any

import pikepdf
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .catalogue import Publication
from .envdata import record, store
from .identity import catalogue_of
from .membership import publications_containing
from .pdf_facts import PdfFacts, read_pdf_facts

logger = logging.getLogger(__name__)

SITE_PDF_DIR = "pdf"


class publication_list(nodes.General, nodes.Element):
    """Placeholder, filled in once the PDFs' facts are known."""


class PublicationListDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        record(self.env, "ppiebook_list_docs", True)
        node = publication_list()
        self.set_source_info(node)
        return [node]


def pdf_dir(app: Sphinx) -> Path:
    return (Path(app.confdir) / app.config.ppiebook_pdf_dir).resolve()


def site_pdf_path(publication: Publication) -> str:
    return f"{SITE_PDF_DIR}/{publication.pdf_filename}"


def read_all_facts(app: Sphinx) -> dict[str, PdfFacts]:
    """Facts of every publication's PDF; a missing or broken PDF is a located warning."""
    facts: dict[str, PdfFacts] = {}
    catalogue = catalogue_of(app)
    for publication in catalogue.publications:
        path = pdf_dir(app) / publication.pdf_filename
        location = catalogue.location(publication)
        if not path.is_file() or path.stat().st_size == 0:
            logger.warning(
                "publication '%s': no PDF at %s (build the PDFs first: make pdf)",
                publication.id, path, location=location, type="ppiebook", subtype="download",
            )
            continue
        try:
            facts[publication.id] = read_pdf_facts(path)
        except pikepdf.PdfError as exc:
            logger.warning(
                "publication '%s': %s is not a readable PDF (%s)", publication.id, path, exc,
                location=location, type="ppiebook", subtype="download",
            )
    return facts


def is_html(app: Sphinx) -> bool:
    return app.builder.format == "html"


def collect_facts(app: Sphinx) -> None:
    app.ppiebook_pdf_facts = read_all_facts(app) if is_html(app) else {}  # type: ignore[attr-defined]


def outdated_lists(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    """Re-read pages with a publication list when the PDFs' facts changed since last build."""
    facts = getattr(app, "ppiebook_pdf_facts", {})
    if getattr(env, "ppiebook_seen_facts", None) == facts:
        return []
    env.ppiebook_seen_facts = facts
    return sorted(set(store(env, "ppiebook_list_docs")) - removed)


def _entry(app: Sphinx, docname: str, publication: Publication) -> nodes.Node:
    item = nodes.list_item(classes=["ppiebook-publication"])
    para = nodes.paragraph()
    read_uri = app.builder.get_relative_uri(docname, publication.root)
    para += nodes.reference("", publication.title, internal=True, refuri=read_uri, classes=["ppiebook-title"])
    item += para
    if publication.subtitle:
        item += nodes.paragraph("", publication.subtitle, classes=["ppiebook-subtitle"])
    details = f"{', '.join(publication.authors)} · {publication.date} · version {publication.version}"
    if publication.is_draft:
        details += " · draft"
    item += nodes.paragraph("", details, classes=["ppiebook-details"])
    facts = app.ppiebook_pdf_facts.get(publication.id)  # type: ignore[attr-defined]
    if facts is not None:
        href = posixpath.relpath(site_pdf_path(publication), posixpath.dirname(docname) or ".")
        link = nodes.paragraph(classes=["ppiebook-download"])
        link += nodes.reference(
            "", f"Download {publication.title} ({facts.label})", refuri=href, classes=["ppiebook-pdf-link"]
        )
        item += link
    return item


def fill_publication_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(publication_list)):
        items = nodes.bullet_list(classes=["ppiebook-publications"])
        for publication in catalogue_of(app).publications:
            if is_html(app):
                items += _entry(app, docname, publication)
            else:
                items += nodes.list_item("", nodes.paragraph("", publication.title))
        placeholder.replace_self(items)


def add_page_downloads(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Offer the PDFs of the publications this page belongs to, in the header and footer."""
    publications = publications_containing(app, pagename)
    downloads = [
        {"title": pub.title, "path": site_pdf_path(pub), "draft": pub.is_draft} for pub in publications
    ]
    context["ppiebook_downloads"] = downloads
    if downloads and "header_buttons" in context:
        context["header_buttons"].append({
            "type": "group",
            "tooltip": "Download PDF",
            "icon": "fas fa-file-pdf",
            "label": "download-pdf-button",
            "buttons": [
                {
                    "type": "link",
                    "url": context["pathto"](item["path"], 1),
                    "text": f"{item['title']} (PDF)",
                    "tooltip": f"Download {item['title']} as a PDF",
                    "icon": "fas fa-file-pdf",
                    "label": "download-pdf-button",
                }
                for item in downloads
            ],
        })


def copy_pdfs_into_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_html(app):
        return
    target = Path(app.outdir) / SITE_PDF_DIR
    target.mkdir(parents=True, exist_ok=True)
    for publication in catalogue_of(app).publications:
        source = pdf_dir(app) / publication.pdf_filename
        if publication.id in app.ppiebook_pdf_facts:  # type: ignore[attr-defined]
            shutil.copy2(source, target / publication.pdf_filename)
