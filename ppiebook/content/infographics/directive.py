"""``{infographic} <id>``: the infographic from ``data/infographics/<id>.yaml``.

Generic nodes only (figure, image, caption, list), so HTML and PDF both render it: the
SVG, its title as caption, then a text version of the same data for readers who cannot
see the picture. The SVG is written to ``_generated/infographics/`` only when it changes,
so unchanged data costs no rebuild.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from pybtex.database import parse_file
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ppiebook.catalogue.identity import catalogue_in
from ppiebook.catalogue.publications import Catalogue
from ppiebook.content.editorial import editorial_note
from ppiebook.content.generated import FOLDER, write_if_changed
from ppiebook.content.infographics.data import (
    Infographic,
    InfographicError,
    load_infographic,
    project_infographics,
    translated,
)
from ppiebook.content.infographics.svg import render_svg
from ppiebook.i18n import _, translate_data
from ppiebook.i18n.languages import translation_folder

GENERATED = FOLDER / "infographics"


def source_title(bibfile: Path, key: str) -> str:
    """The cited source's title, as it appears in the bibliography."""
    entry = parse_file(str(bibfile)).entries[key]
    return entry.fields["title"].replace("{", "").replace("}", "")


def svg_for(infographic: Infographic, srcdir: Path, catalogue, bibfile: Path, language_folder: str = "") -> Path:
    """Render (if needed) and return the SVG's path inside the source folder.

    A translation's SVGs go in a folder of their own (``language_folder``), so languages
    built one after another do not rewrite each other's files.
    """
    credit = _("{programme}. Source: {source}.").format(
        programme=translate_data(catalogue.programme.name), source=source_title(bibfile, infographic.source))
    path = srcdir / GENERATED / language_folder / f"{infographic.id}.svg"
    write_if_changed(path, render_svg(infographic, catalogue.programme.colours, credit))
    return path


def bibliography(config: Config, srcdir: str | Path) -> Path:
    """The project's bibliography (the first of ``bibtex_bibfiles``), where an infographic's
    source is credited from."""
    return Path(srcdir) / config.bibtex_bibfiles[0]


def edition_infographics(config: Config, srcdir: str | Path) -> list[Infographic]:
    """Every infographic of the project, in the language being built (for the PDF editions)."""
    return [translated(infographic) for infographic in project_infographics(srcdir, config.ppiebook_infographics)]


def drawing(infographic: Infographic, config: Config, srcdir: str | Path, catalogue: Catalogue) -> Path:
    """The infographic's SVG in the language being built, for every edition."""
    return svg_for(infographic, Path(srcdir), catalogue, bibliography(config, srcdir), translation_folder(config))


def text_version(env, infographic: Infographic, line: int) -> nodes.container:
    box = nodes.container(classes=["ppiebook-infographic-text"])
    heading = _("Text version of the infographic “{title}”").format(title=infographic.title)
    box += nodes.paragraph(heading, heading, classes=["ppiebook-infographic-text-title"])
    if infographic.steps:
        steps = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for step in infographic.steps:
            item = nodes.list_item()
            paragraph = nodes.paragraph()
            paragraph += nodes.strong(step.label, step.label)
            paragraph += nodes.Text(f": {step.text}")
            item += paragraph
            steps += item
        box += steps
    else:
        box += editorial_note(env, [nodes.paragraph(infographic.to_be_supplied, infographic.to_be_supplied)], line)
    return box


class InfographicDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        path = srcdir / self.config.ppiebook_infographics / f"{self.arguments[0]}.yaml"
        bibfile = bibliography(self.config, srcdir)
        for dependency in (path, bibfile):
            self.env.note_dependency(str(dependency))
        try:
            infographic = translated(load_infographic(path))
            svg = drawing(infographic, self.config, srcdir, catalogue_in(self.env))
        except InfographicError as exc:
            raise self.error(str(exc)) from None
        except KeyError as exc:
            raise self.error(f"{path}: field 'source': {exc} is not in {bibfile.name}") from None
        figure = nodes.figure(classes=["ppiebook-infographic"], ids=[f"infographic-{infographic.id}"])
        self.set_source_info(figure)
        figure += nodes.image(
            uri="/" + svg.relative_to(srcdir).as_posix(),
            alt=_("Infographic: {title}. A text version follows.").format(title=infographic.title),
            width="85%",
        )
        figure += nodes.caption(infographic.title, infographic.title)
        return [figure, text_version(self.env, infographic, self.lineno)]


def setup(app: Sphinx) -> None:
    app.add_directive("infographic", InfographicDirective)
