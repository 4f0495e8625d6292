"""Writing pages in parallel (``-j 2``): the extension says it is safe, so it must be.

The security policy is the handler most at risk: it is added after the build to the
pages the build wrote, and with ``-j`` pages are written in worker processes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

# Each builds a small project twice.
pytestmark = pytest.mark.slow

POLICY = 'http-equiv="Content-Security-Policy"'


def pages(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))
            if "_static" not in p.parts}


def build(rootdir: Path, tmp: Path, parallel: int) -> SphinxTestApp:
    srcdir = tmp / f"j{parallel}"
    shutil.copytree(rootdir / "test-content", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_two_workers_write_the_same_site_with_a_policy_on_every_page(rootdir: Path, tmp_path: Path) -> None:
    serial = build(rootdir, tmp_path, 1)
    parallel = build(rootdir, tmp_path, 2)
    assert parallel.builder.parallel_ok, "Sphinx fell back to writing in one process: an extension is not parallel-safe"
    one, two = pages(Path(serial.outdir)), pages(Path(parallel.outdir))
    assert len(two) >= 8
    missing = [name for name, html in two.items() if POLICY.encode() not in html]
    assert not missing, f"pages written by -j 2 workers without a security policy: {missing}"
    # The same pages, byte for byte, as one process writes them.
    assert one == two


@pytest.mark.parametrize("parallel", [2])
def test_a_rebuild_after_one_edit_gives_the_written_page_its_policy(rootdir: Path, tmp_path: Path,
                                                                     parallel: int) -> None:
    srcdir = tmp_path / "project"
    shutil.copytree(rootdir / "test-content", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, parallel=parallel)
    app.build()
    page = srcdir / "final" / "chapter.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence, added by the test.\n", encoding="utf-8")
    app.build()
    app.cleanup()
    html = (Path(app.outdir) / "final" / "chapter.html").read_text(encoding="utf-8")
    assert "One more sentence, added by the test." in html
    assert html.count(POLICY) == 1
