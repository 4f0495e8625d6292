"""``ppiebook new TARGET``: start a new programme's project from the project template.

    ppiebook new ../example-health-voices [--template SOURCE] [--vcs-ref 0.2.0] \\
        [--data programme_name="Example Health Voices" --data primary_colour="#5b2a86" ...] [--defaults]

It is ``copier copy --trust SOURCE TARGET`` (copier's public API, pinned in requirements.txt),
so the project can later take a newer template with ``copier update --trust``. SOURCE is the
pipeline's repository (a git URL or a checkout); run from a checkout, it defaults to that
checkout. copier asks for whatever ``--data`` does not give (``--defaults`` takes the
template's defaults instead). ``--trust`` is needed because the template runs one task of
its own, copier_tasks/adapt.py, which adapts the handbook to the new programme.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

# The checkout this package runs from, when it is one (an installed package has no template).
CHECKOUT = Path(__file__).resolve().parents[2]


def default_template() -> str | None:
    return str(CHECKOUT) if (CHECKOUT / "copier.yml").is_file() else None


def data_pair(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name:
        raise argparse.ArgumentTypeError(f"{text!r}: write NAME=VALUE")
    return name, value


def main(argv: Sequence[str] | None = None, prog: str = "python -m ppiebook.commands.new") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0].strip("`"))
    parser.add_argument("target", type=Path, help="a new, empty folder")
    parser.add_argument("--template", default=default_template(),
                        help="the pipeline's repository: a git URL or a checkout (default: this checkout)")
    parser.add_argument("--vcs-ref", help="the template version (a git tag); default: the newest")
    parser.add_argument("--data", type=data_pair, action="append", default=[], metavar="NAME=VALUE",
                        help="an answer to one of the template's questions (copier.yml)")
    parser.add_argument("--defaults", action="store_true", help="take the default of every question not given")
    args = parser.parse_args(argv)
    if args.template is None:
        parser.error("give --template: this ppiebook is an installed package, not a checkout of the "
                     "pipeline's repository, so it has no template of its own")
    if args.target.exists() and any(args.target.iterdir()):
        parser.error(f"{args.target}: the folder is not empty; choose a new folder")
    import copier  # only this command needs it

    copier.run_copy(args.template, args.target, data=dict(args.data), vcs_ref=args.vcs_ref,
                    defaults=args.defaults, unsafe=True, quiet=True)
    print(f"Created {args.target}. Next: cd {args.target} && git init && git add --all && make && make test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
