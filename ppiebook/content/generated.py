"""Files the build generates into ``_generated/`` (infographic SVGs, QR codes, the favicon,
drawn formulas and diagrams).

Written only when their content changes, so an unchanged file keeps its time stamp and
Sphinx does not rebuild what depends on it. Written whole (to a temporary file, then
renamed over): the two PDF editions build at once, in two processes, and both write and
read the same generated files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FOLDER = Path("_generated")


def write_atomically(path: Path, data: bytes) -> Path:
    """``data`` into ``path``, never seen half-written by another process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_if_changed(path: Path, text: str) -> Path:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_atomically(path, text.encode("utf-8"))
    return path
