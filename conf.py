"""Sphinx configuration: thin on purpose.

The settings every ppiebook project shares come from ppiebook.config (project_defaults); identity (programme
name, language, base URL) and the list of publications come from publications.yaml. PDF
builds (``-b pdf``) load rst2pdf through ppiebook's ``sphinx.builders`` entry point.
"""

from ppiebook.config import project_defaults

globals().update(project_defaults())

# `make check`: pages that must be easy to read (reading age: Flesch-Kincaid grade + 5).
ppiebook_reading_age_targets = {"index": 15, "report/executive-summary": 15}
