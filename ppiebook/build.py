"""Staged build: build everything in a staging folder, check it, then swap it into place.

    python -m ppiebook.build all|html|pdf [--source .] [--builddir _build] [--language ur]

Outputs land in ``<builddir>/html`` (the site, which carries its PDFs under ``pdf/``)
and ``<builddir>/pdf``; each translation listed in publications.yaml in
``<builddir>/html/<language>`` and ``<builddir>/pdf/<language>``. Without ``--language``
the main language and every listed translation are built; with it, that language alone. A failed build or check leaves the previous outputs exactly as
they were and says so. The Sphinx environments (``<builddir>/.doctrees``) are staged and
swapped with the outputs, so a failed build cannot leave an environment that would hide
its warnings next time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .catalogue import CatalogueError, load_catalogue


class BuildFailed(Exception):
    """A stage failed; its own messages have been printed already."""


@dataclass
class Stage:
    """The staging folder and what has been built into it."""

    builddir: Path
    root: Path = field(init=False)
    built: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = self.builddir / ".staging"

    def prepare(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)

    def seed(self, name: str) -> Path:
        """A staged copy of the last good ``name``, so Sphinx can build incrementally."""
        staged = self.root / name
        previous = self.builddir / name
        if staged.exists():  # already copied with the folder that holds it
            return staged
        if previous.is_dir():
            shutil.copytree(previous, staged, symlinks=True)
        return staged

    def swap_in(self) -> None:
        """Replace each published output by its staged build (two renames each)."""
        for name in self.built:
            target, staged = self.builddir / name, self.root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            old = self.builddir / f".old-{name.replace('/', '-')}"
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                target.rename(old)
            staged.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(self.root, ignore_errors=True)


SKIP_DIRS = {"_build", "_generated", "node_modules", "tests", "bench"}


def check_encoding(source: Path) -> None:
    """Every page must be UTF-8 text; Sphinx would stop with a traceback on the first that is not."""
    problems = []
    for page in sorted(source.rglob("*.md")):
        parts = page.relative_to(source).parts
        if any(part in SKIP_DIRS or part.startswith(".") for part in parts):
            continue
        data = page.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            problems.append(f"{page}:{line}: this file is not UTF-8 text (byte 0x{data[exc.start]:02x}): "
                            "save it as UTF-8 in your editor")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise BuildFailed(f"{len(problems)} file(s) are not UTF-8 text")


def sphinx(builder: str, source: Path, outdir: Path, doctrees: Path, overrides: dict | None = None) -> None:
    """One strict Sphinx build (warnings are errors, nitpicky, keep going to list them all).

    Sphinx's own command line prints a traceback and version report for every error,
    even an author's typo; here a :class:`SphinxError` is one line naming the problem.
    """
    try:
        with patch_docutils(source), docutils_namespace():
            app = Sphinx(
                source, source, outdir, doctrees, builder,
                confoverrides={"nitpicky": True, **(overrides or {})},
                status=None, warning=sys.stderr, warningiserror=True, keep_going=True,
            )
            app.build()
    except SphinxError as exc:
        print(f"{exc.category}: {exc}", file=sys.stderr)
        raise BuildFailed(f"the {builder.upper()} build stopped") from None
    if app.statuscode != 0:
        raise BuildFailed(f"the {builder.upper()} build reported the problems above")


def translations(source: Path) -> list[str]:
    """The languages publications.yaml lists under ``programme.translations``.

    A faulty catalogue lists none here: the Sphinx build then reports the fault, located.
    """
    try:
        return [entry["language"] for entry in load_catalogue(source / "publications.yaml").programme.translations]
    except CatalogueError:
        return []


def _paths(kind: str, language: str) -> tuple[str, str]:
    """Staged names of the output and the environment of one builder in one language."""
    if not language:
        return kind, f".doctrees/{kind}"
    return f"{kind}/{language}", f".doctrees/{language}/{kind}"


def _overrides(language: str) -> dict[str, str]:
    return {"language": language.replace("-", "_")} if language else {}


def _publish(stage: Stage, *names: str) -> None:
    """Swap these in, unless a folder holding them is swapped in already."""
    for name in names:
        if not any(name == built or name.startswith(built + "/") for built in stage.built):
            stage.built.append(name)


def build_pdf(stage: Stage, source: Path, language: str = "") -> Path:
    out, env = _paths("pdf", language)
    doctrees = stage.seed(env)
    # The last good PDFs (translations' included, in their sub-folders): a publication
    # whose inputs did not change is not written again.
    outdir = stage.seed(out)
    sphinx("pdf", source, outdir, doctrees, _overrides(language))
    _publish(stage, env, out)
    return outdir


def build_tagged_pdf(stage: Stage, source: Path, pdf_dir: Path, language: str = "") -> None:
    """The tagged PDF/UA editions, beside the rst2pdf ones (ppiebook.tagged checks each)."""
    _out, env = _paths("taggedpdf", language)
    doctrees = stage.seed(env)
    sphinx("taggedpdf", source, stage.root / "taggedpdf" / (language or "main"), doctrees,
           {"ppiebook_tagged_pdf_dir": str(pdf_dir.resolve()), **_overrides(language)})
    _publish(stage, env)


def build_html(stage: Stage, source: Path, pdf_dir: Path, language: str = "") -> Path:
    out, env = _paths("html", language)
    doctrees = stage.seed(env)
    outdir = stage.seed(out)
    sphinx("html", source, outdir, doctrees, {"ppiebook_pdf_dir": str(pdf_dir.resolve()), **_overrides(language)})
    check_site(outdir)
    _publish(stage, env, out)
    return outdir


_HREF = re.compile(r'href="([^"#?]+\.pdf)"')


def check_site(site: Path) -> None:
    """Every PDF link on every page must point at a file inside the site."""
    missing = []
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.relative_to(site).parts:
            continue
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            if "://" not in href and not (page.parent / href).resolve().is_file():
                missing.append(f"{page.relative_to(site)}: link to {href} does not resolve")
    if missing:
        print("\n".join(missing), file=sys.stderr)
        raise BuildFailed(f"{len(missing)} broken PDF link(s) in the site")


def run(target: str, source: Path, builddir: Path, language: str | None = None) -> None:
    check_encoding(source)
    stage = Stage(builddir)
    stage.prepare()
    languages = [language] if language else ["", *translations(source)]
    try:
        for code in languages:
            pdf_out, _env = _paths("pdf", code)
            if target in ("all", "pdf") or not (builddir / pdf_out).is_dir():
                pdf_dir = build_pdf(stage, source, code)
                build_tagged_pdf(stage, source, pdf_dir, code)
            else:
                pdf_dir = builddir / pdf_out
            if target in ("all", "html"):
                build_html(stage, source, pdf_dir, code)
    except BaseException:
        shutil.rmtree(stage.root, ignore_errors=True)
        raise
    stage.swap_in()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ppiebook.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=["all", "html", "pdf"], nargs="?", default="all")
    parser.add_argument("--source", type=Path, default=Path("."), help="folder holding conf.py")
    parser.add_argument("--builddir", type=Path, default=Path("_build"), help="where outputs land")
    parser.add_argument("--language", default=None,
                        help="build this translation alone, from locales/<language>/ (such as ur)")
    args = parser.parse_args(argv)
    if not sys.stderr.isatty():
        nocolor()
    started = time.perf_counter()
    try:
        run(args.target, args.source, args.builddir, args.language or None)
    except BuildFailed as exc:
        print(
            f"\nBuild failed: {exc}.\nNothing was published: the previous site and PDFs in "
            f"{args.builddir}/ are untouched.",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print(f"\nBuild interrupted: the previous outputs in {args.builddir}/ are untouched.", file=sys.stderr)
        return 130
    seconds = time.perf_counter() - started
    print(f"Build succeeded in {seconds:.1f} s: site in {args.builddir}/html, PDFs in {args.builddir}/pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
