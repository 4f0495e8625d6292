"""Helpers for the tests, reached only through the fixtures tests/conftest.py provides
(no test file imports a helper, conftest or another test file):

- browser: the `serve` and `browser` fixtures (a pytest plugin that conftest loads);
- files: stand-in PDFs, file-tree digests, edits, copies of the real project;
- pdfcheck: facts read out of built PDFs (fonts, images, word boxes, text);
- sources: the MyST sources as an author wrote them (headings, toctrees, words);
- i18n_scan: visible text a pseudo-translated site left untranslated.
"""
