"""Load and validate ``publications.yaml``: the programme's identity and its publications.

Every later stage (site title, PDF list, download cards, PDF metadata) reads the
:class:`Catalogue` built here, so an error is reported once, early, naming the file,
line, entry and field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCHEMA_PATH = Path(__file__).with_name("publications.schema.json")


class CatalogueError(Exception):
    """A problem in the publications file, worded for the author who edits it."""

    def __init__(self, path: Path, line: int | None, where: str, message: str) -> None:
        self.path, self.line, self.where, self.message = path, line, where, message
        location = f"{path}:{line}" if line else str(path)
        super().__init__(f"{location}: {where}: {message}")


@dataclass(frozen=True)
class Programme:
    name: str
    description: str
    language: str
    licence: str
    contact: str
    colours: dict[str, str]
    partners: tuple[str, ...]
    base_url: str = ""
    funder: str = ""
    logos: tuple[dict[str, str], ...] = ()
    community_partners: tuple[str, ...] = ()
    recognition: tuple[dict[str, str], ...] = ()
    contact_route: str = ""  # how readers reach the contact (e-mail, phone, form); empty until supplied
    logo: dict[str, str] | None = None
    translations: tuple[dict[str, str], ...] = ()
    language_name: str = "English"

    def address(self, docname: str, anchor: str = "") -> str | None:
        """A page's web address (with ``#anchor``), or None while the site has no base address.

        The one place the site's addresses are made: imprints, citations, the citation
        file and links from a PDF to pages outside it all take them from here."""
        if not self.base_url:
            return None
        return f"{self.base_url}{docname}.html" + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Publication:
    id: str
    title: str
    subtitle: str
    authors: tuple[str, ...]
    date: str
    version: str
    status: str
    root: str
    pdf: str
    licence: str
    line: int | None = None

    @property
    def pdf_filename(self) -> str:
        return f"{self.pdf}.pdf"

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


@dataclass(frozen=True)
class Catalogue:
    path: Path
    programme: Programme
    publications: tuple[Publication, ...]

    def error(self, publication: Publication, field: str, message: str) -> CatalogueError:
        """An error about one field of one publication, located in the file."""
        return CatalogueError(
            self.path, publication.line, f"publication '{publication.id}', field '{field}'", message
        )

    def location(self, publication: Publication) -> str:
        """'file:line' of a publication's entry, for messages."""
        return f"{self.path}:{publication.line}" if publication.line else str(self.path)

    def check_roots(self, docnames: set[str], source_suffixes: list[str]) -> None:
        """Fail when a publication's root document is not among the project's documents."""
        for publication in self.publications:
            if publication.root not in docnames:
                tried = " or ".join(publication.root + suffix for suffix in source_suffixes)
                raise self.error(publication, "root", f"no document '{publication.root}' (looked for {tried})")


def _line_map(node: yaml.Node, path: tuple = ()) -> dict[tuple, int]:
    """Map each JSON-style path in a composed YAML tree to its 1-based line number."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_line_map(value, path + (key.value,)))
            lines[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_line_map(item, path + (index,)))
    return lines


def _describe(path: tuple, data: Any) -> str:
    """Name a schema path the way an author reads the file: entry and field."""
    if len(path) >= 2 and path[0] == "publications" and isinstance(path[1], int):
        entries = data.get("publications") or []
        entry = entries[path[1]] if path[1] < len(entries) else {}
        name = entry.get("id") if isinstance(entry, dict) else None
        label = f"publication '{name}'" if name else f"publication #{path[1] + 1}"
        return f"{label}, field '{'.'.join(map(str, path[2:]))}'" if len(path) > 2 else label
    return "field '" + ".".join(map(str, path)) + "'" if path else "top level"


def _schema_error(path: Path, data: Any, lines: dict[tuple, int], error: jsonschema.ValidationError) -> CatalogueError:
    where = tuple(error.absolute_path)
    if error.validator == "required":
        # Report the missing field itself, at the line of the entry that lacks it.
        missing = error.message.split("'")[1]
        return CatalogueError(path, lines.get(where), _describe(where + (missing,), data), "is required but missing")
    if error.validator == "additionalProperties":
        return CatalogueError(path, lines.get(where), _describe(where, data), error.message)
    return CatalogueError(path, lines.get(where), _describe(where, data), error.message)


def _stringify_dates(value: Any) -> Any:
    """YAML reads 2023-05-01 as a date; the catalogue keeps dates as written."""
    if isinstance(value, dict):
        return {key: _stringify_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_stringify_dates(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def load_catalogue(path: str | Path) -> Catalogue:
    """Read, validate and return the catalogue; raise :class:`CatalogueError` on any fault."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(path, None, "file", "not found") from None
    except UnicodeDecodeError as exc:
        raise CatalogueError(path, None, "file", f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise CatalogueError(path, line, "YAML syntax", f"{exc.problem or exc.context}") from None
    if not isinstance(raw, dict):
        raise CatalogueError(path, 1, "top level", "must be a mapping with 'programme' and 'publications'")
    data = _stringify_dates(raw)
    lines = _line_map(node)

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
    )
    if errors:
        raise _schema_error(path, data, lines, errors[0])

    programme_data = dict(data["programme"])
    programme_data["partners"] = tuple(programme_data["partners"])
    programme_data["logos"] = tuple(programme_data.get("logos", ()))
    programme_data["community_partners"] = tuple(programme_data.get("community_partners", ()))
    programme_data["recognition"] = tuple(programme_data.get("recognition", ()))
    programme_data["translations"] = tuple(programme_data.get("translations", ()))
    if programme_data.get("logo") and not (path.parent / programme_data["logo"]["file"]).is_file():
        raise CatalogueError(path, lines.get(("programme", "logo")), "field 'programme.logo.file'",
                             f"no such image: {programme_data['logo']['file']}")
    for index, logo in enumerate(programme_data["logos"]):
        if not (path.parent / logo["file"]).is_file():
            raise CatalogueError(path, lines.get(("programme", "logos", index)), f"field 'programme.logos.{index}.file'",
                                 f"no such image: {logo['file']}")
    programme = Programme(**programme_data)
    publications = tuple(
        Publication(**{**entry, "authors": tuple(entry["authors"])}, line=lines.get(("publications", index)))
        for index, entry in enumerate(data["publications"])
    )
    catalogue = Catalogue(path=path, programme=programme, publications=publications)
    _check_unique(catalogue, "id")
    _check_unique(catalogue, "pdf")
    _check_unique(catalogue, "root")
    return catalogue


def _check_unique(catalogue: Catalogue, field: str) -> None:
    seen: dict[str, Publication] = {}
    for publication in catalogue.publications:
        value = getattr(publication, field)
        if value in seen:
            raise catalogue.error(
                publication, field, f"'{value}' is already used by publication '{seen[value].id}'"
            )
        seen[value] = publication
