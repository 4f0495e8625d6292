extensions = ["myst_parser", "ppiebook"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
numfig = True
