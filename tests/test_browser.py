"""The reader's website in a real browser: accessibility (axe-core, every page, light and
dark, desktop and phone), phone navigation, keyboard, downloads, videos, search, and no
request to any third party."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 800}}
# pydata-sphinx-theme logs this as an error on a first visit (no stored preference): harmless.
THEME_NOTICE = "Got invalid theme mode"
MODES = [(scheme, size) for size in VIEWPORTS for scheme in ("light", "dark")]


@pytest.fixture(scope="session")
def site(built: Path, serve) -> str:
    return serve(built / "html")


@pytest.fixture(scope="session")
def pages(built: Path) -> list[str]:
    html = built / "html"
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html") if "_static" not in p.parts)


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


@pytest.fixture(scope="session")
def audit(browser, site: str, pages: list[str]) -> dict:
    """Every page in every mode, once: axe violations and requests that left the machine."""
    from axe_playwright_python.sync_playwright import Axe

    results: dict = {"violations": {}, "third_party": [], "themes": {}, "pages": 0}
    for scheme, size in MODES:
        context = browser.new_context(viewport=VIEWPORTS[size], color_scheme=scheme)
        context.add_init_script(Axe().axe_script)
        context.on("request", lambda request: None if is_local(request.url) else results["third_party"].append(request.url))
        page = context.new_page()
        found = []
        for name in pages:
            page.goto(site + name, wait_until="load")
            results["themes"][(scheme, name)] = page.evaluate("document.documentElement.dataset.theme")
            report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
            for violation in report["violations"]:
                node = violation["nodes"][0]
                found.append(f"{name}: {violation['id']} x{len(violation['nodes'])}: {node['target']} {node['html'][:120]}")
            results["pages"] += 1
        results["violations"][(scheme, size)] = found
        context.close()
    return results


@pytest.mark.parametrize(("scheme", "size"), MODES)
def test_axe_reports_no_violations(audit: dict, pages: list[str], scheme: str, size: str) -> None:
    assert len(pages) >= 20
    assert all(audit["themes"][(scheme, name)] == scheme for name in pages)
    assert audit["violations"][(scheme, size)] == []


def test_no_request_leaves_the_machine(audit: dict, pages: list[str]) -> None:
    assert audit["pages"] == 4 * len(pages)
    assert audit["third_party"] == []


def test_pages_run_without_script_or_policy_errors(browser, site: str, pages: list[str], not_found: list[str]) -> None:
    """The Content-Security-Policy lets the site's own scripts run (none is blocked), and
    every file a page asks for exists. (Without axe, which fetches @import-ed style sheets
    from the wrong folder itself.)"""
    not_found.clear()
    errors: list[str] = []
    page = browser.new_page()
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}")
            if message.type == "error" and THEME_NOTICE not in message.text else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    for name in pages:
        page.goto(site + name, wait_until="load")
    page.wait_for_timeout(300)
    page.close()
    assert not_found == []
    assert errors == []


def test_content_security_policy_blocks_a_third_party_script(browser, site: str) -> None:
    page = browser.new_page()
    requested: list[str] = []
    page.route(re.compile(r"tracker\.invalid"), lambda route: (requested.append(route.request.url), route.abort()))
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto(site + "handbook/planning.html")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    with pytest.raises(Exception):
        page.add_script_tag(url="https://tracker.invalid/x.js")
    page.evaluate("""() => { const f = document.createElement('iframe');
                             f.src = 'https://tracker.invalid/'; document.body.append(f); }""")
    page.wait_for_timeout(500)
    assert requested == []
    assert any("Content Security Policy" in text for text in violations)
    page.close()


@pytest.fixture(scope="session")
def first_publication(project: Path, sources) -> tuple[str, str]:
    """The first publication's root page and its title, as the navigation shows it."""
    from ppiebook.catalogue.publications import load_catalogue

    root = load_catalogue(project / "publications.yaml").publications[0].root
    return root, sources.heading(project / f"{root}.md")[0]


def test_phone_navigation_opens_and_navigates(browser, site: str, first_publication: tuple[str, str]) -> None:
    root, title = first_publication
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(site + "glossary.html")
    link = page.get_by_role("link", name=title, exact=True).first
    assert not link.is_visible()
    toggle = page.locator("button.primary-toggle:visible").first
    toggle.click()
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url(re.compile(re.escape(root) + r"\.html$"))
    assert page.locator("h1").first.inner_text().startswith(title)
    page.close()


def test_phone_navigation_closes_with_escape(browser, site: str, first_publication: tuple[str, str]) -> None:
    _, title = first_publication
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(site + "glossary.html")
    page.locator("button.primary-toggle:visible").first.click()
    link = page.get_by_role("link", name=title, exact=True).first
    link.wait_for(state="visible")
    page.keyboard.press("Escape")
    link.wait_for(state="hidden")
    page.close()


def test_skip_link_and_visible_focus(browser, site: str) -> None:
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(site + "handbook/planning.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({text: document.activeElement.textContent.trim(),"
                            " outline: getComputedStyle(document.activeElement).outlineStyle,"
                            " visible: document.activeElement.getBoundingClientRect().height > 0})")
    assert focused["text"].lower().startswith("skip to main content")
    assert focused["visible"] and focused["outline"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("!!document.activeElement.closest('main')")
    assert inside_main
    page.close()


def test_clicking_a_download_returns_the_pdf(browser, site: str) -> None:
    page = browser.new_page()
    fetched: list[tuple[int, str, bytes]] = []

    def record(route) -> None:  # what the server sent for the click, before any PDF viewer
        response = route.fetch()
        fetched.append((response.status, response.headers.get("content-type", ""), response.body()))
        route.fulfill(response=response)

    page.route(re.compile(r"\.pdf$"), record)
    page.goto(site + "index.html")
    link = page.locator(".ppiebook-publication a.ppiebook-pdf-link").first
    expected = link.get_attribute("href")
    try:
        with page.expect_download(timeout=5000):
            link.click()
    except Exception:  # noqa: BLE001  a browser with a PDF viewer shows it instead of downloading
        pass
    page.wait_for_timeout(500)
    assert fetched, f"no request for {expected}"
    status, content_type, body = fetched[0]
    assert status == 200 and content_type == "application/pdf"
    assert body.startswith(b"%PDF-") and len(body) > 10_000
    page.close()


def test_search_finds_a_handbook_term(browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "search.html?q=safeguarding")
    results = page.locator("#search-results a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("handbook/consent-and-ethics" in href for href in hrefs), hrefs
    page.close()


@pytest.fixture
def video_site(app, serve) -> str:
    """The tiny content root, whose test video has a clearly fake address."""
    app.build()
    return serve(Path(app.outdir))



@pytest.mark.sphinx("html", testroot="content")
def test_video_player_loads_only_after_a_click(browser, video_site: str) -> None:
    page = browser.new_page()
    video_requests: list[str] = []

    def block(route) -> None:  # no network here: record the request, then refuse it
        video_requests.append(route.request.url)
        route.abort()

    page.route(re.compile(r"youtube"), block)
    page.goto(video_site + "final/chapter.html", wait_until="load")
    assert video_requests == []
    assert page.locator("iframe").count() == 0
    page.get_by_role("button", name="Play the video: A Known Video").click()
    frame = page.locator("iframe.ppiebook-video-frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/TESTVIDEO01?autoplay=1&rel=0"
    assert frame.get_attribute("title") == "Video: A Known Video"
    page.wait_for_timeout(500)
    assert video_requests and all("youtube-nocookie.com" in url for url in video_requests)
    page.close()


def test_axe_does_find_a_planted_violation(browser) -> None:
    """A control: the same axe set-up reports a real fault, so 0 above means 0."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context()
    context.add_init_script(Axe().axe_script)
    page = context.new_page()
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="x.png">'
                     '<a href="#"></a></main></html>')
    report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert {"image-alt", "link-name"} <= {violation["id"] for violation in report["violations"]}
    context.close()
