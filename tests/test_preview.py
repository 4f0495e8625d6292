"""`make serve`'s preview: Sphinx stays loaded, and an edit shows without a new process."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bench.serve_latency import wait_for
from ppiebook.commands.preview import InProcessBuilder


@pytest.fixture
def project(rootdir: Path, tmp_path: Path) -> Path:
    """A copy of the content root (the preview runs its own application, not sphinx.testing's)."""
    source = tmp_path / "project"
    shutil.copytree(rootdir / "test-content", source)
    return source


def builder_for(project: Path) -> InProcessBuilder:
    return InProcessBuilder(project, project / "_build" / "serve", project / "_build" / ".doctrees" / "serve",
                            {"ppiebook_pdf_dir": str(project / "pdf")})  # the root's stand-in PDFs


def test_an_edit_rewrites_its_page_in_the_same_application(project: Path) -> None:
    builder = builder_for(project)
    try:
        builder(changed_paths=())
        app = builder.app
        # What the first build left alive is set aside from Python's collections, so the
        # next rebuild does not pay for a full one (ppiebook/commands/preview.py, settle_memory).
        assert gc.get_freeze_count() > 0
        chapter, glossary = project / "_build" / "serve" / "final" / "chapter.html", project / "_build" / "serve" / "glossary.html"
        before = glossary.stat().st_mtime_ns
        page = project / "final" / "chapter.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")
        builder(changed_paths=[page])
        assert builder.app is app  # no new application, no new process
        assert "A sentence added while previewing." in chapter.read_text(encoding="utf-8")
        assert glossary.stat().st_mtime_ns == before  # an unrelated page is not written again
    finally:
        builder.close()
    assert gc.get_freeze_count() == 0


def test_configuration_changes_start_a_fresh_application(project: Path) -> None:
    builder = builder_for(project)
    try:
        builder(changed_paths=())
        first = builder.app
        catalogue = project / "publications.yaml"
        catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("Test Programme", "Renamed Programme"),
                             encoding="utf-8")
        builder(changed_paths=[catalogue])
        assert builder.app is not first
        assert "Renamed Programme" in (project / "_build" / "serve" / "index.html").read_text(encoding="utf-8")
    finally:
        builder.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_server_shows_an_edit(project: Path) -> None:
    """The whole preview: serve, watch, rebuild in the loaded application, serve the new page."""
    shutil.copytree(project / "pdf", project / "_build" / "pdf")  # where `make serve` looks for the PDFs
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ppiebook.commands.preview", "--port", str(port)], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/final/chapter.html"
    try:
        assert wait_for(url, "<html", 120) is not None, "the preview did not start"
        page = project / "final" / "chapter.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nShown by the preview server.\n", encoding="utf-8")
        assert wait_for(url, "Shown by the preview server.", 60) is not None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert output.count("Preview rebuilt in") >= 2, output[-2000:]
