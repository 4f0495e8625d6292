"""The Sphinx settings every ppiebook project shares, so that a project's conf.py holds only
what is its own. A conf.py starts with::

    from ppiebook.project import defaults
    globals().update(defaults())

and then sets or extends its own settings (``extensions.append(...)``,
``ppiebook_reading_age_targets = {...}``). ``defaults()`` returns fresh lists and dicts on
every call: a conf.py may change them without changing the next build's (tests build many
projects in one process).

Identity (name, language, base address, colours) is not here: it comes from the project's
publications.yaml (``ppiebook_catalogue``).
"""

from __future__ import annotations

import copy
from typing import Any

_DEFAULTS: dict[str, Any] = {
    "extensions": ["myst_parser", "sphinxcontrib.bibtex", "ppiebook", "sphinx_design", "sphinx_togglebutton",
                   # Stable labels for every chapter and section (`page:section title`), in objects.inv.
                   "sphinx.ext.autosectionlabel"],
    "ppiebook_catalogue": "publications.yaml",
    "root_doc": "index",
    "source_suffix": {".md": "markdown"},
    "exclude_patterns": ["_build", "_generated", ".*", "**/.*", "README.md", "ARCHITECTURE.md", "CHANGELOG.md",
                         "LICENSE-CONTENT.md", "tests", "bench", "node_modules", "**/node_modules"],
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


def defaults() -> dict[str, Any]:
    """A fresh copy of the shared settings, for ``globals().update(...)`` in a conf.py."""
    return copy.deepcopy(_DEFAULTS)
