"""A second Sphinx project that links into the handbook through intersphinx.

The tests set ``intersphinx_mapping = {"cc": ("https://example.org/cc/", <objects.inv>)}``
with the real project's built inventory, so nothing is fetched.
"""

extensions = ["myst_parser", "sphinx.ext.intersphinx"]
project = "Intersphinx consumer"
root_doc = "index"
source_suffix = {".md": "markdown"}
# Every reference must resolve: an unresolved one is a warning the tests see.
nitpicky = True
intersphinx_disabled_reftypes = ["*"]
