"""The reader's website in a real browser, what is this project's own: the
Content-Security-Policy blocking a third party, the keyboard focus on a sample page, phone
navigation, the skip link, downloads, search and videos; and controls that the plugin's
checks find planted faults.

The checks on every page (axe-core in light and dark at desktop and phone width; reflow at
320 px, text spacing, 200% text and target size; visible, sized, unhidden keyboard focus;
no request to any third party; no script or policy error) are the ppiebook plugin's
(ppiebook.testing.outputs, ppiebook.testing.wcag), run on this build by
tests/test_outputs_plugin.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ppiebook.testing.browser import merged, on_both_cores
from ppiebook.testing.wcag import (
    CLIPPED_JS,
    OVERFLOW_JS,
    REFLOW,
    TARGETS_JS,
    VIEWPORTS,
    axe_violations,
    focus_faults,
    tab_through,
    with_axe,
)


@pytest.fixture(scope="session")
def site(ppiebook_site: str) -> str:
    """The real build served, as the plugin's checks see it (ppiebook_built is `built`)."""
    return ppiebook_site


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


def test_layout_checks_find_planted_faults(browser) -> None:
    """A control: the plugin's layout checks report a page that scrolls, cut-off text and
    two small targets side by side."""
    page = browser.new_page(viewport=REFLOW)
    page.set_content('<!doctype html><html lang="en"><title>t</title><body><main>'
                     '<p style="width:400px">wide</p>'
                     '<div style="width:50px;height:20px;overflow:hidden;white-space:nowrap">cut off text here</div>'
                     '<nav><a href="#a" style="display:inline-block">a</a><a href="#b" style="display:inline-block">b</a></nav>'
                     '</main></body></html>')
    assert page.evaluate(OVERFLOW_JS)["excess"] > 0
    assert page.evaluate(CLIPPED_JS)
    assert len(page.evaluate(TARGETS_JS)) == 2
    page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_keyboard_focus_is_visible_sized_and_not_hidden(browser, site: str, size: str) -> None:
    """WCAG 2.4.7 and 2.4.11 on a sample page: every element Tab reaches shows a focus
    indicator, has a size, and is not under the sticky header."""
    page = browser.new_page(viewport=VIEWPORTS[size])
    page.goto(site + "handbook/planning.html", wait_until="load")
    steps, changed = tab_through(page)
    page.close()
    assert len(steps) >= 10
    assert any(step["name"].startswith("summary") for step in steps) or size == "phone"
    assert focus_faults(steps, changed) == []


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
    """A control: the plugin's axe set-up reports a real fault, so its 0 means 0."""
    context = with_axe(browser.new_context())
    page = context.new_page()
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="x.png">'
                     '<a href="#"></a></main></html>')
    assert {"image-alt", "link-name"} <= {violation["id"] for violation in axe_violations(page)}
    context.close()


def test_a_walk_on_both_cores_sees_each_page_once_in_two_browsers(browser) -> None:
    """The plugin's walks (on_both_cores) share the pages between the session's chromium and
    a second one; the merged result holds every page's, none twice."""
    walked: list[tuple[object, list[str]]] = []

    def walk(chromium, site: str, pages: list[str]) -> dict:
        walked.append((chromium, list(pages)))
        page = chromium.new_page()
        page.set_content(f"<title>{len(pages)}</title>")
        titles = [page.title()] * len(pages)
        page.close()
        return {"found": [f"{site}{name}" for name in pages], "pages": len(pages), "titles": {"all": titles}}

    pages = [f"page-{number}.html" for number in range(7)]
    result = on_both_cores(walk, browser, "http://site/", pages)
    assert len(walked) == 2 and walked[0][0] is not walked[1][0]
    assert any(chromium is browser for chromium, _ in walked)
    assert sorted(name for _, share in walked for name in share) == sorted(pages)
    assert sorted(result["found"]) == sorted(f"http://site/{name}" for name in pages)
    assert result["pages"] == 7 and sorted(result["titles"]["all"]) == ["3"] * 3 + ["4"] * 4


def test_merged_joins_lists_adds_counts_and_refuses_a_mismatch() -> None:
    assert merged({"a": [1], "n": 2, "d": {("x", 1): "y"}}, {"a": [3], "n": 5, "d": {("x", 2): "z"}}) == \
        {"a": [1, 3], "n": 7, "d": {("x", 1): "y", ("x", 2): "z"}}
    with pytest.raises(TypeError):
        merged({"a": [1]}, {"a": 1})
