"""Sphinx extension for the Community Connexions publishing pipeline.

The packages follow the pipeline (ARCHITECTURE.md draws it):

- :mod:`ppiebook.catalogue`  publications.yaml: identity, publications, membership, citations
- :mod:`ppiebook.content`    the project's directives, each with its rendering for every edition
- :mod:`ppiebook.checks`     what every build refuses, and `make check`
- :mod:`ppiebook.i18n`       translations: catalogues, language switcher, right-to-left pages
- :mod:`ppiebook.site`       the HTML site: theme fit, navigation, downloads, sharing, security policy
- :mod:`ppiebook.pdfshared`  what both PDF editions share: front matter, metadata, fonts, rebuild state
- :mod:`ppiebook.pdf`        the print edition with rst2pdf (builder ``pdf``)
- :mod:`ppiebook.tagged`     the tagged PDF/UA-1 edition with Typst, and its checks (builder ``taggedpdf``)
- :mod:`ppiebook.commands`   build, preview, dist, new (the project template), citation file

Beside them: :mod:`.config` (settings and warning kinds), :mod:`.events` (event
priorities), :mod:`.state` (what a build keeps) and :mod:`.compat` (other packages'
private APIs). Each package wires itself in its own ``setup(app)``; this one only calls them.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ppiebook import catalogue, checks, compat, config, content, i18n, site, state

__version__ = "0.2.0"  # as pyproject.toml says (tests/test_package.py)


def setup(app: Sphinx) -> dict[str, Any]:
    for stage in (config, state, compat, catalogue, content, checks, i18n, site):
        stage.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
