"""The ``ppiebook`` command: one entry point over the modules of :mod:`ppiebook.commands`.

    ppiebook build [all|html|pdf] [--source .] [--builddir _build] [--language ur]
    ppiebook serve [--source .] [--builddir _build] [--host 127.0.0.1] [--port 8000]
    ppiebook check [--source .]
    ppiebook dist [--builddir _build] [--distdir dist] [--catalogue publications.yaml]
    ppiebook new TARGET [--data programme_name="Example Health Voices" ...]
    ppiebook --version

Each subcommand hands its arguments, unchanged, to the ``main(argv)`` of the module that
does the work (``python -m ppiebook.commands.build`` and so on keep working), so
``ppiebook build --help`` shows that module's own options, under the subcommand's name. A
subcommand's module is imported only when it runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# name -> (module whose main(argv) runs it, one line of help)
SUBCOMMANDS = {
    "build": ("ppiebook.commands.build", "build the site and PDFs: all, html or pdf (staged, checked)"),
    "serve": ("ppiebook.commands.preview", "live preview of the site, rebuilt on save"),
    "check": ("ppiebook.checks.__main__", "every content check (spelling, references, personal data, ...)"),
    "dist": ("ppiebook.commands.dist", "a versioned, reproducible archive of the built site and PDFs"),
    "new": ("ppiebook.commands.new", "start a new programme's project from the project template (copier)"),
}


def version() -> str:
    """The installed distribution's version, else the package's own (a source tree on sys.path)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("ppiebook")
    except PackageNotFoundError:
        from ppiebook import __version__

        return __version__


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="ppiebook", description="Publish a PPIE programme's MyST pages as a website and PDFs.",
        epilog="`ppiebook COMMAND --help` lists a command's options.")
    main_parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (_, summary) in SUBCOMMANDS.items():
        # No options of its own (add_help=False): --help and the rest go to the module's parser.
        commands.add_parser(name, help=summary, description=summary, add_help=False)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in SUBCOMMANDS:
        parser().parse_args(argv)  # --version, --help, or a usage error: each exits
        return 2
    module = importlib.import_module(SUBCOMMANDS[argv[0]][0])
    return module.main(argv[1:], prog=f"ppiebook {argv[0]}")


if __name__ == "__main__":
    sys.exit(main())
