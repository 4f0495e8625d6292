"""Sharing: OpenGraph metadata on every page, and a sitemap and canonical links when the
programme has a public address (``base_url`` in publications.yaml).

OpenGraph comes from sphinxext-opengraph, the sitemap from sphinx-sitemap; both are set
up from the catalogue so the address is written in one place only.
"""

from __future__ import annotations

import contextlib
import html
import io

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.config import TYPE, Kind, where
from ppiebook.content import formulas
from ppiebook.content.node import ToolMissing
from ppiebook.events import CONFIGURE_SHARING, PAGE_META_TAGS

logger = logging.getLogger(__name__)


def load_opengraph(app: Sphinx) -> None:
    # sphinxext-opengraph prints a notice about its optional social cards on import.
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")


def configure_sharing(app: Sphinx, config: Config) -> None:
    programme = catalogue_of(app).programme
    config.ogp_site_name = programme.name
    config.ogp_social_cards = {"enable": False}  # needs matplotlib; a plain card is enough
    config.ogp_enable_meta_description = True
    if programme.base_url:
        config.ogp_site_url = programme.base_url
        # Sphinx writes <link rel="canonical"> from html_baseurl (set by identity.py).
        app.setup_extension("sphinx_sitemap")
        config.sitemap_url_scheme = "{link}"


def page_description(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a page's front matter ``description`` is its OpenGraph description
    (sphinxext-opengraph takes ``og:`` fields from the page's metadata)."""
    metadata = app.env.metadata.setdefault(app.env.docname, {})
    if "description" not in metadata and formulas.has_maths(doctree):
        # opengraph would describe the page with its TeX ("\\frac{a}{b}"): say the formulas instead.
        try:
            metadata["description"] = formulas.spoken_text(doctree, app.config, app.confdir, app.srcdir)
        except (ToolMissing, RuntimeError) as error:
            logger.warning("cannot say the formulas for the page's description: %s", error,
                           location=where(next(doctree.findall(nodes.math), doctree)), type=TYPE, subtype=Kind.MATHS)
    if isinstance(metadata.get("description"), str):
        metadata.setdefault("og:description", metadata["description"])


def page_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """``html-page-context``, before sphinxext-opengraph's: the front matter's ``description``
    and ``keywords`` as the page's meta tags (opengraph then writes no description of its own)."""
    metadata = context.get("meta") or {}
    tags = []
    if isinstance(metadata.get("description"), str):
        tags.append(f'<meta name="description" content="{html.escape(metadata["description"])}" />')
    keywords = metadata.get("keywords")
    if isinstance(keywords, list):
        keywords = ", ".join(map(str, keywords))
    if isinstance(keywords, str) and keywords:
        tags.append(f'<meta name="keywords" content="{html.escape(keywords)}" />')
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def setup(app: Sphinx) -> None:
    load_opengraph(app)
    app.connect("doctree-read", page_description)
    app.connect("html-page-context", page_meta_tags, priority=PAGE_META_TAGS)
    app.connect("config-inited", configure_sharing, priority=CONFIGURE_SHARING)
