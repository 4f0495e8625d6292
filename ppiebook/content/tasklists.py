"""Task lists (MyST's ``tasklist``): ``- [ ] Book a venue``, ``- [x] Send the invitations``.

MyST writes each item's checkbox as raw HTML, which the project refuses in pages
(ppiebook.checks.safety). Here, as the page is parsed and before that check runs, the
checkbox MyST made (and only that exact markup) becomes a ``task_checkbox`` node:

- HTML: a disabled checkbox, ticked or not, as MyST writes it (the browser announces its state),
  named by its item's words.
- Print PDF: ``[✓]`` or ``[ ]`` in the mono font (IBM Plex Mono has the tick; neither
  text font has a ballot box ☐/☑).
- Tagged PDF: the same box, in a ``Span`` whose ``/ActualText`` is "checked" or "not
  checked" (ppiebook.tagged.tags), so a screen reader says the state instead of the
  brackets; the item stays an ``LI`` with ``Lbl`` and ``LBody``.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.i18n import _
from ppiebook.pdfshared.naming import PRINT, TAGGED

# Exactly what myst_parser (mdit_to_docutils.base.render_list_item) writes.
_MYST_CHECKBOX = re.compile(
    r'<input class="task-list-item-checkbox" (checked="checked" )?(disabled="disabled" )?type="checkbox">\Z')

BOXES = {True: "[✓]", False: "[ ]"}


def state_text(checked: bool) -> str:
    return str(_("checked") if checked else _("not checked"))


class task_checkbox(nodes.Inline, nodes.Element):
    """The checkbox of a task list item; ``checked`` is its state."""


class task_box(nodes.Inline, nodes.TextElement):
    """The tagged edition's printed box, with the state for screen readers."""


def visit_checkbox_html(self, node: task_checkbox) -> None:
    checked = ' checked="checked"' if node["checked"] else ""
    # Named by its item's words (WCAG 4.1.2; axe's "label" rule): MyST's checkbox has no label.
    name = html.escape(" ".join(node.parent.astext().split()) if node.parent is not None else "", quote=True)
    self.body.append(f'<input class="task-list-item-checkbox" type="checkbox" disabled="disabled"{checked} '
                     f'aria-label="{name}"> ')
    raise nodes.SkipNode


def visit_box_html(self, node: task_box) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="task-box",
                                   **{"data-actualtext": f"{state_text(node['checked'])}: "}))


def depart_box_html(self, node: task_box) -> None:
    self.body.append("</span> ")


class TaskCheckboxes(SphinxTransform):
    """MyST's raw checkbox -> ``task_checkbox``, before the raw-HTML check sees the page."""

    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            match = _MYST_CHECKBOX.match(raw.astext()) if raw.get("format") == "html" else None
            item = raw.parent.parent if raw.parent is not None else None
            if match and isinstance(item, nodes.list_item) and raw.parent is item.children[0]:
                raw.replace_self(task_checkbox(checked=bool(match[1])))


class PrintedBoxes(SphinxPostTransform):
    """Print edition: the checkbox becomes ``[✓]`` or ``[ ]`` in the mono font."""

    builders: tuple[str, ...] = (PRINT,)
    default_priority = 870

    def run(self, **kwargs: object) -> None:
        for checkbox in list(self.document.findall(task_checkbox)):
            checkbox.replace_self(self.box(BOXES[checkbox["checked"]], checkbox["checked"]))

    def box(self, text: str, checked: bool) -> list[nodes.Node]:
        return [nodes.literal(text, text, classes=["task-box"]), nodes.Text(" ")]


class TaggedBoxes(PrintedBoxes):
    """Tagged edition: the same box, with its state for screen readers (``task_box``)."""

    builders = (TAGGED,)

    def box(self, text: str, checked: bool) -> list[nodes.Node]:
        return [task_box(text, text, checked=checked)]


def setup(app: Sphinx) -> None:
    app.add_node(task_checkbox, html=(visit_checkbox_html, None))
    app.add_node(task_box, html=(visit_box_html, depart_box_html))
    app.add_transform(TaskCheckboxes)
    app.add_post_transform(PrintedBoxes)
    app.add_post_transform(TaggedBoxes)
