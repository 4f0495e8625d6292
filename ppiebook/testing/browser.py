"""Browser fixtures of the ppiebook pytest plugin (:mod:`ppiebook.testing.plugin` loads this
module, so a project's tests and this repository's share one copy):

- ``serve``: ``serve(folder)`` serves a folder on 127.0.0.1 and gives its address; every
  server stops at the end of the session;
- ``not_found``: the paths those servers could not serve;
- ``browser``: Debian's chromium (``/usr/bin/chromium``, apt package ``chromium``) driven by
  Playwright, never a browser Playwright downloads;
- ``ppiebook_site`` and ``ppiebook_pages``: the built site (``ppiebook_built``) served, and
  its pages (:func:`ppiebook.testing.pages.site_pages`) relative to it;
- ``ppiebook_audit``, ``ppiebook_layout``, ``ppiebook_focus``: every page walked once in the
  browser for the checks of :mod:`ppiebook.testing.wcag`, shared by the tests that read them.

The plugin marks every test that uses ``browser`` with the ``browser`` marker. Without
chromium or playwright those tests skip, except when ``CI=true``, where they fail.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ppiebook.testing import wcag
from ppiebook.testing.pages import site_pages

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def unavailable(reason: str, tests: str = "browser tests") -> None:
    """Skip, except in CI (``CI=true``), where a missing tool must fail the run."""
    message = f"{tests} need {reason}; run `make test` as root to install it"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


NOT_FOUND: list[str] = []  # paths the test server could not serve, for the tests to report


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404:
            NOT_FOUND.append(self.path)
        super().send_error(code, message, explain)


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Start a static server for a folder; every server is stopped at the end of the session."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, for the session (a Playwright Browser)."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        unavailable(f"Debian's chromium at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the Python package playwright")
    with headless_chromium() as chromium:
        yield chromium


@contextlib.contextmanager
def headless_chromium() -> Iterator[Any]:
    """Debian's chromium, headless, with the project's arguments (a Playwright Browser). One
    per thread: Playwright's sync API drives its instances from the thread that started them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def not_found() -> list[str]:
    """Paths the test servers could not serve (clear it before the requests it is about)."""
    return NOT_FOUND


# --- The built site in the browser, each walk once per session (ppiebook.testing.outputs) ---


@pytest.fixture(scope="session")
def ppiebook_pages(ppiebook_built: Path) -> list[str]:
    """The site's pages, as paths relative to it ('handbook/planning.html')."""
    site = ppiebook_built / "html"
    return [str(page.relative_to(site)) for page in site_pages(site)]


@pytest.fixture(scope="session")
def ppiebook_site(ppiebook_built: Path, serve: Callable[[Path], str]) -> str:
    """The built site served on 127.0.0.1: its address, ending in '/'."""
    return serve(ppiebook_built / "html")


@pytest.fixture(scope="session")
def ppiebook_audit(browser: object, ppiebook_site: str, ppiebook_pages: list[str]) -> dict:
    """axe on every page in light and dark, at desktop and phone width (:func:`wcag.audit`)."""
    return on_both_cores(wcag.audit, browser, ppiebook_site, ppiebook_pages)


@pytest.fixture(scope="session")
def ppiebook_layout(browser: object, ppiebook_site: str, ppiebook_pages: list[str]) -> dict[str, list[str]]:
    """Reflow, text spacing, 200% text and target size on every page (:func:`wcag.layout`)."""
    return on_both_cores(wcag.layout, browser, ppiebook_site, ppiebook_pages)


@pytest.fixture(scope="session")
def ppiebook_focus(browser: object, ppiebook_site: str, ppiebook_pages: list[str]) -> dict[str, list[str]]:
    """The keyboard focus faults of every page at desktop and phone width (:func:`wcag.focus_everywhere`)."""
    return on_both_cores(wcag.focus_everywhere, browser, ppiebook_site, ppiebook_pages)


Walk = Callable[[Any, str, list[str]], dict]


def on_both_cores(walk: Walk, browser: Any, site: str, pages: list[str]) -> dict:
    """``walk(browser, site, pages)``, the pages shared between the session's browser and a
    second chromium, driven from a thread of its own (Playwright's sync API wants one
    instance per thread). Chromium does the work (layout, scripts, axe), so two walks keep
    both cores busy: axe on 12 of this site's pages in four modes took 83 s in one, 54 s in
    two. The results are :func:`merged`; each walk checks every page it was given."""
    if len(pages) < 2:
        return walk(browser, site, pages)
    theirs: list[dict] = []
    failed: list[BaseException] = []

    def other() -> None:
        try:
            with headless_chromium() as chromium:
                theirs.append(walk(chromium, site, pages[1::2]))
        except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread
            failed.append(exc)

    thread = threading.Thread(target=other, name=f"second chromium: {walk.__name__}")
    thread.start()
    try:
        mine = walk(browser, site, pages[0::2])
    finally:
        thread.join()
    if failed:
        raise failed[0]
    return merged(mine, theirs[0])


def merged(one: Any, other: Any) -> Any:
    """Two walks' results as one: lists joined, counts added, dictionaries merged key by key."""
    if isinstance(one, dict) and isinstance(other, dict):
        return {key: merged(one[key], other[key]) if key in one and key in other else one.get(key, other.get(key))
                for key in {**one, **other}}
    if isinstance(one, list) and isinstance(other, list):
        return one + other
    if type(one) is int and type(other) is int:
        return one + other
    raise TypeError(f"cannot merge {type(one).__name__} with {type(other).__name__}")
