"""Sphinx numbers figures, tables and listings from each page's outline (compat.figure_outline)
instead of reading every page again: the numbers are the ones its own walk of the pages
gives, and the walk reads no page."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector

from ppiebook.compat import docutils_namespace

pytestmark = pytest.mark.sphinx("html", testroot="figure-numbers")


def collector(app) -> TocTreeCollector:
    return next(listener.handler.__self__ for listener in app.events.listeners["env-get-updated"]
                if isinstance(getattr(listener.handler, "__self__", None), TocTreeCollector))


def test_the_outlines_give_the_numbers_sphinx_s_own_walk_gives(app, monkeypatch) -> None:
    app.build()
    env = app.env
    numbers = copy.deepcopy(env.toc_fignumbers)
    assert numbers["guide/one"]["figure"] == {"square-one": (1, 1), "square-in-note": (1, 2)}
    assert numbers["guide/two"]["figure"] == {"square-two": (2, 1)}
    assert sorted(numbers["guide/one"]) == ["code-block", "figure", "table"]
    assert sorted(numbers["guide/two"]) == ["code-block", "figure", "table"]

    read: list[str] = []
    real = BuildEnvironment.get_doctree
    monkeypatch.setattr(BuildEnvironment, "get_doctree",
                        lambda self, docname: read.append(docname) or real(self, docname))
    env.toc_fignumbers = {}
    collector(app).assign_figure_numbers(env)  # with the outlines
    assert env.toc_fignumbers == numbers
    assert read == []
    env.toc_fignumbers = {}
    TocTreeCollector.assign_figure_numbers(collector(app), env)  # Sphinx's own walk of the pages
    assert env.toc_fignumbers == numbers
    assert "guide/one" in read


def test_an_edit_that_adds_a_figure_renumbers_the_figures_after_it(app) -> None:
    app.build()
    page = app.srcdir / "guide" / "one.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "# Chapter one\n", "# Chapter one\n\n```{figure} square.svg\n:name: square-new\n\nA new square.\n```\n", 1),
        encoding="utf-8")
    app.build()
    assert app.env.toc_fignumbers["guide/one"]["figure"]["square-new"] == (1, 1)
    assert app.env.toc_fignumbers["guide/one"]["figure"]["square-one"] == (1, 2)
    html = (app.outdir / "guide" / "one.html").read_text(encoding="utf-8")
    assert "Fig. 1.1" in html and "Fig. 1.3" in html


@pytest.mark.parametrize("root", ["pdf-elements", "diagrams", "maths"])
def test_other_roots_number_alike_both_ways(rootdir: Path, tmp_path: Path, root: str) -> None:
    """The roots with numbered figures, tables, listings, diagrams and equations."""
    source = tmp_path / "source"
    shutil.copytree(rootdir / f"test-{root}", source, ignore=shutil.ignore_patterns("_generated"))
    # In docutils' namespace, as every Sphinx the package starts: otherwise the directives this
    # application registers stay registered, and a later application in the process (another
    # test's, under pytest-xdist) warns that they are registered already.
    with docutils_namespace():
        app = Sphinx(source, source, tmp_path / "html", tmp_path / "doctrees", "html", status=None, warning=None,
                     confoverrides={"numfig": True})
        app.build()
    numbers = copy.deepcopy(app.env.toc_fignumbers)
    assert numbers, f"test-{root} has nothing numbered"
    app.env.toc_fignumbers = {}
    TocTreeCollector.assign_figure_numbers(collector(app), app.env)  # Sphinx's own walk
    assert app.env.toc_fignumbers == numbers
