extensions = ["myst_parser", "ppiebook"]
nitpicky = True
html_theme = "sphinx_book_theme"
html_theme_options = {"home_page_in_toc": True, "show_navbar_depth": 1}
