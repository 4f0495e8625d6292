"""What a project can set in conf.py, and the kinds of warning the project emits: each declared once.

A setting is declared here with its type, default, what a change to it rebuilds, and what
it means; ``setup()`` registers them all with Sphinx. A warning kind carries the group
``make check`` files it under (``ppiebook.checks.sphinx_warnings`` derives its table from
:class:`Kind`), so no group names a kind nothing emits.
"""

from __future__ import annotations

import copy
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
    Setting("ppiebook_tagged_renderer", "typst", "", str,
            "What lays out the tagged edition: \"typst\" (the print HTML as Typst markup, ppiebook/tagged/typeset.py) "
            "or \"weasyprint\" (the print HTML and CSS)."),
    Setting("ppiebook_tagged_part_size", 500_000, "", int,
            "With Typst: a publication whose body is longer than this many characters of Typst markup (about 140 "
            "pages) is laid out in parts of at most that length, cut before chapters, and joined "
            "(ppiebook/tagged/parts.py): Typst's memory then grows with the part, not the publication. 0: never."),
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


# The Sphinx settings every ppiebook project shares, so that a project's conf.py holds only
# what is its own. A conf.py starts with
#     from ppiebook.config import project_defaults
#     globals().update(project_defaults())
# and then sets or extends its own (extensions.append(...), ppiebook_reading_age_targets).
# Identity (name, language, base address, colours) is not here: it comes from the project's
# publications.yaml (ppiebook_catalogue).
PROJECT_DEFAULTS: dict[str, Any] = {
    "extensions": ["myst_parser", "sphinxcontrib.bibtex", "ppiebook", "sphinx_design", "sphinx_togglebutton",
                   # Stable labels for every chapter and section (`page:section title`), in objects.inv.
                   "sphinx.ext.autosectionlabel"],
    "ppiebook_catalogue": "publications.yaml",
    "root_doc": "index",
    "source_suffix": {".md": "markdown"},
    "exclude_patterns": ["_build", "_generated", ".*", "**/.*", "README.md", "ARCHITECTURE.md", "CHANGELOG.md",
                         "LICENSE-CONTENT.md", "tests", "bench", "node_modules", "**/node_modules",
                         # The pipeline's own repository: its project template is not a page of its site.
                         "template", "copier_tasks"],
    "templates_path": ["_templates"],
    "html_static_path": ["_static"],
    # Every cross-reference must resolve; the build runs with -W --keep-going.
    "nitpicky": True,
    # Figures, tables and code listings numbered, as {numref} cites them, in every edition.
    "numfig": True,
    # `make check`: pages that must be easy to read (page -> reading age), and contact
    # details a programme publishes on purpose.
    "ppiebook_reading_age_targets": {},
    "ppiebook_personal_data_allow": [],
    "bibtex_bibfiles": ["data/references.bib"],
    "bibtex_default_style": "plain",
    "bibtex_reference_style": "author_year",
    "myst_heading_anchors": 3,
    # tasklist, attrs_*, substitution and fieldlist reach all three editions (ppiebook.content);
    # {{ programme }}, {{ funder }}, {{ contact }} and {{ licence }} come from publications.yaml.
    # dollarmath and amsmath: MathML on the site, drawn in the PDFs (ppiebook.content.formulas).
    "myst_enable_extensions": ["colon_fence", "deflist", "tasklist", "attrs_inline", "attrs_block",
                               "substitution", "fieldlist", "dollarmath", "amsmath"],
    "html_theme": "sphinx_book_theme",
    # The fullscreen button uses onclick=, which the site's security policy refuses.
    "html_theme_options": {"home_page_in_toc": True, "show_navbar_depth": 1, "use_fullscreen_button": False},
    "html_last_updated_fmt": "%d %B %Y",
    "html_copy_source": False,
    "html_show_sourcelink": False,
    # Spelling (`make check`; the spelling builder loads itself through its entry point).
    "spelling_lang": "en_GB",
    "spelling_word_list_filename": "data/spelling-wordlist.txt",
    "spelling_show_suggestions": True,
    "spelling_warning": True,
    "spelling_ignore_pypi_package_names": False,
    "spelling_ignore_contributor_names": False,
    "spelling_filters": ["ppiebook.checks.spelling_filter.OtherScriptFilter"],
    "autosectionlabel_prefix_document": True,
    "autosectionlabel_maxdepth": 3,
    # Translations (Sphinx's gettext workflow with sphinx-intl): `make gettext` extracts the
    # messages, one .pot file per page; translators' .po files live in locales/<language>/.
    "locale_dirs": ["locales/"],
    "gettext_compact": False,
}


def project_defaults() -> dict[str, Any]:
    """A fresh copy of PROJECT_DEFAULTS, for ``globals().update(...)`` in a conf.py: a conf.py
    may change its lists and dicts without changing the next build's (tests build many
    projects in one process)."""
    return copy.deepcopy(PROJECT_DEFAULTS)
