"""The languages a site is published in: their folders, the switcher, text direction.

The main language is the site's root; each translation listed in publications.yaml
(``programme.translations``) is a copy of the site under ``<language>/`` (and its PDFs
under ``pdf/<language>/``), built with ``python -m ppiebook.commands.build --language <language>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.application import Sphinx

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.catalogue.publications import Catalogue
from ppiebook.i18n import requested_translation

# Scripts written right to left (BCP 47 primary subtags).
RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "ps", "he", "yi", "sd", "ug", "ckb", "dv"})


@dataclass(frozen=True)
class Language:
    code: str  # as publications.yaml spells it: en-GB, ur
    name: str  # in its own language, as the switcher shows it
    folder: str  # "" for the main language

    @property
    def direction(self) -> str:
        return direction_of(self.code)


# Script subtags written right to left (Punjabi in Shahmukhi is pa-Arab).
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm"})


def direction_of(code: str) -> str:
    """``rtl`` for languages written right to left, else ``ltr``."""
    primary, *subtags = code.replace("_", "-").lower().split("-")
    if any(subtag in RTL_SCRIPTS for subtag in subtags):
        return "rtl"
    return "rtl" if primary in RTL_LANGUAGES else "ltr"


def languages_of(catalogue: Catalogue) -> list[Language]:
    """The main language first, then each translation, in the order publications.yaml lists them."""
    programme = catalogue.programme
    main = Language(programme.language, programme.language_name, "")
    return [main] + [Language(entry["language"], entry["name"], entry["language"]) for entry in programme.translations]


def sphinx_language(code: str) -> str:
    """Sphinx and gettext spell regional languages with an underscore (en_GB)."""
    return code.replace("-", "_")


def current_language(app: Sphinx) -> Language:
    """The language this build writes (Sphinx's ``language``, set by ppiebook.catalogue.identity)."""
    building = app.config.language
    for language in languages_of(catalogue_of(app)):
        if sphinx_language(language.code) == building:
            return language
    # A language not (yet) listed in publications.yaml: built under its own folder all the same.
    code = building.replace("_", "-")
    return Language(code, code, code)


def translation_folder(config) -> str:
    """The folder of the language being built: "" for the main language, else its code."""
    return requested_translation(config).replace("_", "-")


def language_tag(config, catalogue: Catalogue) -> str:
    """The BCP 47 tag of the language being built (for /Lang, lang, metadata)."""
    return translation_folder(config) or catalogue.programme.language


def switcher_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """Links to this page in every language, and the page's text direction."""
    current = current_language(app)
    context["ppiebook_dir"] = current.direction
    languages = languages_of(catalogue_of(app))
    if len(languages) < 2:
        context["ppiebook_languages"] = []
        return
    # From this page up to this language's root, then up once more out of a translation's folder.
    to_root = "../" * pagename.count("/") + ("../" if current.folder else "")
    target = app.builder.get_target_uri(pagename)
    context["ppiebook_languages"] = [
        {
            "code": language.code,
            "name": language.name,
            "href": to_root + (f"{language.folder}/" if language.folder else "") + target,
            "current": language.folder == current.folder,
        }
        for language in languages
    ]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{item["code"]}" href="{item["href"]}">'
        for item in context["ppiebook_languages"]
        if not item["current"]
    )
