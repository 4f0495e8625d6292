"""Sharing: OpenGraph metadata on every page, and a sitemap and canonical links when the
programme has a public address (``base_url`` in publications.yaml).

OpenGraph comes from sphinxext-opengraph, the sitemap from sphinx-sitemap; both are set
up from the catalogue so the address is written in one place only.
"""

from __future__ import annotations

import contextlib
import io

from sphinx.application import Sphinx
from sphinx.config import Config

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.events import CONFIGURE_SHARING


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


def setup(app: Sphinx) -> None:
    load_opengraph(app)
    app.connect("config-inited", configure_sharing, priority=CONFIGURE_SHARING)
