"""Files the build generates into ``_generated/`` (infographic SVGs, QR codes, the favicon).

Written only when their content changes, so an unchanged file keeps its time stamp and
Sphinx does not rebuild what depends on it.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path("_generated")


def write_if_changed(path: Path, text: str) -> Path:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path
