"""The design of both PDF editions, from the catalogue and the installed fonts.

Written as rst2pdf's stylesheet (a dictionary): fonts (embedded, with every alias of
rst2pdf's pointing at them, so no base-14 font is ever used), page size, type sizes and
the programme's colours. The print edition writes it for rst2pdf as it is (after
rst2pdf's own "sphinx" and "a4" sheets and the static pdf/styles/ppiebook.yaml); the
tagged edition's CSS takes its sizes, margins and colours from the same dictionary, so
the two editions cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from ppiebook.catalogue.publications import Catalogue
from ppiebook.i18n.languages import direction_of
from ppiebook.pdfshared.fonts import LANGUAGE_SCRIPTS, MONO, TEXT

BODY_SIZE = 12  # points: GOV.UK asks for 12 pt or more
LEADING = 17


def _aliases() -> dict[str, str]:
    aliases = {}
    for kind in ("Sans", "Serif"):
        for suffix, name in zip(("", "Bold", "Italic", "BoldItalic"), TEXT.names):
            aliases[f"font{kind}{suffix}"] = name
    for suffix, name in zip(("", "Bold", "Italic", "BoldItalic"), MONO.names):
        aliases[f"fontMono{suffix}"] = name
    # rst2pdf's own sheets also name the base-14 fonts directly.
    for base, family in (("Helvetica", TEXT), ("Times", TEXT), ("Courier", MONO)):
        for suffix, name in zip(("", "-Bold", "-Oblique", "-BoldOblique"), family.names):
            aliases[f"{base}{suffix}"] = name
        for suffix, name in zip(("-Roman", "-Italic", "-BoldItalic"), (family.names[0], family.names[2], family.names[3])):
            aliases[f"{base}{suffix}"] = name
    return aliases


def language_styles() -> tuple[list[list[str]], dict[str, Any]]:
    """Embedded fonts and paragraph styles (``lang-xx``) for scripts the text font lacks."""
    fonts, styles = [], {}
    for code, script in LANGUAGE_SCRIPTS.items():
        family = script.find()
        if family is None:
            continue
        fonts.append([str(p) for p in family.files])
        styles[f"lang-{code}"] = {
            "parent": "bodytext",
            "fontName": family.names[0],
            "alignment": "TA_RIGHT" if script.rtl else "TA_LEFT",
            "wordWrap": "RTL" if script.rtl else None,
            "shaping": 1,
            "leading": LEADING + 6,
        }
    return fonts, styles


def right_to_left(language: str) -> dict[str, Any]:
    """Styles for a whole document in a right-to-left language: its script's font, lines
    wrapped and aligned from the right. Empty for left-to-right languages."""
    if direction_of(language) != "rtl":
        return {}
    script = LANGUAGE_SCRIPTS.get(language.lower()) or LANGUAGE_SCRIPTS.get(language.split("-")[0].lower())
    family = script.find() if script else None
    if family is None:
        return {}
    # No "shaping": ReportLab's shaper fails on paragraphs that mix fonts or links (IndexError
    # in breakLines), which a whole translated document always has. Letters are drawn in
    # their isolated forms; the tagged PDF edition (Typst) shapes them.
    rtl = {"fontName": family.names[0], "alignment": "TA_RIGHT", "wordWrap": "RTL"}
    bold = {**rtl, "fontName": family.names[1]}
    return {
        "base": {**rtl, "bulletFontName": family.names[0]},
        "bodytext": rtl, "normal": rtl, "bullet-list-item": rtl, "item-list-item": rtl,
        "heading": bold, "heading1": bold, "heading2": bold, "heading3": bold, "heading4": bold,
        "title": bold, "subtitle": rtl, "author": rtl, "table-heading": bold,
    }


def build_stylesheet(catalogue: Catalogue, language: str = "") -> dict[str, Any]:
    colours = catalogue.programme.colours
    script_fonts, script_styles = language_styles()
    heading = {"textColor": colours["primary"], "alignment": "TA_LEFT", "backColor": None, "borderWidth": 0}
    sheet = {
        "embeddedFonts": [[str(p) for p in TEXT.files], [str(p) for p in MONO.files], *script_fonts],
        "fontsAlias": _aliases(),
        "linkColor": colours["primary"],
        "pageSetup": {"size": "A4", "margin-left": "2cm", "margin-right": "2cm",
                      "margin-top": "1.8cm", "margin-bottom": "1.6cm"},
        "styles": {
            "base": {"fontName": "fontSans", "fontSize": BODY_SIZE, "leading": LEADING,
                     "bulletFontName": "fontSans", "bulletFontSize": BODY_SIZE},
            # rst2pdf sizes bullets apart from text: a smaller bullet squeezes list lines.
            "bullet-list-item": {"bulletFontSize": BODY_SIZE, "leading": LEADING, "spaceBefore": 2, "spaceAfter": 0},
            "item-list-item": {"bulletFontSize": BODY_SIZE, "leading": LEADING, "spaceBefore": 2, "spaceAfter": 0},
            "bullet-list": {"bulletFontSize": BODY_SIZE, "bulletFontName": "fontSans"},
            "item-list": {"bulletFontSize": BODY_SIZE, "bulletFontName": "fontSans"},
            "normal": {"fontSize": BODY_SIZE, "leading": LEADING},
            "bodytext": {"alignment": "TA_LEFT", "fontSize": BODY_SIZE, "leading": LEADING, "spaceBefore": 0,
                         "spaceAfter": 8},
            "heading": heading,
            "heading1": {**heading, "fontSize": 24, "leading": 30},
            "heading2": {**heading, "fontSize": 19, "leading": 24},
            "heading3": {**heading, "fontSize": 15.5, "leading": 20},
            "heading4": {**heading, "fontSize": 13.5, "leading": 18},
            "title": {**heading, "alignment": "TA_LEFT", "fontSize": 30, "leading": 36},
            "subtitle": {**heading, "alignment": "TA_LEFT", "fontSize": 17, "leading": 23, "textColor": "#333333"},
            "author": {"alignment": "TA_LEFT", "fontName": "fontSans", "fontSize": BODY_SIZE + 1},
            "code": {"fontSize": BODY_SIZE - 1, "leading": LEADING - 2},
            "literal": {"fontSize": BODY_SIZE - 1},
            "table-heading": {"alignment": "TA_LEFT", "backColor": "#e8efef"},
            "cover-status": {"textColor": colours["accent"], "alignment": "TA_LEFT"},
            # Editorial notes (see boxes.py): the accent colour, a warm background.
            "attention": {"parent": "admonition", "backColor": "#fff4e8", "borderColor": colours["accent"],
                          "borderWidth": 2},
            # Text kept as written in every language (names, references): looks like the text around it.
            "notranslate": {"parent": "bodytext"},
            **script_styles,
        },
    }
    for name, style in right_to_left(language or catalogue.programme.language).items():
        sheet["styles"][name] = {**sheet["styles"].get(name, {}), **style}
    return sheet
