"""HTML validity, this project's part. The Nu Html Checker runs on every built page in the
ppiebook plugin's test_nu_html_checker_finds_no_errors (ppiebook.testing.outputs, run on this
build by tests/test_outputs_plugin.py), with vnu.jar from tests/tools (npm package vnu-jar,
installed by `make test`). Here: that the pages it and the browser checks look at are the
whole site."""

from __future__ import annotations

from pathlib import Path

from ppiebook.testing.pages import site_pages


def test_checks_see_the_whole_site(built: Path) -> None:
    """The plugin's page list (the HTML checker's, axe's, the layout and focus walks') holds
    this site's pages, not template fragments."""
    site = built / "html"
    pages = [str(page.relative_to(site)) for page in site_pages(site)]
    assert len(pages) >= 20
    assert {"index.html", "handbook/planning.html", "search.html"} <= set(pages)
    assert not [page for page in pages if page.startswith("_")]

