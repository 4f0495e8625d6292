"""Event priorities that matter, named, each with the reason for its place.

Sphinx calls an event's handlers in priority order, lowest first; the default is 500,
which is where Sphinx's own handlers and most extensions' (the theme's too) sit.
Handlers not listed here run at the default: their order among themselves does not matter.
"""

from __future__ import annotations

DEFAULT = 500

# config-inited
#: The translation catalogues, before anything reads a translated string: identity
#: (titles) and theme settings use them.
LOAD_CATALOGUES = 400
#: The rst2pdf documents derived from the catalogue, after identity (default) has loaded it.
DERIVE_PDF_DOCUMENTS = 600
#: Sharing settings (sitemap, canonical links) after identity has set ``html_baseurl``,
#: and after sphinxext-opengraph's and sphinx-sitemap's own defaults.
CONFIGURE_SHARING = 550

# doctree-read
#: Nodes with a source but no line (sphinx-design's card images) get their nearest line, and
#: images by web address are removed, before Sphinx's image collector (default) warns about
#: or records them: its "image file not readable" would otherwise print "page.md::".
PLACE_NODES = 400
#: Last: the outline Sphinx numbers figures from (state.py) is of the page as it is pickled,
#: after every other handler has changed it.
FIGURE_OUTLINES = 900

# env-updated
#: Circular toctrees are broken before anything walks the toctree (membership, the PDF
#: documents, the navigation) and would recurse for ever.
BREAK_TOCTREE_CYCLES = 100
#: The PDF builder stops on a circular toctree just after it has been found and reported.
STOP_PDF_ON_CYCLES = 150

# env-get-updated
#: Every page rewritten when the navigation changed, after Sphinx and other extensions
#: have named the pages they changed (the navigation fingerprint needs the final toctrees).
REWRITE_WHEN_NAV_CHANGED = 900

# builder-inited
#: The tagged edition's plain translator, after the theme (default) has registered its
#: own translator wrappers for every HTML builder.
PLAIN_TRANSLATOR = 900

# html-page-context
#: Before pydata-sphinx-theme's handlers (default): its empty-template check renders the
#: sidebar, which must already be the navigation rendered once per build.
FAST_NAVIGATION = 400
#: Before sphinxext-opengraph's handler (default): the front matter's description is the
#: page's meta description, so opengraph does not write one from the first paragraph.
PAGE_META_TAGS = 450
#: After pydata-sphinx-theme's handler (default), which puts ``generate_toctree_html`` in
#: the context that the navigation labels wrap.
LABEL_NAV_TOGGLES = 501
#: After the theme has filled the context: the download links replace its print button.
PAGE_DOWNLOADS = 600

# build-finished
#: Last: the security policy covers every page and file the other handlers wrote into the site.
SECURITY_POLICY = 900
