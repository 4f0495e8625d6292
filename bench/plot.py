"""Plot clean build time against pages, one line per tool (run by bench/report.py in
bench/.venvs/plot, which has matplotlib).

    python bench/plot.py results.json results.png
"""

from __future__ import annotations

import json
import statistics
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402


def main(results: str, png: str) -> int:
    data = json.load(open(results, encoding="utf-8"))
    samples = [s for s in data["samples"] if s["step"] == "clean" and s["pages"] is not None]
    figure, axes = plt.subplots(figsize=(7, 4.5), dpi=120)
    for number, tool in enumerate(dict.fromkeys(s["tool"] for s in samples)):
        points = []
        for pages in sorted({s["pages"] for s in samples if s["tool"] == tool}):
            ok = [s["seconds"] for s in samples if s["tool"] == tool and s["pages"] == pages and s["status"] == "ok"]
            if ok:
                points.append((pages, statistics.median(ok)))
        style = "--" if "PDF" in tool else "-"
        line, = axes.plot(*(zip(*points) if points else ([], [])), style, marker="o", label=tool)
        # A build stopped at the time limit is drawn at the limit as a triangle ("at least"),
        # nudged sideways per tool so that two stopped tools stay visible.
        stopped = sorted({s["pages"] for s in samples if s["tool"] == tool and s["status"] == "timed out"})
        if stopped:
            # Each part of a split run may have its own limit.
            limit = max(s.get("timeout") or data["settings"]["timeout"]
                        for s in samples if s["tool"] == tool and s["status"] == "timed out")
            nudge = 0.012 * max(s["pages"] for s in samples) * (number - 1.5)
            axes.plot([p + nudge for p in stopped], [limit] * len(stopped), "^", color=line.get_color(),
                      markersize=9, label=f"{tool}: stopped at {limit:g} s")
    axes.set_xticks(sorted({s["pages"] for s in samples}))
    axes.set_ylim(bottom=0)
    axes.set_xlabel("pages")
    axes.set_ylabel("clean build time (s, median)")
    axes.set_title(f"Clean build time against pages ({data['machine']['date']})")
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(png)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
