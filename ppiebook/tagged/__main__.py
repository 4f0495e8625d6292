"""``python -m ppiebook.tagged FILE.pdf... [--dump-page N]``: the PDF/UA checker."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .check import RULES, check_pdf
from .dump import dump_page


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ppiebook.tagged",
                                     description="Check tagged PDFs against the project's PDF/UA rules.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--dump-page", type=int, metavar="N",
                        help="print what the structure tree gives for page N (1-based) instead")
    args = parser.parse_args(argv)
    if args.dump_page:
        for path in args.files:
            print(dump_page(path, args.dump_page))
        return 0
    failed = 0
    width = max(len(rule) for rule in RULES)
    for path in args.files:
        results = check_pdf(path)
        bad = [r for r in results if not r.passed]
        print(f"{path}: {'FAIL' if bad else 'PASS'} ({len(results) - len(bad)}/{len(results)} rules)")
        for result in results:
            print(f"  {'PASS' if result.passed else 'FAIL'}  {result.rule:<{width}}  {result.detail}")
        failed += bool(bad)
    if failed:
        print(f"{failed} of {len(args.files)} file(s) failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
