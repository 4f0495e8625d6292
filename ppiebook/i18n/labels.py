"""Words the project's scripts show to readers, translated in the page itself.

The scripts run under a Content-Security-Policy with no inline code, so they read these
from ``<body data-ppiebook-labels>`` (ppiebook/templates/layout.html) rather than from a
generated script.
"""

from __future__ import annotations

import json

from sphinx.application import Sphinx

from ppiebook.i18n import _
from ppiebook.state import build_state


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
    state = build_state(app)
    if state.script_labels is None:
        state.script_labels = json.dumps(script_labels(), ensure_ascii=False)
    labels = state.script_labels
    context["ppiebook_script_labels"] = labels
