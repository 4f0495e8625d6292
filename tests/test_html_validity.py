"""Every built page is valid HTML according to the Nu Html Checker (vnu.jar from the npm
registry, installed by `make test` into tests/tools)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).parent / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_html_checker_finds_no_errors(built: Path) -> None:
    if not VNU.is_file() or shutil.which("java") is None:
        message = f"the Nu Html Checker needs java and {VNU} (run `make test`)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    site = built / "html"
    # Template fragments under _static/ are not pages.
    pages = sorted(str(p) for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)
    assert len(pages) >= 20
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []
