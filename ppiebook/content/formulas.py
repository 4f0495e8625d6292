"""Maths: ``{math}``, ``$...$``, ``$$...$$ (label)``, amsmath environments and ``{eq}``.

One TeX source, drawn without LaTeX and without a request to another host:

- Site: MathML, converted from TeX as the page is written (latex2mathml, pinned), which
  browsers lay out themselves and screen readers read as maths. No script, no font download.
- Print PDF: ziamath (pinned, pure Python, with its own STIX Two Math font) draws the
  formula as SVG. A display formula is a vector picture, its number beside it; a formula in
  a line of text is that SVG rasterised at 300 dpi by resvg (rst2pdf lays out pictures in
  a line only as raster images), padded so that its baseline sits on the line's.
- Tagged PDF: the same SVG in an ``<img>``, tagged ``Formula`` (ppiebook.tagged.tags) with
  the formula as a screen reader says it as its alternate text ("a over b"), made by
  speech-rule-engine (ClearSpeak, the engine behind MathJax's and Chrome's maths speech;
  ppiebook.content.node) in the publication's language where it has one, else English.

Numbers: Sphinx numbers labelled equations (``math_numfig``: per chapter, like figures);
every edition shows the number the site shows, and ``{eq}`` cites it. TeX the converter
does not know (``\\fracc``) would reach a reader as its letters: it stops the build at
its file and line instead.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ppiebook.compat import get_node_equation_number
from ppiebook.config import TYPE, Kind, where
from ppiebook.content import node as nodejs
from ppiebook.content.generated import FOLDER, write_atomically, write_if_changed
from ppiebook.content.node import node_modules
from ppiebook.i18n import _
from ppiebook.pdfshared.design import BODY_SIZE
from ppiebook.pdfshared.naming import PRINT, TAGGED
from ppiebook.pdfshared.pages import with_pages

logger = logging.getLogger(__name__)

GENERATED = FOLDER / "maths"
RENDERER = "ppiebook-mathml"
PRINT_DPI = 300
# amsmath environments are numbered by Sphinx (MyST gives each its number); the converter
# must not number them a second time.
_NUMBERED_ENV = re.compile(r"\\(begin|end)\{(equation|align|gather|multline|flalign|alignat|eqnarray)\}")
# A command the converter passed through as text: <mi>\fracc</mi>.
_UNKNOWN = re.compile(r">(\\[A-Za-z]+)<")
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


class MathsError(ValueError):
    """TeX that cannot be drawn; the message says why."""


def tex(node: nodes.Element) -> str:
    """The TeX of a ``math`` or ``math_block`` node, wrapped as Sphinx's MathJax writer
    wraps it: blank-line-separated equations (or ``\\\\`` rows) become aligned rows."""
    text = node.astext().strip()
    if isinstance(node, nodes.math) or node.get("nowrap") or node.get("no-wrap"):
        return _NUMBERED_ENV.sub(r"\\\1{\2*}", text)
    parts = [part.strip() for part in text.split("\n\n") if part.strip()]
    body = " \\\\ ".join(parts)
    if len(parts) > 1 or "\\\\" in body:
        return "\\begin{align*}" + body + "\\end{align*}"
    return body


def mathml(source: str, display: bool) -> str:
    """``<math>`` for the site; MathsError for TeX the converter does not know."""
    from latex2mathml.converter import convert

    try:
        markup = convert(source, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises its own exception classes, untyped
        raise MathsError(f"{type(error).__name__} {error}".strip()) from error
    unknown = sorted(set(_UNKNOWN.findall(markup)))
    if unknown:
        raise MathsError(f"unknown command {', '.join(unknown)}")
    return markup.replace("<math ", f'<math alttext="{html.escape(source)}" ', 1)


class Drawing:
    """A formula drawn as SVG at the PDFs' text size, in points: its width, its height
    above the baseline (``ascent``) and below it (``depth``)."""

    def __init__(self, source: str, display: bool) -> None:
        import ziamath

        self.mathml = mathml(source, display)  # the same check as the site's: no command drawn as letters
        if ziamath.config.svg2:
            ziamath.config.svg2 = False  # plain paths: svglib (rst2pdf) misplaces SVG 2 <symbol>s
        self.svg = ziamath.Latex(source, size=BODY_SIZE).svg()
        x, y, width, height = (float(value) for value in _VIEWBOX.search(self.svg).groups())
        self.width, self.ascent, self.depth = width, -y, height + y

    def file(self, srcdir: Path, suffix: str = ".svg") -> Path:
        """The SVG (or, for ``.png``, its raster padded for a line of text) under ``_generated/maths``."""
        name = hashlib.sha256(self.svg.encode()).hexdigest()[:16]
        path = Path(srcdir) / GENERATED / f"{name}{suffix}"
        if suffix == ".svg":
            return write_if_changed(path, self.svg)
        if not path.is_file():
            import resvg_py

            write_atomically(path, bytes(resvg_py.svg_to_bytes(svg_string=self.padded_svg(), dpi=PRINT_DPI,
                                                               zoom=PRINT_DPI / 72)))
        return path

    def padding(self) -> tuple[float, float]:
        """Space above and below so that reportlab's ``valign="middle"``, which centres a
        picture 0.4 em above the baseline, puts the formula's baseline on the line's."""
        shift = 0.8 * BODY_SIZE + self.depth - self.ascent
        return max(0.0, shift), max(0.0, -shift)

    def padded_svg(self) -> str:
        top, bottom = self.padding()
        x, y, width, height = (float(value) for value in _VIEWBOX.search(self.svg).groups())
        box = f'viewBox="{x} {y - top} {width} {height + top + bottom}"'
        svg = _VIEWBOX.sub(box, self.svg, count=1)
        return re.sub(r'height="[-\d.]+"', f'height="{height + top + bottom}"', svg, count=1)

    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


# --- site ---------------------------------------------------------------------------

def visit_math_html(self, node: nodes.math) -> None:
    try:
        self.body.append(mathml(tex(node), display=False))
    except MathsError as error:
        _refuse(node, error)
    raise nodes.SkipNode


def visit_math_block_html(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math"))
    if node.get("number"):
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    try:
        self.body.append(mathml(tex(node), display=True))
    except MathsError as error:
        _refuse(node, error)
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _refuse(node: nodes.Element, error: MathsError) -> None:
    logger.warning("cannot draw the maths '%s': %s. Write it in the TeX that MyST's documentation shows "
                   "(\\frac{a}{b}, x^2, \\sqrt{x}, \\begin{align}...)", node.astext().strip(), error,
                   location=where(node), type=TYPE, subtype=Kind.MATHS)


# --- both PDF editions --------------------------------------------------------------

class formula(nodes.Inline, nodes.TextElement):
    """The tagged edition's drawn formula: an ``<img>`` tagged ``Formula``, its speech as Alt."""


def visit_formula_html(self, node: formula) -> None:
    drawing: Drawing = node["drawing"]
    style = f"width: {drawing.width:.2f}pt; height: {drawing.ascent + drawing.depth:.2f}pt;"
    if not node["display"]:
        style += f" vertical-align: -{drawing.depth:.2f}pt;"
    self.body.append(f'<img class="formula" src="{drawing.data_uri()}" alt="{html.escape(node["alt"])}" '
                     f'data-pdf-role="Formula" style="{style}">')
    raise nodes.SkipNode


SPEECH_LOCALES = {"ca", "da", "de", "en", "es", "fr", "hi", "it", "ko", "nb", "nn", "sv"}
_SPEECH = """
const sre = require('speech-rule-engine');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  await sre.setupEngine({locale: input.locale, domain: 'clearspeak', modality: 'speech', markup: 'none'});
  await sre.engineReady();
  process.stdout.write(JSON.stringify(input.formulas.map(formula => sre.toSpeech(formula))));
})();
"""


def speech(formulas: list[str], language: str, modules: Path, cache: Path) -> list[str]:
    """How a screen reader says each formula (MathML), kept in ``cache`` between builds."""
    locale = language.split("-")[0].split("_")[0].lower()
    locale = locale if locale in SPEECH_LOCALES else "en"
    names = [cache / f"{hashlib.sha256(f'{locale} {formula}'.encode()).hexdigest()[:16]}.txt" for formula in formulas]
    missing = [formula for formula, name in zip(formulas, names) if not name.is_file()]
    if missing:
        said = nodejs.run(_SPEECH, {"locale": locale, "formulas": missing}, modules, "speech-rule-engine")
        for formula, text in zip(missing, said):
            write_if_changed(names[formulas.index(formula)], text)
    return [name.read_text(encoding="utf-8") for name in names]


def has_maths(doctree: nodes.Node) -> bool:
    return any(doctree.findall(_is_maths))


def spoken_text(doctree: nodes.Node, config: Config, confdir: str | Path, srcdir: str | Path,
                length: int = 200) -> str:
    """The page's opening paragraphs as plain text with each formula as it is said ("a over
    b"), about ``length`` characters: a page description with no TeX in it."""
    paragraphs = [paragraph for paragraph in doctree.findall(nodes.paragraph)
                  if not any(isinstance(up, (nodes.Admonition, nodes.Invisible, nodes.title))
                             for up in _ancestors(paragraph))][:3]
    maths = [node for paragraph in paragraphs for node in paragraph.findall(nodes.math)]
    sources = []
    for node in maths:
        try:
            sources.append(mathml(tex(node), display=False))
        except MathsError:
            sources.append("<math></math>")
    said = dict(zip(map(id, maths), speech(sources, config.language or "en", node_modules(config, confdir),
                                           Path(srcdir) / GENERATED / "speech"))) if maths else {}
    text = " ".join(_with_speech(paragraph, said) for paragraph in paragraphs)
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "..."


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node.parent is not None:
        node = node.parent
        yield node


def _with_speech(node: nodes.Node, said: dict[int, str]) -> str:
    if isinstance(node, nodes.math):
        return said.get(id(node), "")
    if isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "math":
        return ""  # {eq}: its number is not known yet
    if isinstance(node, nodes.Text):
        return node.astext()
    return "".join(_with_speech(child, said) for child in node.children)


class PrintedFormulas(SphinxPostTransform):
    """Each formula of a publication drawn: a picture in print (here), ``formula`` in the
    tagged edition (TaggedFormulas); a display formula with the number the site shows."""

    builders: tuple[str, ...] = (PRINT,)
    default_priority = 860
    printed = True

    def run(self, **kwargs: object) -> None:
        pages = dict((id(node), page) for node, page in with_pages(self.document, self.env.docname)
                     if _is_maths(node))
        drawn = []
        for node in list(self.document.findall(_is_maths)):
            try:
                drawn.append((node, Drawing(tex(node), isinstance(node, nodes.math_block))))
            except MathsError as error:
                _refuse(node, error)
        said = [""] * len(drawn)
        if drawn and not self.printed:
            try:
                said = speech([drawing.mathml for _, drawing in drawn], self.config.language or "en",
                              node_modules(self.config, self.env.srcdir),
                              Path(self.env.srcdir) / GENERATED / "speech")
            except (nodejs.ToolMissing, RuntimeError) as error:
                logger.warning("cannot say the formulas for the tagged PDF: %s", error, location=where(drawn[0][0]),
                               type=TYPE, subtype=Kind.MATHS)
                return
        for (node, drawing), alt in zip(drawn, said):
            display = isinstance(node, nodes.math_block)
            if self.printed:
                new = self._printed(node, drawing, display)
            else:
                new = formula(alt, "", alt=alt, drawing=drawing, display=display)
                if display:
                    new = nodes.container("", new, classes=["math"])
            number = self._number(node, pages.get(id(node), self.env.docname)) if display else ""
            if display:
                new["ids"] = node["ids"]
                if number and not self.printed:
                    new += nodes.inline(f"({number})", f"({number})", classes=["eqno"])
                if number and self.printed:
                    new = self._numbered(new, number, node["ids"])
            node.replace_self(new)

    def _printed(self, node: nodes.Element, drawing: Drawing, display: bool) -> nodes.Element:
        srcdir = Path(self.env.srcdir)
        if display:
            image = nodes.image(uri=str(drawing.file(srcdir)), alt=tex(node), width=f"{drawing.width:.2f}pt",
                                align="center")
            return nodes.container("", image, classes=["formula"])
        top, bottom = drawing.padding()
        return nodes.image(uri=str(drawing.file(srcdir, ".png")), alt=tex(node), align="middle",
                           width=f"{drawing.width:.2f}pt",
                           height=f"{drawing.ascent + drawing.depth + top + bottom:.2f}pt")

    def _numbered(self, drawn: nodes.Element, number: str, ids: list[str]) -> nodes.table:
        """Formula and number side by side: a borderless two-column table (print only)."""
        group = nodes.tgroup(cols=2)
        group += nodes.colspec(colwidth=88)
        group += nodes.colspec(colwidth=12)
        row = nodes.row("", nodes.entry("", *drawn.children),
                        nodes.entry("", nodes.paragraph(f"({number})", f"({number})", classes=["eqno"])))
        group += nodes.tbody("", row)
        return nodes.table("", group, classes=["equation"], ids=ids)

    def _number(self, node: nodes.math_block, page: str) -> str:
        if not node.get("number"):
            return ""
        if self.config.math_numfig and self.config.numfig and node["ids"]:
            numbers = self.env.toc_fignumbers.get(page, {}).get("displaymath", {}).get(node["ids"][0], ())
            eqno = ".".join(map(str, numbers))
            return self.config.math_numsep.join(eqno.rsplit(".", 1))
        return str(node["number"])


class TaggedFormulas(PrintedFormulas):
    builders = (TAGGED,)
    printed = False


def _is_maths(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.math, nodes.math_block))


def _use_mathml(app: Sphinx, config: Config) -> None:
    if not config.html_math_renderer:
        config.html_math_renderer = RENDERER


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _use_mathml)
    app.add_html_math_renderer(RENDERER, inline_renderers=(visit_math_html, None),
                               block_renderers=(visit_math_block_html, None))
    app.add_node(formula, html=(visit_formula_html, None))
    app.add_post_transform(PrintedFormulas)
    app.add_post_transform(TaggedFormulas)
