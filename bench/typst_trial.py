"""Would Typst make the tagged edition fast enough? A trial on the same content (issue 18).

    python -m bench.typst_trial [--pages 400] [--out bench/work/typst-trial] [--keep]

Builds the tagged edition of a generated site once, as the build does (its print HTML is
kept), then for each publication:

- renders that print HTML with WeasyPrint and the tag repairs, as the build does
  (``ppiebook.tagged.render.render_pdf``), in its own process;
- converts the same HTML to Typst markup with the small converter below and compiles it
  with Typst as PDF/UA-1 (``bench/.venvs/typst``, pinned in bench/requirements-typst.txt),
  in its own process;
- runs the independent validator (outloud) and the project's own checker on both files.

It prints a Markdown table: pages, seconds and peak memory of each renderer, and each
checker's verdict and seconds. docs/building.md quotes it.

This is a measurement, not a Typst edition. The converter keeps what decides the time
(every heading, paragraph, link, list, table, figure and aside, with the same fonts), and
leaves out what an edition needs besides: the cover's design, running heads, the print
CSS, languages of passages, footnotes as notes and maths. So the Typst seconds are what
the layout of this much text costs, and the validator's verdict says whether Typst's
tagging passes without repairs, not that an edition would.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from lxml import html as lxml_html

from ppiebook.pdfshared.pages import TOC_DEPTH
from ppiebook.site.pdf_facts import read_pdf_facts

from . import measure, peers
from .generate import generate

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent

# Typst markup characters escaped in text.
_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]=~/+-])")
_LABEL = re.compile(r"[\w-]+")


def _text(value: str | None) -> str:
    return _SPECIAL.sub(r"\\\1", value).replace("\n", " ") if value else ""


def _string(value: str) -> str:
    return json.dumps(value)  # a Typst string literal has JSON's escapes


class Converter:
    """The print HTML's vocabulary as Typst markup (see the module's note on what it leaves out)."""

    def __init__(self, root: lxml_html.HtmlElement) -> None:
        self.root = root
        # Headings get labels from their section's id; links to other ids keep their text only.
        self.labels = {heading.getparent().get("id") for heading in root.iter("h1", "h2", "h3", "h4", "h5", "h6")
                       if heading.getparent() is not None and _LABEL.fullmatch(heading.getparent().get("id") or "")}

    def inline(self, element: lxml_html.HtmlElement) -> str:
        parts = [_text(element.text)]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if "headerlink" in (child.get("class") or ""):  # the site's "#" after each heading
                parts.append(_text(child.tail))
                continue
            inner = self.inline(child)
            if tag in ("em", "i"):
                parts.append(f"#emph[{inner}]")
            elif tag in ("strong", "b"):
                parts.append(f"#strong[{inner}]")
            elif tag == "code":
                parts.append(f"#raw({_string(child.text_content())})")
            elif tag == "a":
                parts.append(self.link(child.get("href", ""), inner))
            elif tag == "img":
                parts.append(self.image(child))
            else:
                parts.append(inner)
            parts.append(_text(child.tail))
        return "".join(parts)

    def link(self, href: str, inner: str) -> str:
        if href.startswith("#") and href[1:] in self.labels:
            return f"#link(label({_string(href[1:])}))[{inner}]"
        if href and not href.startswith("#"):
            return f"#link({_string(href)})[{inner}]"
        return inner

    @staticmethod
    def image(element: lxml_html.HtmlElement) -> str:
        source = element.get("src", "").removeprefix("file://").removeprefix("file:")
        if not source or source.startswith("data:"):
            return ""
        return f"#image({_string(source)}, alt: {_string(element.get('alt') or '')}, width: 60%)"

    def blocks(self, element: lxml_html.HtmlElement) -> list[str]:
        out: list[str] = []
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if re.fullmatch(r"h[1-6]", tag):
                section = child.getparent().get("id") or ""
                label = f" <{section}>" if section in self.labels else ""
                out.append("\n" + "=" * int(tag[1]) + " " + self.inline(child) + label + "\n")
            elif tag == "p":
                out.append("\n" + self.inline(child) + "\n")
            elif tag in ("ul", "ol"):
                mark = "-" if tag == "ul" else "+"
                out.extend(f"{mark} {self.inline(item)}\n" for item in child)
            elif tag == "table":
                rows = child.findall(".//tr")
                columns = max(len(row) for row in rows)
                head = ", ".join(f"[{self.inline(cell)}]" for cell in rows[0])
                body = ", ".join(f"[{self.inline(cell)}]" for row in rows[1:] for cell in row)
                out.append(f"\n#table(columns: {columns}, table.header({head}), {body})\n")
            elif tag == "figure":
                picture, caption = child.find(".//img"), child.find(".//figcaption")
                content = self.image(picture) if picture is not None else ""
                words = self.inline(caption) if caption is not None else ""
                out.append(f"\n#figure([{content}], caption: [{words}])\n")
            elif tag == "dl":
                out.extend(f"/ {self.inline(item)}: " if item.tag == "dt" else f"{self.inline(item)}\n"
                           for item in child)
            elif tag == "hr":
                out.append("\n#line(length: 100%)\n")
            elif tag == "aside":
                out.append("\n#block(inset: 6pt, stroke: 0.5pt)[" + "".join(self.blocks(child)) + "]\n")
            elif tag not in ("style", "title", "meta", "head", "nav", "script"):
                out.extend(self.blocks(child))
        return out

    def document(self, title: str, language: str) -> str:
        lang, _, region = language.partition("-")
        region_setting = f", region: {_string(region)}" if region else ""
        preamble = (f"#set document(title: {_string(title)})\n"
                    f"#set text(lang: {_string(lang)}{region_setting}, font: \"Atkinson Hyperlegible\", size: 11pt)\n"
                    "#set page(paper: \"a4\", numbering: \"1\", margin: 2cm)\n"
                    f"#outline(depth: {TOC_DEPTH})\n")
        return preamble + "".join(self.blocks(self.root.find("body")))


def to_typst(html: Path) -> str:
    root = lxml_html.parse(str(html)).getroot()
    return Converter(root).document(root.findtext(".//title") or html.stem, root.get("lang") or "en")


RENDER_WEASYPRINT = ("import sys; from pathlib import Path; from ppiebook.tagged.render import render_pdf; "
                     "sys.exit(bool(render_pdf(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])))")
COMPILE_TYPST = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root='/', "
                 "font_paths=[sys.argv[3]], pdf_standards=['ua-1'])")


def checked(pdf: Path) -> tuple[str, float, str, float]:
    """The validator's verdict (failing findings) and seconds; the own checker's."""
    from ppiebook.tagged.check import check_pdf
    from ppiebook.tagged.validate import validate

    started = time.perf_counter()
    findings = validate(pdf)
    validator_seconds = time.perf_counter() - started
    started = time.perf_counter()
    failed = [result.rule for result in check_pdf(pdf) if not result.passed]
    checker_seconds = time.perf_counter() - started
    verdict = "pass" if not findings else f"{len(findings)} failing: " + "; ".join(
        sorted({f"{finding.rule}" for finding in findings}))
    return verdict, validator_seconds, ("pass" if not failed else "fails " + ", ".join(failed)), checker_seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.typst_trial", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--out", type=Path, default=BENCH / "work" / "typst-trial")
    parser.add_argument("--keep", action="store_true", help="reuse the tagged build already in --out")
    args = parser.parse_args(argv)
    from ppiebook.pdfshared.fonts import TEXT

    typst_python = peers.ensure_venv("typst")
    out = args.out.resolve()
    project, scratch, log = out / "site" / "ppiebook", out / "scratch", out / "trial.log"
    if not (args.keep and scratch.is_dir()):
        shutil.rmtree(out, ignore_errors=True)
        generate(out / "site", args.pages)
        build = [sys.executable, "-m", "sphinx", "-q", "-b", "taggedpdf", ".", str(scratch),
                 "-d", str(out / "doctrees")]
        sample = measure.run(build, project, 3600, log)
        if sample.status != "ok":
            print(f"the tagged build failed: see {log}", file=sys.stderr)
            return 1
    fonts = str(Path(TEXT.regular).parent)
    rows = []
    for html in sorted(scratch.glob("synthetic-*-tagged.html")):
        weasy_pdf, typst_source = out / f"{html.stem}-weasyprint.pdf", out / f"{html.stem}.typ"
        typst_pdf = out / f"{html.stem}-typst.pdf"
        weasy = measure.run([sys.executable, "-c", RENDER_WEASYPRINT, str(html), str(weasy_pdf), "en-GB"],
                            PROJECT, 3600, log)
        started = time.perf_counter()
        typst_source.write_text(to_typst(html), encoding="utf-8")
        converted = time.perf_counter() - started
        typst = measure.run([str(typst_python), "-c", COMPILE_TYPST, str(typst_source), str(typst_pdf), fonts],
                            PROJECT, 3600, log)
        if weasy.status != "ok" or typst.status != "ok":
            print(f"{html.name}: a renderer failed (WeasyPrint {weasy.status}, Typst {typst.status}); see {log}",
                  file=sys.stderr)
            return 1
        for renderer, pdf, sample in (("WeasyPrint + tag repairs", weasy_pdf, weasy), ("Typst", typst_pdf, typst)):
            verdict, validator_seconds, own, checker_seconds = checked(pdf)
            extra = f" (+ {converted:.1f} s converting)" if renderer == "Typst" else ""
            rows.append(f"| {html.stem.removesuffix('-tagged')} | {renderer} | {read_pdf_facts(pdf).pages} | "
                        f"{sample.seconds:.1f}{extra} | {sample.max_rss_mb:.0f} | {verdict} | "
                        f"{validator_seconds:.1f} | {own} | {checker_seconds:.1f} |")
    print(f"Tagged edition of the {args.pages}-page synthetic site, per publication "
          f"(`python -m bench.typst_trial --pages {args.pages}`):\n")
    print("| Publication | Renderer | Pages | Seconds | Peak memory (MB) | outloud (PDF/UA-1) | outloud seconds "
          "| Own checker | Checker seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
