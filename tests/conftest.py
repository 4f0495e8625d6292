"""Shared fixtures: Sphinx's own test fixtures on tiny roots, the project's real build, and
the helpers in tests/helpers/ (test files reach those only through the fixtures here).

A tiny root is tests/roots/test-NAME, a Sphinx project for one behaviour; a test asks for it
with sphinx.testing's marker and gets the application from the ``app`` fixture::

    @pytest.mark.sphinx("html", testroot="content")
    def test_something(app):
        app.build()

Each test builds its own copy of the root (``app.srcdir``, output in ``app.srcdir/_build``),
so it may edit a file there first. An edit the application must see when it starts
(publications.yaml, conf.py) goes in before it is made: take ``app_params`` and
``make_app`` instead of ``app``, edit ``app_params.kwargs["srcdir"]``, then
``make_app(*app_params.args, **app_params.kwargs)``. Tests of one module that only read one
build share it with ``@pytest.mark.test_params(shared_result="KEY")`` (KEY unique in the
suite): sphinx.testing's own way, where the first test builds and the others reuse it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import namedtuple
from pathlib import Path
from types import ModuleType

import pytest

from .helpers import files, i18n_scan
from .helpers import pdfcheck as pdfcheck_helpers
from .helpers import sources as sources_helpers

# The browser fixtures (serve, browser, not_found) come from ppiebook's own pytest plugin,
# ppiebook.testing.browser, which pytest loads by itself: not listed here, or they would
# be registered twice.
pytest_plugins = ("sphinx.testing.fixtures",)

PROJECT = files.PROJECT
SOURCE_DATE_EPOCH = "1700000000"

AppParams = namedtuple("AppParams", "args kwargs")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test roots live in tests/roots/test-<name> (the sphinx.testing convention)."""
    return Path(__file__).parent / "roots"


@pytest.fixture
def app_params(app_params, test_params: dict, request: pytest.FixtureRequest, rootdir: Path,
               tmp_path: Path) -> AppParams:
    """sphinx.testing's, but on a private copy of the root in the test's tmp_path.

    sphinx.testing (9.0) copies a root to one folder per root name for the whole session,
    over what earlier tests left there, output and environment included; but ppiebook
    writes into the source folder (_generated/: QR codes, infographics), tests edit their
    root, and a build's environment must not leak into another test's. So each test gets
    its own copy, its output inside it. A shared result (``test_params(shared_result=KEY)``)
    or a marker's own ``srcdir`` keeps sphinx.testing's folder.
    """
    args, kwargs = app_params
    marks = list(request.node.iter_markers("sphinx"))
    if test_params["shared_result"] or any("srcdir" in mark.kwargs for mark in marks):
        return AppParams(args, kwargs)
    testroot = "root"
    for mark in reversed(marks):  # the closest marker wins, as in sphinx.testing
        testroot = mark.kwargs.get("testroot", testroot)
    srcdir = tmp_path / f"test-{testroot}"
    shutil.copytree(rootdir / f"test-{testroot}", srcdir)
    return AppParams(args, {**kwargs, "srcdir": srcdir, "builddir": srcdir / "_build"})


INFOGRAPHIC = """\
id: steps
title: Test steps
subtitle: Three steps of a test
source: standards
steps:
  - label: First
    text: The first step of the test.
  - label: Second
    text: The second step of the test.
"""


@pytest.fixture(scope="session")
def infographic_data() -> str:
    """One infographic's data file (``data/infographics/steps.yaml``), for tests that add it."""
    return INFOGRAPHIC


@pytest.fixture
def with_infographic(app_params: AppParams) -> AppParams:
    """The test's root (the content root, for the incremental PDF tests) with one
    infographic added, data/infographics/steps.yaml, before any application starts."""
    folder = Path(app_params.kwargs["srcdir"]) / "data" / "infographics"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "steps.yaml").write_text(INFOGRAPHIC, encoding="utf-8")
    return app_params


@pytest.fixture(scope="session")
def project() -> Path:
    return PROJECT


@pytest.fixture(scope="session")
def source_date_epoch() -> str:
    """The time stamp the real build and the reproducibility tests use."""
    return SOURCE_DATE_EPOCH


def build_wheel(outdir: Path, workdir: Path, version: str | None = None) -> Path:
    """ppiebook's wheel, built offline from a copy of the package in ``workdir`` (the checkout
    gets no build/ folder) into ``outdir``; as release ``version`` when given (its metadata
    and ppiebook.__version__ say so)."""
    import ppiebook

    shutil.copytree(PROJECT / "ppiebook", workdir / "ppiebook", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "LICENSE", "LICENSE-CONTENT.md", "README.md"):
        shutil.copy2(PROJECT / name, workdir / name)
    if version:
        for name in ("pyproject.toml", "ppiebook/__init__.py"):
            path = workdir / name
            path.write_text(path.read_text(encoding="utf-8").replace(f'"{ppiebook.__version__}"', f'"{version}"', 1),
                            encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir),
                           str(workdir)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return outdir / f"ppiebook-{version or ppiebook.__version__}-py3-none-any.whl"


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ppiebook's wheel, once per session: tests/test_package.py looks inside it,
    tests/test_template.py installs it into a new programme's project."""
    return build_wheel(tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("source"))


@pytest.fixture(scope="session")
def make_wheel():
    """``make_wheel(outdir, workdir, version)``: the wheel as another release (build_wheel)."""
    return build_wheel


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once per test session as `make` builds it."""
    from ppiebook.commands import build

    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    builddir = tmp_path_factory.mktemp("real") / "_build"
    build.run("all", PROJECT, builddir)
    return builddir


@pytest.fixture(scope="session")
def ppiebook_built(built: Path) -> Path:
    """The ppiebook plugin's build (tests/test_outputs_plugin.py) is this session's real
    build: one build of the project, not two. The plugin's tests only read it."""
    return built


@pytest.fixture(scope="module")
def module_app():
    """Like sphinx.testing's make_app, for one build shared by a module's tests, of a
    project that is not a test root (a generated one: tests/test_bench_generator.py)."""
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(*args, **kwargs):
        app = SphinxTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


# --- Helpers (tests/helpers/), as fixtures --------------------------------------------------


@pytest.fixture(scope="session")
def fake_pdfs():
    """``fake_pdfs(folder, names, pages=1)``: stand-in PDFs, as a PDF build would leave them."""
    return files.fake_pdfs


@pytest.fixture(scope="session")
def snapshot():
    """``snapshot(builddir)``: every output file and its SHA-256 (not the .staging generation)."""
    return files.snapshot


@pytest.fixture(scope="session")
def edit():
    """``edit(path, old, new)``: replace the first ``old`` in a file, with a new time stamp."""
    return files.edit


@pytest.fixture(scope="session")
def copy_project():
    """``copy_project(target)``: the real project's sources, without outputs or tests."""
    return files.copy_project


@pytest.fixture(scope="session")
def sources() -> ModuleType:
    """tests/helpers/sources.py: headings, toctrees, chapters and words as the sources have them."""
    return sources_helpers


@pytest.fixture(scope="session")
def pdfcheck() -> ModuleType:
    """tests/helpers/pdfcheck.py: fonts, raster images, word boxes and text of a built PDF."""
    return pdfcheck_helpers


@pytest.fixture(scope="session")
def untranslated():
    """``untranslated(site, language)``: visible text a pseudo-translated site left in plain letters."""
    return i18n_scan.untranslated



# --- Markers (registered in pyproject.toml) -------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark by fixture: a user of `built` builds the real project (minutes: realbuild and
    slow). The plugin marks a user of `browser` (browser) and of `ppiebook_built`."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.realbuild)
            item.add_marker(pytest.mark.slow)
