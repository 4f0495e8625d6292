"""``ppiebook.pot``: the project's own messages, written beside the pages' catalogues.

``make gettext`` runs Sphinx's gettext builder, which extracts the pages and the
templates; this adds what neither sees: the ``_()`` strings of the ppiebook package and
the text of the data files (publications.yaml, videos, infographics), which the site
shows through :func:`ppiebook.i18n.translate_data`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po
from sphinx.application import Sphinx

from ppiebook.catalogue.citation import licence_name
from ppiebook.catalogue.identity import catalogue_of
from ppiebook.catalogue.publications import Catalogue
from ppiebook.content.infographics.data import project_infographics
from ppiebook.content.videos import load_videos
from ppiebook.i18n import CATALOG

PACKAGE = Path(__file__).resolve().parent.parent


def code_messages() -> Iterator[tuple[str, str, int]]:
    """(message, file, line) for every ``_("…")`` in the package's Python."""
    for filename, line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords={"_": None}
    ):
        if isinstance(message, str) and message:
            yield message, f"ppiebook/{filename}", line


def catalogue_messages(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """(message, where) for the text of publications.yaml that pages show."""
    programme, where = catalogue.programme, catalogue.path.name
    yield programme.name, where
    yield licence_name(programme.licence), where
    for text in (*programme.partners, *programme.community_partners, programme.funder):
        yield text, where
    for award in programme.recognition:
        for field in ("award", "result", "category"):
            yield award[field], where
    for publication in catalogue.publications:
        for text in (publication.title, publication.subtitle, licence_name(publication.licence)):
            yield text, where


def data_messages(app: Sphinx) -> Iterator[tuple[str, str]]:
    """(message, where) for the text of the videos and infographics data files."""
    videos = Path(app.srcdir) / app.config.ppiebook_videos
    if videos.is_file():
        for video in load_videos(videos).values():
            yield video["title"], app.config.ppiebook_videos
            yield video.get("description", ""), app.config.ppiebook_videos
    for infographic in project_infographics(app.srcdir, app.config.ppiebook_infographics):
        where = str(Path(infographic.path).relative_to(app.srcdir)) if infographic.path else "infographics"
        for text in (infographic.title, infographic.subtitle, infographic.to_be_supplied):
            yield text, where
        for step in infographic.steps:
            yield step.label, where
            yield step.text, where


def project_catalog(app: Sphinx) -> Catalog:
    catalog = Catalog(project=app.config.project, domain=CATALOG, fuzzy=False)
    for message, filename, line in code_messages():
        catalog.add(message, locations=[(filename, line)], flags=["python-brace-format"] if "{" in message else [])
    data = [*catalogue_messages(catalogue_of(app)), *data_messages(app)]
    for message, where in data:
        if message:
            catalog.add(message, locations=[(where, 0)])
    return catalog


def write_project_catalog(app: Sphinx, exception: Exception | None) -> None:
    """After ``-b gettext``: write ``ppiebook.pot`` into the output folder."""
    if exception is not None or app.builder.name != "gettext":
        return
    with (Path(app.outdir) / f"{CATALOG}.pot").open("wb") as stream:
        write_po(stream, project_catalog(app), width=0, omit_header=False, sort_output=True)
