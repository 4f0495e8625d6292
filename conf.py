"""Sphinx configuration: thin on purpose.

Identity (programme name, language, base URL) and the list of publications come from
publications.yaml through the project's extension, ppiebook. PDF builds
(``-b pdf``) load rst2pdf through ppiebook's ``sphinx.builders`` entry point.
"""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "ppiebook", "sphinx_design", "sphinx_togglebutton"]
ppiebook_catalogue = "publications.yaml"

root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated", ".*", "**/.*", "README.md", "ARCHITECTURE.md", "CHANGELOG.md", "LICENSE-CONTENT.md", "tests", "bench", "node_modules", "**/node_modules"]
templates_path = ["_templates"]
html_static_path = ["_static"]

# Every cross-reference must resolve; the build runs with -W --keep-going.
nitpicky = True
# Figures, tables and code listings numbered, as {numref} cites them, in every edition.
numfig = True

# `make check`: pages that must be easy to read (reading age: Flesch-Kincaid grade + 5),
# and contact details the programme publishes on purpose (none yet).
ppiebook_reading_age_targets = {"index": 15, "report/executive-summary": 15}
ppiebook_personal_data_allow = []

bibtex_bibfiles = ["data/references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
myst_heading_anchors = 3
# tasklist, attrs_*, substitution and fieldlist reach all three editions (ppiebook.content);
# {{ programme }}, {{ funder }}, {{ contact }} and {{ licence }} come from publications.yaml.
# dollarmath and amsmath: MathML on the site, drawn in the PDFs (ppiebook.content.formulas).
myst_enable_extensions = ["colon_fence", "deflist", "tasklist", "attrs_inline", "attrs_block",
                          "substitution", "fieldlist", "dollarmath", "amsmath"]

html_theme = "sphinx_book_theme"
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_fullscreen_button": False,
}
html_last_updated_fmt = "%d %B %Y"
html_copy_source = False
html_show_sourcelink = False

# Spelling (`make check`; the spelling builder loads itself through its entry point).
spelling_lang = "en_GB"
spelling_word_list_filename = "data/spelling-wordlist.txt"
spelling_show_suggestions = True
spelling_warning = True
spelling_ignore_pypi_package_names = False
spelling_ignore_contributor_names = False
spelling_filters = ["ppiebook.checks.spelling_filter.OtherScriptFilter"]

# Stable labels for every chapter and section (`page:section title`), published in objects.inv.
extensions.append("sphinx.ext.autosectionlabel")
autosectionlabel_prefix_document = True
autosectionlabel_maxdepth = 3

# Translations (Sphinx's gettext workflow with sphinx-intl): `make gettext` extracts the
# messages, one .pot file per page; translators' .po files live in locales/<language>/.
locale_dirs = ["locales/"]
gettext_compact = False
