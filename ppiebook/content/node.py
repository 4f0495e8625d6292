"""The JavaScript tools the build runs with Node.js, pinned in package.json and
package-lock.json and installed by ``make`` (``npm ci``) into ``node_modules/``:

- speech-rule-engine: how a screen reader says a formula, the tagged PDF's alternate
  text for it (ppiebook.content.formulas);
- mermaid: diagrams drawn at build time (ppiebook.content.diagrams).

Each call runs one Node.js process for a whole page or publication, reading JSON on
standard input and writing JSON on standard output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.config import Config


class ToolMissing(RuntimeError):
    """Node.js or a package from package.json is not installed; the message says how to get it."""


def _own(package: Path) -> Path | None:
    """The tools of the checkout this package is part of (where `make` installs them for the
    project and its test roots): ``node_modules`` beside the checkout's package-lock.json.
    None for an installed package: site-packages holds no package-lock.json."""
    checkout = package.parent
    return checkout / "node_modules" if (checkout / "package-lock.json").is_file() else None


_OWN = _own(Path(__file__).resolve().parents[1])


def node_modules(config: Config, confdir: str | Path) -> Path:
    """``ppiebook_node_modules`` if set; else the nearest ``node_modules`` at or above the
    project (as Node.js itself looks), else the one of the checkout this package is part of;
    else the project's own ``node_modules`` (missing: the error then names it)."""
    if config.ppiebook_node_modules:
        return Path(confdir) / config.ppiebook_node_modules
    for folder in (Path(confdir).resolve(), *Path(confdir).resolve().parents):
        if (folder / "node_modules" / ".package-lock.json").is_file():
            return folder / "node_modules"
    return _OWN or Path(confdir) / "node_modules"


def package_path(modules: Path, package: str, *parts: str) -> Path:
    path = modules.joinpath(package, *parts)
    if not path.exists():
        raise ToolMissing(f"{path} is missing: run `make` in the project (it installs the JavaScript tools "
                          f"pinned in package-lock.json with `npm ci`)")
    return path


def run(script: str, data: Any, modules: Path, package: str) -> Any:
    """Run ``script`` with Node.js, ``data`` as JSON on its input; its JSON output."""
    package_path(modules, package, "package.json")
    node = shutil.which("node")
    if node is None:
        raise ToolMissing("Node.js (`node`) is not installed: apt-get install nodejs npm, then run `make`")
    done = subprocess.run([node, "-e", script], input=json.dumps(data), capture_output=True, text=True,
                          env={**os.environ, "NODE_PATH": str(modules)}, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{package} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)
