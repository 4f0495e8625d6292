"""Where the PDF build's time goes, stage by stage: both editions of a generated site, run
once under cProfile, the time of each stage read from the profile.

    python -m bench.profile [--pages 400] [--out bench/work/profile] [--stats FILE]

Prints a Markdown table (docs/building.md quotes it) of each stage's cumulative time, in
profiled seconds and as a share of the whole; cProfile slows Python code down (about 2 to
3 times here), so the shares matter, not the seconds. It also times the same build once
without the profiler. ``--stats`` reads a profile made before instead of building.
"""

from __future__ import annotations

import argparse
import pstats
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .generate import generate

BENCH = Path(__file__).resolve().parent
Key = tuple[str, int, str]


def _is(module: str, function: str) -> Callable[[Key], bool]:
    return lambda key: key[0].endswith(module) and key[2] == function


# (stage, how to find its function in the profile); each stage's time is the largest
# cumulative time of a function it matches (nested stages are listed under their parent).
STAGES: list[tuple[str, Callable[[Key], bool]]] = [
    ("whole build (both editions)", _is("ppiebook/commands/build.py", "build_pdf")),
    ("read and parse the pages (both editions: each its own environment)", _is("sphinx/builders/__init__.py", "read")),
    ("print edition (rst2pdf): Sphinx build", lambda k: False),  # the whole minus the tagged build
    ("  assemble each publication's doctree", _is("ppiebook/pdf/incremental.py", "assemble_doctree")),
    ("  layout and rendering (rst2pdf, ReportLab)", _is("rst2pdf/createpdf.py", "createPdf")),
    ("tagged edition (WeasyPrint): Sphinx build", _is("ppiebook/commands/build.py", "build_tagged_pdf")),
    ("  print HTML of each publication", _is("ppiebook/tagged/builder.py", "publication_html")),
    ("  layout (WeasyPrint)", _is("weasyprint/__init__.py", "render")),
    ("  tag repairs (structure tree; inside layout and writing)", _is("ppiebook/tagged/tags.py", "build")),
    ("  writing the PDF (WeasyPrint)", _is("weasyprint/document.py", "write_pdf")),
    ("  PDF/UA validator (outloud)", _is("ppiebook/tagged/validate.py", "report")),
    ("  the project's own checker", _is("ppiebook/tagged/check.py", "check_pdf")),
]


def cumulative(stats: pstats.Stats, match: Callable[[Key], bool]) -> float:
    return max((value[3] for key, value in stats.stats.items() if match(key)), default=0.0)  # type: ignore[attr-defined]


def table(stats: pstats.Stats) -> str:
    times = {name: cumulative(stats, match) for name, match in STAGES}
    whole = times[STAGES[0][0]] or 1.0
    times["print edition (rst2pdf): Sphinx build"] = whole - times["tagged edition (WeasyPrint): Sphinx build"]
    rows = ["| Stage | Profiled s | Share |", "|---|---|---|"]
    rows += [f"| {name.strip() if not name.startswith('  ') else '— ' + name.strip()} | {times[name]:.1f} | "
             f"{100 * times[name] / whole:.0f}% |" for name, _ in STAGES]
    return "\n".join(rows)


def build(project: Path, profile: Path | None) -> float:
    shutil.rmtree(project / "_build", ignore_errors=True)
    shutil.rmtree(project / "_generated", ignore_errors=True)
    runner = [sys.executable] + (["-m", "cProfile", "-o", str(profile)] if profile else [])
    started = time.perf_counter()
    subprocess.run([*runner, "-m", "ppiebook.commands.build", "pdf", "--builddir", "_build"], cwd=project,
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--out", type=Path, default=BENCH / "work" / "profile")
    parser.add_argument("--stats", type=Path, help="a profile made before (cProfile's output file)")
    args = parser.parse_args(argv)
    if args.stats:
        print(table(pstats.Stats(str(args.stats))))
        return 0
    shutil.rmtree(args.out, ignore_errors=True)
    generate(args.out, args.pages)
    project = args.out / "ppiebook"
    plain = build(project, None)
    profile = args.out / "pdf.prof"
    profiled = build(project, profile)
    print(f"Both PDF editions of {args.pages} pages, clean: {plain:.1f} s without the profiler, "
          f"{profiled:.1f} s under cProfile.\n")
    print(table(pstats.Stats(str(profile))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
