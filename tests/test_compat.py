"""Every private or undocumented API the project uses (ppiebook/compat.py) still holds.

For each shim: the installed package is the version the shim was written for, and its
probe finds upstream still shaped as the shim expects. An upgrade fails here, naming the
shim to check, before it fails a build.
"""

from __future__ import annotations

import ast
from importlib.metadata import version
from pathlib import Path

import pytest

from ppiebook import compat
from ppiebook.compat import SHIMS, Shim

PACKAGE = Path(__file__).resolve().parent.parent / "ppiebook"


@pytest.mark.parametrize("shim", SHIMS, ids=[shim.id for shim in SHIMS])
def test_written_for_the_installed_version(shim: Shim) -> None:
    installed = version(shim.package)
    assert installed == shim.written_for, (
        f"ppiebook.compat: {shim.package} is {installed}, the shim '{shim.what}' was written for "
        f"{shim.written_for}: check it still holds and update written_for")


@pytest.mark.parametrize("shim", SHIMS, ids=[shim.id for shim in SHIMS])
def test_upstream_still_has_what_the_shim_relies_on(shim: Shim) -> None:
    try:
        shim.probe()
    except compat.UpstreamChanged as error:
        failure = str(error)
    else:
        return
    pytest.fail(f"{failure} (the shim '{shim.what}', written for {shim.package} {shim.written_for})", pytrace=False)


def test_shim_ids_are_unique() -> None:
    ids = [shim.id for shim in SHIMS]
    assert len(ids) == len(set(ids)), ids


def test_a_probe_says_what_changed() -> None:
    with pytest.raises(compat.UpstreamChanged, match=r"ppiebook.compat: somepackage changed: a thing: it moved"):
        compat._expect(False, "somepackage", "a thing", "it moved")


# Other packages whose underscore names the project may touch only through compat.py.
OTHERS = ("sphinx", "docutils", "weasyprint", "rst2pdf", "pybtex", "pydata_sphinx_theme", "sphinx_book_theme",
          "sphinx_autobuild", "svglib", "reportlab", "textstat", "jinja2", "myst_parser", "pydyf", "pikepdf")


def _private_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            names = [alias.name for alias in node.names]
            if parts[0] in OTHERS and (any(part.startswith("_") for part in parts)
                                       or any(name.startswith("_") for name in names)):
                found.append(f"{path.name}:{node.lineno}: from {node.module} import {', '.join(names)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) > 1 \
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr") \
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str) \
                and node.args[1].value.startswith("_") and not node.args[1].value.startswith("__"):
            found.append(f"{path.name}:{node.lineno}: {node.func.id}(..., {node.args[1].value!r})")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls") or \
                    isinstance(owner, ast.Name) and owner.id.startswith("_"):
                continue
            found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    return found


def test_no_private_name_of_another_package_outside_compat() -> None:
    """Underscore attributes and underscore modules of other packages appear only in compat.py
    (the project's own underscore names are reached through ``self`` or a ``_`` module name)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "compat.py" and path.parent == PACKAGE:
            continue
        found += [f"{path.relative_to(PACKAGE.parent)}: {use}" for use in _private_uses(path)]
    allowed = {"._value_"}  # Enum's documented hook for a member's value (ppiebook/config.py)
    found = [use for use in found if not any(use.endswith(name) for name in allowed)]
    assert not found, "private names of other packages outside ppiebook/compat.py:\n" + "\n".join(found)
