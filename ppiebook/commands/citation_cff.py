"""CITATION.cff (Citation File Format 1.2.0) generated from ``publications.yaml``.

    python -m ppiebook.commands.citation_cff [--check] [--validate] [--catalogue publications.yaml]

Without flags it writes ``CITATION.cff`` next to the catalogue. ``--check`` exits
non-zero with a one-line message when that file is missing or differs from what the
catalogue gives (so it cannot drift). ``--validate`` checks the file against the CFF 1.2.0
JSON schema that the ``cffconvert`` package ships, offline.

How the catalogue maps onto CFF:

- the first publication is the work the file describes (``title``, ``version``,
  ``date-released``, ``authors``, ``license``). CFF 1.2.0 allows only ``software`` or
  ``dataset`` as its ``type``; the repository holds the sources that build the
  publications, so it is ``software``;
- the first other publication whose root page lies under ``report/`` is the
  ``preferred-citation``, of type ``report``;
- every remaining publication is listed in ``references``: ``report`` when its root page
  lies under ``report/``, ``generic`` otherwise.

An author equal to the programme name, or without a space, is an organisation
(``name:``); anyone else is a person, split into ``given-names`` and ``family-names``
after dropping an honorific such as "Dr".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from ppiebook.catalogue.citation import _HONORIFIC
from ppiebook.catalogue.publications import Catalogue, CatalogueError, Programme, Publication, load_catalogue

CFF_VERSION = "1.2.0"
FILENAME = "CITATION.cff"
HEADER = (
    "# Generated from publications.yaml by `python -m ppiebook.commands.citation_cff`: do not edit by hand.\n"
    "# Change publications.yaml and run the command again.\n"
)
MESSAGE = "If you use or refer to these publications, please cite them using the metadata in this file."
REGENERATE = "python -m ppiebook.commands.citation_cff"
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def cff_author(author: str, programme: Programme) -> dict[str, str]:
    """One catalogue author as a CFF person (given and family names) or entity (name)."""
    author = " ".join(author.split())
    if author == programme.name or " " not in author:
        return {"name": author}
    name = _HONORIFIC.sub("", author).strip()
    if " " not in name:
        # "Dr Benoit": only a family name is left after the honorific.
        return {"family-names": name}
    given, family = name.rsplit(" ", 1)
    return {"given-names": given, "family-names": family}


def _is_report(publication: Publication) -> bool:
    return publication.root.split("/", 1)[0] == "report"


def _full_title(publication: Publication) -> str:
    return f"{publication.title}: {publication.subtitle}" if publication.subtitle else publication.title


def _url(programme: Programme, publication: Publication) -> str | None:
    return programme.address(publication.root)


def _reference(publication: Publication, programme: Programme, type_: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "type": type_,
        "title": _full_title(publication),
        "authors": [cff_author(author, programme) for author in publication.authors],
        "publisher": {"name": programme.name},
        "version": publication.version,
    }
    if _FULL_DATE.match(publication.date):
        entry["date-released"] = publication.date
    if publication.date[:4].isdigit():
        entry["year"] = int(publication.date[:4])
    if publication.is_draft:
        entry["status"] = "in-preparation"
    entry["license"] = publication.licence
    url = _url(programme, publication)
    if url:
        entry["url"] = url
    return entry


def citation_data(catalogue: Catalogue) -> dict[str, Any]:
    """The CITATION.cff content as a mapping, in the order it is written."""
    programme = catalogue.programme
    main, *others = catalogue.publications
    data: dict[str, Any] = {
        "cff-version": CFF_VERSION,
        "message": MESSAGE,
        "type": "software",
        "title": _full_title(main),
        "authors": [cff_author(author, programme) for author in main.authors],
        "version": main.version,
    }
    if _FULL_DATE.match(main.date):
        data["date-released"] = main.date
    data["license"] = main.licence
    if programme.base_url:
        data["url"] = programme.base_url
    preferred = next((publication for publication in others if _is_report(publication)), None)
    if preferred is not None:
        data["preferred-citation"] = _reference(preferred, programme, "report")
    references = [
        _reference(publication, programme, "report" if _is_report(publication) else "generic")
        for publication in others
        if publication is not preferred
    ]
    if references:
        data["references"] = references
    return data


class _Dumper(yaml.SafeDumper):
    """Block style, with list items indented under their key (as CFF examples are written)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def citation_cff(catalogue: Catalogue) -> str:
    """CITATION.cff text (CFF 1.2.0, YAML) for the catalogue."""
    body = yaml.dump(
        citation_data(catalogue), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
        default_flow_style=False, width=4096,
    )
    return HEADER + body


def schema() -> dict[str, Any]:
    """The CFF 1.2.0 JSON schema shipped inside the ``cffconvert`` package (read, not fetched).

    The file is located through the package's metadata, without importing ``cffconvert``
    (whose import needs pykwalify, which only its CFF 1.0/1.1 support uses).
    """
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = Path(str(distribution("cffconvert").locate_file("cffconvert/schemas/1.2.0/schema.json")))
    except PackageNotFoundError:
        raise RuntimeError("the CFF schema comes with the package cffconvert, which is not installed") from None
    return json.loads(path.read_text(encoding="utf-8"))


def validation_errors(text: str) -> list[str]:
    """Problems of a CITATION.cff text against the CFF 1.2.0 schema; empty when it is valid."""
    import jsonschema

    data = yaml.safe_load(text)
    data = json.loads(json.dumps(data, default=str))  # YAML dates become strings, as the schema expects
    validator = jsonschema.Draft7Validator(schema(), format_checker=jsonschema.FormatChecker())
    return [
        f"{'.'.join(map(str, error.absolute_path)) or 'top level'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ppiebook.commands.citation_cff", description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalogue", type=Path, default=Path("publications.yaml"),
                        help="the publications file; CITATION.cff is written next to it")
    parser.add_argument("--check", action="store_true",
                        help="do not write: fail if CITATION.cff is missing or differs from the catalogue")
    parser.add_argument("--validate", action="store_true",
                        help="also validate CITATION.cff against the CFF 1.2.0 schema (needs cffconvert)")
    args = parser.parse_args(argv)
    try:
        expected = citation_cff(load_catalogue(args.catalogue))
    except CatalogueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    target = args.catalogue.parent / FILENAME
    if args.check:
        if not target.is_file():
            print(f"{target} is missing: run `{REGENERATE}` to write it", file=sys.stderr)
            return 1
        if target.read_text(encoding="utf-8") != expected:
            print(f"{target} differs from {args.catalogue}: run `{REGENERATE}` to regenerate it", file=sys.stderr)
            return 1
    else:
        target.write_text(expected, encoding="utf-8")
    if args.validate:
        try:
            errors = validation_errors(target.read_text(encoding="utf-8"))
        except RuntimeError as exc:
            print(f"error: cannot validate {target}: {exc}", file=sys.stderr)
            return 1
        if errors:
            print(f"{target} is not valid CFF {CFF_VERSION}: {'; '.join(errors)}", file=sys.stderr)
            return 1
    print(f"{target} is up to date" if args.check else f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
