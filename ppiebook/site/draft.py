"""Draft publications say so on every HTML page (the PDFs: see ppiebook.pdf.pages)."""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

from ppiebook.catalogue.membership import publications_containing
from ppiebook.i18n import _, translate_data


def draft_notice(titles: list[str]) -> str:
    """The sentence readers see on a draft page."""
    if len(titles) == 1:
        return _("{title} is a draft: the text may change and some content is still to be supplied.").format(
            title=titles[0])
    names = _("{first} and {last}").format(first=", ".join(titles[:-1]), last=titles[-1])
    return _("{titles} are drafts: the text may change and some content is still to be supplied.").format(
        titles=names)


def add_draft_banner(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    drafts = [translate_data(pub.title) for pub in publications_containing(app, pagename) if pub.is_draft]
    if not drafts or "body" not in context:
        return
    label = _("DRAFT")
    banner = (
        '<div class="ppiebook-draft-banner" role="note">'
        f'<strong>{escape(label)}</strong> <span>{escape(draft_notice(drafts))}</span></div>\n'
    )
    context["body"] = banner + context["body"]


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_draft_banner)
