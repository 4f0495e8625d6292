"""Shared fixtures: Sphinx's own test fixtures for tiny roots, and the project's real build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

PROJECT = Path(__file__).resolve().parent.parent
SOURCE_DATE_EPOCH = "1700000000"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test roots live in tests/roots/test-<name> (the sphinx.testing convention)."""
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def project() -> Path:
    return PROJECT


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once per test session as `make` builds it."""
    from ppiebook.commands import build

    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    builddir = tmp_path_factory.mktemp("real") / "_build"
    build.run("all", PROJECT, builddir)
    return builddir


@pytest.fixture(scope="module")
def module_app():
    """Like sphinx.testing's make_app, for one build shared by a module's tests."""
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(*args, **kwargs):
        app = SphinxTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


def fake_pdfs(folder: Path, names: list[str], pages: int = 1) -> Path:
    """Stand-in PDFs, as a PDF build would leave them, for HTML-only tests."""
    import pikepdf

    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        pdf = pikepdf.new()
        for _ in range(pages):
            pdf.add_blank_page()
        pdf.save(folder / f"{name}.pdf")
    return folder
