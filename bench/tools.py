"""What each benchmarked tool runs: this project's pipeline and its peers.

A :class:`Tool` knows its folder in a generated tree, how to clear its outputs and caches
(for a clean build), which page file to edit, and its build command. Peers run from their
own virtual environments under ``bench/.venvs/`` (see :mod:`bench.peers`).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .peers import venv_bin

PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Tool:
    name: str  # as in the results table
    folder: str  # inside a generated tree
    outputs: tuple[str, ...]  # removed before a clean build: outputs and every cache
    pages: str = ""  # where page sources live inside the folder
    env: tuple[tuple[str, str], ...] = ()

    def clean(self, root: Path) -> None:
        for output in self.outputs:
            shutil.rmtree(root / self.folder / output, ignore_errors=True)

    def page_file(self, root: Path, docname: str) -> Path:
        return root / self.folder / self.pages / f"{docname}.md"

    def command(self, incremental: bool) -> list[str]:
        raise NotImplementedError


class ProjectHTML(Tool):
    """This project's staged HTML build (what `make html` runs); PDFs come from the PDF step."""

    def command(self, incremental: bool) -> list[str]:
        return [sys.executable, "-m", "ppiebook.commands.build", "html", "--builddir", "_build"]


class ProjectPreview(Tool):
    """`make serve`: one loaded Sphinx builds, then rebuilds after the edit (bench/preview_edit.py).

    One process times both steps, so its command is only used by :func:`bench.__main__.bench_preview`.
    """

    def command(self, incremental: bool) -> list[str]:
        return [sys.executable, "-m", "bench.preview_edit"]


class ProjectPDF(Tool):
    def command(self, incremental: bool) -> list[str]:
        return [sys.executable, "-m", "ppiebook.commands.build", "pdf", "--builddir", "_build"]


class MkDocs(Tool):
    def command(self, incremental: bool) -> list[str]:
        # MkDocs always rebuilds every page, except with --dirty (pages whose source changed).
        return [str(venv_bin("mkdocs", "mkdocs")), "build", "--quiet", "--site-dir", "site",
                *(["--dirty"] if incremental else [])]


class JupyterBook(Tool):
    def command(self, incremental: bool) -> list[str]:
        return [str(venv_bin("jupyterbook", "jupyter-book")), "build", "--builder", "html", "."]


# Clean HTML removes the HTML output and its doctrees but keeps the PDFs: `make html` needs them.
PROJECT_HTML = ProjectHTML("this project (HTML)", "ppiebook", ("_build/html", "_build/.doctrees/html", "_build/.staging"))
PROJECT_PREVIEW = ProjectPreview("this project (HTML, make serve)", "ppiebook",
                                 ("_build/serve", "_build/.doctrees/serve"))
PROJECT_PDF = ProjectPDF("this project (PDF)", "ppiebook", ("_build", "_generated"))
MKDOCS = MkDocs("MkDocs Material", "mkdocs", ("site",), pages="docs", env=(("NO_MKDOCS_2_WARNING", "1"),))
JUPYTER_BOOK = JupyterBook("Jupyter Book 1", "jupyterbook", ("_build",))

# The order a run measures them: the PDF build first, as `make` does, so HTML finds PDFs.
TOOLS = {"pdf": PROJECT_PDF, "html": PROJECT_HTML, "preview": PROJECT_PREVIEW, "mkdocs": MKDOCS,
         "jupyterbook": JUPYTER_BOOK}


def shipped_copy(target: Path) -> Path:
    """A copy of the shipped project (every file git tracks) to run `make` in, from clean.

    Copies keep their times, and .venv is linked, so `make` finds its environment up to date
    and times the build, not an install.
    """
    import subprocess

    files = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT, check=True, capture_output=True).stdout
    shutil.rmtree(target, ignore_errors=True)
    for name in filter(None, files.decode().split("\0")):
        source = PROJECT / name
        if source.is_file() and not name.startswith("bench/"):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(PROJECT / ".venv")
    return target


SHIPPED_OUTPUTS = ("_build", "_generated", "dist")
SHIPPED_PAGE = "handbook/planning.md"
