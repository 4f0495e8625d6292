"""Draw an infographic as SVG: a title band, numbered steps (or a marked "to be supplied"
box while the data is not available), and the source. Text is measured with the real
font's metrics, so wrapped lines fit in the PDF as in the browser."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from ppiebook.content.infographics.data import Infographic
from ppiebook.i18n import _
from ppiebook.pdfshared.fonts import TEXT, register_text_fonts

WIDTH = 800
MARGIN = 40
FONT = "Atkinson Hyperlegible, sans-serif"
INK = "#1f1f1f"


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy line breaking with the text font's real advance widths."""
    register_text_fonts()
    font = TEXT.names[1] if bold else TEXT.names[0]
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


def _text(x: float, y: float, lines: list[str], size: float, leading: float, fill: str,
          bold: bool = False) -> tuple[str, float]:
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(
        f'<tspan x="{x:g}" y="{y + i * leading:g}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return (f'<text font-family="{FONT}" font-size="{size:g}"{weight} fill="{fill}">{spans}</text>',
            y + (len(lines) - 1) * leading)


def render_svg(infographic: Infographic, colours: dict[str, str], credit: str) -> str:
    """The SVG document, sized to its content."""
    primary, accent = colours["primary"], colours["accent"]
    parts: list[str] = []
    inner = WIDTH - 2 * MARGIN
    # Browsers show SVG images in their own sans-serif, which may be wider than the
    # text font: wrap with some slack so no line runs off the edge.
    measure = inner * 0.88

    title_lines = wrap(infographic.title, 34, measure, bold=True)
    subtitle_lines = wrap(infographic.subtitle, 19, measure)
    title, bottom = _text(MARGIN, 62, title_lines, 34, 40, "#ffffff", bold=True)
    subtitle, bottom = _text(MARGIN, bottom + 36, subtitle_lines, 19, 25, "#ffffff")
    band = bottom + 30
    parts += [f'<rect x="0" y="0" width="{WIDTH}" height="{band:g}" fill="{primary}"/>', title, subtitle]

    y = band + 40
    if infographic.steps:
        for number, step in enumerate(infographic.steps, 1):
            label_lines = wrap(step.label, 21, measure - 80, bold=True)
            text_lines = wrap(step.text, 17, measure - 80)
            top = y
            label, bottom = _text(MARGIN + 80, y + 26, label_lines, 21, 27, primary, bold=True)
            body, bottom = _text(MARGIN + 80, bottom + 28, text_lines, 17, 24, INK)
            height = bottom - top + 22
            parts += [
                f'<rect x="{MARGIN}" y="{top:g}" width="{inner}" height="{height:g}" rx="12" '
                f'fill="#f3f7f7" stroke="{primary}" stroke-width="1.5"/>',
                f'<circle cx="{MARGIN + 38}" cy="{top + 36:g}" r="22" fill="{accent}"/>',
                f'<text font-family="{FONT}" font-size="22" font-weight="bold" fill="#ffffff" '
                f'x="{MARGIN + 38}" y="{top + 44:g}" text-anchor="middle">{number}</text>',
                label,
                body,
            ]
            y = top + height
            if number < len(infographic.steps):
                mid = WIDTH / 2
                parts.append(f'<path d="M {mid - 12:g} {y + 8:g} L {mid:g} {y + 24:g} L {mid + 12:g} {y + 8:g}" '
                             f'fill="none" stroke="{accent}" stroke-width="4"/>')
                y += 32
    else:
        heading, bottom = _text(MARGIN + 24, y + 40, [_("To be supplied by the report’s authors")], 21, 27, INK, bold=True)
        body, bottom = _text(MARGIN + 24, bottom + 30, wrap(infographic.to_be_supplied, 17, measure - 48), 17, 24, INK)
        height = bottom - y + 30
        parts += [f'<rect x="{MARGIN}" y="{y:g}" width="{inner}" height="{height:g}" rx="12" fill="#fff4e8" '
                  f'stroke="{accent}" stroke-width="3" stroke-dasharray="10 6"/>', heading, body]
        y += height

    credit_text, bottom = _text(MARGIN, y + 44, wrap(credit, 15, measure), 15, 20, "#4a4a4a")
    parts.append(credit_text)
    height = bottom + 30
    description = " ".join(f"{i}. {s.label}: {s.text}" for i, s in enumerate(infographic.steps, 1)) or (
        _("To be supplied by the report’s authors: {details}").format(details=infographic.to_be_supplied)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:g}" '
        f'viewBox="0 0 {WIDTH} {height:g}" role="img" aria-labelledby="title desc">'
        f'<title id="title">{escape(infographic.title)}</title><desc id="desc">{escape(description)}</desc>'
        f'<rect width="{WIDTH}" height="{height:g}" fill="#ffffff"/>' + "".join(parts) + "</svg>\n"
    )
