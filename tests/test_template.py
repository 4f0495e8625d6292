"""The project template (copier.yml, template/, copier_tasks/): a new programme's project holds
only its own files, carries its identity everywhere, builds and passes its own `make test`
against ppiebook's wheel from a clean clone, takes a new package release by changing one
pin, and takes a newer template with `copier update`, keeping its own edits.

The template is read from a git repository made of this checkout's files (tagged as copier
reads template versions), so the tests see uncommitted work as a release would ship it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml
from PIL import Image, ImageDraw
from pypdf import PdfReader

import ppiebook
from ppiebook.catalogue.publications import load_catalogue
from ppiebook.testing import outputs

PROJECT = Path(__file__).resolve().parent.parent
COPIER = Path(sys.executable).with_name("copier")
NAME = "Example Health Voices"
ANSWERS = {"programme_name": NAME, "primary_colour": "#5b2a86", "accent_colour": "#b3541e",
           "partners": '["A university", "An NHS trust"]'}
# Each copier call takes a few seconds (a git clone of the template, its task).
pytestmark = pytest.mark.slow


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def commit_all(folder: Path, message: str) -> None:
    git("add", "--all", cwd=folder)
    git("commit", "--quiet", "--allow-empty", "-m", message, cwd=folder)


def template_repository(folder: Path, tag: str) -> Path:
    """This checkout's files (tracked, and new ones not ignored), symlinks kept, as a git
    repository whose one commit is tagged ``tag``."""
    names = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=PROJECT).split("\0")
    for name in filter(None, names):
        source, target = PROJECT / name, folder / name
        if not source.is_symlink() and not source.exists():
            continue  # deleted in the working tree
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    git("init", "--quiet", cwd=folder)
    commit_all(folder, "template")
    git("tag", tag, cwd=folder)
    return folder


def copier(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(COPIER), *args], cwd=cwd, capture_output=True, text=True, check=False,
                          timeout=300, env={**os.environ, "NO_COLOR": "1"})


def make_project(template: Path, target: Path, ref: str, **answers: str) -> Path:
    data = [f"--data={key}={value}" for key, value in {**ANSWERS, **answers}.items()]
    done = copier("copy", "--trust", "--defaults", "--vcs-ref", ref, *data, str(template), str(target), cwd=target.parent)
    assert done.returncode == 0, done.stderr[-3000:]
    git("init", "--quiet", cwd=target)
    commit_all(target, "made from the template")
    return target


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template_repository(tmp_path_factory.mktemp("template") / "ppiebook", ppiebook.__version__)


@pytest.fixture(scope="module")
def logo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("logo") / "logo.png"
    image = Image.new("RGB", (120, 120), "#5b2a86")  # a plain mark drawn for the test
    ImageDraw.Draw(image).ellipse((30, 30, 90, 90), fill="#ffffff")
    image.save(path)
    return path


@pytest.fixture(scope="module")
def made(template: Path, logo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(template, tmp_path_factory.mktemp("made") / "ehv", ppiebook.__version__,
                        logo=str(logo), logo_alt="Example Health Voices logo, a white circle")


def test_new_project_holds_its_content_and_no_pipeline(made: Path) -> None:
    files = sorted(str(path.relative_to(made)) for path in made.rglob("*")
                   if path.is_file() and ".git" not in path.relative_to(made).parts)
    assert not [name for name in files if name.endswith(".py") and name not in ("conf.py", "tests/test_outputs.py")]
    assert not any(name.startswith(("ppiebook/", "bench/", "docs/", "template/", "copier_tasks/")) for name in files)
    assert not [path for path in made.rglob("*") if path.is_symlink()]
    for item in ("Makefile", "conf.py", "requirements.txt", "requirements-test.txt", "publications.yaml",
                 ".copier-answers.yml", ".ci/run", ".github/workflows/pages.yml", ".readthedocs.yaml",
                 "handbook/index.md", "handbook/templates/grant-agreement.md", "report/executive-summary.md",
                 "LICENSE-CONTENT.md", "tests/test_outputs.py", "_static/example-health-voices-logo.png"):
        assert item in files, item
    conf = (made / "conf.py").read_text(encoding="utf-8")
    assert "from ppiebook.config import project_defaults" in conf and len(conf.splitlines()) < 20
    # One pin on the package: the version this repository releases.
    requirements = (made / "requirements.txt").read_text(encoding="utf-8")
    assert re.findall(r"^ppiebook==(\S+)$", requirements, re.M) == [ppiebook.__version__]
    assert "{%" not in requirements and "sphinx==" in requirements.lower()
    answers = yaml.safe_load((made / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == ppiebook.__version__ and answers["programme_name"] == NAME


def test_new_project_carries_its_identity_and_the_attribution(made: Path) -> None:
    catalogue = load_catalogue(made / "publications.yaml")
    assert catalogue.programme.name == NAME
    assert [p.title for p in catalogue.publications] == [f"{NAME} Engagement Handbook", f"{NAME} Report"]
    assert list(catalogue.programme.partners) == ["A university", "An NHS trust"]
    handbook = made / "handbook"
    assert (handbook / "index.md").read_text(encoding="utf-8").startswith(f"# {NAME} Engagement Handbook\n")
    # Its links to Community Connexions' report, which the project does not have, are gone; their words stay.
    pages = "".join(page.read_text(encoding="utf-8") for page in handbook.rglob("*.md"))
    assert "report/" not in re.sub(r"\{footcite[^`]*`[^`]*`", "", pages)
    assert "ethics in the methodology" in pages
    statement = (made / "accessibility.md").read_text(encoding="utf-8")
    assert f"This statement applies to the {NAME} website" in statement and "Community Connexions" not in statement
    licence = (made / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    assert "adapted from the Community\nConnexions Engagement Handbook" in licence and "CC BY 4.0" in licence
    assert {"Example", "Health", "Voices"} <= set((made / "data/spelling-wordlist.txt").read_text().split())


def test_template_refuses_a_wrong_answer(template: Path, tmp_path: Path) -> None:
    done = copier("copy", "--trust", "--defaults", f"--data=programme_name={NAME}", "--data=primary_colour=purple",
                  str(template), str(tmp_path / "wrong"), cwd=tmp_path)
    assert done.returncode != 0
    assert "Write colours as #rrggbb" in done.stderr + done.stdout
    assert not (tmp_path / "wrong" / "publications.yaml").exists()


def test_ppiebook_new_is_the_copier_call(template: Path, tmp_path: Path) -> None:
    target = tmp_path / "new"
    done = subprocess.run([sys.executable, "-m", "ppiebook.commands.cli", "new", str(target), "--template", str(template),
                           "--defaults", f"--data=programme_name={NAME}"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert load_catalogue(target / "publications.yaml").programme.name == NAME
    assert yaml.safe_load((target / ".copier-answers.yml").read_text())["_src_path"] == str(template)


def upstream_release(template: Path, tag: str, edits: dict[str, tuple[str, str]]) -> None:
    """A newer template version: each file's text replaced (old -> new), committed and tagged."""
    for name, (old, new) in edits.items():
        path = template / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name}: {old!r} not found"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    commit_all(template, f"release {tag}")
    git("tag", tag, cwd=template)


def local_edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PLANNING_UPSTREAM = ("# Planning an engagement", "# Planning an engagement, step by step")
MAKEFILE_UPSTREAM = ("# Targets follow Sphinx's own Makefile", "# The targets follow Sphinx's own Makefile")


def test_update_brings_upstream_changes_and_keeps_local_edits(tmp_path: Path) -> None:
    template = template_repository(tmp_path / "template", "0.2.0")
    project = make_project(template, tmp_path / "project", "0.2.0")
    # The programme's own edits: a handbook chapter and the Makefile.
    local_edit(project / "handbook/planning.md", "\n## ", "\nOur programme plans with its community panel.\n\n## ")
    (project / "Makefile").write_text((project / "Makefile").read_text() + "\n# Our own target.\npublish: all\n\t@echo published\n")
    commit_all(project, "our edits")
    upstream_release(template, "0.2.1", {"handbook/planning.md": PLANNING_UPSTREAM, "template/Makefile": MAKEFILE_UPSTREAM})

    done = copier("update", "--trust", "--defaults", "--vcs-ref", "0.2.1", cwd=project)
    assert done.returncode == 0, done.stderr[-3000:]
    planning = (project / "handbook/planning.md").read_text(encoding="utf-8")
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    assert planning.startswith(PLANNING_UPSTREAM[1] + "\n")  # upstream's change arrived
    assert "Our programme plans with its community panel." in planning  # ours stayed
    assert MAKEFILE_UPSTREAM[1] in makefile and "publish: all" in makefile
    assert "<<<<<<<" not in planning + makefile
    # The adaptation still holds: the update ran the template's task on both versions alike.
    assert "../report/" not in (project / "handbook/consent-and-ethics.md").read_text(encoding="utf-8")
    assert yaml.safe_load((project / ".copier-answers.yml").read_text())["_commit"] == "0.2.1"


def test_update_shows_a_conflict_as_copier_does(tmp_path: Path) -> None:
    template = template_repository(tmp_path / "template", "0.2.0")
    project = make_project(template, tmp_path / "project", "0.2.0")
    local_edit(project / "handbook/planning.md", PLANNING_UPSTREAM[0], "# Planning our engagement")
    commit_all(project, "our title")
    upstream_release(template, "0.2.1", {"handbook/planning.md": PLANNING_UPSTREAM})

    done = copier("update", "--trust", "--defaults", "--vcs-ref", "0.2.1", "--conflict", "inline", cwd=project)
    assert done.returncode == 0, done.stderr[-3000:]
    planning = (project / "handbook/planning.md").read_text(encoding="utf-8")
    assert planning.startswith("<<<<<<< before updating\n# Planning our engagement\n=======\n"
                               f"{PLANNING_UPSTREAM[1]}\n>>>>>>> after updating\n")
    assert "UU handbook/planning.md" in git("status", "--short", cwd=project)


def run_make(project: Path, *targets: str, links: Path) -> subprocess.CompletedProcess:
    """make in the project, its ppiebook taken from the folder of wheels ``links`` (as from
    the package index once released), as a programme runs it."""
    env = {**os.environ, "PIP_FIND_LINKS": str(links)}
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL", "PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST"):
        env.pop(name, None)
    return subprocess.run(["make", *targets], cwd=project, capture_output=True, text=True, env=env, check=False,
                          timeout=1500)


@pytest.mark.realbuild
def test_made_project_builds_and_passes_its_tests_from_a_clean_clone(made: Path, wheel: Path, make_wheel,
                                                                     tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git("clone", "--quiet", str(made), str(clone), cwd=tmp_path)
    built = run_make(clone, links=wheel.parent)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]

    site = clone / "_build/html"
    page = (site / "handbook/planning.html").read_text(encoding="utf-8")
    assert f"<title>Planning an engagement &#8212; {NAME}</title>" in page
    brand = (site / "_static/ppiebook-brand.css").read_text()
    assert "--ppiebook-primary: #5b2a86;" in brand and "#1d5c63" not in brand
    assert (site / "_static/example-health-voices-logo.png").is_file()
    pdfs = sorted(p.name for p in (clone / "_build/pdf").glob("*.pdf"))
    assert pdfs == ["example-health-voices-engagement-handbook-tagged.pdf", "example-health-voices-engagement-handbook.pdf",
                    "example-health-voices-report-tagged.pdf", "example-health-voices-report.pdf"]
    for name in pdfs:
        path = clone / "_build/pdf" / name
        with pikepdf.open(path) as pdf:
            assert str(pdf.docinfo["/Author"]) == NAME and str(pdf.docinfo["/Title"]).startswith(NAME)
        cover = PdfReader(path).pages[0].extract_text()
        # The only mention of the original on the cover is the attribution the licence asks for.
        assert NAME in cover and "Community Connexions" not in cover.replace(
            "Adapted from the Community Connexions Engagement", "")

    tested = run_make(clone, "test", links=wheel.parent)
    output = tested.stdout + tested.stderr
    assert tested.returncode == 0, output[-5000:]
    summary = re.search(r"=+ (\d+) passed(.*?) in [\d.]+s", output)
    # Every check of the package's plugin ran (some once per publication) and none was skipped.
    assert summary and int(summary.group(1)) >= len(outputs.__all__), output[-2000:]
    assert not re.search(r"failed|error|skipped", summary.group(2)), output[-2000:]

    # The versioned archive, as this repository makes its own.
    dist = run_make(clone, "dist", links=wheel.parent)
    assert dist.returncode == 0, dist.stdout[-3000:] + dist.stderr[-3000:]
    archives = sorted(p.name for p in (clone / "dist").iterdir())
    assert len(archives) == 2 and archives[0].endswith(".tar.gz") and archives[1] == archives[0] + ".sha256"

    # A new release of the package is taken by changing its one pin.
    make_wheel(wheel.parent, tmp_path / "source", "0.2.99")
    local_edit(clone / "requirements.txt", f"ppiebook=={ppiebook.__version__}\n", "ppiebook==0.2.99\n")
    rebuilt = run_make(clone, links=wheel.parent)
    assert rebuilt.returncode == 0, rebuilt.stdout[-3000:] + rebuilt.stderr[-3000:]
    version = subprocess.run([str(clone / ".venv/bin/ppiebook"), "--version"], capture_output=True, text=True, check=False)
    assert version.stdout.strip() == "ppiebook 0.2.99"
