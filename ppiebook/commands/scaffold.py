"""Start a new programme's project: the handbook, an empty report, its own identity and the
whole pipeline (build, checks, tests, hosting), ready for `make` and `make test`.

    python -m ppiebook.commands.scaffold TARGET --name "Example Health Voices" \\
        [--primary "#5b2a86"] [--accent "#b3541e"] [--logo logo.png --logo-alt "…"] \\
        [--contact "the programme team"] [--language en-GB] [--description "…"]

The handbook is copied as it is (CC BY 4.0: the new handbook says it is adapted from the
Community Connexions Engagement Handbook); everything that names the programme, its
colours, logo, partners and contact comes from the new publications.yaml.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from ppiebook.catalogue.publications import CatalogueError, load_catalogue
from ppiebook.commands.citation_cff import citation_cff

# The checkout of the pipeline's repository this package is part of: what a new project is
# copied from. An installed package (site-packages) has none of it; scaffold() says so.
SOURCE = Path(__file__).resolve().parents[2]

# What a new project takes from this one, as it is.
COPIED = [
    "ppiebook", "tests", "docs", "handbook", "bench", "_static", "_templates", ".ci", ".github",
    "conf.py", "Makefile", "pyproject.toml", "ARCHITECTURE.md", "CHANGELOG.md", "requirements.txt",
    "requirements-test.txt",
    "requirements-test-nodeps.txt", "LICENSE", "LICENSE-CONTENT.md", ".gitignore", ".readthedocs.yaml",
    "glossary.md", "how-to-cite.md", "data/references.bib", "data/spelling-wordlist.txt",
    "data/payment-rates.yaml", "data/videos.yaml",
]
# Tests about Community Connexions' own report and content, which a new project does not have.
NOT_COPIED = {"test_content.py"}
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", "node_modules", "_build", "_generated", ".pytest_cache")
# The benchmark's peer environments and generated sites (hundreds of MB, made by `make bench`).
BENCH_IGNORED = shutil.ignore_patterns(".venvs", "work")


def ignored(item: str) -> Callable[[str, list[str]], set[str]]:
    """What not to copy from ``item``."""
    if item != "bench":
        return IGNORED
    return lambda folder, names: set(IGNORED(folder, names)) | set(BENCH_IGNORED(folder, names))

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def catalogue_text(args: argparse.Namespace, logo: str | None) -> str:
    programme = {
        "name": args.name,
        "description": args.description,
        "language": args.language,
        "base_url": "",
        "licence": "CC-BY-4.0",
        "contact": args.contact,
        "colours": {"primary": args.primary, "accent": args.accent},
        "partners": ["Add your partners in publications.yaml"],
    }
    if logo:
        programme["logo"] = {"file": logo, "alt": args.logo_alt or f"{args.name} logo"}
    handbook = {
        "id": "handbook", "title": f"{args.name} Engagement Handbook",
        "subtitle": "Adapted from the Community Connexions Engagement Handbook",
        "authors": [args.name], "date": "2026", "version": "0.1.0", "status": "draft",
        "root": "handbook/index", "pdf": f"{slug(args.name)}-engagement-handbook", "licence": "CC-BY-4.0",
    }
    report = {
        "id": "report", "title": f"{args.name} Report", "subtitle": "What we heard and what we will do",
        "authors": [args.name], "date": "2026", "version": "0.1.0", "status": "draft",
        "root": "report/index", "pdf": f"{slug(args.name)}-report", "licence": "CC-BY-4.0",
    }
    header = (f"# {args.name}: the programme and its publications (made by ppiebook.commands.scaffold).\n"
              "# Everything that names or brands the programme is set here. See docs/adding-a-publication.md.\n\n")
    return header + yaml.safe_dump({"programme": programme, "publications": [handbook, report]},
                                   sort_keys=False, allow_unicode=True, width=100)


LANDING = """# {name}

{description}

## Publications

Read each publication on this website, or download it as a PDF to print or read offline.
The website is the main, accessible edition.

```{{publication-list}}
```

## Partners

```{{programme-info}} partners
```

## Contact

```{{programme-info}} contact
```

To ask for a publication in another format, or to report a problem with this website, see
the [accessibility statement](accessibility.md).

```{{toctree}}
:maxdepth: 1
:hidden:
:caption: Publications

handbook/index
report/index
```

```{{toctree}}
:maxdepth: 1
:hidden:
:caption: About this website

accessibility
how-to-cite
docs/index
```
"""

REPORT_INDEX = """# {name} Report

This report will say what the programme heard and what it will do. Its chapters are
still to be written.

```{{toctree}}
:maxdepth: 2

executive-summary
findings
/glossary
```
"""

EXECUTIVE_SUMMARY = """# Executive summary

This is a short summary of the report.

## Why we did this work

:::{editorial-note}
To be supplied by the report's authors: why the work was done.
:::

## What we did

:::{editorial-note}
To be supplied by the report's authors: how the programme listened to people.
:::

## What we found

:::{editorial-note}
To be supplied by the report's authors: the main findings, in short, plain sentences.
:::

## What we recommend

:::{editorial-note}
To be supplied by the report's authors: the main recommendations.
:::

## Find out more

You can read the full report and the handbook on this website.
"""

FINDINGS = """# Findings

:::{editorial-note}
To be supplied by the report's authors: what people said, with anonymised quotes used with
consent.
:::
"""


_REPORT_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)+report/[^)]*\)")


def unlink_report_pages(handbook: Path) -> None:
    """The handbook links to Community Connexions' report, which a new project does not
    have: keep the words, drop the links."""
    for page in handbook.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        unlinked = _REPORT_LINK.sub(r"\1", text)
        if unlinked != text:
            page.write_text(unlinked, encoding="utf-8")


def accessibility_statement(name: str) -> str:
    """This project's statement, with the programme and its publications named generally."""
    text = (SOURCE / "accessibility.md").read_text(encoding="utf-8")
    text = re.sub(r"This statement applies to the Community Connexions website:.*?\n(?=It follows)",
                  f"This statement applies to the {name} website and its PDF downloads.\n", text, flags=re.S)
    text = text.replace("the videos of the local projects are not yet published here; each will have a short text\n"
                        "  description;\n", "")
    return text.replace("Community Connexions", name)


def check_source(source: Path) -> None:
    """Stop unless ``source`` is a checkout of the pipeline's repository (the handbook, conf.py,
    publications.yaml beside the package): an installed ppiebook does not carry them."""
    missing = [item for item in ("publications.yaml", "conf.py", "handbook", "accessibility.md")
               if not (source / item).exists()]
    if missing:
        raise SystemExit(f"ppiebook new copies a checkout of the pipeline's repository, and {source} is not one "
                         f"(no {', '.join(missing)}): this ppiebook is installed as a package. Run it from a "
                         "checkout (python -m ppiebook.commands.scaffold), or start from the project template.")


def scaffold(target: Path, args: argparse.Namespace) -> None:
    check_source(SOURCE)
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target}: the folder is not empty; choose a new folder")
    for colour in (args.primary, args.accent):
        if not HEX.match(colour):
            raise SystemExit(f"colour '{colour}': write colours as #rrggbb, for example #5b2a86")
    target.mkdir(parents=True, exist_ok=True)
    for item in COPIED:
        source, destination = SOURCE / item, target / item
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination, ignore=ignored(item))
        elif source.exists():
            shutil.copy2(source, destination)
    for name in NOT_COPIED:
        (target / "tests" / name).unlink(missing_ok=True)

    logo = None
    if args.logo:
        logo_path = Path(args.logo)
        if not logo_path.is_file():
            raise SystemExit(f"{logo_path}: no such logo file")
        logo = f"_static/{slug(args.name)}-logo{logo_path.suffix.lower()}"
        shutil.copy2(logo_path, target / logo)

    (target / "publications.yaml").write_text(catalogue_text(args, logo), encoding="utf-8")
    handbook_index = target / "handbook" / "index.md"
    handbook_index.write_text(re.sub(r"^# .*$", f"# {args.name} Engagement Handbook",
                                     handbook_index.read_text(encoding="utf-8"), count=1, flags=re.M),
                              encoding="utf-8")
    (target / "index.md").write_text(LANDING.format(name=args.name, description=args.description), encoding="utf-8")
    (target / "accessibility.md").write_text(accessibility_statement(args.name), encoding="utf-8")
    (target / "report").mkdir(exist_ok=True)
    (target / "report" / "index.md").write_text(REPORT_INDEX.format(name=args.name), encoding="utf-8")
    (target / "report" / "executive-summary.md").write_text(EXECUTIVE_SUMMARY, encoding="utf-8")
    (target / "report" / "findings.md").write_text(FINDINGS, encoding="utf-8")
    (target / "data" / "infographics").mkdir(parents=True, exist_ok=True)
    unlink_report_pages(target / "handbook")
    words = target / "data" / "spelling-wordlist.txt"
    names = sorted({w for w in re.findall(r"[A-Za-z]+", args.name)} | set(words.read_text().split()), key=str.lower)
    words.write_text("\n".join(names) + "\n", encoding="utf-8")
    try:
        catalogue = load_catalogue(target / "publications.yaml")
    except CatalogueError as exc:
        raise SystemExit(str(exc)) from None
    (target / "CITATION.cff").write_text(citation_cff(catalogue), encoding="utf-8")


def main(argv: Sequence[str] | None = None, prog: str = "python -m ppiebook.commands.scaffold") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="a new, empty folder")
    parser.add_argument("--name", required=True, help="the programme's name")
    parser.add_argument("--description", default="A patient and public involvement and engagement programme. "
                        "Describe it here in two or three short sentences.")
    parser.add_argument("--primary", default="#2c4f7c", help="main colour, #rrggbb")
    parser.add_argument("--accent", default="#a4441c", help="accent colour, #rrggbb")
    parser.add_argument("--logo", help="an image file of the programme's logo")
    parser.add_argument("--logo-alt", help="what the logo shows, for people who cannot see it")
    parser.add_argument("--contact", default="the programme team", help="who readers should contact")
    parser.add_argument("--language", default="en-GB")
    args = parser.parse_args(argv)
    scaffold(args.target, args)
    print(f"Created {args.target} for {args.name}. Next: cd {args.target} && make && make test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
