"""What the last good PDF build published, so the next one writes only what changed.

Shared by the rst2pdf builder (ppiebook.pdf) and the tagged builder (ppiebook.tagged),
which write into the same PDF folder. Each builder has its own part of
``<outdir>/.ppiebook-pdf-state.json`` (per file: the fingerprint of what was rendered, the
key of its inputs (ppiebook/pdfshared/inputs.py) and the SHA-256 of the file as published,
so a file changed by hand is rebuilt) and of
``<outdir>/.build-log.json`` (what this build rebuilt and skipped).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ppiebook.content.generated import write_atomically

STATE = ".ppiebook-pdf-state.json"
BUILD_LOG = ".build-log.json"
PACKAGE = Path(__file__).resolve().parent.parent
# The parts of the state file: one per builder. Anything else in it (such as the flat
# format of earlier versions) is dropped on the next write, which just rebuilds once.
PARTS = ("pdf", "taggedpdf")
# The build log's parts written by a builder other than rst2pdf's (record_log's ``key``).
LOG_KEYS = ("tagged",)

Fingerprints = dict[str, dict[str, str]]


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_digest(paths: Iterable[Path], packages: Iterable[str]) -> str:
    """The Python files that render and stamp a PDF, the versions of the renderers, and
    SOURCE_DATE_EPOCH (the dates written into the files)."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for folder in paths:
        for path in sorted(folder.rglob("*.py")) if folder.is_dir() else [folder]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for package in packages:
        digest.update(f"{package}={version(package)}\0".encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return digest.hexdigest()


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: Path, data: dict[str, Any]) -> None:
    """Written whole: a builder starting in the other process reads the old file or the new."""
    write_atomically(path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def read_state(outdir: Path, part: str) -> Fingerprints:
    """One builder's record of the files it published last time."""
    known = _read(outdir / STATE).get(part)
    return known if isinstance(known, dict) else {}


def unchanged(outdir: Path, state: Fingerprints, filename: str, fingerprint: str) -> bool:
    """The file there is the one the last good build made from these very inputs."""
    known = state.get(filename)
    path = outdir / filename
    return bool(known and known.get("fingerprint") == fingerprint and path.is_file()
                and known.get("sha256") == sha256_file(path))


@contextmanager
def _locked(outdir: Path) -> Iterator[None]:
    """The state and log files to one builder at a time: the two editions build at once, in
    two processes, and each reads, changes and writes back its own part of both files."""
    outdir.mkdir(parents=True, exist_ok=True)
    handle = os.open(outdir, os.O_RDONLY)  # the folder itself: no lock file among the outputs
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


def record_state(outdir: Path, part: str, fingerprints: dict[str, str],
                 inputs: dict[str, str] | None = None) -> None:
    """After a good build: this builder's files as published; the other builders' parts stay."""
    inputs = inputs or {}
    entries = {name: {"fingerprint": value, "sha256": sha256_file(outdir / name),
                      **({"inputs": inputs[name]} if name in inputs else {})}
               for name, value in sorted(fingerprints.items()) if (outdir / name).is_file()}
    with _locked(outdir):
        state = {name: kept for name, kept in _read(outdir / STATE).items() if name in PARTS and name != part}
        _write(outdir / STATE, {**state, part: entries})


def record_log(outdir: Path, log: dict[str, Any], key: str | None = None) -> None:
    """What this build rebuilt and skipped: the rst2pdf builder's at the top (``key`` None),
    the tagged builder's under ``key``. Each replaces only its own part, whichever of the
    two builds finishes first."""
    with _locked(outdir):
        old = _read(outdir / BUILD_LOG)
        if key is None:
            _write(outdir / BUILD_LOG, {**{name: part for name, part in old.items() if name in LOG_KEYS}, **log})
        else:
            _write(outdir / BUILD_LOG, {**old, key: log})


class Selection:
    """Which files of one builder's part must be written again, and what this build did.

    The one mechanism of every PDF kind (publications and infographics, both editions):
    each file gets a fingerprint of everything it is made from; ``wanted`` says whether
    the file there is the last good build's from these very inputs; ``record`` keeps the
    fingerprints and the build log once every file has passed its checks. ``reuse`` keeps a
    file before its fingerprint is made, when the key of its inputs is the last good build's.
    """

    def __init__(self, outdir: Path, part: str) -> None:
        self.outdir = outdir
        self.part = part
        self.state = read_state(outdir, part)
        self.fingerprints: dict[str, str] = {}
        self.inputs: dict[str, str] = {}
        self.log: dict[str, dict[str, list[str]]] = {}

    def reuse(self, filename: str, kind: str, inputs: str) -> bool:
        """True when ``filename`` is kept as it is without making its fingerprint: the file
        there is the one the last good build made, from inputs with this very key."""
        known = self.state.get(filename, {})
        if known.get("inputs") != inputs or not unchanged(self.outdir, self.state, filename, known["fingerprint"]):
            return False
        self.fingerprints[filename], self.inputs[filename] = known["fingerprint"], inputs
        self.log.setdefault(kind, {"rebuilt": [], "skipped": []})["skipped"].append(filename)
        return True

    def wanted(self, filename: str, kind: str, fingerprint: str, inputs: str | None = None) -> bool:
        """True when ``filename`` must be written (``kind``: its entry in the build log;
        ``inputs``: the key of its inputs, kept for ``reuse`` next time).

        A file that is wanted is removed now, so a failed write cannot leave the old one."""
        self.fingerprints[filename] = fingerprint
        if inputs is not None:
            self.inputs[filename] = inputs
        keep = unchanged(self.outdir, self.state, filename, fingerprint)
        self.log.setdefault(kind, {"rebuilt": [], "skipped": []})["skipped" if keep else "rebuilt"].append(filename)
        if not keep:
            (self.outdir / filename).unlink(missing_ok=True)
        return not keep

    def rebuilt(self, kind: str) -> list[str]:
        return self.log.get(kind, {}).get("rebuilt", [])

    @property
    def skipped(self) -> list[str]:
        return [name for entry in self.log.values() for name in entry["skipped"]]

    def record(self, log_key: str | None = None) -> None:
        """After every file passed its checks (``log_key``: see :func:`record_log`)."""
        record_state(self.outdir, self.part, self.fingerprints, self.inputs)
        record_log(self.outdir, self.log, key=log_key)
