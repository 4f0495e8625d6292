"""The print HTML of the tagged edition as Typst markup, for Typst's PDF/UA-1 writer.

The tagged builder makes one print HTML file per publication through Sphinx's HTML
translator, so every MyST construct reaches it with its HTML visitors. This module reads
that HTML and writes the same document in Typst: cover, imprint and contents, then the
chapters, styled from the same design values as the print CSS (``pdfshared/design.py``,
the catalogue's colours, the running texts of ``pdfshared/pages.py``). Typst then lays it
out and tags it (``render.render_typst``).

Every element of the print HTML's vocabulary has its Typst form here. An element that
holds no text and is not known (a ``<video>``, an inline ``<svg>``, MathML) stops the
build with its publication and the nearest id: it is never silently dropped. Unknown
elements with text are read through, so their words always reach the page.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import html as lxml_html

from ppiebook.i18n.languages import direction_of
from ppiebook.pdfshared.pages import PAGE_TOKEN, TOC_DEPTH

# Typst's markup characters, escaped in text. Dots after a digit too ("1." at the start of
# a line would be a numbered list), and before a dot ("..." would become an ellipsis).
_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]=~/+\-\"'])|(?<=\d)(\.)|(\.)(?=\.)")
_SPACE = re.compile(r"\s+")
_LABEL = re.compile(r"^[\w.:-]+$")
HEADING = re.compile(r"h[1-6]")
# Elements that hold no text of their own: each needs its own Typst form.
_EMPTY_CONTENT = {"video", "audio", "iframe", "object", "embed", "canvas", "svg", "math", "input", "picture"}
_SKIPPED = {"style", "script", "title", "meta", "head", "link", "template", "noscript"}
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "dfn", "em", "i", "img", "kbd", "mark", "q",
           "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "del", "ins"}
# Elements whose id labels their heading (sections) or that place their own anchor.
HEADINGS_AND_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "section"}
_NUMBERING = {"loweralpha": "a.", "upperalpha": "A.", "lowerroman": "i.", "upperroman": "I.", "arabic": "1."}


# Where a long publication may be cut into parts (before a chapter), in the list of blocks.
_SPLIT = "\x00pp-part\x00"
# A link into another part, until the parts are joined (parts.py makes it a link inside the file).
ELSEWHERE = "https://pp-part.invalid/"
# The same from an entry of the contents: not underlined, as Typst's own entries are not
# (a label has no "/", so the join tells it from a label).
FROM_CONTENTS = ELSEWHERE + "contents/"
_LINK = re.compile(r'#link\(label\("([^"\\]+)"\)\)')
_ANCHOR = re.compile(r"#metadata\(none\)<[^>]+>")
# Containers whose blocks are written one after the other, unwrapped: a chapter inside one
# may begin a part. A language, a box or a figure wraps its blocks in brackets.
_FLAT = {"section", "div", "article", "main"}
_WRAPPING = {"admonition", "topic", "sidebar", "footnote-list", "highlight", "math", "ppiebook-lang"}


class TypesetError(ValueError):
    """Print HTML this module has no Typst form for."""


@dataclass
class Parts:
    """A long publication as Typst documents laid out one by one, then joined (parts.py):
    the front matter, then the chapters in parts of about ``part_size`` characters."""

    #: Cover, imprint and contents. The contents lists the body's headings, placed hidden
    #: here, with the page numbers given as the input ``pp-pages`` (label -> number).
    front: str
    #: The body, each starting at the page number given as the input ``pp-first-page``
    #: and ending with the positions of its labels that the other parts need (``<pp-positions>``).
    bodies: list[str]
    #: Per body part: (level, label) of each of its headings, in order (the bookmarks).
    headings: list[list[tuple[int, str]]]
    #: The labels the contents lists, in order.
    contents: list[str]
    #: What the repairs need (:class:`Notes`), of the front matter and of each body part: each
    #: part is repaired on its own, before the join, and kept repaired.
    front_notes: Notes
    body_notes: list[Notes]


@dataclass
class Notes:
    """What the HTML says that Typst cannot write, for the repairs after it (retag.py), in
    reading order."""

    #: (printed text, what a screen reader should say instead): the HTML's data-actualtext.
    actual_texts: list[tuple[str, str]] = field(default_factory=list)
    #: Per table, per cell of its body rows: a row header (Sphinx's stub column, ``th``)?
    row_headers: list[list[bool]] = field(default_factory=list)
    #: The chunk of each actual text and of each table (a publication in parts: -1 the front
    #: matter, then one per chapter), so that each part is repaired with its own.
    text_chunks: list[int] = field(default_factory=list, repr=False)
    table_chunks: list[int] = field(default_factory=list, repr=False)

    def add_actual_text(self, printed: str, spoken: str, chunk: int) -> None:
        self.actual_texts.append((printed, spoken))
        self.text_chunks.append(chunk)

    def add_table(self, chunk: int) -> list[bool]:
        """A new table's row-header flags, to be filled in as its cells are made."""
        self.row_headers.append([])
        self.table_chunks.append(chunk)
        return self.row_headers[-1]

    def of_chunks(self, chunks: range) -> Notes:
        """The notes of the chunks in ``chunks`` only, in reading order."""
        return Notes([text for text, chunk in zip(self.actual_texts, self.text_chunks, strict=True)
                      if chunk in chunks],
                     [flags for flags, chunk in zip(self.row_headers, self.table_chunks, strict=True)
                      if chunk in chunks])


def text(value: str | None) -> str:
    """Plain text as Typst markup: spaces collapsed, markup characters escaped."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), _SPACE.sub(" ", value)) if value else ""


def string(value: str) -> str:
    """A Typst string literal (Typst strings have JSON's escapes)."""
    return json.dumps(value, ensure_ascii=False)


def _classes(element: lxml_html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _tag(element: object) -> str:
    tag = getattr(element, "tag", None)
    return tag if isinstance(tag, str) else ""


@dataclass
class Style:
    """What the page looks like: the print CSS's values, in Typst's units."""

    language: str
    primary: str
    accent: str
    subtitle_colour: str
    table_heading: str
    editorial_background: str
    body_size: float
    leading: float
    sizes: dict[str, tuple[float, float]]  # style name -> (font size, leading)
    margins: tuple[str, str, str, str]  # top, right, bottom, left
    header: str
    footer: str
    fonts: list[str]  # the text font, then the script fonts a glyph falls back to
    mono: str
    scripts: dict[str, tuple[str, bool]] = field(default_factory=dict)  # language -> (font, right-to-left)

    def preamble(self, title: str, authors: Iterable[str], keywords: str, plain_links: str = "") -> str:
        """The settings every Typst document of the edition starts with. Links whose address
        starts with ``plain_links`` are not underlined: Typst's own contents entries are not,
        and an underline around a link in an entry breaks its tags (TOCI > Reference > Link)."""
        lang, _, region = self.language.partition("-")
        region_arg = f", region: {string(region.upper())}" if len(region) == 2 else ""
        fonts = "(" + ", ".join(string(name) for name in self.fonts) + ",)"
        before, _, after = self.footer.partition(PAGE_TOKEN)
        size_of = {name: f"{size}pt" for name, (size, _) in self.sizes.items()}
        return f"""#set document(title: {string(title)}, author: ({", ".join(string(a) for a in authors)},),
  keywords: ({", ".join(string(k.strip()) for k in keywords.split(",") if k.strip())},), date: none)
#set text(lang: {string(lang)}{region_arg}, dir: {direction_of(self.language)}, font: {fonts}, size: {self.body_size}pt,
  hyphenate: false,
  top-edge: "ascender", bottom-edge: "descender")
#set par(leading: {self.leading - self.body_size * 1.2:.2f}pt, spacing: 8pt, justify: false)
#set page(paper: "a4", margin: (top: {self.margins[0]}, right: {self.margins[1]}, bottom: {self.margins[2]},
  left: {self.margins[3]}))
#let pp-header = align(right, text(size: {self.body_size * 0.8}pt)[{text(self.header)}])
#let pp-footer(numbering) = context align(center, text(size: {self.body_size * 0.8}pt)[{text(before)}#counter(
  page).display(numbering){text(after)}])
{self._link_rule(plain_links)}
#show raw: set text(font: {string(self.mono)}, size: {self.body_size - 1}pt)
#show heading: set text(fill: rgb({string(self.primary)}), weight: "bold")
#show heading: set block(above: 14pt, below: 6pt)
#show heading.where(level: 1): set text(size: {size_of["heading1"]})
#show heading.where(level: 2): set text(size: {size_of["heading2"]})
#show heading.where(level: 3): set text(size: {size_of["heading3"]})
#show heading.where(level: 4): set text(size: {size_of["heading4"]})
#show heading.where(level: 5): set text(size: {size_of["heading4"]})
#show heading.where(level: 6): set text(size: {size_of["heading4"]})
#show outline.entry.where(level: 1): set text(weight: "bold")
#show outline.entry: it => text(fill: rgb({string(self.primary)}), it)
#set table(stroke: 0.5pt + rgb("#999999"), inset: (x: 5pt, y: 3pt), align: left + top)
#set list(indent: 0.4em)
#set enum(indent: 0.4em)
#set terms(separator: [ ], hanging-indent: 1.5em)
#let pp-mono(body) = text(font: {string(self.mono)}, size: {self.body_size - 1}pt, body)
#let pp-box(body, fill: none, stroke: 1pt + rgb("#999999")) = block(width: 100%, inset: (x: 8pt, y: 6pt),
  fill: fill, stroke: stroke, above: 8pt, below: 8pt, body)
"""

    def _link_rule(self, plain_links: str) -> str:
        underlined = f"underline(text(fill: rgb({string(self.primary)}), it))"
        if not plain_links:
            return f"#show link: it => {underlined}"
        return (f"#show link: it => if type(it.dest) == str and it.dest.starts-with({string(plain_links)}) "
                f"{{ it }} else {{ {underlined} }}")


class Converter:
    """One print HTML document (the tagged builder's template) as Typst markup."""

    def __init__(self, root: lxml_html.HtmlElement, style: Style, assets: Path, name: str,
                 part_size: int = 0) -> None:
        self.root, self.style, self.assets, self.name = root, style, assets, name
        # Parts: the chunk (-1: the front matter; then one per chapter) each label is in,
        # and each body heading's (chunk, level, label, words).
        self.part_size, self.chunk = part_size, -1
        self.label_chunk: dict[str, int] = {}
        self.headings: list[tuple[int, int, str, str]] = []
        # Every id in the document gets a label where it is, so that links can go to it. Typst's
        # labels allow fewer characters than ids ("document-handbook/partnership"): numbered.
        identifiers = dict.fromkeys(element.get("id") for element in root.iter() if element.get("id"))
        self.ids = {identifier: identifier if _LABEL.match(identifier) else f"pp-id-{number}"
                    for number, identifier in enumerate(identifiers)}
        self.placed: set[str] = set()  # ids given their label
        self.notes = Notes()
        self.near = ""  # the last id passed: where an error says the problem is

    # Errors and labels

    def fail(self, element: lxml_html.HtmlElement, why: str) -> TypesetError:
        where = f" (after the anchor #{self.near})" if self.near else ""
        return TypesetError(f"{self.name}: {why}: <{_tag(element)} class=\"{element.get('class') or ''}\">{where}")

    def anchor(self, element: lxml_html.HtmlElement) -> str:
        """A label for the element's id, on an invisible mark where the element starts."""
        identifier = element.get("id")
        if not identifier or identifier not in self.ids or identifier in self.placed:
            return ""
        self.placed.add(identifier)
        self.near = identifier
        self.label_chunk[self.ids[identifier]] = self.chunk
        return f"#metadata(none)<{self.ids[identifier]}>"

    # Inline content

    def inline(self, element: lxml_html.HtmlElement, pre: bool = False) -> str:
        parts = [self.anchor(element) if _tag(element) not in HEADINGS_AND_BLOCKS else "",
                 self._text(element.text, pre)]
        for child in element:
            parts.append(self.inline_element(child, pre))
            parts.append(self._text(child.tail, pre))
        return "".join(parts)

    @staticmethod
    def _text(value: str | None, pre: bool) -> str:
        if not value:
            return ""
        if pre:
            return "#" + string(value)  # the text as it is, spaces and line ends kept
        return text(value)

    def inline_element(self, child: lxml_html.HtmlElement, pre: bool = False) -> str:
        tag, classes = _tag(child), _classes(child)
        if not tag or tag in _SKIPPED or "headerlink" in classes:
            return ""
        if tag in _EMPTY_CONTENT:
            raise self.fail(child, "the tagged edition has no form for this element")
        if tag == "br":
            return "#linebreak()"
        if tag == "img":
            return self.image(child, inline=True)
        if tag in ("code", "kbd", "samp", "tt") or "pre" in classes and tag == "span":
            inner = self.inline(child, pre=True)
            return f"#pp-mono[{inner}]"
        inner = self.inline(child, pre)
        if tag == "a":
            return self.link(child, inner)
        if tag in ("em", "i", "cite", "var", "dfn"):
            return f"#emph[{inner}]"
        if tag in ("strong", "b"):
            return f"#strong[{inner}]"
        if tag == "sub":
            return f"#sub[{inner}]"
        if tag == "sup":
            return f"#super[{inner}]"
        if tag in ("s", "del"):
            return f"#strike[{inner}]"
        if tag in ("u", "ins"):
            return f"#underline[{inner}]"
        if tag == "q":
            return f"#quote[{inner}]"
        if "task-box" in classes:
            if child.get("data-actualtext"):
                self.notes.add_actual_text(child.text_content(), child.get("data-actualtext"), self.chunk)
            return f"#pp-mono[{inner}]"
        if child.get("lang"):
            return self.language(child.get("lang"), inner, block=False)
        if tag in _INLINE:
            return inner
        # A block inside inline content (a list in a table cell's paragraph): its blocks.
        return "".join(self.blocks(child))

    def link(self, element: lxml_html.HtmlElement, inner: str) -> str:
        href = element.get("href") or ""
        if href.startswith("#"):
            target = unquote(href[1:])
            if target in self.ids:
                return f"#link(label({string(self.ids[target])}))[{inner}]"
            raise self.fail(element, f"a link to #{target}, which is not in this publication")
        if href:
            return f"#link({string(href)})[{inner}]"
        return inner

    def language(self, code: str, inner: str, block: bool) -> str:
        lang = code.split("-")[0].lower()  # its region is not the document's (no "ur-GB")
        script = self.style.scripts.get(code.lower()) or self.style.scripts.get(lang)
        # The direction from the project's tables, not Typst's: Typst takes "pa" for Shahmukhi
        # (right to left), where the project's "pa" is Gurmukhi and "pa-Arab" Shahmukhi.
        direction = ("rtl" if script[1] else "ltr") if script else direction_of(code)
        settings = [f"lang: {string(lang)}", "region: none", f"dir: {direction}"]
        if script:
            fonts = [script[0], *self.style.fonts]
            settings.append("font: (" + ", ".join(string(f) for f in dict.fromkeys(fonts)) + ",)")
        if block:
            spacing = f"#set par(leading: {self.style.leading + 6 - self.style.body_size * 1.2:.2f}pt)"
            return f"\n#[#set text({', '.join(settings)})\n{spacing}\n{inner}]\n"
        return f"#text({', '.join(settings)})[{inner}]"

    def image(self, element: lxml_html.HtmlElement, inline: bool = False) -> str:
        path = self.image_file(element)
        alt = element.get("alt")
        shift = re.search(r"vertical-align:\s*(-?[\d.]+)pt", element.get("style") or "")
        baseline = f"{-float(shift.group(1)) if shift else 0}pt"
        if alt is None or not alt.strip():
            # A picture without alt text is decoration: kept out of what is read out.
            call = f"pdf.artifact({self._image_call(element, path, None)})"
        elif element.get("data-pdf-role") == "Formula":
            # A drawn formula: a Formula element that says its alt text; the drawing is decoration.
            picture = f"box(baseline: {baseline}, pdf.artifact({self._image_call(element, path, None)}))"
            return f"#math.equation(block: false, alt: {string(alt)}, {picture})"
        else:
            call = self._image_call(element, path, alt)
        if inline:
            return f"#box(baseline: {baseline}, {call})"
        return "#" + call

    def _image_call(self, element: lxml_html.HtmlElement, path: str, alt: str | None) -> str:
        """Its size as the HTML gives it (style, or the QR code's 3 cm); else its own, made
        smaller to fit the line as the print CSS's max-width: 100% does (Typst's default)."""
        size = []
        style = element.get("style") or ""
        for name in ("width", "height"):
            found = re.search(rf"(?<![-\w]){name}:\s*([\d.]+)(pt|cm|mm|px)", style)
            if found:
                value, unit = float(found.group(1)), found.group(2)
                size.append(f"{name}: {value * 0.75:g}pt" if unit == "px" else f"{name}: {value:g}{unit}")
        if "ppiebook-video-qr" in _classes(element) or "ppiebook-video-qr" in _classes(element.getparent()):
            size = ["width: 3cm"]
        alt_arg = f", alt: {string(alt)}" if alt is not None else ""
        return f"image({string(path)}{alt_arg}{''.join(', ' + part for part in size)})"

    def image_file(self, element: lxml_html.HtmlElement) -> str:
        source = element.get("src") or ""
        if source.startswith("data:"):
            header, _, payload = source.partition(",")
            data = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
            suffix = ".svg" if "svg" in header else ".png" if "png" in header else ".jpg"
            self.assets.mkdir(parents=True, exist_ok=True)
            path = self.assets / (hashlib.sha256(data).hexdigest()[:20] + suffix)
            if not path.exists():
                path.write_bytes(data)
            return str(path)
        parsed = urlparse(source)
        if parsed.scheme in ("file", ""):
            path = Path(unquote(parsed.path))
            if path.is_file():
                return str(path.resolve())
        raise self.fail(element, f"a picture that is not a file of the project ({source[:80]})")

    # Blocks

    def blocks(self, element: lxml_html.HtmlElement) -> list[str]:
        out: list[str] = []
        if element.text and element.text.strip():
            out.append("\n" + text(element.text.strip()) + "\n")
        for child in element:
            out.extend(self.block(child))
            if child.tail and child.tail.strip():
                out.append("\n" + text(child.tail.strip()) + "\n")
        return out

    def block(self, child: lxml_html.HtmlElement) -> list[str]:
        tag, classes = _tag(child), _classes(child)
        if not tag or tag in _SKIPPED or "headerlink" in classes:
            return []
        anchor = self.anchor(child) if not HEADING.fullmatch(tag) and tag != "section" else ""
        lead = [anchor + "\n"] if anchor else []
        if tag == "section":
            out = ["\n#pagebreak(weak: true)\n"] if "chapter-break" in classes else []
            if out and self.part_size and self.chunk >= 0 and self._unwrapped(child):
                self.chunk += 1
                out.insert(0, _SPLIT)
            return out + self.blocks(child)
        if HEADING.fullmatch(tag):
            return [self.heading(child)]
        if tag == "p":
            return lead + [self.paragraph(child, classes)]
        if tag in ("ul", "ol"):
            return lead + [self.list(child, tag, classes)]
        if tag == "dl":
            return lead + [self.terms(child)]
        if tag == "table":
            return lead + self.table(child)
        if tag == "figure":
            return lead + self.figure(child)
        if tag == "pre":
            return lead + [self.code_block(child, child.getparent())]
        if tag == "div" and "highlight" in classes:
            pre = child.find("pre")
            return lead + [self.code_block(pre, child.getparent()) if pre is not None else ""]
        if tag == "div" and "math" in classes:
            return lead + [self.display_maths(child)]
        if tag == "img":
            return lead + ["\n" + self.image(child) + "\n"]
        if tag == "hr":
            return lead + ["\n#line(length: 100%, stroke: 0.5pt + rgb(\"#999999\"))\n"]
        if tag == "blockquote":
            return lead + [self.quote(child)]
        if child.get("lang") or any(c.startswith("lang-") for c in classes) and "ppiebook-lang" in classes:
            code = child.get("lang") or next(c[5:] for c in classes if c.startswith("lang-"))
            return lead + [self.language(code, "".join(self.blocks(child)), block=True)]
        if "admonition" in classes or tag == "aside" and classes & {"topic", "sidebar"}:
            return lead + [self.boxed(child, classes)]
        if tag == "aside" and "footnote" in classes:
            return lead + [self.footnote(child)]
        if "footnote-list" in classes:
            inner = "".join(self.blocks(child))
            return lead + [f"\n#[#set text(size: {self.style.body_size - 1}pt)\n{inner}]\n"]
        if tag in _EMPTY_CONTENT:
            raise self.fail(child, "the tagged edition has no form for this element")
        if tag in _INLINE:
            return lead + ["\n" + self.inline_element(child) + "\n"]
        # div, main, nav, article, section-like containers: their blocks, in order.
        return lead + self.blocks(child)

    def heading(self, element: lxml_html.HtmlElement) -> str:
        level = int(element.tag[1])
        section = element.getparent()
        identifier = section.get("id") if _tag(section) == "section" else element.get("id")
        label = ""
        if identifier in self.ids and identifier not in self.placed:
            self.placed.add(identifier)
            label = f" <{self.ids[identifier]}>"
            self.label_chunk[self.ids[identifier]] = self.chunk
        elif self.part_size and self.chunk >= 0:  # the contents of a publication in parts needs each
            label = f" <pp-heading-{len(self.headings)}>"
            self.label_chunk[label[2:-1]] = self.chunk
        if identifier:
            self.near = identifier
        words = self.inline(element).strip()
        if self.chunk >= 0:
            self.headings.append((self.chunk, level, label[2:-1], words))
        return f"\n#heading(level: {level})[{words}]{label}\n"

    def _unwrapped(self, section: lxml_html.HtmlElement) -> bool:
        """Is ``section`` written at the top level of the body's markup (no brackets around it)?"""
        for ancestor in section.iterancestors():
            if _tag(ancestor) not in _FLAT or ancestor.get("lang") or _classes(ancestor) & _WRAPPING:
                return False
            if _tag(ancestor) == "main":
                return True
        return False

    def paragraph(self, element: lxml_html.HtmlElement, classes: set[str]) -> str:
        inner = self.inline(element).strip()
        if not inner:
            return ""
        if classes & {"admonition-title", "sidebar-title", "topic-title", "rubric",
                      "ppiebook-infographic-text-title", "ppiebook-video-title"}:
            # A box's title stays with its first lines, as a heading does (print CSS: the box whole).
            return f"\n#block(sticky: true, par[#strong[{inner}]])\n"
        elif "attribution" in classes:
            return f"\n#align(end, par[{inner}])\n"
        # Explicitly a paragraph: Typst makes one of inline content alone in a block only then.
        return f"\n#par[{inner}]\n"

    def list(self, element: lxml_html.HtmlElement, tag: str, classes: set[str]) -> str:
        if "contains-task-list" in classes:
            return self.task_list(element)
        items = []
        for item in element:
            if _tag(item) != "li":
                continue
            items.append("[" + self.anchor(item) + self.item(item) + "]")
        if not items:
            return ""
        if tag == "ul":
            return f"\n#list({', '.join(items)})\n"
        numbering = next((_NUMBERING[c] for c in classes if c in _NUMBERING), "1.")
        start = element.get("start")
        start_arg = f", start: {int(start)}" if start and start.isdigit() else ""
        return f"\n#enum(numbering: {string(numbering)}{start_arg}, {', '.join(items)})\n"

    def task_list(self, element: lxml_html.HtmlElement) -> str:
        """Each item's printed box ([ ] or [✓]) as its label: a numbered list whose numbers are the boxes."""
        boxes, items = [], []
        for item in element:
            if _tag(item) != "li":
                continue
            box = next((span for span in item.iter("span") if "task-box" in _classes(span)), None)
            boxes.append(box.text_content() if box is not None else "")
            if box is not None and box.get("data-actualtext"):
                self.notes.add_actual_text(box.text_content(), box.get("data-actualtext"), self.chunk)
            if box is not None:  # the box is the label, not part of the item's text
                parent = box.getparent()
                tail = box.tail or ""
                previous = box.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
                parent.remove(box)
            items.append("[" + self.anchor(item) + self.item(item) + "]")
        return (f"\n#enum(numbering: n => pp-mono(({', '.join(string(b) for b in boxes)},).at(n - 1)), "
                f"{', '.join(items)})\n")

    def item(self, item: lxml_html.HtmlElement) -> str:
        """A list item: inline content as one paragraph, block children as blocks."""
        if all(_tag(child) in _INLINE or not _tag(child) for child in item):
            return self.inline(item).strip()
        return "".join(self.blocks(item)).strip()

    def terms(self, element: lxml_html.HtmlElement) -> str:
        entries, term = [], None
        for child in element:
            tag = _tag(child)
            if tag == "dt":
                if term is not None:
                    entries.append(f"terms.item([{term}], [])")
                term = self.anchor(child) + f"#strong[{self.inline(child).strip()}]"
            elif tag == "dd":
                entries.append(f"terms.item([{term or ''}], [{''.join(self.blocks(child)).strip()}])")
                term = None
        if term is not None:
            entries.append(f"terms.item([{term}], [])")
        return f"\n#terms({', '.join(entries)})\n" if entries else ""

    def table(self, element: lxml_html.HtmlElement) -> list[str]:
        out = []
        caption = element.find("caption")
        if caption is not None:
            out.append(f"\n#block(sticky: true, par[#strong[{self.inline(caption).strip()}]])\n")
        rows = element.xpath("./thead/tr | ./tbody/tr | ./tfoot/tr | ./tr")  # not a nested table's
        if not rows:
            return out
        columns = max(sum(int(cell.get("colspan") or 1) for cell in row if _tag(cell) in ("td", "th"))
                      for row in rows)
        head = [row for row in rows if _tag(row.getparent()) == "thead"]
        body = [row for row in rows if row not in head]
        header_fill = self.style.table_heading
        # Typst makes header cells of table.header's only: the body's th (a stub column) is
        # made a row header after it (retag.mark_row_headers). This table's place is taken
        # now, before a table in one of its cells takes the next.
        row_headers = self.notes.add_table(self.chunk)

        def cells(row: lxml_html.HtmlElement) -> list[str]:
            made = []
            for cell in row:
                if _tag(cell) not in ("td", "th"):
                    continue
                content = "".join(self.blocks(cell)).strip() if any(
                    _tag(c) not in _INLINE for c in cell if _tag(c)) else self.inline(cell).strip()
                spans = "".join(f", {name}: {int(cell.get(name))}" for name in ("colspan", "rowspan")
                                if (cell.get(name) or "1") != "1")
                fill = f", fill: rgb({string(header_fill)})" if _tag(cell) == "th" else ""
                made.append(f"table.cell({spans[2:]}{fill}{', ' if spans or fill else ''}[{content}])"
                            .replace("(, ", "("))
            return made

        parts = []
        if head:
            parts.append("table.header(repeat: false, " + ", ".join(c for row in head for c in cells(row)) + ")")
        row_headers.extend(_tag(cell) == "th" for row in body for cell in row if _tag(cell) in ("td", "th"))
        parts.extend(c for row in body for c in cells(row))
        table = f"table(columns: {columns}, {', '.join(parts)})"
        # A short table (translator.py) on one page, as in the WeasyPrint edition: split, its
        # part on the next page would be blank cells without a header row.
        out.append(f"\n#block(breakable: false, {table})\n" if "keep-together" in _classes(element)
                   else f"\n#{table}\n")
        return out

    def figure(self, element: lxml_html.HtmlElement) -> list[str]:
        """The picture, then its caption: in that order on the page and when read out."""
        out = []
        for child in element:
            if _tag(child) == "figcaption":
                inline = all(_tag(c) in _INLINE or not _tag(c) for c in child)
                words = f"#par[{self.inline(child).strip()}]" if inline else "".join(self.blocks(child)).strip()
                out.append(f"\n#[#set text(style: \"italic\")\n{words}]\n")
            else:
                out.extend(self.block(child))
        return ["\n#block(above: 8pt, below: 8pt, breakable: false)[" + "".join(out) + "]\n"]

    def code_block(self, pre: lxml_html.HtmlElement, wrapper: lxml_html.HtmlElement | None) -> str:
        source = pre.text_content()
        marked: list[int] = []  # the lines Pygments highlights (emphasize-lines), from 1
        line = 1

        def walk(node: lxml_html.HtmlElement) -> None:
            nonlocal line
            if "hll" in _classes(node):
                marked.append(line)
            line += (node.text or "").count("\n")
            for child in node:
                walk(child)
                line += (child.tail or "").count("\n")

        walk(pre)
        lang = next((c[len("highlight-"):] for c in _classes(wrapper) if c.startswith("highlight-")), "") \
            if wrapper is not None else ""
        lang_arg = f", lang: {string(lang)}" if lang and lang not in ("default", "none", "text") else ""
        highlight = (f"#show raw.line: it => if it.number in ({', '.join(map(str, marked))},) "
                     "{ highlight(fill: rgb(\"#ffffcc\"), it) } else { it }\n") if marked else ""
        return (f"\n#block(width: 100%, fill: rgb(\"#f6f6f6\"), inset: 6pt, above: 8pt, below: 8pt)[{highlight}"
                f"#raw(block: true{lang_arg}, {string(source.rstrip(chr(10)))})]\n")

    def display_maths(self, element: lxml_html.HtmlElement) -> str:
        pictures = [self.image(img, inline=True) for img in element.iter("img")]
        number = element.find(".//span[@class='eqno']")
        label = text(number.text_content()) if number is not None else ""
        number = f"#place(right + horizon)[#par[{label}]]" if label else ""
        return (f"\n#block(breakable: false, above: 8pt, below: 8pt, width: 100%)[#align(center)[#par["
                f"{' '.join(pictures)}]]{number}]\n")

    def quote(self, element: lxml_html.HtmlElement) -> str:
        attribution = element.find("p[@class='attribution']")
        body = [self.block(child) for child in element if child is not attribution]
        who = f", attribution: [{self.inline(attribution).strip().lstrip('—').strip()}]" \
            if attribution is not None else ""
        inner = "".join(part for parts in body for part in parts)
        return f"\n#quote(block: true{who})[{inner}]\n"

    def boxed(self, element: lxml_html.HtmlElement, classes: set[str]) -> str:
        inner = "".join(self.blocks(element))
        if "editorial-note" in classes:
            return (f"\n#pp-box(fill: rgb({string(self.style.editorial_background)}), "
                    f"stroke: 2pt + rgb({string(self.style.accent)}))[{inner}]\n")
        return f"\n#pp-box[{inner}]\n"

    def footnote(self, element: lxml_html.HtmlElement) -> str:
        """A footnote: its label and its text in one paragraph, as the print CSS sets it."""
        parts = []
        for child in element:
            classes = _classes(child)
            if "label" in classes:
                parts.append(self.inline(child).strip() + " ")
            elif "backrefs" in classes:
                parts.append(self.inline(child).strip() + " ")
            elif _tag(child) == "p":
                parts.append(self.inline(child).strip() + " ")
            else:
                parts.extend(self.block(child))
        return "\n" + "".join(parts).strip() + "\n"

    # The document

    def document(self) -> str | Parts:
        head = self.root.find("head")
        title = (head.findtext("title") if head is not None else None) or self.name
        authors = [m.get("content") for m in self.root.iter("meta") if m.get("name") == "author"]
        keywords = next((m.get("content") for m in self.root.iter("meta") if m.get("name") == "keywords"), "")
        body = self.root.find("body")
        cover = body.find("section[@class='cover']")
        imprint = body.find("section[@class='imprint']")
        contents = body.find("nav[@class='contents']")
        main = body.find("main")
        preamble = self.style.preamble(title, authors, keywords)
        if main is None:  # an infographic: its picture alone on a page
            return preamble + "".join(self.blocks(body))
        front = ("#page(header: none, footer: none)[" + self.front(cover, "title") + "]\n"
                 + "#set page(header: pp-header, footer: pp-footer(\"i\"))\n"
                 + "#counter(page).update(1)\n"
                 + self.front(imprint, "imprint-heading"))
        if self.part_size:
            self.chunk = 0
        blocks = self.blocks(main)
        chunks = "".join(blocks).split(_SPLIT)
        groups = _grouped(chunks, self.part_size) if self.part_size else [chunks]
        if len(groups) > 1:
            front_preamble = self.style.preamble(title, authors, keywords, plain_links=FROM_CONTENTS)
            return self.parts(preamble, front_preamble + front, contents, groups)
        return (preamble + front
                + ("\n#pagebreak()\n" + self.contents(contents) if contents is not None else "")
                + "\n#pagebreak()\n#set page(footer: pp-footer(\"1\"))\n#counter(page).update(1)\n"
                + "".join(chunks))

    def parts(self, preamble: str, front: str, contents: lxml_html.HtmlElement | None,
              groups: list[list[str]]) -> Parts:
        """The publication in parts: ``groups`` of chapters' markup, one group per part
        (``preamble``: theirs; ``front``: the front matter's markup, with its own)."""
        part_of = {label: -1 for label, chunk in self.label_chunk.items() if chunk < 0}
        first_chunk = 0
        for number, group in enumerate(groups):
            part_of.update({label: number for label, chunk in self.label_chunk.items()
                            if first_chunk <= chunk < first_chunk + len(group)})
            first_chunk += len(group)
        headings: list[list[tuple[int, str]]] = [[] for _ in groups]
        for _, level, label, _ in self.headings:
            headings[part_of[label]].append((level, label))
        listed = [(level, label, words) for _, level, label, words in self.headings if level <= TOC_DEPTH]
        texts = ["".join(group) for group in groups]
        # Where each part's labels are that the contents or another part links to.
        wanted: list[set[str]] = [{label for level, label in found if level <= TOC_DEPTH} for found in headings]

        def linked(number: int, markup: str) -> str:
            def replace(match: re.Match[str]) -> str:
                target = match.group(1)
                elsewhere = part_of.get(target, number)
                if elsewhere == number:
                    return match.group(0)
                if elsewhere >= 0:
                    wanted[elsewhere].add(target)
                return f"#link({string(ELSEWHERE + target)})"
            return _LINK.sub(replace, markup)

        front = linked(-1, front)
        texts = [linked(number, markup) for number, markup in enumerate(texts)]
        bodies = []
        for number, markup in enumerate(texts):
            positions = ", ".join(f"{string(label)}: locate(label({string(label)})).position()"
                                  for label in sorted(wanted[number]))
            bodies.append(preamble + "#set page(header: pp-header, footer: pp-footer(\"1\"))\n"
                          "#counter(page).update(int(sys.inputs.at(\"pp-first-page\")))\n" + markup
                          + f"\n#context [#metadata(({positions or ':'}))<pp-positions>]\n")
        contents_markup = self.contents_in_parts(contents, listed) if contents is not None else ""
        starts = [0, *itertools.accumulate(len(group) for group in groups)]  # each part's first chunk
        return Parts(front=front + ("\n#pagebreak()\n" + contents_markup if contents_markup else ""),
                     bodies=bodies, headings=headings, contents=[label for _, label, _ in listed],
                     front_notes=self.notes.of_chunks(range(-1, 0)),
                     body_notes=[self.notes.of_chunks(range(first, last)) for first, last in zip(starts, starts[1:])])

    def front(self, section: lxml_html.HtmlElement | None, heading_class: str) -> str:
        """Cover or imprint: its headings are not chapters (neither in the contents nor bookmarks)."""
        if section is None:
            return ""
        sizes = self.style.sizes
        out = []
        for child in section:
            tag, classes = _tag(child), _classes(child)
            inner = self.inline(child).strip()
            if HEADING.fullmatch(tag):
                if "title" in classes:
                    size, leading = sizes["title"]
                    out.append(f"\n#block(below: 12pt)[#heading(level: {tag[1]}, outlined: false, "
                               f"bookmarked: false)[#text(size: {size}pt)[{inner}]]]\n")
                else:
                    out.append(f"\n#block(above: 10pt, below: 2pt)[#show heading: set text(fill: black, size: "
                               f"{self.style.body_size}pt)\n#heading(level: {tag[1]}, outlined: false, "
                               f"bookmarked: false)[{inner}]]\n")
            elif "cover-programme" in classes:
                out.append(f"\n#block(below: 48pt, par[#text(size: {self.style.body_size * 1.2}pt)[{inner}]])\n")
            elif "subtitle" in classes:
                size, _ = sizes["subtitle"]
                out.append(f"\n#par[#text(size: {size}pt, weight: \"bold\", "
                           f"fill: rgb({string(self.style.subtitle_colour)}))[{inner}]]\n")
            elif "cover-status" in classes:
                out.append(f"\n#block(above: 24pt, below: 24pt, par[#text(fill: rgb({string(self.style.accent)}), "
                           f"weight: \"bold\", size: {self.style.body_size * 2}pt)[{inner}]])\n")
            elif "author" in classes:
                size = self.style.body_size + 1
                out.append(f"\n#block(above: 0pt, below: 2pt, par[#text(size: {size}pt)[{inner}]])\n")
            elif "cover-meta" in classes:
                out.append(f"\n#block(above: 36pt, par[{inner}])\n")
            elif "cover-partners" in classes:
                out.append(f"\n#block(above: 60pt, par[{inner}])\n")
            else:
                out.extend(self.block(child))
        return "".join(out)

    def contents(self, nav: lxml_html.HtmlElement) -> str:
        title = nav.findtext("h2") or ""
        size, _ = self.style.sizes["heading1"]
        return (f"#block(below: 6pt)[#set text(size: {size}pt)\n#heading(level: 2, outlined: false, "
                f"bookmarked: false)[{text(title)}]]\n#outline(title: none, depth: {TOC_DEPTH}, indent: 1.5em)\n")

    def contents_in_parts(self, nav: lxml_html.HtmlElement, listed: list[tuple[int, str, str]]) -> str:
        """The contents of a publication in parts: Typst's own outline (its look, its TOC
        tags) of the body's headings placed here hidden (hidden content is neither painted
        nor tagged), each entry with its page number from ``pp-pages`` and a link into the
        part that has it (made a link inside the file when the parts are joined)."""
        hidden = "".join(f"#heading(level: {level}, bookmarked: false)[{_ANCHOR.sub('', _LINK.sub('#', words))}]"
                         f" <{label}>\n" for level, label, words in listed)
        # As Typst's own entry (outline.entry's inner()): words, space, filler, space, a word
        # joiner, the number.
        entry = (f"#show outline.entry: it => text(fill: rgb({string(self.style.primary)}), link("
                 f"{string(FROM_CONTENTS)} + str(it.element.label), it.indented(it.prefix(), [#it.body() #box("
                 f"width: 1fr, it.fill) #sym.wj#pp-pages.at(str(it.element.label))])))\n")
        return ("#let pp-pages = json(bytes(sys.inputs.at(\"pp-pages\")))\n"
                f"#place(hide[\n{hidden}])\n#[\n{entry}{self.contents(nav)}]\n")


def _grouped(chunks: list[str], size: int) -> list[list[str]]:
    """Consecutive chunks in groups of at most ``size`` characters (a longer chunk alone)."""
    groups: list[list[str]] = [[]]
    length = 0
    for chunk in chunks:
        if groups[-1] and length + len(chunk) > size:
            groups.append([])
            length = 0
        groups[-1].append(chunk)
        length += len(chunk)
    return groups


def to_typst(html: str, style: Style, assets: Path, name: str, part_size: int = 0) -> tuple[str | Parts, Notes]:
    """The Typst source of one print HTML document (``assets``: where embedded pictures go),
    and what the repairs after Typst need to know. A body longer than ``part_size``
    characters of markup (0: no limit) comes in :class:`Parts`, cut before chapters."""
    root = lxml_html.document_fromstring(html)
    converter = Converter(root, style, assets, name, part_size)
    return converter.document(), converter.notes
