"""Content that cannot harm readers.

- Raw HTML (Markdown HTML blocks, ``{raw}``) is refused in content: Markdown must not
  put a script or an iframe into the site. The ``{video}`` directive is how to embed.
- ``include`` cannot bring in files from outside the source folder.
- Every page carries a Content-Security-Policy that allows scripts only from the site
  itself (and the theme's own inline scripts, by hash): no third-party script can run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

VIDEO_PLAYER_HOST = "https://www.youtube-nocookie.com"


def refuse_raw(app: Sphinx, doctree: nodes.document) -> None:
    """Runs on each page as it is read, before the project adds any markup of its own."""
    for raw in list(doctree.findall(nodes.raw)):
        logger.warning(
            "raw %s is not allowed in pages (it could put a script or an iframe into the site); "
            "write Markdown, or use {video} to embed a video", raw.get("format", "markup"),
            location=raw, type="ppiebook", subtype="raw",
        )
        raw.parent.remove(raw)


def guard_include(app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    """``include-read``: an included file must live inside the source folder."""
    target = (Path(app.srcdir) / relative_path).resolve()
    if not target.is_relative_to(Path(app.srcdir).resolve()):
        logger.warning(
            "include of %s refused: only files inside the project can be included", relative_path,
            # MyST passes the file's stem as parent_docname; the environment knows the page.
            location=app.env.current_document.docname, type="ppiebook", subtype="include",
        )
        content[0] = ""


def disable_raw_directive(app: Sphinx) -> None:
    """docutils' own switch: the ``raw`` directive and role stop with an error."""
    app.env.settings["raw_enabled"] = False


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


def note_written_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """``html-page-context``: the pages this build writes (the others have their policy already)."""
    if not hasattr(app, "ppiebook_written_pages"):
        app.ppiebook_written_pages = set()  # type: ignore[attr-defined]
    app.ppiebook_written_pages.add(pagename)  # type: ignore[attr-defined]


def write_csp(app: Sphinx, exception: Exception | None) -> None:
    """Add the policy to the pages written by this build and to copied extra HTML files.

    Only those: reading every page of a large site after a one-page edit would cost more
    than the edit's rebuild.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = {Path(app.builder.get_outfilename(name)) for name in getattr(app, "ppiebook_written_pages", ())}
    for extra in app.config.html_extra_path:
        source = Path(app.confdir) / extra
        if source.is_dir():
            pages |= {outdir / page.relative_to(source) for page in source.rglob("*.html")}
        elif source.suffix == ".html":
            pages.add(outdir / source.name)
    for page in sorted(pages):
        if page.is_file() and "_static" not in page.relative_to(outdir).parts:
            add_csp(page)
