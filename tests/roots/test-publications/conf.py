extensions = ["myst_parser", "ppiebook"]
nitpicky = True
html_theme = "sphinx_book_theme"
