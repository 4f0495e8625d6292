"""The ppiebook pytest plugin: a project's build as fixtures, for the tests of
:mod:`ppiebook.testing.outputs`.

pytest loads it by itself in any environment where ppiebook is installed (entry point
group ``pytest11``, name ``ppiebook``; ``-p no:ppiebook`` turns it off). It gives:

- ``ppiebook_project``: the project's root, the pytest rootdir when it holds
  ``publications.yaml``, else the nearest folder at or above the current one that does;
- ``ppiebook_built``: the project built once per session, as ``make`` builds it
  (``python -m ppiebook.commands.build all --builddir <tmp>``); the build folder, holding
  ``html/`` and ``pdf/``. ``--ppiebook-builddir DIR`` uses a build made before instead;
- ``ppiebook_publication``: a parameter, one test per publication of publications.yaml;
- the browser fixtures of :mod:`ppiebook.testing.browser` (``serve``, ``not_found``,
  ``browser``: Debian's chromium through Playwright, and the site walks built on them),
  which it loads as its own;
- the markers ``realbuild`` and ``slow``, added to every test that uses ``ppiebook_built``,
  and ``browser``, added to every test that uses ``browser``.

pytest loads the plugin in every test run of the environment; a test that asks for none of
these fixtures is left as it is.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# The generic tests assert with plain ``assert``: pytest shows what differed only in modules
# it rewrites, which a plugin's other modules are not unless named before they are imported.
pytest.register_assert_rewrite("ppiebook.testing.outputs")

# Loaded with the plugin (and only by it: a conftest that listed it too would register its
# fixtures twice).
pytest_plugins = ("ppiebook.testing.browser",)

CATALOGUE = "publications.yaml"
MARKERS = {
    "realbuild": "builds the real project (the ppiebook_built fixture, or the build command on a copy of it)",
    "slow": "takes more than about 5 s (a PDF or tagged build, the build command, a shared slow fixture)",
    "browser": "drives Debian's chromium through Playwright (the browser fixture of ppiebook.testing.browser)",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ppiebook")
    group.addoption("--ppiebook-builddir", default=None, metavar="DIR",
                    help="test this build folder (holding html/ and pdf/) instead of building the project")


def pytest_configure(config: pytest.Config) -> None:
    for name, description in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")


def find_project(config: pytest.Config) -> Path | None:
    """The rootdir when it holds publications.yaml, else the nearest folder at or above the
    current one that does; None when there is none."""
    root = Path(config.rootpath)
    if (root / CATALOGUE).is_file():
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / CATALOGUE).is_file():
            return folder
    return None


@pytest.fixture(scope="session")
def ppiebook_project(pytestconfig: pytest.Config) -> Path:
    """The project's root folder: the one holding publications.yaml and conf.py."""
    project = find_project(pytestconfig)
    if project is None:
        pytest.fail(f"no {CATALOGUE} in the pytest rootdir ({pytestconfig.rootpath}) or at or above "
                    f"{Path.cwd()}: run pytest in the project")
    return project


@pytest.fixture(scope="session")
def ppiebook_built(ppiebook_project: Path, pytestconfig: pytest.Config,
                   tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built once per session (site in ``html/``, PDFs in ``pdf/``): the build folder."""
    given = pytestconfig.getoption("ppiebook_builddir")
    if given:
        builddir = Path(given).resolve()
        if not (builddir / "html").is_dir() or not (builddir / "pdf").is_dir():
            pytest.fail(f"--ppiebook-builddir {given}: no html/ and pdf/ in it (build the project first)")
        return builddir
    builddir = tmp_path_factory.mktemp("ppiebook") / "_build"
    command = [sys.executable, "-m", "ppiebook.commands.build", "all",
               "--source", str(ppiebook_project), "--builddir", str(builddir)]
    done = subprocess.run(command, cwd=ppiebook_project, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"the build failed ({' '.join(command)}):\n{done.stderr[-6000:]}", pytrace=False)
    return builddir


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``ppiebook_publication``: one test per publication of the project's publications.yaml."""
    if "ppiebook_publication" not in metafunc.fixturenames:
        return
    project = find_project(metafunc.config)
    publications = []
    if project is not None:
        from ppiebook.catalogue.publications import load_catalogue

        publications = list(load_catalogue(project / CATALOGUE).publications)
    metafunc.parametrize("ppiebook_publication", publications, ids=[p.id for p in publications])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A user of ``ppiebook_built`` builds the whole project: realbuild and slow. A user of
    ``browser`` needs chromium: browser (so ``-m "not browser"`` leaves it out)."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "ppiebook_built" in fixtures:
            item.add_marker(pytest.mark.realbuild)
            item.add_marker(pytest.mark.slow)
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
