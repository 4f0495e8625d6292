"""The HTML site: sphinx-book-theme fitted to publications.

- :mod:`.theme`         the theme's settings, footer, brand colours, labelled navigation toggles
- :mod:`.fastnav`       the sidebar navigation rendered once per build, not once per page
- :mod:`.templatecache` compiled page templates kept between builds
- :mod:`.downloads`     PDF download links, the landing page's publication list, PDFs copied into the site
- :mod:`.covers`, :mod:`.pdf_facts` cover thumbnails, page counts and sizes for the download cards
- :mod:`.draft`         the DRAFT banner on every page of a draft
- :mod:`.sharing`       OpenGraph, sitemap and canonical links from the base address
- :mod:`.searchentries` index entries in the search index survive rebuilds
- :mod:`.csp`           the Content-Security-Policy of every page
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ppiebook.site import csp, downloads, draft, fastnav, searchentries, sharing, templatecache, theme


def setup(app: Sphinx) -> None:
    for part in (theme, sharing, downloads, searchentries, draft, fastnav, templatecache, csp):
        part.setup(app)
