"""Staged build: build everything in a staging folder, check it, then swap it into place.

    python -m ppiebook.commands.build all|html|pdf [--source .] [--builddir _build] [--language ur]

Outputs land in ``<builddir>/html`` (the site, which carries its PDFs under ``pdf/``)
and ``<builddir>/pdf``; each translation listed in publications.yaml in
``<builddir>/html/<language>`` and ``<builddir>/pdf/<language>``. Without ``--language``
the main language and every listed translation are built; with it, that language alone.
A failed build or check leaves the previous outputs exactly as they were and says so.
The Sphinx environments (``<builddir>/.doctrees``) are staged and swapped with the
outputs, so a failed build cannot leave an environment that would hide its warnings
next time.

Double buffering: ``<builddir>/.staging`` holds a second generation with the same layout,
which each build brings up to date and swaps in; it is not copied afresh each build.

- A *unit* is an output folder and the environments of the builders that write it:
  ``html`` with ``.doctrees/html``; ``pdf`` with ``.doctrees/pdf`` and
  ``.doctrees/taggedpdf`` (both PDF editions and the fingerprints that let the PDF
  builders skip unchanged PDFs); likewise ``html/<lang>`` with ``.doctrees/<lang>/html``
  and ``pdf/<lang>`` with ``.doctrees/<lang>/pdf`` and ``.doctrees/<lang>/taggedpdf``.
- On success each built name is published by renames, and the output it replaces moves
  into ``.staging`` in its place: a consistent unit, one or more builds old, which Sphinx
  brings up to date incrementally next time (its environment and outputs agree).
- ``.staging/.generation.json`` records at which swap each name landed there. A unit is
  reused in place only when all its names landed in the same swap; otherwise (the first
  builds, a target that last built other parts, a folder holding another unit refreshed)
  its names are replaced by copies of the published ones: the slow path of before.
- The record is removed while a build runs and written back after the swap. A failed or
  interrupted build deletes ``.staging``; one killed outright leaves no record, and the
  next build deletes what it finds. Either way the next build copies the last good outputs.
- Never hard links: Sphinx rewrites files in place, which would change the published copy.
- ``.staging`` costs as much disk as the outputs; ``make clean`` removes it with ``_build``.
"""

from __future__ import annotations

import argparse
import filecmp
import functools
import gc
import json
import os
import re
import shutil
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from ppiebook.catalogue.publications import CatalogueError, load_catalogue
from ppiebook.compat import docutils_namespace, nocolor, patch_docutils
from ppiebook.i18n.languages import sphinx_language
from ppiebook.pdfshared.memory import end_with_build, set_aside
from ppiebook.pdfshared.naming import TAGGED_WRITTEN


class BuildFailed(Exception):
    """A stage failed; its own messages have been printed already."""


@dataclass
class Stage:
    """The working generation in ``<builddir>/.staging`` and what has been built into it.

    It has the layout of the published outputs (``html``, ``pdf``, ``.doctrees``). Each
    unit (an output folder and the environments that built it, see the module's
    docstring) is reused in place when its parts all landed there in the same swap, so
    they agree, and otherwise refreshed by copying the published one.
    """

    builddir: Path
    root: Path = field(init=False)
    built: list[str] = field(default_factory=list)
    # name -> the swap that put it here ("published": copied from the outputs this run).
    landed: dict[str, int | str] = field(default_factory=dict)
    swaps: int = 0

    def __post_init__(self) -> None:
        self.root = self.builddir / ".staging"
        self.record = self.root / ".generation.json"

    def prepare(self) -> None:
        """Take the working generation over; without its record it is not known good: start empty.

        The record is removed for the length of the build and written back by
        :meth:`swap_in`, so a build killed half way leaves no record behind.
        """
        try:
            record = json.loads(self.record.read_text(encoding="utf-8"))
            self.landed, self.swaps = dict(record["landed"]), int(record["swaps"])
            self.record.unlink()
        except (OSError, ValueError, KeyError, TypeError):
            self.discard()
        self.root.mkdir(parents=True, exist_ok=True)

    def discard(self) -> None:
        """Forget the working generation (after a failure: the next build starts from a copy)."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.landed, self.built = {}, []

    def _landed(self, name: str) -> int | str | None:
        """When ``name`` landed here: its own record, or that of the folder holding it."""
        while name:
            if name in self.landed:
                return self.landed[name]
            name = name.rpartition("/")[0]
        return None

    def unit(self, output: str, *envs: str, newest_files: bool = False) -> tuple[Path, ...]:
        """Staged ``output`` and ``envs``, consistent with each other, ready to build into.

        Reused in place when all landed in the same swap; otherwise each is replaced by a
        copy of the last good one (the slow path: after a failure, a first build, or a
        target that last built another part). Hard links would not do: Sphinx rewrites
        files in place, which would change the published copy.

        ``newest_files``: a reused output also takes the files (not the folders: those are
        other units) that the last build published and it lacks; see :meth:`take_newest_files`.
        """
        names = (output, *envs)
        landed = {self._landed(name) for name in names}
        if newest_files and len(landed) == 1 and None not in landed:
            self.take_newest_files(output)
        if len(landed) != 1 or None in landed:
            for name in names:
                staged, previous = self.root / name, self.builddir / name
                shutil.rmtree(staged, ignore_errors=True)
                for held in [held for held in self.landed if held.startswith(name + "/")]:
                    del self.landed[held]
                if previous.is_dir():
                    shutil.copytree(previous, staged, symlinks=True)
                self.landed[name] = "published"
        for name in names:
            (self.root / name).mkdir(parents=True, exist_ok=True)
        return tuple(self.root / name for name in names)

    def take_newest_files(self, output: str) -> None:
        """The published files of ``output`` copied over the staged ones that differ.

        For the PDF folder: each PDF is written only when its inputs changed since the
        build that made the staged copy, by the fingerprints in the folder's state file.
        The staged copy is two builds old, so without this the build after an edit would
        render the edited publication again even when nothing changed since. With the last
        build's PDFs and state, it renders only what changed since the last build. The
        environments stay two builds old: Sphinx reads again what changed since them, and
        the fingerprints are made from what it reads, so they come out the same.
        """
        published, staged = self.builddir / output, self.root / output
        if not published.is_dir():
            return
        for path in published.iterdir():
            target = staged / path.name
            if path.is_file() and not (target.is_file() and filecmp.cmp(path, target, shallow=True)):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)

    def swap_in(self) -> None:
        """Publish each built name; the output it replaces becomes its working copy.

        Three renames each: published to ``.old-*``, staged to published, ``.old-*`` into
        the working generation, where the next build brings it up to date.
        """
        self.swaps += 1
        for name in self.built:
            target, staged = self.builddir / name, self.root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            old = self.builddir / f".old-{name.replace('/', '-')}"
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                target.rename(old)
            staged.rename(target)
            for held in [held for held in self.landed if held == name or held.startswith(name + "/")]:
                del self.landed[held]
            if old.exists():
                staged.parent.mkdir(parents=True, exist_ok=True)
                old.rename(staged)
                self.landed[name] = self.swaps
        shutil.rmtree(self.root / SCRATCH, ignore_errors=True)
        self.record.write_text(json.dumps({"swaps": self.swaps, "landed": self.landed}, indent=1, sort_keys=True),
                               encoding="utf-8")


# The tagged PDF builder's output folder inside the staging folder: print HTML, not published.
SCRATCH = "taggedpdf"

SKIP_DIRS = {"_build", "_generated", "node_modules", "tests", "bench"}


def _pages(folder: Path) -> Iterator[Path]:
    """The Markdown files under ``folder``, never looking inside a skipped or hidden folder
    (walking ``.venv`` and ``node_modules`` took most of a no-change build's first second)."""
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name not in SKIP_DIRS and not name.startswith(".")]
        yield from (Path(root, name) for name in files if name.endswith(".md"))


def check_encoding(source: Path) -> None:
    """Every page must be UTF-8 text; Sphinx would stop with a traceback on the first that is not."""
    problems = []
    for page in sorted(_pages(source)):
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


def sphinx(builder: str, source: Path, outdir: Path, doctrees: Path, overrides: dict | None = None,
           on: dict[str, Callable[[], None]] | None = None) -> None:
    """One strict Sphinx build (warnings are errors, nitpicky, keep going to list them all).

    Sphinx's own command line prints a traceback and version report for every error,
    even an author's typo; here a :class:`SphinxError` is one line naming the problem.

    In a process that ends with the build (the command), what the application loads (the
    environment, extensions, theme) is alive to the end: it is set aside from Python's
    collections (pdfshared.memory.set_aside), which otherwise walk it again and again, and
    once more as the process exits. At 400 pages, `make html` after an edit took 1.6 s
    instead of 2.0 s. Garbage an earlier build of the process left is collected first.
    ``on``: a call for each of these Sphinx events of the build.
    """
    try:
        with patch_docutils(source), docutils_namespace():
            app = Sphinx(
                source, source, outdir, doctrees, builder,
                confoverrides={"nitpicky": True, **(overrides or {})},
                status=None, warning=sys.stderr, warningiserror=True, keep_going=True,
            )
            for event, call in (on or {}).items():
                app.connect(event, lambda _app, call=call: call())
            set_aside()
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


def _unit(kind: str, language: str) -> tuple[str, ...]:
    """Staged names of one unit in one language: its output folder, then the environments
    of the builders that write it (the PDF folder holds both PDF editions)."""
    prefix = f".doctrees/{language}/" if language else ".doctrees/"
    builders = ("pdf", "taggedpdf") if kind == "pdf" else (kind,)
    return (f"{kind}/{language}" if language else kind, *(prefix + builder for builder in builders))


def _overrides(language: str) -> dict[str, str]:
    return {"language": sphinx_language(language)} if language else {}


def _publish(stage: Stage, *names: str) -> None:
    """Swap these in, unless a folder holding them is swapped in already."""
    for name in names:
        if not any(name == built or name.startswith(built + "/") for built in stage.built):
            stage.built.append(name)


def build_pdf(stage: Stage, source: Path, language: str = "",
              meanwhile: Callable[[Path], None] | None = None) -> Path:
    """Both PDF editions. The staged folder holds the last good PDFs and their fingerprints
    (translations' in their sub-folders): a publication whose inputs did not change is not
    written again.

    The two editions are independent Sphinx builds (each its own environment), so the tagged
    one runs in a second process while this one builds the print edition: on 2 cores the
    pair takes about as long as the tagged build alone (docs/building.md has the profile).
    Forked before either starts, so the child begins with nothing of the other's state.

    ``meanwhile`` (given the PDF folder) runs here once the print edition is built and the
    tagged PDFs are written, while they are checked: the validator is the tagged edition's
    last step and the longest after an edit, and the site needs only the files' pages and
    sizes. Should the tagged edition pass without saying its PDFs are written, it runs after;
    when either edition has failed, it does not run.
    Each must pass; a failure of either is reported, the other's after it has finished."""
    names = _unit("pdf", language)
    outdir, doctrees, tagged_doctrees = stage.unit(*names, newest_files=True)
    context = get_context("fork")
    written = context.Event()
    receive, send = context.Pipe(duplex=False)
    tagged = context.Process(target=_tagged_edition, name="tagged edition",
                             args=(send, written, stage, source, outdir, tagged_doctrees, language))
    tagged.start()
    send.close()  # the child's copy alone: its end is the end of the pipe
    ran = False
    try:
        sphinx("pdf", source, outdir, doctrees, _overrides(language))
        if meanwhile is not None and _written(written, tagged):
            meanwhile(outdir)
            ran = True
    finally:
        tagged_failure = _outcome(receive, tagged)  # waits for it either way
    if tagged_failure is not None:
        raise tagged_failure
    if meanwhile is not None and not ran:
        meanwhile(outdir)
    _publish(stage, *names)
    return outdir


def _tagged_edition(send: Connection, written: Event, stage: Stage, source: Path, pdf_dir: Path, doctrees: Path,
                    language: str) -> None:
    """The forked process of :func:`build_pdf`: the tagged edition, then its outcome down
    ``send`` (None, or the exception to raise in the build command)."""
    try:
        build_tagged_pdf(stage, source, pdf_dir, doctrees, language, written.set)
        outcome: BaseException | None = None
    except (BuildFailed, KeyboardInterrupt) as exc:
        outcome = exc
    except BaseException:  # a fault of the pipeline itself: its traceback, then the build fails
        traceback.print_exc()
        outcome = BuildFailed("the tagged PDF build crashed (traceback above)")
    send.send(outcome)
    send.close()


def _written(written: Event, process: BaseProcess) -> bool:
    """Wait until the tagged PDFs are written (True) or their process has ended without."""
    while not written.wait(0.05):
        if not process.is_alive():
            return written.is_set()
    return True


def _outcome(receive: Connection, process: BaseProcess) -> BaseException | None:
    """What the tagged edition's process sent, once it has ended."""
    try:
        outcome = receive.recv()
    except EOFError:
        outcome = BuildFailed(f"the tagged PDF build ended without a result (exit code {process.exitcode})")
    process.join()
    receive.close()
    return outcome


def build_tagged_pdf(stage: Stage, source: Path, pdf_dir: Path, doctrees: Path, language: str = "",
                     written: Callable[[], None] | None = None) -> None:
    """The tagged PDF/UA editions, beside the rst2pdf ones (ppiebook.tagged checks each).
    Its own output (print HTML) is scratch, made afresh each build. ``written`` is called
    when the tagged builder says its PDFs are written (TAGGED_WRITTEN), before they are checked."""
    scratch = stage.root / SCRATCH / (language or "main")
    shutil.rmtree(scratch, ignore_errors=True)
    sphinx("taggedpdf", source, scratch, doctrees,
           {"ppiebook_tagged_pdf_dir": str(pdf_dir.resolve()), **_overrides(language)},
           on={TAGGED_WRITTEN: written} if written is not None else None)


def build_html(stage: Stage, source: Path, pdf_dir: Path, language: str = "") -> Path:
    names = _unit("html", language)
    outdir, doctrees = stage.unit(*names)
    sphinx("html", source, outdir, doctrees, {"ppiebook_pdf_dir": str(pdf_dir.resolve()), **_overrides(language)})
    check_site(outdir)
    _publish(stage, *names)
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
            pdf_out = _unit("pdf", code)[0]
            site = functools.partial(build_html, stage, source, language=code) if target in ("all", "html") else None
            if target in ("all", "pdf") or not (builddir / pdf_out).is_dir():
                build_pdf(stage, source, code, meanwhile=site)  # the site too, while the PDFs are checked
            elif site is not None:
                site(builddir / pdf_out)
    except BaseException:
        stage.discard()
        raise
    stage.swap_in()


def main(argv: Sequence[str] | None = None, prog: str = "python -m ppiebook.commands.build") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=["all", "html", "pdf"], nargs="?", default="all")
    parser.add_argument("--source", type=Path, default=Path("."), help="folder holding conf.py")
    parser.add_argument("--builddir", type=Path, default=Path("_build"), help="where outputs land")
    parser.add_argument("--language", default=None,
                        help="build this translation alone, from locales/<language>/ (such as ur)")
    args = parser.parse_args(argv)
    if not sys.stderr.isatty():
        nocolor()
    end_with_build()
    # Python's full collections walk every live object: during rst2pdf's layout of a long
    # publication that took up to 3 s each, 14.5 s of the print edition's 46 s at 400 pages.
    # One full collection per 100 of the middle generation's instead of per 10: 7 s, for
    # 50 MB more at the peak (docs/building.md, "Done, ninth").
    threshold, middle, _ = gc.get_threshold()
    gc.set_threshold(threshold, middle, 100)
    started = time.perf_counter()
    try:
        run(args.target, args.source, args.builddir, args.language or None)
    except BuildFailed as exc:
        gc.freeze()  # the process ends now: Python's last collection would walk it all for nothing
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
    gc.freeze()  # as above: 1 s of exit after editing a page at 400 pages
    return 0


if __name__ == "__main__":
    sys.exit(main())
