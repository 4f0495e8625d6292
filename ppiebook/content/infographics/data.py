"""Infographic data files (``data/infographics/*.yaml``), validated with their location."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import jsonschema
import yaml

from ppiebook.i18n import translate_data

SCHEMA = {
    "type": "object",
    "required": ["id", "title", "subtitle", "source", "steps"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "title": {"type": "string", "minLength": 1},
        "subtitle": {"type": "string"},
        "source": {"type": "string", "minLength": 1},
        "steps": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["label", "text"],
                "additionalProperties": False,
                "properties": {"label": {"type": "string", "minLength": 1}, "text": {"type": "string", "minLength": 1}},
            },
        },
        "to_be_supplied": {"type": "string", "minLength": 1},
        "order": {"type": "integer", "description": "position in lists of infographics"},
    },
    # Data that is not available must say what is to be supplied.
    "if": {"properties": {"steps": {"maxItems": 0}}},
    "then": {"required": ["to_be_supplied"]},
}


class InfographicError(Exception):
    """A fault in an infographic's data file, worded for the author."""


@dataclass(frozen=True)
class Step:
    label: str
    text: str


@dataclass(frozen=True)
class Infographic:
    id: str
    title: str
    subtitle: str
    source: str
    steps: tuple[Step, ...]
    to_be_supplied: str = ""
    order: int = 100
    path: Path | None = None

    @property
    def complete(self) -> bool:
        return bool(self.steps)

    @property
    def pdf_filename(self) -> str:
        return f"infographic-{self.id}.pdf"


def load_infographic(path: Path) -> Infographic:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InfographicError(f"{path}: no such infographic data file") from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise InfographicError(f"{path}:{line}: YAML syntax: {exc.problem}") from None
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    if errors:
        error = errors[0]
        field = ".".join(map(str, error.absolute_path)) or "top level"
        raise InfographicError(f"{path}: field '{field}': {error.message}")
    if data["id"] != path.stem:
        raise InfographicError(f"{path}: field 'id': '{data['id']}' must match the file name '{path.stem}'")
    steps = tuple(Step(**step) for step in data.pop("steps"))
    return Infographic(steps=steps, path=path, **data)


def translated(infographic: Infographic) -> Infographic:
    """The same infographic with its words in the language being built."""
    steps = tuple(Step(translate_data(step.label), translate_data(step.text)) for step in infographic.steps)
    return replace(infographic, title=translate_data(infographic.title), subtitle=translate_data(infographic.subtitle),
                   steps=steps, to_be_supplied=translate_data(infographic.to_be_supplied))


def load_all(folder: Path) -> list[Infographic]:
    return [load_infographic(path) for path in sorted(folder.glob("*.yaml"))]


def project_infographics(srcdir: Path, folder: str) -> list[Infographic]:
    """The project's infographics (``ppiebook_infographics`` folder), in file-name order."""
    return sorted(load_all(Path(srcdir) / folder), key=lambda i: (i.order, i.id))
