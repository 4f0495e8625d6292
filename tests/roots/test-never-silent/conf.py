"""A root with markup MyST leaves as text when its syntax extensions are off, images and an
include by web address, and a role of a domain that does not exist (tests/test_never_silent.py).
Only colon_fence is on; tests turn the others on with confoverrides."""

extensions = ["myst_parser", "ppiebook"]
myst_enable_extensions = ["colon_fence"]
