"""The print stylesheet of the tagged edition, written to match the rst2pdf edition.

Fonts are the same files (ppiebook.pdfshared.fonts), loaded with ``file://`` URLs so nothing
is fetched; sizes, page margins and colours come from the PDF design (pdfshared/design.py)
and the catalogue, and the running header and footer from the texts both editions print
(pdfshared/pages.py).
"""

from __future__ import annotations

import functools
from pathlib import Path

from ppiebook.catalogue.publications import Catalogue, Publication
from ppiebook.pdfshared.design import BODY_SIZE, LEADING, build_stylesheet
from ppiebook.pdfshared.fonts import LANGUAGE_SCRIPTS, MONO, TEXT, Family
from ppiebook.pdfshared.pages import INFOGRAPHIC_MARGIN as MARGIN
from ppiebook.pdfshared.pages import PAGE_TOKEN, footer_text, header_text
from ppiebook.tagged.typeset import Style

STYLES = ("normal", "normal"), ("bold", "normal"), ("normal", "italic"), ("bold", "italic")


def _string(text: str) -> str:
    """A CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _faces(name: str, family: Family) -> str:
    return "\n".join(
        f"@font-face {{ font-family: {_string(name)}; src: url({_string(Path(path).as_uri())}); "
        f"font-weight: {weight}; font-style: {style}; }}"
        for (weight, style), path in zip(STYLES, family.files)
    )


def _script_families() -> dict[str, tuple[str, bool]]:
    """Language code -> (font family name, right-to-left), for installed Noto fonts."""
    found = {}
    for code, script in LANGUAGE_SCRIPTS.items():
        family = script.find()
        if family is not None:
            # The file's name ("NotoNaskhArabic"), so the PDF names the real font; without
            # spaces it cannot be taken for a system font of the same family.
            found[code] = (family.regular.stem.split("-")[0], script.rtl)
    return found


def _footer(publication: Publication, numbering: str) -> str:
    before, _, after = footer_text(publication).partition(PAGE_TOKEN)
    return f"{_string(before)} counter(page, {numbering}) {_string(after)}"


def print_css(publication: Publication, catalogue: Catalogue) -> str:
    """The whole stylesheet for one publication's print HTML."""
    sheet = build_stylesheet(catalogue)
    styles, page = sheet["styles"], sheet["pageSetup"]
    primary, accent = catalogue.programme.colours["primary"], catalogue.programme.colours["accent"]
    faces = [_faces("Atkinson Hyperlegible", TEXT), _faces("IBM Plex Mono", MONO)]
    scripts = _script_families()
    for code, (name, _) in scripts.items():
        script_family = LANGUAGE_SCRIPTS[code].find()
        if script_family is not None and name not in "".join(faces):
            faces.append(_faces(name, script_family))
    # Every Noto family after the text font: a glyph the text font lacks (a word of
    # Urdu in an English sentence) still prints, from an embedded font.
    fallbacks = ", ".join(dict.fromkeys(_string(name) for name, _ in scripts.values()))
    text_stack = f'"Atkinson Hyperlegible"{", " + fallbacks if fallbacks else ""}'
    languages = "\n".join(
        f':lang({code}) {{ font-family: {_string(name)}, {text_stack}; line-height: {LEADING + 6}pt; '
        f'text-align: {"right" if rtl else "left"}; }}'
        for code, (name, rtl) in scripts.items()
    )

    def size(name: str) -> str:
        return f"font-size: {styles[name]['fontSize']}pt; line-height: {styles[name]['leading']}pt;"

    return f"""
{chr(10).join(faces)}

@page {{
  size: A4;
  margin: {page['margin-top']} {page['margin-right']} {page['margin-bottom']} {page['margin-left']};
  @top-right {{ content: {_string(header_text(publication))}; font-size: {BODY_SIZE * 0.8}pt; }}
  @bottom-center {{ content: {_footer(publication, "decimal")}; font-size: {BODY_SIZE * 0.8}pt; }}
}}
@page front {{
  @bottom-center {{ content: {_footer(publication, "lower-roman")}; font-size: {BODY_SIZE * 0.8}pt; }}
}}
/* The chapters are numbered from 1, the front matter in roman numerals. */
@page :nth(1 of main) {{ counter-reset: page 1; }}
@page cover {{
  @top-right {{ content: none; }}
  @bottom-center {{ content: none; }}
}}

html {{
  font-family: {text_stack};
  font-size: {BODY_SIZE}pt;
  line-height: {LEADING}pt;
  color: #000000;
  text-align: left;
}}
body {{ margin: 0; }}
p {{ margin: 0 0 8pt 0; }}
a {{ color: {primary}; text-decoration: underline; }}
h1, h2, h3, h4, h5, h6 {{ color: {primary}; margin: 14pt 0 6pt 0; break-after: avoid; font-weight: bold; }}
h1 {{ {size('heading1')} }}
h2 {{ {size('heading2')} }}
h3 {{ {size('heading3')} }}
h4, h5, h6 {{ {size('heading4')} }}
code, pre, kbd, samp, tt, a.link-code {{ font-family: "IBM Plex Mono", {text_stack}; font-size: {BODY_SIZE - 1}pt; }}
a.link-strong {{ font-weight: bold; }}
/* A task list's box, [ ] or [✓]: the mono font has the tick (ppiebook.content.tasklists) */
span.task-box {{ font-family: "IBM Plex Mono", {text_stack}; font-size: {BODY_SIZE - 1}pt; }}
a.link-em {{ font-style: italic; }}
/* A display formula centred, its number at the right (ppiebook.content.formulas) */
div.math {{ display: flex; align-items: center; justify-content: center; margin: 0 0 8pt 0; break-inside: avoid; }}
div.math .eqno {{ margin-left: auto; padding-left: 12pt; }}
div.math .eqno + img.formula, div.math img.formula:first-child:not(:last-child) {{ margin-left: auto; }}
pre {{ line-height: {LEADING - 2}pt; white-space: pre-wrap; background: #f6f6f6; padding: 6pt; }}
.headerlink {{ display: none; }}
{languages}

/* Cover, imprint and contents: the rst2pdf edition's front matter */
section.cover {{ page: cover; }}
section.cover h1, section.imprint h2, nav.contents h2 {{ bookmark-level: none; }}
nav.contents h2 {{ {size('heading1')} }}
.cover .cover-programme {{ font-size: {BODY_SIZE * 1.2}pt; margin-bottom: 48pt; }}
.cover h1.title {{ {size('title')} margin: 0 0 12pt 0; }}
.cover .subtitle {{ {size('subtitle')} color: {styles['subtitle']['textColor']}; font-weight: bold; }}
.cover .cover-status {{ color: {accent}; font-weight: bold; font-size: {BODY_SIZE * 2}pt; line-height: 28pt;
  margin: 24pt 0; }}
.cover .author {{ font-size: {BODY_SIZE + 1}pt; margin: 0 0 2pt 0; }}
.cover .cover-meta {{ margin-top: 36pt; }}
.cover .cover-partners {{ margin-top: 60pt; }}
section.imprint, nav.contents {{ page: front; break-before: page; }}
.imprint h2.imprint-heading {{ font-size: {BODY_SIZE}pt; line-height: {LEADING}pt; color: #000000;
  margin: 10pt 0 2pt 0; }}
nav.contents ol {{ list-style: none; padding: 0; margin: 0; }}
nav.contents ol ol {{ padding-left: 1.5em; }}
nav.contents li {{ margin: 2pt 0; text-indent: 0; }}
nav.contents a {{ color: {primary}; text-decoration: none; }}
nav.contents > ol > li > a {{ font-weight: bold; }}
nav.contents a::after {{ content: leader(". ") target-counter(attr(href), page); }}
main.chapters {{ break-before: page; page: main; }}
.chapter-break {{ break-before: page; }}

/* Tables: header cells shaded as in the rst2pdf edition */
table {{ border-collapse: collapse; margin: 6pt 0 12pt 0; width: 100%; }}
th, td {{ border: 0.5pt solid #999999; padding: 3pt 5pt; vertical-align: top; text-align: left; }}
th {{ background: {styles['table-heading']['backColor']}; }}
table p {{ margin: 0; }}
table.keep-together {{ break-inside: avoid; }}
caption {{ text-align: left; font-weight: bold; margin-bottom: 4pt; break-after: avoid; }}

/* Figures, infographics, QR codes */
figure {{ margin: 8pt 0; break-inside: avoid; }}
/* WeasyPrint's default "overflow: clip" on pictures makes each a stacking context of its
   own, painted after all the page's text: out of reading order (reading-order rule). */
img {{ max-width: 100%; overflow: visible; }}
figcaption {{ font-style: italic; margin-top: 4pt; }}
.caption-number {{ font-weight: bold; font-style: normal; }}
.ppiebook-video-qr img, img.ppiebook-video-qr {{ width: 3cm; }}
.ppiebook-infographic-text-title {{ font-weight: bold; margin-top: 6pt; }}

/* Notes; editorial notes in the accent colour, as in the rst2pdf edition */
.admonition, aside.topic, aside.sidebar {{ border: 1pt solid #999999; padding: 6pt 8pt; margin: 8pt 0;
  break-inside: avoid; }}
.admonition-title, .sidebar-title {{ font-weight: bold; }}

.admonition.editorial-note {{ background: {styles['attention']['backColor']}; border: 2pt solid {accent}; }}
dl dt {{ font-weight: bold; }}
dl dd {{ margin: 0 0 6pt 1.5em; }}
aside.footnote-list, .footnote-list {{ font-size: {BODY_SIZE - 1}pt; }}
/* Paint order is reading order: a float or an outside list marker is painted after (or
   before) all of a page's text, so a screen reader's order and the page's would differ
   (outloud ORD-001). Labels and markers sit in the line of their text instead. */
aside.footnote {{ padding-left: 1.8em; text-indent: -1.8em; }}
aside.footnote > .label {{ margin-right: 4pt; }}
aside.footnote > .label + p, aside.footnote > .label + .backrefs + p {{ display: inline; }}
li {{ list-style-position: inside; text-indent: -1.1em; }}
li > p:first-child {{ display: inline; }}
li > * {{ text-indent: 0; }}
"""


def infographic_css() -> str:
    """An infographic alone on an A4 page, inside the rst2pdf edition's margins."""
    return (_faces("Atkinson Hyperlegible", TEXT) + f"\n@page {{ size: A4; margin: {MARGIN}pt; }} body {{ margin: 0; }} "
            "img { display: block; margin: 0 auto; max-width: 100%; max-height: 100%; }")


def typst_style(publication: Publication | None, catalogue: Catalogue, language: str) -> Style:
    """The print CSS's values for Typst (ppiebook.tagged.typeset): the same design, fonts and
    running texts. ``publication`` None: an infographic's page, without running texts."""
    sheet = build_stylesheet(catalogue)
    styles, page = sheet["styles"], sheet["pageSetup"]
    colours = catalogue.programme.colours
    # Each script's Noto family by the name Typst matches: (family, right to left).
    scripts = {code: (family_name(LANGUAGE_SCRIPTS[code].find().regular), rtl)
               for code, (_, rtl) in _script_families().items()}
    fonts = [family_name(TEXT.regular), *dict.fromkeys(name for name, _ in scripts.values())]
    margins = (page["margin-top"], page["margin-right"], page["margin-bottom"], page["margin-left"])
    if publication is None:
        margins = (f"{MARGIN}pt",) * 4
    return Style(
        language=language, primary=colours["primary"], accent=colours["accent"],
        subtitle_colour=styles["subtitle"]["textColor"], table_heading=styles["table-heading"]["backColor"],
        editorial_background=styles["attention"]["backColor"], body_size=BODY_SIZE, leading=LEADING,
        sizes={name: (styles[name]["fontSize"], styles[name]["leading"])
               for name in ("heading1", "heading2", "heading3", "heading4", "title", "subtitle")},
        margins=margins,
        header=header_text(publication) if publication else "",
        footer=footer_text(publication) if publication else PAGE_TOKEN,
        fonts=fonts, mono=family_name(MONO.regular), scripts=scripts,
    )


def font_folders() -> list[str]:
    """Where Typst finds the fonts: the text and code fonts' packages and the script fonts' folders."""
    folders = [Path(TEXT.regular).parent, Path(MONO.regular).parent]
    for script in LANGUAGE_SCRIPTS.values():
        family = script.find()
        if family is not None:
            folders.append(Path(family.regular).parent)
    return [str(folder) for folder in dict.fromkeys(folders)]


@functools.cache
def family_name(path: Path) -> str:
    """A font file's family name, as Typst matches it (read once per build: every
    publication's style asks)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return str(font["name"].getDebugName(16) or font["name"].getDebugName(1))
