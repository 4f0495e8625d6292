"""A root for make check's rules read from doctrees (tests/test_checks_doctree_rules.py):
a passage repeated on two pages, claims marked as unconfirmed, long sentences and vague
link text, each next to a correct case the rules must leave alone."""

extensions = ["myst_parser", "ppiebook"]
myst_enable_extensions = ["colon_fence"]
