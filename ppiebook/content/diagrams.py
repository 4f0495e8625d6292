"""``{mermaid}``: diagrams written as text, drawn at build time into an SVG picture.

    ```{mermaid}
    :alt: The session plan: if the venue is accessible, send invitations; if not, find another.
    :caption: Planning a session

    graph TD
      A[Plan the session] --> B{Venue accessible?}
    ```

The directive's name and its source are MyST's and sphinxcontrib-mermaid's, so what an
author reads there works here. Unlike sphinxcontrib-mermaid's default, no script runs in
the reader's browser and nothing is fetched from another host: mermaid (pinned in
package-lock.json) draws the diagram once, offline, in Debian's chromium (headless, the
text measured in the PDFs' own font), and every edition gets the same SVG file as a
figure: the site as an ``<img>``, the print PDF through svglib, the tagged PDF as a
``Figure`` with the alt text. Drawings are kept in ``_generated/diagrams`` by a hash of
their source, so an unchanged diagram is not drawn again.

``:alt:`` is required (a diagram is only pictures to a screen reader); a diagram mermaid
cannot parse stops the build at its file and line with mermaid's own message.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ppiebook.config import TYPE, Kind
from ppiebook.content.generated import FOLDER, write_atomically, write_if_changed
from ppiebook.content.node import ToolMissing, node_modules, package_path
from ppiebook.pdfshared.fonts import TEXT
from ppiebook.pdfshared.naming import PRINT

logger = logging.getLogger(__name__)

GENERATED = FOLDER / "diagrams"
MAX_WIDTH = 420  # points: within both PDFs' text width on A4
PRINT_DPI = 300
CAPTION_ROOM = 48  # points: a two-line caption and the space around the figure
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# Labels as SVG text (not HTML in <foreignObject>, which neither svglib nor WeasyPrint draws).
SETTINGS = {"startOnLoad": False, "securityLevel": "strict", "theme": "neutral", "htmlLabels": False,
            "flowchart": {"htmlLabels": False}, "fontFamily": "Atkinson Hyperlegible, sans-serif"}
_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<style>
@font-face {{ font-family: "Atkinson Hyperlegible"; src: url("{regular}"); }}
@font-face {{ font-family: "Atkinson Hyperlegible"; font-weight: bold; src: url("{bold}"); }}
body {{ font-family: "Atkinson Hyperlegible"; }}
</style>
<script src="{script}"></script></head><body>
<script type="application/json" id="sources">{sources}</script>
<script>
mermaid.initialize({settings});
(async () => {{
  await document.fonts.load('16px "Atkinson Hyperlegible"');
  const drawn = [];
  const sources = JSON.parse(document.getElementById('sources').textContent);
  for (const [index, source] of sources.entries()) {{
    try {{ drawn.push({{svg: (await mermaid.render('diagram' + index, source)).svg}}); }}
    catch (error) {{ drawn.push({{error: String(error.message || error)}}); }}
  }}
  const out = document.createElement('pre');
  out.id = 'drawn';
  out.textContent = JSON.stringify(drawn);
  document.body.appendChild(out);
}})();
</script></body></html>
"""


class DiagramError(ValueError):
    """mermaid could not draw the source; the message is mermaid's."""


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissing("chromium is not installed (mermaid draws diagrams in it): apt-get install chromium")


def draw(sources: list[str], modules: Path) -> list[str | DiagramError]:
    """Each mermaid source drawn as SVG (or the error mermaid gave), in one headless chromium."""
    script = package_path(modules, "mermaid", "dist", "mermaid.min.js")
    # "</" would end the <script> holding the sources early.
    payload = json.dumps(sources).replace("</", "<\\/")
    page = _PAGE.format(regular=TEXT.regular.as_uri(), bold=TEXT.bold.as_uri(), script=script.as_uri(),
                        sources=payload, settings=json.dumps(SETTINGS))
    with tempfile.TemporaryDirectory(prefix="ppiebook-mermaid-") as folder:
        path = Path(folder) / "draw.html"
        path.write_text(page, encoding="utf-8")
        done = subprocess.run([_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               f"--user-data-dir={folder}/profile", "--allow-file-access-from-files",
                               "--virtual-time-budget=60000", "--dump-dom", path.as_uri()],
                              capture_output=True, text=True, timeout=300, check=False)
    match = re.search(r'<pre id="drawn">(.*?)</pre>', done.stdout, re.S)
    if match is None:
        raise RuntimeError(f"chromium drew no diagram (exit {done.returncode}): {done.stderr.strip()[-1000:]}")
    return [_sized(item["svg"]) if "svg" in item else DiagramError(item["error"])
            for item in json.loads(html.unescape(match[1]))]


def _sized(svg: str) -> str:
    """mermaid sizes its SVG for a web page (``width="100%"``, a CSS max-width); a picture
    for print needs its size: the viewBox's, in CSS pixels."""
    box = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', svg)
    if box is None:
        return svg
    width, height = float(box[3]), float(box[4])
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    head = re.sub(r'\sstyle="max-width:[^"]*"', "", head)
    return f'{head} width="{width:.2f}" height="{height:.2f}">{rest}'


class MermaidDirective(SphinxDirective):
    has_content = True
    option_spec = {"alt": directives.unchanged, "caption": directives.unchanged,
                   "name": directives.unchanged, "align": lambda value: directives.choice(
                       value, ("left", "center", "right"))}

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        alt = " ".join(self.options.get("alt", "").split())
        if not alt:
            logger.warning("a {mermaid} diagram needs :alt: text saying what it shows (a screen reader "
                           "cannot read the picture)", location=location, type=TYPE, subtype=Kind.ALT_TEXT)
            return []
        source = "\n".join(self.content).strip()
        try:
            svg = self._drawn(source)
        except DiagramError as error:
            logger.warning("mermaid cannot draw this diagram: %s", str(error).strip(), location=location,
                           type=TYPE, subtype=Kind.DIAGRAM)
            return []
        except (ToolMissing, RuntimeError, subprocess.TimeoutExpired) as error:
            logger.warning("cannot draw the diagram: %s", error, location=location, type=TYPE, subtype=Kind.DIAGRAM)
            return []
        # Its size in points (CSS px x 0.75), no wider than a PDF's text: rst2pdf would otherwise
        # size the SVG by its own resolution.
        drawn = svg.read_text(encoding="utf-8")
        width, height = (float(re.search(rf'{side}="([\d.]+)"', drawn)[1]) * 0.75 for side in ("width", "height"))
        scale = min(1.0, MAX_WIDTH / width)
        image = nodes.image(uri="/" + svg.relative_to(Path(self.env.srcdir)).as_posix(), alt=alt,
                            width=f"{width * scale:.0f}pt")
        figure = nodes.figure("", image, classes=["diagram"], align=self.options.get("align", "center"),
                              print_height=height * scale)
        self.set_source_info(figure)
        self.set_source_info(image)
        if self.options.get("caption"):
            parsed, _ = self.parse_inline(self.options["caption"], lineno=self.lineno)
            caption = nodes.caption(self.options["caption"], "", *parsed)
            self.set_source_info(caption)
            figure += caption
        self.add_name(figure)
        self.env.note_dependency(__file__)
        return [figure]

    def _drawn(self, source: str) -> Path:
        name = hashlib.sha256(json.dumps([source, SETTINGS]).encode()).hexdigest()[:16]
        path = Path(self.env.srcdir) / GENERATED / f"{name}.svg"
        if not path.is_file():
            drawn = draw([source], node_modules(self.config, self.env.srcdir))[0]
            if isinstance(drawn, DiagramError):
                raise drawn
            write_if_changed(path, drawn)
        return path


def raster(svg: Path) -> Path:
    """The diagram at 300 dpi for print, drawn by resvg in the PDFs' font: svglib, rst2pdf's
    SVG reader, misplaces mermaid's multi-line labels and draws no arrowheads (markers)."""
    import resvg_py

    png = svg.with_suffix(".png")
    if not png.is_file() or png.stat().st_mtime < svg.stat().st_mtime:
        write_atomically(png, bytes(resvg_py.svg_to_bytes(
            svg_path=str(svg), zoom=PRINT_DPI / 96, skip_system_fonts=True, font_files=[str(path) for path in TEXT.files],
            font_family="Atkinson Hyperlegible", sans_serif_family="Atkinson Hyperlegible", background="#ffffff")))
    return png


class WholeDiagrams(SphinxPostTransform):
    """Print edition: each diagram as its 300 dpi picture; one that does not fit in what is
    left of the page starts the next page (rst2pdf would shrink it into the space instead,
    warning "too tall")."""

    builders = (PRINT,)
    default_priority = 880

    def run(self, **kwargs: object) -> None:
        for figure in list(self.document.findall(nodes.figure)):
            if "print_height" not in figure:
                continue
            room = figure["print_height"] + CAPTION_ROOM
            figure.parent.insert(figure.parent.index(figure), nodes.raw("", f"FrameBreak {room:.0f}", format="pdf"))
            for image in figure.findall(nodes.image):
                image["uri"] = str(raster(Path(self.env.srcdir) / image["uri"].lstrip("/")))


def setup(app: Sphinx) -> None:
    app.add_directive("mermaid", MermaidDirective)
    app.add_post_transform(WholeDiagrams)
