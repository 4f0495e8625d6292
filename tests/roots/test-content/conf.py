extensions = ["myst_parser", "sphinxcontrib.bibtex", "ppiebook"]
html_theme = "sphinx_book_theme"
nitpicky = True
bibtex_bibfiles = ["data/refs.bib"]
myst_enable_extensions = ["colon_fence"]
