extensions = ["myst_parser", "ppiebook"]
myst_enable_extensions = ["colon_fence", "tasklist"]
nitpicky = True
myst_heading_anchors = 3
