extensions = ["myst_parser", "ppiebook"]
nitpicky = True
html_theme = "sphinx_book_theme"
# Stand-in PDFs, as a PDF build would leave them, for the HTML tests (the build command
# and the preview set their own folder).
ppiebook_pdf_dir = "pdf"
