"""The Nu Html Checker (vnu.jar, run with Java) on a built site, for the ppiebook pytest
plugin's HTML test.

vnu.jar comes from the npm package ``vnu-jar``, which bundles it (its download script is not
needed: ``npm ci --ignore-scripts``). A project's tests find it at, in order:

- the path in the environment variable ``PPIEBOOK_VNU_JAR``;
- ``<project>/tests/tools/node_modules/vnu-jar/build/dist/vnu.jar`` (a tests/tools/package.json,
  as this repository has);
- ``<project>/node_modules/vnu-jar/build/dist/vnu.jar`` (the project's own package.json).

Only errors count: the checker runs with ``--errors-only`` and its warnings and notes (such
as advice about the theme's markup) are left out. That is the one filter, here for every
project and this repository alike.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ENVIRONMENT = "PPIEBOOK_VNU_JAR"
IN_PACKAGE = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"
PLACES = (Path("tests") / "tools" / IN_PACKAGE, IN_PACKAGE)


def find_jar(project: Path) -> Path | None:
    """vnu.jar: PPIEBOOK_VNU_JAR when set (even if it names no file, so a wrong setting is
    reported, not passed over), else the first of PLACES inside ``project`` that exists."""
    given = os.environ.get(ENVIRONMENT)
    if given:
        return Path(given)
    return next((project / place for place in PLACES if (project / place).is_file()), None)


def errors(jar: Path, pages: list[Path], timeout: float = 600) -> list[str]:
    """The checker's errors on ``pages``, one 'page:line: message' each; empty when all are valid."""
    done = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, pages)],
                          capture_output=True, text=True, timeout=timeout, check=False)
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):  # it did not run: say why instead of passing
        return [f"vnu.jar exited {done.returncode}: {(done.stderr or done.stdout)[-2000:]}"]
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m["type"] == "error"]
