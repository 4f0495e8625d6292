"""Live preview that keeps Sphinx loaded between builds: what `make serve` runs.

    python -m ppiebook.commands.preview [--source .] [--builddir _build] [--host 127.0.0.1] [--port 8000]

sphinx-autobuild starts a new ``sphinx-build`` after every save; about 0.8 s of each
rebuild then goes on starting Python, loading the extensions and the theme and unpickling
the environment before a page is read. Here one Sphinx application stays alive and builds
again after each change, so a one-page edit costs reading and writing that page (and any
page whose navigation it changes). sphinx-autobuild still serves the pages, watches the
files and reloads the browser.

A change to the configuration (conf.py, publications.yaml) or to the project's own code
starts a fresh application, since those are read once when it starts. A build error is
printed and the server keeps serving the last pages.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from ppiebook.compat import autobuild_server, docutils_namespace, patch_docutils

# Files read only when an application starts: a change to one needs a new application.
RESTART_NAMES = {"conf.py", "publications.yaml", "pyproject.toml"}
PACKAGE = Path(__file__).resolve().parent.parent


def settle_memory() -> None:
    """After a full build: collect its garbage once, then leave what stays alive (the
    environment, the theme, the modules) out of Python's later collections. Otherwise the
    first full collection came in the next rebuild: 0.6 s of a 1.0 s edit at 400 pages.
    (gc.freeze is for such objects made once and kept; close() and the next full build thaw them.)"""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class InProcessBuilder:
    """A callable for sphinx-autobuild's server: builds the HTML in this process."""

    def __init__(self, source: Path, outdir: Path, doctrees: Path, overrides: dict[str, str] | None = None) -> None:
        self.source, self.outdir, self.doctrees = source.resolve(), outdir.resolve(), doctrees.resolve()
        self.overrides = {"nitpicky": True, **(overrides or {})}
        self.app: Sphinx | None = None
        self._contexts = contextlib.ExitStack()
        # The server calls back from a thread pool: one build at a time.
        self._lock = threading.Lock()

    @classmethod
    def for_project(cls, source: Path, builddir: Path) -> "InProcessBuilder":
        """The preview of ``make serve``: ``<builddir>/serve``, with the last good PDFs for downloads."""
        builddir = builddir.resolve()
        return cls(source, builddir / "serve", builddir / ".doctrees" / "serve", {"ppiebook_pdf_dir": str(builddir / "pdf")})

    def _start(self) -> Sphinx:
        self.close()
        # docutils' global registries, patched for the application's whole life.
        self._contexts.enter_context(patch_docutils(self.source))
        self._contexts.enter_context(docutils_namespace())
        return Sphinx(self.source, self.source, self.outdir, self.doctrees, "html",
                      confoverrides=self.overrides, status=sys.stdout, warning=sys.stderr,
                      warningiserror=False, keep_going=True)

    def needs_restart(self, changed_paths: Sequence[Path]) -> bool:
        for path in changed_paths:
            path = Path(path).resolve()
            if path.name in RESTART_NAMES or path.is_relative_to(PACKAGE):
                return True
        return False

    def __call__(self, *, changed_paths: Sequence[Path] = ()) -> float:
        """Build (incrementally after the first time); the seconds it took."""
        with self._lock:
            return self._build(changed_paths)

    def _build(self, changed_paths: Sequence[Path]) -> float:
        started = time.perf_counter()
        try:
            first = self.app is None or self.needs_restart(changed_paths)
            if first:
                self.app = self._start()
            self.app.build()
            if first:
                settle_memory()
        except SphinxError as exc:
            print(f"{exc.category}: {exc}\nThe preview keeps the last pages it built; fix the problem "
                  "above and save again.", file=sys.stderr)
            self.app = None
        seconds = time.perf_counter() - started
        print(f"Preview rebuilt in {seconds:.2f} s", flush=True)
        return seconds

    def close(self) -> None:
        gc.unfreeze()  # what settle_memory set aside goes with the application
        self._contexts.close()
        self._contexts = contextlib.ExitStack()
        self.app = None


def serve(builder: InProcessBuilder, source: Path, ignore: list[Path], host: str, port: int) -> None:
    """sphinx-autobuild's server (static files, browser reload) around ``builder``.

    Its own file watcher hands each change to a new process (it pickles the callback), which
    would lose the loaded application; this one calls ``builder`` in a thread instead.
    """
    import asyncio

    import uvicorn
    import watchfiles
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    RebuildServer, IgnoreFilter, JavascriptInjectorMiddleware = autobuild_server()

    class InProcessRebuildServer(RebuildServer):
        async def watch(self) -> None:
            async for changes in watchfiles.awatch(*self.paths, watch_filter=lambda _, path: not self.ignore(path)):
                await asyncio.to_thread(self.change_callback, changed_paths=[Path(p).resolve() for _, p in changes])
                self.flag.set()

    ignored = [".git", "node_modules", ".venv", *map(str, ignore)]
    builder.outdir.mkdir(parents=True, exist_ok=True)
    watcher = InProcessRebuildServer([source], IgnoreFilter(ignored, []), change_callback=builder)
    app = Starlette(
        routes=[WebSocketRoute("/websocket-reload", watcher, name="reload"),
                Mount("/", app=StaticFiles(directory=builder.outdir, html=True), name="static")],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=f"{host}:{port}")],
        lifespan=watcher.lifespan,
    )
    builder(changed_paths=())
    print(f"Serving the preview on http://{host}:{port}/", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main(argv: Sequence[str] | None = None, prog: str = "python -m ppiebook.commands.preview") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("."))
    parser.add_argument("--builddir", type=Path, default=Path("_build"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    builddir = args.builddir.resolve()
    builder = InProcessBuilder.for_project(args.source, builddir)
    source = args.source.resolve()
    try:
        serve(builder, source, [builddir, source / "_generated"], args.host, args.port)
    except KeyboardInterrupt:
        pass
    finally:
        builder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
