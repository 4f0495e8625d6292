extensions = ["myst_parser", "sphinxcontrib.bibtex", "ppiebook"]
html_theme = "sphinx_book_theme"
nitpicky = True
bibtex_bibfiles = ["data/refs.bib"]
myst_enable_extensions = ["colon_fence"]
# Stand-in PDFs, as a PDF build would leave them, for the HTML tests (the build command
# and the preview set their own folder).
ppiebook_pdf_dir = "pdf"
