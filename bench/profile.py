"""Where the PDF build's time goes, stage by stage: both editions of a generated site,
clean and after one edit, sampled by py-spy across every process of the build.

    python -m bench.profile [--pages 400] [--out bench/work/profile] [--raw FILE ...]

The build runs in several processes: the print edition in the first, the tagged edition
in a forked second, its two workers from a fork server, and a process per Typst part. A
profiler inside one process sees only that process, so py-spy (pinned in
bench/requirements-profile.txt, installed into bench/.venvs/profile) samples them all
from outside, 25 times a second. It pauses a process to read its stack: at 100 samples a
second the build ran half again as long; unpaused (``--nonblocking``), most of the
workers' samples were lost.
It needs to trace other processes: run it as root, or where ptrace is allowed.

Each stage's figure is processor time: the samples whose stack holds that stage's
function, over the sampling rate. The editions run side by side on two cores, so the
stages add up to more than the wall time, which is measured in a separate build without
the profiler. Prints one Markdown table per build (docs/building.md quotes them).
``--raw`` reads py-spy's raw files made before instead of building.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .generate import generate
from .measure import edit_page
from .peers import ensure_venv, venv_bin
from .tools import PROJECT_PDF

BENCH = Path(__file__).resolve().parent
RATE = 25  # samples a second
_FRAME = re.compile(r"^(?P<function>\S+) \((?P<file>[^:]+)")


@dataclass(frozen=True)
class Stack:
    frames: tuple[tuple[str, str], ...]  # (function, file), outermost first
    samples: int

    def has(self, function: str, file: str) -> bool:
        return any(name == function and path.endswith(file) for name, path in self.frames)

    def within(self, folder: str) -> bool:
        return any(folder in path for _, path in self.frames)


def read_raw(lines: Iterable[str]) -> list[Stack]:
    """py-spy's raw format: one stack a line, frames joined by ';', then the sample count."""
    stacks = []
    for line in lines:
        text, _, count = line.rstrip("\n").rpartition(" ")
        if not text or not count.isdigit():
            continue
        frames = tuple((found["function"], found["file"]) for found in map(_FRAME.match, text.split(";")) if found)
        stacks.append(Stack(frames, int(count)))
    return stacks


def tagged(stack: Stack) -> bool:
    """The tagged edition's processes: the forked second build, its workers and parts."""
    return stack.has("build_tagged_pdf", "ppiebook/commands/build.py") or stack.within("ppiebook/tagged/") \
        or stack.within("multiprocessing/forkserver.py")


def _is(function: str, file: str) -> Callable[[Stack], bool]:
    return lambda stack: stack.has(function, file)


def _any(*tests: Callable[[Stack], bool]) -> Callable[[Stack], bool]:
    return lambda stack: any(test(stack) for test in tests)


def _but(test: Callable[[Stack], bool], excluded: Callable[[Stack], bool]) -> Callable[[Stack], bool]:
    return lambda stack: test(stack) and not excluded(stack)


_READ = _is("Builder.read", "sphinx/builders/__init__.py")
_REPAIRS = _is("repair_typst", "ppiebook/tagged/render.py")
_DEPENDENTS = _is("BuildEnvironment.check_dependents", "sphinx/environment/__init__.py")

# (edition, stage, which stacks). Each row sums the samples of the stacks it matches;
# stages nested in another are indented. "edition" is None for the whole build.
STAGES: list[tuple[bool | None, str, Callable[[Stack], bool]]] = [
    (None, "whole build, both editions (processor time)", lambda stack: True),
    (False, "print edition (rst2pdf), all of it", lambda stack: True),
    (False, "  read and parse the pages", _READ),
    (False, "  after an edit: pages whose numbers or contents changed", _DEPENDENTS),
    (False, "  assemble each publication's document tree", _is("SelectivePdfBuilder.assemble_doctree",
                                                            "ppiebook/pdf/incremental.py")),
    (False, "  rst2pdf: document tree to flowables", _is("RstToPdf.gather_elements", "rst2pdf/createpdf.py")),
    (False, "  ReportLab: layout and rendering", _is("BaseDocTemplate.multiBuild",
                                                   "reportlab/platypus/doctemplate.py")),
    (False, "  checks and metadata of the finished files", _any(_is("verify_pdfs", "ppiebook/pdf/guard.py"),
                                                             _is("stamp_all", "ppiebook/pdf/documents.py"))),
    (True, "tagged edition (Typst), all of it", lambda stack: True),
    (True, "  read and parse the pages", _READ),
    (True, "  after an edit: pages whose numbers or contents changed", _DEPENDENTS),
    (True, "  print HTML of each publication", _is("TaggedPdfBuilder.publication_html", "ppiebook/tagged/builder.py")),
    (True, "  print HTML to Typst markup", _is("to_typst", "ppiebook/tagged/typeset.py")),
    # Typst's own work: the repairs run inside render_typst and, for each part, _lay_out.
    (True, "  Typst: layout and PDF", _but(_any(_is("render_typst", "ppiebook/tagged/render.py"),
                                                _is("_lay_out", "ppiebook/tagged/parts.py")), _REPAIRS)),
    (True, "  joining the parts", _is("join", "ppiebook/tagged/parts.py")),
    (True, "  tag repairs", _REPAIRS),
    (True, "  PDF/UA validator (outloud)", _is("report", "ppiebook/tagged/validate.py")),
    (True, "  the project's own checker", _is("check_pdf", "ppiebook/tagged/check.py")),
]


def table(stacks: list[Stack]) -> str:
    rows = ["| Stage | Processor s | Share |", "|---|---|---|"]
    whole = sum(stack.samples for stack in stacks) or 1
    for edition, name, test in STAGES:
        samples = sum(stack.samples for stack in stacks
                      if (edition is None or tagged(stack) == edition) and test(stack))
        label = f"— {name.strip()}" if name.startswith("  ") else name
        rows.append(f"| {label} | {samples / RATE:.1f} | {100 * samples / whole:.0f}% |")
    return "\n".join(rows)


def build(project: Path, raw: Path | None) -> float:
    """One build of both PDF editions; under py-spy when ``raw`` names its output."""
    command = PROJECT_PDF.command(False)  # what the benchmark times
    if raw is not None:
        command = [str(venv_bin("profile", "py-spy")), "record", "--subprocesses", "--rate", str(RATE),
                   "--format", "raw", "--output", str(raw), "--", *command]
    started = time.perf_counter()
    subprocess.run(command, cwd=project, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL if raw is not None else None)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--out", type=Path, default=BENCH / "work" / "profile")
    parser.add_argument("--raw", type=Path, nargs="+", help="py-spy raw files made before")
    args = parser.parse_args(argv)
    if args.raw:
        for path in args.raw:
            print(f"{path}:\n\n{table(read_raw(path.read_text(encoding='utf-8').splitlines()))}\n")
        return 0
    ensure_venv("profile")
    shutil.rmtree(args.out, ignore_errors=True)
    tree = generate(args.out, args.pages)
    project = args.out / "ppiebook"
    page = project / f"{tree.edit_page}.md"
    PROJECT_PDF.clean(args.out)
    wall_clean = build(project, None)
    edit_page(page, f"profile {time.time_ns()}")
    wall_edit = build(project, None)
    raws = {"clean": args.out / "clean.raw", "after one edit": args.out / "edit.raw"}
    PROJECT_PDF.clean(args.out)
    build(project, raws["clean"])
    edit_page(page, f"profile {time.time_ns()}")
    build(project, raws["after one edit"])
    print(f"Both PDF editions of {args.pages} pages without the profiler: {wall_clean:.1f} s clean, "
          f"{wall_edit:.1f} s after editing {tree.edit_page}.\n")
    for name, raw in raws.items():
        stacks = read_raw(raw.read_text(encoding="utf-8").splitlines())
        print(f"{name.capitalize()}, sampled ({raw}):\n\n{table(stacks)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
