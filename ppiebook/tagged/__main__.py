"""``python -m ppiebook.tagged FILE.pdf... [--dump-page N]``: the independent PDF/UA-1
validator and the project's own rules, as the build runs them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ppiebook.tagged.check import RULES, check_pdf
from ppiebook.tagged.dump import dump_page
from ppiebook.tagged.validate import validate, validator_version


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ppiebook.tagged",
                                     description="Check tagged PDFs with the PDF/UA-1 validator and the project's own rules.")
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
        findings = validate(path)
        print(f"{path}: {'FAIL' if bad or findings else 'PASS'} ({len(results) - len(bad)}/{len(results)} rules, "
              f"{validator_version()}: {len(findings)} failing finding(s))")
        for result in results:
            print(f"  {'PASS' if result.passed else 'FAIL'}  {result.rule:<{width}}  {result.detail}")
        for finding in findings:
            print(f"  FAIL  {finding}")
        failed += bool(bad or findings)
    if failed:
        print(f"{failed} of {len(args.files)} file(s) failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
