"""Table cells inside a directive reach the translation catalogues (ppiebook/i18n/tablecells.py):
MyST gives them no source, and Sphinx skipped them as its own messages."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.sphinx("gettext", testroot="i18n-cells")
def test_cells_inside_a_box_are_extracted(app) -> None:
    app.build()
    catalogue = (Path(app.outdir) / "index.pot").read_text(encoding="utf-8")
    for cell in ("Plain heading", "Outside any box", "Boxed heading", "Inside the box"):
        assert f'msgid "{cell}"' in catalogue, cell
