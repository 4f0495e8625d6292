"""The double-buffered staged build (ppiebook/build.py): a build brings the previous
generation up to date in place, and what it publishes equals a clean build of the same
sources, whatever targets and failures came before."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ppiebook.commands import build as command
from ppiebook.commands.build import Stage
from ppiebook.i18n.pseudo import PSEUDO_RTL_LANGUAGE, write_locale
from ppiebook.tagged import builder
from ppiebook.tagged.parts import KEPT_PARTS
from ppiebook.tagged.validate import Finding

LANGUAGE = PSEUDO_RTL_LANGUAGE.replace("_", "-")


@pytest.fixture
def build(source_date_epoch: str):
    """``build(project, *args)``: the build command, as `make` runs it, in ``project``."""
    def build(project: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "ppiebook.commands.build", *args], cwd=project,
            capture_output=True, text=True, timeout=900, env={**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch},
        )
    return build


@pytest.fixture
def built_ok(build):
    def built_ok(project: Path, *args: str) -> None:
        result = build(project, *args)
        assert result.returncode == 0, result.stderr[-3000:]
    return built_ok


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def assert_same_as_clean(built_ok, snapshot):
    """``assert_same_as_clean(project)``: the published site equals a clean build of the same
    sources: same files, same bytes, nothing ignored. The PDF folder too, but for its log of
    which PDFs this build rewrote. The clean build goes to the same path (paths can reach
    fingerprints); the incremental one moves out of the project, where it would be a folder
    of new files, a change to the inputs of every PDF (ppiebook/pdfshared/inputs.py)."""
    def assert_same_as_clean(project: Path) -> None:
        moved = project.parent / f"{project.name}-incremental"
        (project / "_build").rename(moved)
        built_ok(project, "all")
        for folder, ignored in (("html", set()), ("pdf", {".build-log.json"})):
            incremental, clean = snapshot(moved / folder), snapshot(project / "_build" / folder)
            assert incremental.keys() == clean.keys(), folder
            differ = sorted(name for name in clean if incremental[name] != clean[name] and Path(name).name not in ignored)
            assert not differ, f"{folder}: differs from a clean build: {differ[:20]}"
    return assert_same_as_clean


@pytest.fixture
def project(rootdir: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-content", project)
    return project


@pytest.fixture
def bilingual(project: Path) -> Path:
    """The same project, also published in the right-to-left pseudo-language."""
    catalogue = project / "publications.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "  language: en-GB\n", f"  language: en-GB\n  translations:\n    - language: {LANGUAGE}\n      name: pseudo\n"),
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "gettext", ".", "_gettext"], cwd=project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    write_locale(project / "_gettext", project / "locales", PSEUDO_RTL_LANGUAGE)
    shutil.rmtree(project / "_gettext")
    return project


@pytest.mark.slow
def test_rebuilds_reuse_the_previous_generation_and_equal_a_clean_build(project: Path, built_ok, assert_same_as_clean) -> None:
    page = project / "final/chapter.md"
    built_ok(project, "all")
    first = (project / "_build/html/index.html").stat().st_ino
    append(page, "\nA first added sentence.\n")
    built_ok(project, "all")
    append(page, "\nA second added sentence.\n")
    built_ok(project, "all")
    # The third build published the first build's folder, brought up to date in place:
    # nothing was copied (a copy would be a new file).
    assert (project / "_build/html/index.html").stat().st_ino == first
    assert "A second added sentence." in (project / "_build/html/final/chapter.html").read_text(encoding="utf-8")
    assert_same_as_clean(project)


@pytest.mark.slow
def test_failed_build_then_fix_gives_the_right_site(project: Path, build, built_ok, snapshot, assert_same_as_clean) -> None:
    page = project / "final/chapter.md"
    good = page.read_text(encoding="utf-8")
    built_ok(project, "all")
    built_ok(project, "all")
    before = snapshot(project / "_build")
    # Breaks after Sphinx has written part of the working generation (the PDFs build first).
    page.write_text(good + "\nA sentence the failed build saw.\n\nSee [the missing chapter](no-such-chapter.md).\n",
                    encoding="utf-8")
    failed = build(project, "all")
    assert failed.returncode != 0 and "no-such-chapter" in failed.stderr
    assert snapshot(project / "_build") == before
    assert not (project / "_build/.staging").exists()  # the working generation was discarded
    page.write_text(good + "\nThe fixed sentence.\n", encoding="utf-8")
    built_ok(project, "all")
    chapter = (project / "_build/html/final/chapter.html").read_text(encoding="utf-8")
    assert "The fixed sentence." in chapter and "the failed build saw" not in chapter
    assert_same_as_clean(project)


@pytest.mark.slow
def test_partial_targets_and_languages_leave_a_consistent_generation(bilingual: Path, built_ok, assert_same_as_clean) -> None:
    """make, make html LANGUAGE=.., make pdf and make html in turn, each after an edit: every
    part of the working generation that a build reuses must agree with the rest of it."""
    page = bilingual / "final/chapter.md"
    built_ok(bilingual, "all")
    for n, args in enumerate([("html", "--language", LANGUAGE), ("pdf",), ("html",), ("all",),
                              ("pdf", "--language", LANGUAGE), ("all",)]):
        append(page, f"\nEdit number {n}.\n")
        built_ok(bilingual, *args)
    assert "Edit number 5." in (bilingual / f"_build/html/{LANGUAGE}/final/chapter.html").read_text(encoding="utf-8")
    assert_same_as_clean(bilingual)


@pytest.mark.slow
def test_a_build_after_an_edit_renders_only_what_changed_since_the_last_build(project: Path, built_ok,
                                                                             snapshot) -> None:
    """The staged PDF folder is two builds old; it takes the last build's PDFs and state, so
    an unchanged publication is not rendered again, and a reverted one is."""
    page = project / "final/chapter.md"
    original = page.read_text(encoding="utf-8")
    built_ok(project, "all")
    append(page, "\nAn added sentence.\n")
    built_ok(project, "all")

    def rebuilt() -> list[str]:
        log = json.loads((project / "_build/pdf/.build-log.json").read_text(encoding="utf-8"))
        return log["publications"]["rebuilt"] + log["tagged"]["publications"]["rebuilt"]

    assert rebuilt(), "the edit rebuilt its publication"
    built_ok(project, "all")
    assert rebuilt() == []  # nothing changed since the last build
    page.write_text(original, encoding="utf-8")
    built_ok(project, "all")
    assert rebuilt(), "back to the text of two builds ago: rendered again, not taken from that build's state"
    # The PDFs equal a clean build's. (Not the site: after this edit and its reversal, Sphinx's
    # incremental search index differs from a clean one, a fault of the HTML side not mended yet.)
    moved = project.parent / f"{project.name}-incremental"  # out of the project, as above
    (project / "_build").rename(moved)
    built_ok(project, "all")
    incremental, clean = snapshot(moved / "pdf"), snapshot(project / "_build/pdf")
    assert incremental.keys() == clean.keys()
    assert sorted(name for name in clean if incremental[name] != clean[name]) == [".build-log.json"]


@pytest.mark.slow
def test_the_build_command_keeps_the_unchanged_parts_of_a_tagged_publication(rootdir: Path, tmp_path: Path, built_ok,
                                                                              assert_same_as_clean) -> None:
    """A tagged publication laid out in parts (ppiebook/tagged/parts.py): after an edit,
    `make` lays out again only the part that changed. The parts are kept in the
    environment's folder, which is staged with the PDFs; the builder's output is scratch."""
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-tagged", project, ignore=shutil.ignore_patterns("_generated"))
    append(project / "conf.py", "\nppiebook_tagged_part_size = 100  # each chapter a part\n")
    built_ok(project, "all")
    kept = project / "_build/.doctrees/taggedpdf" / KEPT_PARTS

    def laid_out() -> dict[str, int]:
        return {path.name: path.stat().st_mtime_ns for path in kept.glob("*.part-*.pdf")}

    first = laid_out()
    assert len(first) >= 2, "the publication was not cut into parts"
    page = project / "guide/two.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# Chapter two", "# Chapter two\n\nEdited here.", 1),
                    encoding="utf-8")
    built_ok(project, "all")
    second = laid_out()
    assert second.keys() == first.keys()
    again = sorted(name for name in first if second[name] != first[name])
    assert again, "the edited part was not laid out again"
    assert len(again) < len(first), f"every part was laid out again: {again}"
    assert_same_as_clean(project)


def test_parts_from_different_builds_are_refreshed_from_the_published_copy(tmp_path: Path) -> None:
    """An output and its environment that landed in the working generation at different
    swaps may disagree: both are replaced by copies of the published ones."""
    builddir = tmp_path / "_build"
    for root, text in ((builddir, "published"), (builddir / ".staging", "older")):
        for name in ("html", ".doctrees/html"):
            (root / name).mkdir(parents=True)
            (root / name / "file").write_text(text)
    (builddir / ".staging/.generation.json").write_text(
        json.dumps({"swaps": 2, "landed": {"html": 1, ".doctrees/html": 2}}))
    stage = Stage(builddir)
    stage.prepare()
    for path in stage.unit("html", ".doctrees/html"):
        assert (path / "file").read_text() == "published"


def test_parts_from_one_build_are_reused_in_place(tmp_path: Path) -> None:
    builddir = tmp_path / "_build"
    for name in ("html", ".doctrees/html"):
        (builddir / ".staging" / name).mkdir(parents=True)
        (builddir / ".staging" / name / "file").write_text("older")
    (builddir / ".staging/.generation.json").write_text(
        json.dumps({"swaps": 2, "landed": {"html": 2, ".doctrees/html": 2}}))
    stage = Stage(builddir)
    stage.prepare()
    assert [(path / "file").read_text() for path in stage.unit("html", ".doctrees/html")] == ["older", "older"]


def test_a_build_killed_half_way_leaves_nothing_to_reuse(tmp_path: Path) -> None:
    """The record is removed while a build runs: a working generation without it is unknown."""
    builddir = tmp_path / "_build"
    (builddir / ".staging/html").mkdir(parents=True)
    (builddir / ".staging/html/file").write_text("half written")
    Stage(builddir).prepare()
    assert not (builddir / ".staging/html").exists()


# The site is built while the tagged PDFs are checked (command.build_pdf's ``meanwhile``). These
# run the build in this process: the tagged edition and its workers are forked from it, so
# they see what a test patches.

def _order(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@pytest.fixture
def watched(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source_date_epoch: str):
    """``(log, faults)``: the validator's calls wait (up to a minute) until the site is built and
    write to ``log`` when they start and end; each returns the findings in ``faults``."""
    log, faults = tmp_path / "order.log", []
    real_validate, real_site = builder.validate, command.build_html

    def note(line: str) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(line + "\n")

    def validate(pdf: Path) -> list:
        note(f"check {pdf.name}")
        deadline = time.monotonic() + 60
        while "site built" not in _order(log) and time.monotonic() < deadline:
            time.sleep(0.05)
        note(f"checked {pdf.name}")
        return real_validate(pdf) + faults

    def site(*args, **kwargs) -> Path:
        built = real_site(*args, **kwargs)
        note("site built")
        return built

    monkeypatch.setattr(builder, "validate", validate)
    monkeypatch.setattr(command, "build_html", site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", source_date_epoch)
    return log, faults


@pytest.mark.slow
def test_the_site_is_built_while_the_tagged_pdfs_are_checked(project: Path, watched) -> None:
    log, _ = watched
    command.run("all", project, project / "_build")
    order = _order(log)
    checks = [line for line in order if line.startswith("check ")]
    assert checks and "site built" in order
    assert order.index("site built") < min(order.index(line) for line in order if line.startswith("checked "))
    for line in checks:  # each check began before the site was done: it ran while the site was built
        assert order.index(line) < order.index("site built")
    assert (project / "_build/html/index.html").is_file()
    assert len(list((project / "_build/html/pdf").glob("*-tagged.pdf"))) == len(checks)


@pytest.mark.slow
def test_a_fault_found_after_the_site_was_built_publishes_nothing(project: Path, watched, snapshot) -> None:
    log, faults = watched
    command.run("all", project, project / "_build")
    before = snapshot(project / "_build")
    append(project / "final/chapter.md", "\nA sentence added.\n")
    log.unlink()
    faults.append(Finding("TAG-001", "error", 1, "planted by the test"))
    with pytest.raises(command.BuildFailed):
        command.run("all", project, project / "_build")
    assert "site built" in _order(log)  # the new site was made, in the staging folder
    assert snapshot(project / "_build") == before


@pytest.mark.slow
@pytest.mark.parametrize("how, said", [("crash", "the tagged PDF build crashed"),
                                       ("exit", "the tagged PDF build ended without a result (exit code 3)")])
def test_a_tagged_edition_that_dies_fails_the_build(project: Path, monkeypatch: pytest.MonkeyPatch, capfd,
                                                   how: str, said: str) -> None:
    def dies(*_args, **_kwargs) -> None:
        if how == "exit":
            os._exit(3)
        raise RuntimeError("a fault of the pipeline")

    monkeypatch.setattr(command, "build_tagged_pdf", dies)
    with pytest.raises(command.BuildFailed, match=re.escape(said)):
        command.run("all", project, project / "_build")
    assert not (project / "_build/html").exists()
    if how == "crash":
        assert "RuntimeError: a fault of the pipeline" in capfd.readouterr().err
