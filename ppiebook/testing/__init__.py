"""Generic tests of a project's outputs, as a pytest plugin (entry point ``pytest11``: ``ppiebook``).

- :mod:`ppiebook.testing.plugin`   the fixtures ``ppiebook_project`` and ``ppiebook_built``,
  the ``ppiebook_publication`` parameter and the markers; pytest loads it by itself once
  ppiebook is installed;
- :mod:`ppiebook.testing.outputs`  the tests, which a project takes with one line in one of
  its test files: ``from ppiebook.testing.outputs import *``.

They check what any project's build must give (every PDF, tagged PDFs that say their
structure, language and title, HTML pages with a title and a language, no markup left
unrendered, no broken internal link), never a programme's own content.
"""
