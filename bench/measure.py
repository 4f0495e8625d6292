"""Time one build and its peak memory, with a time limit.

Peak memory is the largest resident set of any process in the build's tree: ``wait4`` on
the build's first process returns its rusage including every descendant it reaped
(Linux ``RUSAGE_BOTH``), so ``make`` -> python -> sphinx is covered, and each build is
measured on its own (``getrusage(RUSAGE_CHILDREN)`` would keep the maximum of all builds).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Sample:
    seconds: float | None
    max_rss_mb: float | None
    status: str  # ok, failed, timed out, skipped

    def as_dict(self) -> dict:
        return asdict(self)


SKIPPED = Sample(None, None, "skipped")


def run(command: list[str], cwd: Path, timeout: float, log: Path, env: dict | None = None) -> Sample:
    """Run ``command`` in ``cwd``; its output goes to ``log`` (appended), never to the console."""
    log.parent.mkdir(parents=True, exist_ok=True)
    timed_out = threading.Event()
    with log.open("a", encoding="utf-8") as out:
        out.write(f"\n$ (cd {cwd} && {' '.join(command)})\n")
        out.flush()
        started = time.perf_counter()
        # Own session, so a time-out kills the whole tree (make, python, its children).
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   env={**os.environ, **(env or {})})

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    rss_mb = usage.ru_maxrss / 1024  # Linux reports KiB
    if timed_out.is_set():
        return Sample(None, rss_mb, "timed out")
    if process.returncode != 0:
        return Sample(seconds, rss_mb, "failed")
    return Sample(seconds, rss_mb, "ok")


_EDITABLE_START = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def edit_page(path: Path, marker: str) -> None:
    """Change body text only: append a sentence to the page's first paragraph line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines[1:], 1):
        if line.startswith(_EDITABLE_START):
            lines[index] = line.rstrip("\n") + f" Edited for the benchmark {marker}.\n"
            break
    else:
        raise ValueError(f"{path}: no paragraph to edit")
    path.write_text("".join(lines), encoding="utf-8")
