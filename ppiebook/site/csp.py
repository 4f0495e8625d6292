"""Every page carries a Content-Security-Policy that allows scripts only from the site
itself (and the theme's own inline scripts, by hash): no third-party script can run."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from pathlib import Path

from sphinx.application import Sphinx

from ppiebook.events import SECURITY_POLICY
from ppiebook.state import build_state

VIDEO_PLAYER_HOST = "https://www.youtube-nocookie.com"


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
_CSP_MARK = 'http-equiv="Content-Security-Policy"'


def content_security_policy(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    })
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        f"frame-src {VIDEO_PLAYER_HOST}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_csp(path: Path) -> None:
    html = path.read_text(encoding="utf-8")
    if _CSP_MARK in html:
        return
    meta = f'<meta {_CSP_MARK} content="{content_security_policy(html)}">'
    # First in <head>, so it applies before any script or style is seen.
    html = re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + "\n    " + meta, html, count=1)
    path.write_text(html, encoding="utf-8")


def note_write_start(app: Sphinx, builder: object) -> None:
    """``write-started``: pages written from now on are this build's."""
    # File times come from a coarser clock than time_ns(): a margin, so no page written
    # just after this is missed (a page older than that already has its policy).
    build_state(app).write_started_ns = time.time_ns() - 2_000_000_000


def write_csp(app: Sphinx, exception: Exception | None) -> None:
    """Add the policy to the pages written by this build and to copied extra HTML files.

    Only those: reading every page of a large site after a one-page edit would cost more
    than the edit's rebuild. The pages written are told by their modification time, not by
    ``html-page-context``: with ``-j`` that event fires in the worker processes.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    started = build_state(app).write_started_ns
    pages = {page for page in outdir.rglob("*.html") if page.stat().st_mtime_ns >= started}
    for extra in app.config.html_extra_path:
        source = Path(app.confdir) / extra
        if source.is_dir():
            pages |= {outdir / page.relative_to(source) for page in source.rglob("*.html")}
        elif source.suffix == ".html":
            pages.add(outdir / source.name)
    for page in sorted(pages):
        if page.is_file() and "_static" not in page.relative_to(outdir).parts:
            add_csp(page)


def setup(app: Sphinx) -> None:
    app.connect("write-started", note_write_start)
    app.connect("build-finished", write_csp, priority=SECURITY_POLICY)
