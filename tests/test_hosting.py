"""Hosting: the Read the Docs config, the GitHub Pages workflow, and `make dist`.

The two configuration files are validated against their JSON schemas with
check-jsonschema, whose schemas for both are vendored in the package (no network).
Their key content is checked against the Makefile, so that the Debian packages the
build needs cannot drift apart. The Read the Docs build jobs are also run on a small
fake build, to check that the outputs meet Read the Docs' rules. ppiebook.commands.dist is
tested on a fake build folder.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest
import yaml

import ppiebook
from ppiebook.catalogue.publications import load_catalogue
from ppiebook.commands.dist import slugify
from ppiebook.pdfshared.naming import tagged_filename

PROJECT = Path(__file__).resolve().parent.parent
READTHEDOCS = PROJECT / ".readthedocs.yaml"
WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
CATALOGUE = PROJECT / "publications.yaml"
VENV_BIN = Path(sys.executable).parent
BUILD_COMMAND = "python -m ppiebook.commands.build all --builddir _build"


def makefile_packages() -> list[str]:
    """DEBIAN_BUILD_PACKAGES as the Makefile sets it."""
    text = (PROJECT / "template" / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^DEBIAN_BUILD_PACKAGES\s*:?=\s*(.+)$", text, re.MULTILINE)
    assert match, "the Makefile no longer sets DEBIAN_BUILD_PACKAGES"
    packages = match.group(1).split()
    assert packages
    return packages


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a YAML mapping"
    return data


# -- JSON schemas ---------------------------------------------------------------------------


def check_jsonschema() -> Path:
    """The venv's check-jsonschema: skip without it, except in CI, where it must be there."""
    tool = VENV_BIN / "check-jsonschema"
    if not tool.is_file():
        message = f"check-jsonschema is not installed in {VENV_BIN} (run `make test`)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return tool


def validate(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(check_jsonschema()), "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.readthedocs", READTHEDOCS), ("vendor.github-workflows", WORKFLOW)],
    ids=["readthedocs", "github-workflow"],
)
def test_config_matches_its_schema(schema: str, path: Path) -> None:
    result = validate(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "path", "old", "new"),
    [
        ("vendor.readthedocs", READTHEDOCS, 'python: "3.11"', 'python: "3.99"'),
        ("vendor.github-workflows", WORKFLOW, "id-token: write", "id-token: writ"),
    ],
    ids=["readthedocs", "github-workflow"],
)
def test_schema_check_rejects_a_broken_copy(schema: str, path: Path, old: str, new: str, tmp_path: Path) -> None:
    """The validation is real: a one-word mistake fails it."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / path.name
    broken.write_text(text.replace(old, new), encoding="utf-8")
    result = validate(schema, broken)
    assert result.returncode != 0, result.stdout


# -- Read the Docs ---------------------------------------------------------------------------


def test_readthedocs_config() -> None:
    config = load(READTHEDOCS)
    build = config["build"]
    assert config["version"] == 2
    assert build["os"].startswith("ubuntu-")
    assert build["tools"]["python"] == "3.11"
    assert set(makefile_packages()) <= set(build["apt_packages"])
    # build.commands would skip apt_packages, and a `sphinx:` key would run Read the
    # Docs' own Sphinx build instead of the project's staged one.
    assert "commands" not in build
    assert "sphinx" not in config and "mkdocs" not in config
    install = build["jobs"]["install"]
    assert "python -m pip install -r requirements.txt" in install
    # The pipeline's own checkout installs its package; a programme's project pins a release.
    assert "test ! -d ppiebook || python -m pip install --no-deps -e ." in install
    html = build["jobs"]["build"]["html"]
    assert html[0] == BUILD_COMMAND
    assert any("$READTHEDOCS_OUTPUT/html" in command for command in html)
    assert any("$READTHEDOCS_OUTPUT/pdf" in command for command in build["jobs"]["build"]["pdf"])
    assert "pdf" in config["formats"]


def readthedocs_commands(*jobs: str) -> list[str]:
    build_jobs = load(READTHEDOCS)["build"]["jobs"]["build"]
    return [command for job in jobs for command in build_jobs[job]]


def test_readthedocs_commands_survive_its_shell_wrapping() -> None:
    """Read the Docs runs each command as /bin/sh -c '<command>': no single quotes."""
    for command in readthedocs_commands("html", "pdf"):
        assert "'" not in command, command


def fake_build(root: Path, pdfs: list[str]) -> Path:
    """A small _build: a site with a page, a stylesheet and a hidden file, and PDFs."""
    builddir = root / "_build"
    (builddir / "html" / "_static").mkdir(parents=True)
    (builddir / "html" / "index.html").write_text("<!doctype html><title>Home</title>\n", encoding="utf-8")
    (builddir / "html" / "_static" / "site.css").write_text("body { margin: 0; }\n", encoding="utf-8")
    (builddir / "html" / ".buildinfo").write_text("# Sphinx build info\n", encoding="utf-8")
    (builddir / "pdf").mkdir()
    for name in pdfs:
        (builddir / "pdf" / name).write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF\n")
    return builddir


def test_readthedocs_jobs_publish_what_read_the_docs_accepts(tmp_path: Path) -> None:
    """Run the jobs after the build itself on a fake build, as Read the Docs runs them.

    Read the Docs requires html/index.html, accepts exactly one file in pdf/, and fails
    a build that leaves _build/html in the checkout.
    """
    first = load_catalogue(CATALOGUE).publications[0].pdf_filename
    first_pdf = tagged_filename(first)  # the main download (the tagged edition)
    builddir = fake_build(tmp_path, [first, first_pdf, "another-publication.pdf"])
    shutil.copy(CATALOGUE, tmp_path / "publications.yaml")
    programme = load_catalogue(CATALOGUE).programme
    for logo in [programme.logo, *programme.logos]:  # files the catalogue checks for
        if logo:
            (tmp_path / logo["file"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(CATALOGUE.parent / logo["file"], tmp_path / logo["file"])
    output = tmp_path / "_readthedocs"
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(output), "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
    for command in readthedocs_commands("html", "pdf"):
        if command == BUILD_COMMAND:
            continue
        result = subprocess.run(["/bin/sh", "-c", command], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert (output / "html" / "index.html").is_file()
    assert (output / "html" / "_static" / "site.css").is_file()
    assert not (builddir / "html").exists()
    assert [path.name for path in (output / "pdf").iterdir()] == [first_pdf]


# -- GitHub Pages ------------------------------------------------------------------------------


def workflow_steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def test_pages_workflow() -> None:
    workflow = load(WORKFLOW)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert str(build["env"]["CI"]) == "true"
    steps = workflow_steps(build)
    runs = [step.get("run", "") for step in steps]
    assert any(run.strip() == "make" for run in runs)
    assert any(run.strip() == "make test" for run in runs)
    assert runs.index("make") < runs.index("make test")
    apt = next(run for run in runs if "apt-get install" in run)
    assert set(makefile_packages()) <= set(apt.split())
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"
    assert runs.index("make test") < steps.index(upload)

    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in workflow_steps(deploy)] == ["actions/deploy-pages"]
    # Publishing rights only where they are used.
    assert "pages" not in workflow.get("permissions", {}) and "pages" not in build.get("permissions", {})


def test_pages_workflow_pins_official_actions_to_a_major_version() -> None:
    workflow = load(WORKFLOW)
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {use.split("@")[0] for use in uses} == {
        "actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages",
    }
    for use in uses:
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", use), use


# -- make dist ---------------------------------------------------------------------------------


PDFS = ["handbook.pdf", "report.pdf"]


def run_dist(cwd: Path, *args: str, epoch: str | None = "1700000000") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(
        [sys.executable, "-m", "ppiebook.commands.dist", "--catalogue", str(CATALOGUE), *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )


def expected_name() -> str:
    return f"{slugify(load_catalogue(CATALOGUE).programme.name)}-{ppiebook.__version__}.tar.gz"


def test_slugify() -> None:
    assert slugify("Community Connexions") == "community-connexions"
    assert slugify("  Café & Co. (Birmingham)  ") == "cafe-co-birmingham"
    assert slugify("---") == ""


def test_dist_archive(tmp_path: Path) -> None:
    fake_build(tmp_path, PDFS)
    result = run_dist(tmp_path)
    assert result.returncode == 0, result.stderr

    name = expected_name()
    assert name.endswith(f"-{ppiebook.__version__}.tar.gz")
    dist = tmp_path / "dist"
    assert sorted(path.name for path in dist.iterdir()) == [name, f"{name}.sha256"]
    archive = dist / name

    with tarfile.open(archive) as tar:
        members = tar.getmembers()
        names = [member.name for member in members]
        assert names == [
            "pdf", "pdf/handbook.pdf", "pdf/report.pdf",
            "site", "site/_static", "site/_static/site.css", "site/index.html",
        ]
        for member in members:
            assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", "")
            assert member.mtime == 1700000000
            assert member.mode == (0o755 if member.isdir() else 0o644)
        assert tar.extractfile("site/index.html").read() == (tmp_path / "_build/html/index.html").read_bytes()
        assert tar.extractfile("pdf/report.pdf").read() == (tmp_path / "_build/pdf/report.pdf").read_bytes()

    header = archive.read_bytes()[:10]
    assert header[3] & 0x08 == 0, "the gzip header names a file"
    assert int.from_bytes(header[4:8], "little") == 0, "the gzip header has a time"

    checksum = (dist / f"{name}.sha256").read_text(encoding="utf-8")
    assert checksum == f"{hashlib.sha256(archive.read_bytes()).hexdigest()}  {name}\n"
    verify = subprocess.run(["sha256sum", "-c", f"{name}.sha256"], cwd=dist, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.strip() == f"{name}: OK"


def test_dist_is_reproducible(tmp_path: Path) -> None:
    fake_build(tmp_path, PDFS)
    assert run_dist(tmp_path, "--distdir", "one").returncode == 0
    # Files touched since (as a rebuild would) change nothing.
    for path in (tmp_path / "_build").rglob("*"):
        os.utime(path, (1_800_000_000, 1_800_000_000))
    assert run_dist(tmp_path, "--distdir", "two").returncode == 0
    name = expected_name()
    assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert (tmp_path / "one" / f"{name}.sha256").read_bytes() == (tmp_path / "two" / f"{name}.sha256").read_bytes()


def test_dist_without_source_date_epoch_uses_time_zero(tmp_path: Path) -> None:
    fake_build(tmp_path, PDFS)
    assert run_dist(tmp_path, epoch=None).returncode == 0
    with tarfile.open(tmp_path / "dist" / expected_name()) as tar:
        assert {member.mtime for member in tar.getmembers()} == {0}
    with gzip.open(tmp_path / "dist" / expected_name()) as gz:
        gz.read(1)
        assert gz.mtime == 0


@pytest.mark.parametrize("missing", ["_build", "_build/html", "_build/pdf"])
def test_dist_without_a_build_fails_in_one_line(tmp_path: Path, missing: str) -> None:
    fake_build(tmp_path, PDFS)
    shutil.rmtree(tmp_path / missing)
    result = run_dist(tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    expected = "_build/html" if missing in ("_build", "_build/html") else "_build/pdf"
    assert f"{expected} is missing" in lines[0]
    assert result.stdout == ""
    assert not (tmp_path / "dist").exists()
