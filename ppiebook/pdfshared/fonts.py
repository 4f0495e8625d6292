"""The fonts of the PDFs: Atkinson Hyperlegible for text, IBM Plex Mono for code, and
Noto for scripts they do not cover. All TrueType and embedded; never a base-14 font.

Text fonts come from PyPI packages (pinned in requirements.txt). Noto fonts for other
scripts come from Debian's fonts-noto-core, which `make` installs when run as root.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import fontpkg_atkinson_hyperlegible
import fontpkg_ibm_plex_mono

from ppiebook.compat import set_svglib_default_font

NOTO_DIRS = [Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto")]


@dataclass(frozen=True)
class Family:
    """Four styles of one typeface, by file."""

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    @property
    def files(self) -> list[Path]:
        return [self.regular, self.bold, self.italic, self.bold_italic]

    @property
    def names(self) -> list[str]:
        """The names rst2pdf registers them under (the file names without extension)."""
        return [path.stem for path in self.files]


def _family(folder: Path, stem: str) -> Family:
    return Family(*(folder / f"{stem}-{style}.ttf" for style in ("Regular", "Bold", "Italic", "BoldItalic")))


TEXT = _family(fontpkg_atkinson_hyperlegible.ROOT / "files", "AtkinsonHyperlegible")
MONO = _family(fontpkg_ibm_plex_mono.ROOT / "files", "IBMPlexMono")


@dataclass(frozen=True)
class Script:
    """A writing system the text fonts do not cover, and the Noto fonts that do."""

    name: str
    regular: str
    bold: str
    rtl: bool = False

    def find(self) -> Family | None:
        """The installed Noto files (regular and bold; italic falls back to them), or None."""
        for folder in NOTO_DIRS:
            regular, bold = folder / self.regular, folder / self.bold
            if regular.is_file() and bold.is_file():
                return Family(regular, bold, regular, bold)
        return None


ARABIC = Script("Arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", rtl=True)
BENGALI = Script("Bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf")
GURMUKHI = Script("Gurmukhi", "NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf")

# Languages spoken in the wards whose script Atkinson Hyperlegible does not cover.
# Polish (pl) is written in Latin Extended, which Atkinson Hyperlegible covers.
LANGUAGE_SCRIPTS: dict[str, Script] = {
    "ur": ARABIC,
    "ar": ARABIC,
    "bn": BENGALI,
    "pa": GURMUKHI,
    "pa-arab": ARABIC,  # Punjabi in Shahmukhi (Arabic script); class names are lower case
}


def register_text_fonts() -> None:
    """Make the text fonts known to ReportLab (for measuring and drawing SVG text)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = set(pdfmetrics.getRegisteredFontNames())
    for family in (TEXT, MONO):
        for name, path in zip(family.names, family.files):
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(path)))


def use_text_fonts_in_svg() -> None:
    """SVG text (infographics) drawn by svglib uses the embedded text font, never Helvetica."""
    import reportlab.graphics.shapes
    import svglib.fonts

    register_text_fonts()
    regular = TEXT.names[0]
    styles = (("normal", "normal"), ("bold", "normal"), ("normal", "italic"), ("bold", "italic"))
    for family in ("Atkinson Hyperlegible", "sans-serif", "Helvetica", "Arial"):
        for (weight, style), name, path in zip(styles, TEXT.names, TEXT.files):
            svglib.fonts.register_font(family, str(path), weight=weight, style=style, rlgFontName=name)
    set_svglib_default_font(regular)
    reportlab.graphics.shapes.STATE_DEFAULTS["fontName"] = regular
