"""Words the project's scripts show to readers, translated in the page itself.

The scripts run under a Content-Security-Policy with no inline code, so they read these
from ``<body data-ppiebook-labels>`` (ppiebook/templates/layout.html) rather than from a
generated script.
"""

from __future__ import annotations

import json

from sphinx.application import Sphinx

from ppiebook.i18n import _


def script_labels() -> dict[str, str]:
    return {
        "siteNavigation": str(_("Site navigation")),
        "closeSiteNavigation": str(_("Close site navigation")),
        "onThisPage": str(_("On this page")),
        "closePageContents": str(_("Close page contents")),
        "close": str(_("Close")),
        "subPagesOf": str(_("Sub-pages of {title}")),
        "subPages": str(_("Sub-pages")),
    }


def add_script_labels(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    # The same for every page of a build (one language): made once.
    labels = getattr(app.builder, "ppiebook_script_labels", None)
    if labels is None:
        labels = app.builder.ppiebook_script_labels = json.dumps(script_labels(), ensure_ascii=False)  # type: ignore[attr-defined]
    context["ppiebook_script_labels"] = labels
