"""ppiebook as an installable package: the wheel holds every file the code reads at run time,
declares the ppiebook command and the pytest plugin, and its version is the one
pyproject.toml, ppiebook.__version__ and CHANGELOG.md give."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import ppiebook

PROJECT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


def tracked_data_files() -> list[str]:
    """Every file git tracks under ppiebook/ that is not Python source (outside a git checkout,
    such as a copy of the repository before its first commit: every such file there)."""
    done = subprocess.run(["git", "ls-files", "ppiebook"], cwd=PROJECT, capture_output=True, text=True, check=False)
    names = done.stdout.split() if done.returncode == 0 else [
        str(path.relative_to(PROJECT)) for path in (PROJECT / "ppiebook").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts]
    return [name for name in names if not name.endswith((".py", ".pyc"))]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed as pip installs it, into a folder of its own (a site-packages)."""
    target = tmp_path_factory.mktemp("installed") / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(target), str(wheel)], check=True)
    return target


def run_installed(installed: Path, code: str, cwd: Path) -> subprocess.CompletedProcess:
    """Python code run with the installed copy of ppiebook, not this checkout: -S leaves out
    the environment's .pth files (the editable install's finder), then the installed copy
    comes first on the path and the environment's packages (Sphinx and the rest) after it."""
    site_packages = [path for path in sys.path if path.endswith("site-packages")]
    return subprocess.run([sys.executable, "-S", "-c", code], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": ":".join([str(installed), *site_packages]), "PATH": ""}, check=False)


def test_wheel_holds_every_data_file_and_declares_its_entry_points(wheel: Path, installed: Path) -> None:
    assert wheel.name == f"ppiebook-{PYPROJECT['project']['version']}-py3-none-any.whl"
    data = tracked_data_files()
    assert "ppiebook/catalogue/publications.schema.json" in data  # git answered
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert [name for name in data if name not in names] == []
    # Every Python module too (a package without __init__.py would be left out).
    sources = [str(path.relative_to(PROJECT)) for path in (PROJECT / "ppiebook").rglob("*.py")]
    assert [name for name in sources if name not in names] == []

    for name in data:
        assert (installed / name).is_file(), f"{name} is not installed"
    [info] = installed.glob("ppiebook-*.dist-info")
    entry_points = (info / "entry_points.txt").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^\[([^\]]+)\]\n((?:.+\n?)*)", entry_points, re.M))
    assert "ppiebook = ppiebook.commands.cli:main" in sections["console_scripts"]
    assert "ppiebook = ppiebook.testing.plugin" in sections["pytest11"]
    assert "pdf = ppiebook.pdf" in sections["sphinx.builders"]
    assert "taggedpdf = ppiebook.tagged" in sections["sphinx.builders"]


INSTALLED_PATHS = """
import ppiebook, ppiebook.site.theme as theme, ppiebook.pdf.documents as documents
from ppiebook.catalogue.publications import SCHEMA_PATH
from ppiebook.tagged.builder import TEMPLATES
from ppiebook.content import node
print(ppiebook.__file__)
for path in (SCHEMA_PATH, documents.STYLESHEET, theme.TEMPLATES / "layout.html", theme.STATIC / "ppiebook.css",
             TEMPLATES / "base.html"):
    print(path, path.is_file())
print("own node_modules", node._OWN)
"""


def test_installed_package_reads_its_files_from_where_it_is_installed(installed: Path, tmp_path: Path) -> None:
    """From the installed copy: its paths point inside it, the data files they name are
    there, and it does not look for JavaScript tools beside site-packages."""
    done = run_installed(installed, INSTALLED_PATHS, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert Path(lines[0]).is_relative_to(installed)
    for line in lines[1:-1]:
        path, found = line.rsplit(" ", 1)
        assert Path(path).is_relative_to(installed) and found == "True", line
    assert lines[-1] == "own node_modules None"


def test_installed_new_asks_for_the_template(installed: Path, tmp_path: Path) -> None:
    """An installed ppiebook has no template of its own: `ppiebook new` asks for one, creating nothing."""
    done = run_installed(installed, "import sys; from ppiebook.commands.cli import main; "
                         "sys.exit(main(['new', 'example', '--defaults']))", tmp_path)
    assert done.returncode == 2
    assert "give --template" in done.stderr and "installed package" in done.stderr
    assert not (tmp_path / "example").exists()


def test_cli_version_from_installed_copy(installed: Path, tmp_path: Path) -> None:
    done = run_installed(installed, "import sys; from ppiebook.commands.cli import main; sys.exit(main(['--version']))",
                         tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"ppiebook {ppiebook.__version__}"


def test_version_is_the_same_everywhere() -> None:
    version = PYPROJECT["project"]["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "semantic versioning: MAJOR.MINOR.PATCH"
    assert ppiebook.__version__ == version
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert released and released[0] == version, "the newest CHANGELOG.md entry is this version"
    # What a new project pins (copier.yml's hidden answer).
    import yaml

    template = yaml.safe_load((PROJECT / "copier.yml").read_text(encoding="utf-8"))
    assert template["ppiebook_version"]["default"] == version


def outside_pins(lines: list[str], requirements: str) -> list[str]:
    """The requirements of ``lines`` whose range misses the exact pin of the ``requirements``
    file or the installed version, each with why."""
    from importlib.metadata import version as installed

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    text = (PROJECT / requirements).read_text(encoding="utf-8")
    pins = {canonicalize_name(name): pin for name, pin in re.findall(r"^([\w.\-]+)==(\S+)", text, re.M)}
    wrong = []
    for line in lines:
        requirement = Requirement(line)
        pin = pins.get(canonicalize_name(requirement.name))
        if pin is None or not requirement.specifier.contains(pin):
            wrong.append(f"{line}: {requirements} pins {pin}")
        elif not requirement.specifier.contains(installed(requirement.name)):
            wrong.append(f"{line}: {installed(requirement.name)} installed")
    return wrong


def test_declared_dependencies_hold_the_pinned_versions() -> None:
    """pyproject's ranges (what `pip install ppiebook` resolves) each hold the exact pin of
    requirements.txt (what make installs and the tests run), and the installed version."""
    wrong = outside_pins(PYPROJECT["project"]["dependencies"], "requirements.txt")
    assert not wrong, "\n".join(wrong)
    assert len(PYPROJECT["project"]["dependencies"]) >= 20


def test_test_extra_holds_the_test_pins_and_what_the_plugin_imports() -> None:
    """ppiebook[test]: each range holds requirements-test.txt's pin, and it names every
    package outside ppiebook's dependencies and the standard library that the plugin's
    modules (ppiebook/testing/) import."""
    extra = PYPROJECT["project"]["optional-dependencies"]["test"]
    wrong = outside_pins(extra, "requirements-test.txt")
    assert not wrong, "\n".join(wrong)
    imported = set()
    for module in (PROJECT / "ppiebook" / "testing").glob("*.py"):
        imported |= set(re.findall(r"^\s*(?:from|import) ([a-z_]\w*)", module.read_text(encoding="utf-8"), re.M))
    third_party = imported - set(sys.stdlib_module_names) - {"ppiebook", "__future__"}
    # Import names of ppiebook's own dependencies (pyproject's dependencies).
    assert third_party - {"pikepdf", "bs4", "outloud"} == {"pytest", "playwright", "axe_playwright_python"}
    assert {line.split(">")[0] for line in extra} == {"pytest", "playwright", "axe-playwright-python"}


def test_scripts_and_plugin_are_declared() -> None:
    assert PYPROJECT["project"]["scripts"] == {"ppiebook": "ppiebook.commands.cli:main"}
    assert PYPROJECT["project"]["entry-points"]["pytest11"] == {"ppiebook": "ppiebook.testing.plugin"}
