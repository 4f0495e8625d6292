"""Sphinx configuration: thin on purpose.

The pipeline's settings come from the ppiebook package (ppiebook.config.project_defaults); the programme's
identity and its publications from publications.yaml. Set here only what is this project's
own, after the defaults.
"""

from ppiebook.config import project_defaults

globals().update(project_defaults())

# `make check`: pages that must be easy to read (reading age: Flesch-Kincaid grade + 5).
ppiebook_reading_age_targets = {"index": 15}
