"""The package's layout holds: each edition loads only its own renderer, and the stages
import in pipeline order (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ppiebook"
# The pipeline, in order; a stage may import from stages before it, and from the top modules.
STAGES = ["catalogue", "content", "checks", "i18n", "site", "pdfshared", "pdf", "tagged", "commands", "testing"]
# Allowed back-references, each with why.
BACKWARDS = {
    # Translation is used by every stage that writes words (a title, a caption).
    ("*", "i18n"),
    # content shapes constructs for the PDF editions: their builder names and fonts.
    ("content", "pdfshared"),
    # The site links to both PDF editions by their file names.
    ("site", "pdfshared"),
}
TOP = {"config", "events", "state", "compat"}


def loaded_modules(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize(("extension", "absent"), [
    ("ppiebook", {"rst2pdf", "weasyprint", "typst"}),
    ("ppiebook.pdf", {"weasyprint", "typst"}),
    ("ppiebook.tagged", {"rst2pdf"}),
])
def test_each_extension_loads_only_its_own_renderer(extension: str, absent: set[str]) -> None:
    modules = loaded_modules(f"import {extension}")
    assert extension in modules
    found = {name for name in modules if name.split(".")[0] in absent}
    assert not found, f"importing {extension} loads {sorted(found)[:5]}"


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name.split(".")[1] for name in found if name.startswith("ppiebook.")}


def test_stages_import_in_pipeline_order() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) == 1:
            continue  # the top modules
        stage = parts[0]
        for used in imports(path) - TOP - {stage}:
            if used not in STAGES:
                wrong.append(f"{path.relative_to(PACKAGE)}: ppiebook.{used} is not a stage")
            elif STAGES.index(used) > STAGES.index(stage) and ("*", used) not in BACKWARDS \
                    and (stage, used) not in BACKWARDS:
                wrong.append(f"{path.relative_to(PACKAGE)} ({stage}) imports ppiebook.{used}, a later stage")
    assert not wrong, "\n".join(wrong)


def test_neither_pdf_edition_imports_the_other() -> None:
    for edition, other in (("pdf", "tagged"), ("tagged", "pdf")):
        for path in (PACKAGE / edition).rglob("*.py"):
            assert other not in imports(path), f"{path.relative_to(PACKAGE)} imports ppiebook.{other}"


def test_at_most_five_modules_at_the_top() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 5, top
