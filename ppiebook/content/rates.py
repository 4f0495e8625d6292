"""``{rates-table}``: payment rates for public contributors, from ``data/payment-rates.yaml``.

Rates change, so they are data with their source and the date they were checked, never
numbers in prose. Until rates are supplied the table is an editorial note.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ppiebook.content.editorial import editorial_note
from ppiebook.i18n import _

logger = logging.getLogger(__name__)


def _table(rates: list[dict[str, str]]) -> nodes.table:
    table = nodes.table(classes=["ppiebook-rates"])
    group = nodes.tgroup(cols=2)
    table += group
    group += [nodes.colspec(colwidth=3), nodes.colspec(colwidth=1)]
    head, body = nodes.thead(), nodes.tbody()
    group += [head, body]
    for section, cells in ((head, (_("Activity"), _("Rate"))),) + tuple(
        (body, (rate["activity"], rate["rate"])) for rate in rates
    ):
        row = nodes.row()
        for text in cells:
            row += nodes.entry("", nodes.paragraph(text, text))
        section += row
    return table


class RatesTableDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir) / self.config.ppiebook_rates
        self.env.note_dependency(str(path))
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            logger.warning("cannot read %s: %s", path, exc, location=self.get_location())
            return []
        source = data.get("source", "")
        # The source's name comes from the bibliography; only its footnote mark is shown here.
        cite = f" {{footcite:p}}`{source}`" if source else ""
        rates = data.get("rates") or []
        if not rates or not data.get("checked"):
            text = _("The current rates, copied from the published guidance{cite}, with the date they were checked. "
                     "Add them to {file}.").format(cite=cite, file=f"`{self.config.ppiebook_rates}`")
            return [editorial_note(self.env, self.parse_text_to_nodes(text), self.lineno)]
        caption = _("Rates from the published guidance{cite}, checked on {date}. Rates change: check the source before you budget.").format(
            cite=cite, date=data["checked"])
        return [_table(rates), *self.parse_text_to_nodes(caption)]


def setup(app: Sphinx) -> None:
    app.add_directive("rates-table", RatesTableDirective)
