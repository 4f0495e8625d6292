extensions = ["myst_parser", "sphinxcontrib.bibtex", "ppiebook", "sphinx_design",
              "sphinx_togglebutton"]
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True
bibtex_bibfiles = ["data/refs.bib"]
numfig = True
