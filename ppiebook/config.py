"""What a project can set in conf.py, and the kinds of warning the project emits: each declared once.

A setting is declared here with its type, default, what a change to it rebuilds, and what
it means; ``setup()`` registers them all with Sphinx. A warning kind carries the group
``make check`` files it under (``ppiebook.checks.sphinx_warnings`` derives its table from
:class:`Kind`), so no group names a kind nothing emits.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Literal

from sphinx.application import Sphinx


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    #: What Sphinx rebuilds when the value changes: "env" (every page re-read), "html"
    #: (every page rewritten), "" (nothing: read when the build runs).
    rebuild: Literal["env", "html", ""]
    type: type
    help: str


SETTINGS = (
    Setting("ppiebook_catalogue", "publications.yaml", "env", str,
            "The catalogue: the programme's identity and its publications."),
    Setting("ppiebook_pdf_dir", "_build/pdf", "", str,
            "Where the site build finds the PDFs it links to and copies into the site."),
    Setting("ppiebook_tagged_pdf_dir", "", "", str,
            "Where the tagged build writes its PDFs (beside the rst2pdf ones); empty: its output folder."),
    Setting("ppiebook_videos", "data/videos.yaml", "env", str, "The videos {video} can show."),
    Setting("ppiebook_rates", "data/payment-rates.yaml", "env", str, "The payment rates {rates-table} shows."),
    Setting("ppiebook_infographics", "data/infographics", "env", str, "The folder of infographic data files."),
    Setting("ppiebook_node_modules", "", "", str,
            "Where the JavaScript tools of package-lock.json are (formula speech, diagrams); empty: the nearest "
            "node_modules at or above the project, as Node.js looks."),
    Setting("ppiebook_accessibility_page", "accessibility", "html", str,
            "The accessibility statement, linked from every page's footer."),
    Setting("ppiebook_citation_page", "how-to-cite", "html", str, "The page on how to cite the publications."),
    Setting("ppiebook_fast_navigation", True, "html", bool,
            "Render the sidebar navigation once per build (site/fastnav.py); False: the theme renders it per page."),
    Setting("ppiebook_reading_age_targets", {}, "", dict,
            "`make check`: the reading age (Flesch-Kincaid grade + 5) each listed page must not exceed."),
    Setting("ppiebook_personal_data_allow", [], "", list,
            "`make check`: contact details the programme publishes on purpose."),
)


class Group(enum.Enum):
    """The groups of ``make check``'s summary table."""

    REFERENCES = "references"
    STRUCTURE = "structure"
    IMAGES = "alt text and images"
    SAFE = "safe content"
    SPELLING = "spelling"
    CONTENT = "content directives"
    BUILD = "other build problems"


class Kind(enum.StrEnum):
    """The project's warnings: ``logger.warning(..., type=TYPE, subtype=Kind.X)``.

    Authors silence nothing (the build runs with -W); the kind names the rule in the
    message (``[ppiebook.heading]``) and files it in ``make check``'s table.
    """

    group: Group

    def __new__(cls, value: str, group: Group) -> Kind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.group = group
        return member

    HEADING = "heading", Group.STRUCTURE
    FENCE = "fence", Group.STRUCTURE
    SIZE = "size", Group.STRUCTURE
    FRONT_MATTER = "front_matter", Group.STRUCTURE
    TOCTREE = "toctree", Group.STRUCTURE
    ALT_TEXT = "alt_text", Group.IMAGES
    SVG = "svg", Group.IMAGES
    RAW = "raw", Group.SAFE
    INCLUDE = "include", Group.SAFE
    LITERAL_MARKUP = "literal_markup", Group.BUILD
    MATHS = "maths", Group.BUILD
    DIAGRAM = "diagram", Group.BUILD
    REMOTE_IMAGE = "remote_image", Group.IMAGES
    LANGUAGE = "language", Group.CONTENT
    DRAFT = "draft", Group.CONTENT
    DOWNLOAD = "download", Group.BUILD
    PDF = "pdf", Group.BUILD
    RST2PDF = "rst2pdf", Group.BUILD
    TAGGED_PDF = "taggedpdf", Group.BUILD


#: The ``type`` of every warning the project emits.
TYPE = "ppiebook"


def where(node: Any) -> str | None:
    """'file:line' of a docutils node, for ``location=``: the nearest line up the tree.

    Sphinx's own placing (docutils' ``get_source_line``) stops at the first node with a
    source, even one without a line (an image inside a figure, a Markdown HTML block), and
    prints "page.md::"; every warning of the project names a line."""
    source = line = None
    while node is not None and not (source and line):
        source = source or getattr(node, "source", None)
        line = line or getattr(node, "line", None)
        node = node.parent
    if source is None:
        return f"<unknown>:{line}" if line else None
    return f"{source}:{line}" if line else str(source)


def setup(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=[setting.type],
                             description=setting.help)
