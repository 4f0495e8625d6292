"""The build benchmark behind `make bench`.

    python -m bench [--sizes "100 400 1000"] [--runs 3] [--timeout 600] [--tools pdf,html,mkdocs,jupyterbook]
                    [--no-shipped] [--report-only]

First the shipped project: `make` from clean (environment present) and `make` after
editing one page. Then for each N: generate the same synthetic site for every tool
(bench/work/nN/). Then, RUNS times, for each tool, for each N in turn: a clean build
(outputs and caches removed) and a rebuild after editing one page's body text. A tool's
sizes are built one after the other, so the growth from one size to the next is measured
within a run, minutes apart at most (report.growth_row). Every sample goes to
bench/results.json as it is taken; at the end bench/results.md (table, machine, targets)
and bench/results.png.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import measure, peers, report
from .content import Tree
from .generate import generate
from .tools import PROJECT_PREVIEW, SHIPPED_OUTPUTS, SHIPPED_PAGE, TOOLS, shipped_copy

BENCH = Path(__file__).resolve().parent
SHIPPED = "shipped project (make)"


class Recorder:
    """Keeps every sample and rewrites results.json after each, so a stopped run keeps its data."""

    def __init__(self, path: Path, settings: dict, append: bool = False) -> None:
        self.path = path
        self.started = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
        path.parent.mkdir(parents=True, exist_ok=True)
        self.data = {"settings": settings, "machine": report.machine(), "samples": []}
        if append and path.is_file():
            # One report from several invocations (e.g. fewer runs for the slowest peers).
            previous = json.loads(path.read_text(encoding="utf-8"))
            self.data["samples"] = previous["samples"]
            self.data["machine"]["load_average_start"] = previous["machine"]["load_average_start"]
            settings["parts"] = [*previous["settings"].get("parts", [previous["settings"]["command"]]), settings["command"]]
            settings["runs"] = max(settings["runs"], previous["settings"]["runs"])
            settings["sizes"] = sorted(set(settings["sizes"]) | set(previous["settings"]["sizes"]))

    def add(self, tool: str, pages: int | None, step: str, run: int, sample: measure.Sample) -> None:
        # ``series``: this invocation's run, the same for each size of a tool built in it (a
        # run appended later has its own), so growth pairs samples taken minutes apart.
        self.data["samples"].append({"tool": tool, "pages": pages, "step": step, "run": run,
                                     "series": f"{self.started}/{run}", "at": round(time.time(), 1),
                                     "timeout": self.data["settings"]["timeout"], **sample.as_dict()})
        shown = f"{sample.seconds:.2f} s" if sample.seconds is not None else sample.status
        memory = f", {sample.max_rss_mb:.0f} MB" if sample.max_rss_mb is not None else ""
        print(f"bench: {tool}, {pages or '-'} pages, {step}, run {run + 1}: {shown}{memory}", flush=True)
        self.save()

    def save(self) -> None:
        self.data["machine"]["load_average_end"] = report.load_average()
        self.path.write_text(json.dumps(self.data, indent=1) + "\n", encoding="utf-8")


def bench_tool(key: str, pages: int, tree: Tree, run: int, args: argparse.Namespace, recorder: Recorder,
               gave_up: dict[str, int]) -> None:
    """One tool at one size: a clean build, then a rebuild after editing one page."""
    tool = TOOLS[key]
    root = args.work / f"n{pages}"
    log = root / "build.log"
    if pages >= gave_up.get(tool.name, pages + 1):
        for step in ("clean", "edit"):
            recorder.add(tool.name, pages, step, run, measure.Sample(None, None, "skipped: timed out at fewer pages"))
        return
    env = dict(tool.env)
    tool.clean(root)
    if key == "preview":
        bench_preview(root, tree.edit_page, args, recorder, pages, run, log)
        return
    if key == "html":
        # `make html` lists the last PDFs: the PDF step's, or stand-ins.
        stand_in_pdfs(root / tool.folder, log, args.timeout)
    clean = measure.run(tool.command(False), root / tool.folder, args.timeout, log, env)
    recorder.add(tool.name, pages, "clean", run, clean)
    if clean.status != "ok":
        recorder.add(tool.name, pages, "edit", run, measure.Sample(None, None, "skipped: clean build " + clean.status))
        if clean.status == "timed out":
            gave_up[tool.name] = min(pages, gave_up.get(tool.name, pages))
        return
    measure.edit_page(tool.page_file(root, tree.edit_page), f"{key} {run} {time.time_ns()}")
    recorder.add(tool.name, pages, "edit", run, measure.run(tool.command(True), root / tool.folder, args.timeout, log, env))


def stand_in_pdfs(folder: Path, log: Path, timeout: float) -> None:
    """The HTML build lists the last PDFs (pages, size, cover): give it stand-ins when there are none.

    Building the real PDFs first (untimed) would cost minutes at 1000 pages; the HTML build
    reads only each PDF's page count, size and first page, so its time does not depend on them.
    """
    if (folder / "_build" / "pdf").is_dir():
        return
    script = ("from ppiebook.catalogue.publications import load_catalogue; from pathlib import Path; import pikepdf\n"
              "from ppiebook.content.infographics.data import project_infographics\n"
              "out = Path('_build/pdf'); out.mkdir(parents=True)\n"
              "names = [p.pdf_filename for p in load_catalogue('publications.yaml').publications]\n"
              "names += [i.pdf_filename for i in project_infographics(Path('.'), 'data/infographics')]\n"
              "for name in names:\n"
              "    pdf = pikepdf.new(); pdf.add_blank_page(); pdf.save(out / name)\n")
    measure.run([sys.executable, "-c", script], folder, timeout, log)


def bench_preview(root: Path, edit_page: str, args: argparse.Namespace, recorder: Recorder, pages: int, run: int,
                  log: Path) -> None:
    """`make serve`: its first build, then the rebuild after an edit in the same loaded Sphinx."""
    tool = PROJECT_PREVIEW
    folder = root / tool.folder
    stand_in_pdfs(folder, log, args.timeout)
    result = root / "preview.json"
    result.unlink(missing_ok=True)
    # Run from the generated project's folder, with this repository importable for `bench`.
    sample = measure.run([*tool.command(False), str(tool.page_file(root, edit_page)), str(result)], folder,
                         args.timeout, log, {"PYTHONPATH": str(BENCH.parent)})
    if sample.status != "ok" or not result.is_file():
        for step in ("clean", "edit"):
            recorder.add(tool.name, pages, step, run, sample)
        return
    seconds = json.loads(result.read_text(encoding="utf-8"))
    for step in ("clean", "edit"):
        recorder.add(tool.name, pages, step, run, measure.Sample(seconds[step], sample.max_rss_mb, "ok"))


def bench_shipped(args: argparse.Namespace, recorder: Recorder) -> None:
    copy = shipped_copy(args.work / "shipped")
    log = args.work / "shipped.log"
    for run in range(args.runs):
        for output in SHIPPED_OUTPUTS:
            shutil.rmtree(copy / output, ignore_errors=True)
        clean = measure.run(["make"], copy, args.timeout, log)
        recorder.add(SHIPPED, None, "clean", run, clean)
        if clean.status != "ok":
            continue
        measure.edit_page(copy / SHIPPED_PAGE, f"make {run} {time.time_ns()}")
        recorder.add(SHIPPED, None, "edit", run, measure.run(["make"], copy, args.timeout, log))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100 400 1000", help="numbers of pages, space-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is reported)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before one build is stopped")
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated, from {','.join(TOOLS)}")
    parser.add_argument("--no-shipped", action="store_true", help="do not time `make` on the shipped project")
    parser.add_argument("--work", type=Path, default=BENCH / "work", help="where generated trees go")
    parser.add_argument("--out", type=Path, default=BENCH, help="where results.json/.md/.png go")
    parser.add_argument("--note", default="", help="a line saying what this run is, printed in results.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite results.md and .png from results.json")
    parser.add_argument("--append", action="store_true", help="add to results.json instead of starting it again")
    args = parser.parse_args(argv)
    results = args.out / "results.json"
    if not args.report_only:
        args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
        unknown = [t for t in args.tools if t not in TOOLS]
        if unknown:
            parser.error(f"unknown tool(s) {', '.join(unknown)}: choose from {', '.join(TOOLS)}")
        args.tools.sort(key=list(TOOLS).index)
        sizes = [int(s) for s in args.sizes.split()]
        for venv in ("mkdocs", "jupyterbook"):
            if venv in args.tools:
                peers.ensure_venv(venv)
        settings = {"note": args.note, "sizes": sizes, "runs": args.runs, "timeout": args.timeout, "tools": args.tools,
                    "shipped": not args.no_shipped,
                    "command": ("python -m bench " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])))
                    if args.append or args.tools != list(TOOLS) else
                    f"make bench BENCH_SIZES=\"{args.sizes}\" BENCH_RUNS={args.runs} BENCH_TIMEOUT={args.timeout:g}"}
        recorder = Recorder(results, settings, args.append)
        recorder.data["machine"]["versions"] = report.versions(args.tools)
        os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
        # `make bench`'s own make variables must not reach the `make` being timed.
        for variable in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
            os.environ.pop(variable, None)
        if not args.no_shipped:
            bench_shipped(args, recorder)
        trees = {pages: generate(args.work / f"n{pages}", pages) for pages in sizes}
        gave_up: dict[str, int] = {}  # tool -> the fewest pages at which it timed out: larger sizes are skipped
        for run in range(args.runs):
            for key in args.tools:
                for pages in sizes:
                    bench_tool(key, pages, trees[pages], run, args, recorder, gave_up)
    data = json.loads(results.read_text(encoding="utf-8"))
    if args.report_only and args.note:
        data["settings"]["note"] = args.note
        results.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(report.markdown(data), encoding="utf-8")
    report.plot(results, args.out / "results.png")
    print(f"bench: wrote {args.out / 'results.md'} and {args.out / 'results.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
