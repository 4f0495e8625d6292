extensions = ["myst_parser", "ppiebook", "sphinx_design", "sphinx_togglebutton"]
myst_enable_extensions = ["colon_fence"]
html_theme = "sphinx_book_theme"
nitpicky = True
html_theme_options = {"use_fullscreen_button": False}  # its onclick= breaks the CSP, as in conf.py
