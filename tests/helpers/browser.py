"""Browser fixtures, a pytest plugin that tests/conftest.py loads: a folder served on
127.0.0.1 (`serve`, `not_found`), and Debian's chromium driven by Playwright (`browser`,
never a downloaded browser). A test that uses `browser` is marked `browser` by conftest."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def unavailable(reason: str) -> None:
    """Skip, except in CI, where a missing browser must fail the run."""
    message = f"browser tests need {reason}; run `make test` as root to install it"
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
def serve():
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
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        unavailable(f"Debian's chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def not_found() -> list[str]:
    """Paths the test servers could not serve (clear it before the requests it is about)."""
    return NOT_FOUND
