"""Never silent: markup reaches every edition or stops the build at its file and line.

tests/roots/test-never-silent: index.md has markup of MyST syntax extensions that its conf.py
leaves off; prices.md has dollar signs in prose and markup inside code; remote.md (added to
the toctree by the tests that use it) has an image, a figure and an include by web address,
and a role of a domain that does not exist. The network tests block every connection and
name look-up in this process and assert none was tried; a control shows the blocker does
see Sphinx's ImageDownloader (latex builder) when the check is taken out."""

from __future__ import annotations

import logging
import re
import socket

import pytest

from ppiebook.pdf.guard import describe

ALL_ON = ["colon_fence", "dollarmath", "amsmath", "tasklist", "attrs_inline", "attrs_block", "substitution"]


def located(warnings: str, page: str) -> list[tuple[int, str]]:
    """(line, message) of each warning at ``page`` (e.g. "index.md")."""
    pattern = re.compile(rf"never-silent/{re.escape(page)}:(\d+): WARNING: (.*)")
    plain = re.sub(r"\x1b\[[\d;]*m", "", warnings)
    return [(int(m[1]), m[2]) for m in map(pattern.search, plain.splitlines()) if m]


@pytest.mark.sphinx("html", testroot="never-silent")
def test_markup_of_extensions_that_are_off_stops_at_its_line(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    found = [(line, message) for line, message in located(warnings, "index.md")
             if "[ppiebook.literal_markup]" in message]
    lines = [line for line, _ in found]
    assert lines == [3, 5, 9, 11, 12, 14, 14, 16], warnings
    messages = dict(found)
    assert "dollar math is not enabled here, so '$E = mc^2$'" in messages[3]
    assert 'add "dollarmath" to myst_enable_extensions' in messages[3]
    assert "'$$'" in messages[5]
    assert "substitutions are not enabled here, so '{{ name }}'" in messages[9]
    assert "task lists are not enabled here, so '[ ]'" in messages[11]
    assert "'[x]'" in messages[12]
    assert "inline attributes are not enabled here" in messages[14]
    assert "{.button}" in warnings and "{#code-id}" in warnings
    assert "block attributes are not enabled here, so '{#block-id}'" in messages[16]
    # Dollar signs in prose, and markup inside code, are left alone.
    assert not [m for _, m in located(warnings, "prices.md") if "literal_markup" in m], warnings


@pytest.mark.sphinx("html", testroot="never-silent",
                    confoverrides={"myst_enable_extensions": ALL_ON, "myst_substitutions": {"name": "Ada"}})
def test_markup_of_extensions_that_are_on_is_not_reported(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "literal_markup" not in warnings, warnings
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Hello Ada here" in html
    assert "{.button}" not in html and "$E = mc^2$" not in html


@pytest.fixture
def no_network(monkeypatch):
    """Every network connection attempted in this process is recorded and refused. A Unix
    socket is not the network: multiprocessing's workers (kept by an earlier test in the same
    process) talk to their pool through one."""
    attempts: list[object] = []
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError(f"network blocked by the test: {address}")

    def guarded(local):
        return lambda self, address, *args: (local(self, address, *args) if self.family == socket.AF_UNIX
                                              else refuse(self, address))

    monkeypatch.setattr(socket.socket, "connect", guarded(connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(connect_ex))
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: refuse(None, host))  # name look-ups too
    return attempts


def _with_remote_page(app_params, edit) -> None:
    edit(app_params.kwargs["srcdir"] / "index.md", "prices\n", "prices\nremote\n")


@pytest.mark.parametrize("builder", ["html", "pdf", "latex"])
@pytest.mark.sphinx("html", testroot="never-silent")
def test_images_and_includes_by_web_address_are_refused_without_a_request(
        builder, app_params, make_app, edit, no_network) -> None:
    _with_remote_page(app_params, edit)
    app = make_app(builder, **app_params.kwargs)
    try:
        app.build()
    except Exception:  # the PDF builder may stop on the page's problems; the warnings are the point
        pass
    warnings = app.warning.getvalue()
    found = located(warnings, "remote.md")
    remote = [(line, m) for line, m in found if "[ppiebook.remote_image]" in m]
    assert [line for line, _ in remote] == [5, 7], warnings
    assert "image 'https://example.org/logo.png' is given by web address" in remote[0][1]
    assert "download it into the project" in remote[0][1] and "give alt text" in remote[0][1]
    assert "https://example.org/figure.png" in remote[1][1]
    include = [(line, m) for line, m in found if "[ppiebook.include]" in m]
    assert include and include[0][0] == 13 and "https://example.org/part.md" in include[0][1], warnings
    assert no_network == [], f"a request was made: {no_network}"


@pytest.mark.sphinx("html", testroot="never-silent")
def test_without_the_check_the_latex_builder_would_download(app_params, make_app, edit, no_network,
                                                            monkeypatch) -> None:
    """The control: the blocker sees Sphinx's ImageDownloader when nothing removes the image."""
    from ppiebook.checks import literal_markup

    monkeypatch.setattr(literal_markup, "refuse_remote_images", lambda app, doctree: None)
    _with_remote_page(app_params, edit)
    app = make_app("latex", **app_params.kwargs)
    app.build()
    assert "example.org" in repr(no_network), no_network


@pytest.mark.sphinx("html", testroot="never-silent")
def test_unknown_role_name_names_the_page_and_line(app_params, make_app, edit) -> None:
    _with_remote_page(app_params, edit)
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    warnings = app.warning.getvalue()
    assert (16, "unknown role name: external:ref") in located(warnings, "remote.md"), warnings
    assert not re.search(r"^(\x1b\[\d+m)?WARNING: unknown role name", warnings, re.M), warnings
    assert ".md::" not in warnings


@pytest.mark.sphinx("html", testroot="never-silent")
def test_rst2pdf_failure_without_a_place_is_placed_in_the_publication(app_params, make_app) -> None:
    app = make_app("html", **app_params.kwargs)
    record = logging.LogRecord("rst2pdf", logging.ERROR, __file__, 1, "Failed to build doc", None, None)
    record.exc_info = (ValueError, ValueError("format not resolved, probably missing URL scheme or undefined "
                                               "destination target for 'https://example.org'"), None)
    record.ppiebook_context = ("index", ["index", "prices"])
    text, location = describe(record, app)
    assert location is not None and location.endswith("never-silent/index.md:14"), location
    # A name found nowhere: the publication's entry in the catalogue, said so.
    record.exc_info = (ValueError, ValueError("format not resolved ... for '/nowhere'"), None)
    text, location = describe(record, app)
    assert location.endswith("publications.yaml:11"), location
    assert "rst2pdf did not say where; while writing publication 'guide'" in text


@pytest.mark.sphinx("html", testroot="never-silent", confoverrides={"extensions": ["myst_parser", "ppiebook",
                                                                                   "sphinx_design"]})
def test_project_warnings_on_nodes_without_a_line_name_the_nearest_line(app_params, make_app) -> None:
    srcdir = app_params.kwargs["srcdir"]
    (srcdir / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with (srcdir / "prices.md").open("a", encoding="utf-8") as page:
        page.write("\n```{figure} chart.png\n:alt: image\n\nA chart.\n```\n\n<b>bold</b>\n\n"
                   ":::{card} A card\n:img-top: missing.png\n\nBody\n:::\n")
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    warnings = app.warning.getvalue()
    found = located(warnings, "prices.md")
    assert any(line == 11 and "[ppiebook.alt_text]" in message for line, message in found), warnings
    assert any(line == 17 and "[ppiebook.raw]" in message for line, message in found), warnings
    assert ".md::" not in warnings
    # sphinx-design's card image has a source and no line: Sphinx's own warning gets one.
    assert any(line == 20 and "image file not readable: missing.png" in message for line, message in found), warnings
