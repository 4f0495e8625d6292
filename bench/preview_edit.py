"""One preview session, timed: what `make serve` does after a save.

    python -m bench.preview_edit PAGE RESULT.json

Run in a generated project folder: builds once with :class:`ppiebook.commands.preview.InProcessBuilder`
(timed as the clean build), adds a sentence to PAGE, and times the rebuild in the same,
still loaded application. Writes ``{"clean": s, "edit": s}`` to RESULT.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ppiebook.commands.preview import InProcessBuilder

from .measure import edit_page


def main(argv: list[str]) -> int:
    page, result = Path(argv[0]).resolve(), Path(argv[1])
    builder = InProcessBuilder.for_project(Path("."), Path("_build"))
    try:
        clean = builder(changed_paths=())
        if builder.app is None or builder.app.statuscode != 0:
            return 1
        edit_page(page, f"preview {time.time_ns()}")
        edit = builder(changed_paths=[page])
    finally:
        builder.close()
    result.write_text(json.dumps({"clean": clean, "edit": edit}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
