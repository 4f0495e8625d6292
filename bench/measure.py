"""Time one build and its peak memory, with a time limit.

Peak memory is the largest resident set of any process in the build's tree: ``wait4`` on
the build's first process returns its rusage including every descendant it reaped
(Linux ``RUSAGE_BOTH``), so ``make`` -> python -> sphinx is covered, and each build is
measured on its own (``getrusage(RUSAGE_CHILDREN)`` would keep the maximum of all builds).
A process nobody in the tree waits for is not in that rusage: multiprocessing's fork
server and the workers forked from it. So every process of the build's session is also
read while it runs, for its own peak (``VmHWM`` in /proc), and the larger figure counts.
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
        done, peaks = threading.Event(), {}
        watcher = threading.Thread(target=_watch_session, args=(process.pid, done, peaks), daemon=True)
        watcher.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            done.set()
            watcher.join()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    rss_mb = max(usage.ru_maxrss, *peaks.values(), 0) / 1024  # Linux reports KiB
    if timed_out.is_set():
        return Sample(None, rss_mb, "timed out")
    if process.returncode != 0:
        return Sample(seconds, rss_mb, "failed")
    return Sample(seconds, rss_mb, "ok")


def session_peaks(session: int) -> dict[int, int]:
    """Each process of ``session`` (by process id) and its peak resident set so far, in KiB."""
    peaks = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            # Fields after the command (which may hold spaces), from the 3rd: state ppid pgrp session
            if int(stat.rpartition(")")[2].split()[3]) != session:
                continue
            status = Path(entry.path, "status").read_text()
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks[int(entry.name)] = int(line.split()[1])
    return peaks


def _watch_session(session: int, done: threading.Event, peaks: dict[int, int]) -> None:
    while not done.wait(0.2):
        for pid, peak in session_peaks(session).items():
            peaks[pid] = max(peaks.get(pid, 0), peak)


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
