"""How long `make serve` takes to show an edit: save a page, poll the served page until the
edit appears. Prints each run and the median.

    .venv/bin/python bench/serve_latency.py [--runs 5] [--page handbook/planning.md]
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PORT = 8799


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        # Not there yet, or read while the rebuild rewrote it (IncompleteRead): ask again,
        # as a reader's browser reloading would.
        return ""


def wait_for(url: str, text: str, limit: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="handbook/planning.md")
    args = parser.parse_args()
    url = f"http://127.0.0.1:{PORT}/{args.page.removesuffix('.md')}.html"
    # Its own process group, so stopping it stops make's children too.
    server = subprocess.Popen(["make", "serve", f"SERVE_PORT={PORT}"], cwd=PROJECT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = PROJECT / args.page
    original = page.read_text(encoding="utf-8")
    times = []
    try:
        if wait_for(url, "<html", 300) is None:
            print("the preview server did not start", file=sys.stderr)
            return 1
        time.sleep(2)
        for run in range(args.runs):
            marker = f"Preview check {run} {time.time_ns()}."
            page.write_text(original + f"\n{marker}\n", encoding="utf-8")
            seconds = wait_for(url, marker, 60)
            print(f"run {run + 1}: " + (f"{seconds:.2f} s" if seconds is not None else "not shown within 60 s"))
            if seconds is not None:
                times.append(seconds)
            time.sleep(1)
    finally:
        page.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    if times:
        print(f"median: {statistics.median(times):.2f} s over {len(times)} runs")
    return 0 if len(times) == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
