"""The peers' environments: one virtual environment each under ``bench/.venvs/``.

Jupyter Book 1 needs Sphinx 7 and MkDocs its own Markdown stack, so neither can share the
project's ``.venv``. Each environment is made from a fully pinned requirements file with
``--no-deps`` (the same packages every time) and remade when that file changes.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
VENVS = BENCH / ".venvs"
# Environment name -> its requirements file.
REQUIREMENTS = {
    "mkdocs": BENCH / "requirements-mkdocs.txt",
    "jupyterbook": BENCH / "requirements-jupyterbook.txt",
    "plot": BENCH / "requirements-plot.txt",
    "profile": BENCH / "requirements-profile.txt",
}
PYTHON = "python3.11"


def venv_bin(venv: str, program: str) -> Path:
    return VENVS / venv / "bin" / program


def ensure_venv(name: str) -> Path:
    """Create (or bring up to date) the environment ``name``; return its python."""
    requirements = REQUIREMENTS[name]
    folder = VENVS / name
    stamp = folder / ".requirements-sha256"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    python = folder / "bin" / "python"
    if python.exists() and stamp.exists() and stamp.read_text() == digest:
        return python
    print(f"bench: installing {requirements.name} into {folder.relative_to(BENCH.parent)}", file=sys.stderr)
    if not python.exists():
        base = subprocess.run(["sh", "-c", f"command -v {PYTHON} || command -v python3"],
                              capture_output=True, text=True, check=True).stdout.strip()
        subprocess.run([base, "-m", "venv", str(folder)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-r", str(requirements)], check=True)
    stamp.write_text(digest)
    return python


def version(venv: str, package: str) -> str:
    """An installed package's version inside a peer environment."""
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    result = subprocess.run([str(VENVS / venv / "bin" / "python"), "-c", code], capture_output=True, text=True)
    return result.stdout.strip() or "unknown"
