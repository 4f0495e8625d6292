extensions = ["myst_parser", "ppiebook"]
myst_enable_extensions = ["colon_fence", "deflist", "tasklist", "attrs_inline", "attrs_block",
                          "substitution", "fieldlist"]
nitpicky = True
