"""The benchmark's peak memory counts every process of a build, waited for or not."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.measure import run

# A build whose worker comes from multiprocessing's fork server: nobody in the build's
# tree waits for that worker, so wait4's rusage does not see its memory.
FORKSERVER_BUILD = """
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context


def fill(megabytes):
    block = bytearray(megabytes * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])  # touched, so resident
    import time
    time.sleep(1)
    return len(block)


if __name__ == "__main__":
    with ProcessPoolExecutor(1, mp_context=get_context("forkserver")) as workers:
        print(workers.submit(fill, 300).result())
"""


def test_peak_memory_counts_a_worker_forked_from_a_server(tmp_path: Path) -> None:
    script = tmp_path / "build.py"
    script.write_text(FORKSERVER_BUILD, encoding="utf-8")
    sample = run([sys.executable, str(script)], tmp_path, 60, tmp_path / "log.txt")
    assert sample.status == "ok", (tmp_path / "log.txt").read_text()
    assert 300 <= sample.max_rss_mb < 600
