"""Render the content model in each tool's own syntax.

- ``ppiebook``: this project's MyST (``:::{note}``, ``{term}``, ``{doc}``, ``{ref}``,
  ``{footcite:p}``, ``{figure}`` with ``:alt:``, ``{infographic}``, ``{publication-list}``);
- ``jupyterbook``: the same MyST minus this project's own directives (the infographic becomes
  the same SVG as a figure plus its text version) and minus toctrees (``_toc.yml`` makes them);
- ``mkdocs``: Python-Markdown as MkDocs Material documents it (``!!! note``, relative links,
  footnotes for citations, links to the glossary for terms).
"""

from __future__ import annotations

import posixpath
import re

from .content import CITATIONS, FIGURE, FIGURE_ALT, INFOGRAPHIC_ID, Block, Inline, Page

STEPS = [("Plan", "Write a short plan and share it with the group."),
         ("Meet", "Bring the group together in a quiet room."),
         ("Listen", "Take notes on every idea in the same order."),
         ("Share", "Write back to the group with what changed.")]
INFOGRAPHIC_TITLE = "Four steps"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rel(page: Page, target: str, suffix: str = ".md") -> str:
    """A relative link from ``page`` to docname ``target``."""
    return posixpath.relpath(target + suffix, posixpath.dirname(page.docname) or ".")


# --- MyST (this project and Jupyter Book) -------------------------------------------------

def myst_inline(part: Inline) -> str:
    if part.kind == "term":
        return f"{{term}}`{part.target}`"
    if part.kind == "doc":
        return f"{{doc}}`{part.text} </{part.target}>`"
    if part.kind == "ref":
        return f"{{ref}}`{part.text} <{part.target}>`"
    if part.kind == "cite":
        return f" {{footcite:p}}`{part.target}`"
    return part.text


def myst_block(page: Page, block: Block, dialect: str) -> str:
    text = "".join(myst_inline(p) for p in block.inlines).strip()
    if block.kind == "heading":
        label = f"({block.label})=\n" if block.label else ""
        return f"{label}{'#' * block.level} {block.text}"
    if block.kind == "para":
        return text
    if block.kind == "note":
        return f":::{{note}}\n{text}\n:::"
    if block.kind == "table":
        return markdown_table(block.rows)
    if block.kind == "figure":
        # A width in percent: rst2pdf refuses (warns about) an image of fixed size that
        # lands at the foot of a PDF page, and this project's PDF build fails on its warnings.
        return f"```{{figure}} /{FIGURE}\n:alt: {FIGURE_ALT}\n:width: 60%\n\n{block.text}\n```"
    if block.kind == "infographic":
        if dialect == "ppiebook":
            return f"```{{infographic}} {INFOGRAPHIC_ID}\n```"
        steps = "\n".join(f"{n}. **{label}**: {words}" for n, (label, words) in enumerate(STEPS, 1))
        return (f"```{{figure}} /images/{INFOGRAPHIC_ID}.svg\n:alt: Infographic: {INFOGRAPHIC_TITLE}. "
                f"A text version follows.\n\n{INFOGRAPHIC_TITLE}\n```\n\n"
                f"Text version of the infographic “{INFOGRAPHIC_TITLE}”\n\n{steps}")
    if block.kind == "toctree":
        if dialect != "ppiebook":
            return ""  # Jupyter Book writes toctrees from _toc.yml
        return "```{toctree}\n:maxdepth: 2\n\n" + "\n".join(block.items) + "\n```"
    if block.kind == "references":
        return "## References\n\n```{footbibliography}\n```"
    if block.kind == "publist":
        return "```{publication-list}\n```" if dialect == "ppiebook" else "The publications are listed in the navigation."
    if block.kind == "glossary":
        entries = "\n\n".join(f"{term}\n  {words}" for term, words in block.rows)
        return f"```{{glossary}}\n{entries}\n```"
    raise ValueError(block.kind)


def render_myst(page: Page, dialect: str) -> str:
    parts = [f"# {page.title}"] + [myst_block(page, b, dialect) for b in page.blocks]
    return "\n\n".join(p for p in parts if p) + "\n"


def markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


# --- MkDocs Material --------------------------------------------------------------------

def mkdocs_inline(page: Page, part: Inline, cited: list[str]) -> str:
    if part.kind == "term":
        return f"[{part.target}]({rel(page, 'glossary')}#{slug(part.target)})"
    if part.kind == "doc":
        return f"[{part.text}]({rel(page, part.target)})"
    if part.kind == "ref":
        return f"[{part.text}]({rel(page, part.page)}#{part.target})"
    if part.kind == "cite":
        if part.target not in cited:
            cited.append(part.target)
        return f"[^{part.target}]"
    return part.text


def render_mkdocs(page: Page) -> str:
    cited: list[str] = []
    out = [f"# {page.title}"]
    for block in page.blocks:
        text = "".join(mkdocs_inline(page, p, cited) for p in block.inlines).strip()
        if block.kind == "heading":
            anchor = f" {{#{block.label}}}" if block.label else ""
            out.append(f"{'#' * block.level} {block.text}{anchor}")
        elif block.kind == "para":
            out.append(text)
        elif block.kind == "note":
            out.append('!!! note\n\n    ' + text)
        elif block.kind == "table":
            out.append(markdown_table(block.rows))
        elif block.kind == "figure":
            out.append(f'<figure markdown="span">\n  ![{FIGURE_ALT}]({rel(page, FIGURE, "")})\n'
                       f"  <figcaption>{block.text}</figcaption>\n</figure>")
        elif block.kind == "infographic":
            steps = "\n".join(f"{n}. **{label}**: {words}" for n, (label, words) in enumerate(STEPS, 1))
            out.append(f'<figure markdown="span">\n  ![Infographic: {INFOGRAPHIC_TITLE}. A text version follows.]'
                       f'({rel(page, f"images/{INFOGRAPHIC_ID}.svg", "")})\n'
                       f"  <figcaption>{INFOGRAPHIC_TITLE}</figcaption>\n</figure>\n\n"
                       f"Text version of the infographic “{INFOGRAPHIC_TITLE}”\n\n{steps}")
        elif block.kind == "toctree":
            out.append("\n".join(f"- [{item.strip('/').rsplit('/', 1)[-1]}]"
                                 f"({rel(page, resolve(page, item))})" for item in block.items))
        elif block.kind == "references":
            if cited:
                out.append("## References\n\n" + "\n".join(
                    f"[^{key}]: {citation_text(key)}" for key in cited))
        elif block.kind == "publist":
            out.append("The publications are listed in the navigation.")
        elif block.kind == "glossary":
            out.append("\n\n".join(f"### {term}\n\n{words}" for term, words in block.rows))
    return "\n\n".join(out) + "\n"


def resolve(page: Page, item: str) -> str:
    """A toctree entry's docname (entries are relative to the page, or absolute with /)."""
    if item.startswith("/"):
        return item[1:]
    folder = posixpath.dirname(page.docname)
    return posixpath.join(folder, item) if folder else item


def citation_text(key: str) -> str:
    number = CITATIONS.index(key) + 1
    return f"Example Author {number}. *Filler source number {number}*. Example Press, 2020."


def render_bib() -> str:
    return "\n".join(
        f"@misc{{{key},\n  author = {{Example Author {n}}},\n  title = {{{{Filler source number {n}}}}},\n"
        f"  year = {{2020}},\n  publisher = {{Example Press}},\n}}\n"
        for n, key in enumerate(CITATIONS, 1)
    )


def infographic_yaml() -> str:
    steps = "\n".join(f"  - label: {label}\n    text: {words}" for label, words in STEPS)
    return (f"id: {INFOGRAPHIC_ID}\ntitle: {INFOGRAPHIC_TITLE}\nsubtitle: Filler steps for the benchmark\n"
            f"source: {CITATIONS[0]}\nsteps:\n{steps}\n")


DIAGRAM_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 80" width="300" height="80">
  <rect x="5" y="20" width="70" height="40" fill="#dde" stroke="#334"/>
  <rect x="115" y="20" width="70" height="40" fill="#dde" stroke="#334"/>
  <rect x="225" y="20" width="70" height="40" fill="#dde" stroke="#334"/>
  <path d="M75 40 H115 M185 40 H225" stroke="#334" stroke-width="2"/>
</svg>
"""
