"""Draft publications say so on every HTML page (the PDFs: see ppiebook.pdf.pages)."""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

from .membership import publications_containing


def draft_notice(titles: list[str]) -> str:
    """The sentence readers see on a draft page."""
    names = " and ".join(titles)
    verb = "is a draft" if len(titles) == 1 else "are drafts"
    return f"{names} {verb}: the text may change and some content is still to be supplied."


def add_draft_banner(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    drafts = [pub.title for pub in publications_containing(app, pagename) if pub.is_draft]
    if not drafts or "body" not in context:
        return
    banner = (
        '<div class="ppiebook-draft-banner" role="note">'
        f'<strong>DRAFT</strong> <span>{escape(draft_notice(drafts))}</span></div>\n'
    )
    context["body"] = banner + context["body"]
