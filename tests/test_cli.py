"""The ``ppiebook`` command (ppiebook.commands.cli): its version, each subcommand's help from
the module that runs it, and a real build of a tiny root through the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ppiebook
from ppiebook.commands.cli import SUBCOMMANDS

SCRIPT = Path(sys.executable).with_name("ppiebook")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ppiebook.commands.cli", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def test_version() -> None:
    done = cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"ppiebook {ppiebook.__version__}"


def test_help_lists_every_subcommand() -> None:
    done = cli("--help")
    assert done.returncode == 0
    for name in ("build", "serve", "check", "dist", "new"):
        assert name in SUBCOMMANDS and f"    {name} " in done.stdout


# What each subcommand's help must offer: the options of the module it runs.
OPTIONS = {
    "build": ["{all,html,pdf}", "--builddir", "--language", "--source"],
    "serve": ["--builddir", "--host", "--port"],
    "check": ["--source"],
    "dist": ["--builddir", "--distdir", "--catalogue"],
    "new": ["target", "--template", "--vcs-ref", "--data"],
}


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_each_subcommand_has_its_modules_help(name: str) -> None:
    done = cli(name, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: ppiebook {name} ")
    for option in OPTIONS[name]:
        assert option in done.stdout


def test_no_command_or_an_unknown_one_is_a_usage_error() -> None:
    assert cli().returncode == 2
    done = cli("publish")
    assert done.returncode == 2 and "invalid choice: 'publish'" in done.stderr


def test_console_script_is_installed() -> None:
    """make's editable install puts the command beside the environment's python."""
    assert SCRIPT.is_file()
    done = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == f"ppiebook {ppiebook.__version__}"


def test_build_html_of_a_tiny_root(rootdir: Path, tmp_path: Path, fake_pdfs) -> None:
    """`ppiebook build html` builds a project's site (its PDFs stand in: no PDF build here)."""
    source = shutil.copytree(rootdir / "test-myst-syntax", tmp_path / "project")
    fake_pdfs(tmp_path / "_build" / "pdf", ["syntax", "syntax-tagged"])
    done = subprocess.run([str(SCRIPT), "build", "html", "--source", "project", "--builddir", "_build"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Build succeeded" in done.stdout
    page = (tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<title>" in page and (tmp_path / "_build" / "html" / "pdf" / "syntax-tagged.pdf").is_file()
    assert source.is_dir()
