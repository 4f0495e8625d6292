"""The reader's website in a real browser: accessibility (axe-core, every page, light and
dark, desktop and phone; reflow at 320 px, text spacing, 200% text and target size on every
page; visible, sized, unhidden keyboard focus on every page), phone navigation, keyboard, downloads, videos, search, and no
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


# WCAG 1.4.12's text-spacing bookmarklet, on every element.
SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                   word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""
# WCAG 1.4.4: text at 200%, the layout at desktop width.
ZOOM_CSS = "html { font-size: 200% !important; }"

# WCAG 1.4.10: horizontal page scroll (elements inside a box that scrolls or clips
# itself, such as a code block, are allowed to be wider) and, when there is some, the elements that stick out.
OVERFLOW_JS = r"""() => {
  const root = document.documentElement, width = root.clientWidth;
  const excess = root.scrollWidth - width;
  const culprits = [];
  if (excess > 0) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1) continue;
      let p = el.parentElement, clipped = false;
      while (p && p !== document.body) {
        const ox = getComputedStyle(p).overflowX;
        if (ox !== 'visible') { clipped = true; break; }
        p = p.parentElement;
      }
      if (clipped) continue;
      culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
      if (culprits.length > 4) break;
    }
  }
  return {excess, culprits};
}"""

# Text cut off by a box that hides its overflow: a text node drawn outside the box
# (visually hidden text, 1 px boxes, is not looked at).
CLIPPED_JS = r"""() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    const hx = ['hidden', 'clip'].includes(s.overflowX), hy = ['hidden', 'clip'].includes(s.overflowY);
    if (!hx && !hy) continue;
    if (el.clientWidth <= 2 || el.clientHeight <= 2) continue;
    if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1) continue;
    if (!el.checkVisibility({checkVisibilityCSS: true})) continue;
    const box = el.getBoundingClientRect();
    const left = box.left + el.clientLeft, top = box.top + el.clientTop;
    const right = left + el.clientWidth, bottom = top + el.clientHeight;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement, pr = parent.getBoundingClientRect();
      if (!node.data.trim() || pr.width <= 1 || pr.height <= 1 || !parent.checkVisibility({checkVisibilityCSS: true})) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const cut = [...range.getClientRects()].some(r => r.width > 0 &&
        ((hx && (r.right > right + 1 || r.left < left - 1)) || (hy && (r.bottom > bottom + 1 || r.top < top - 1))));
      if (cut) {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: "${node.data.trim().slice(0, 40)}"`);
        break;
      }
    }
  }
  return out;
}"""

# WCAG 2.5.8: targets under 24 x 24 px whose 24 px circle meets another target;
# inline links in a block with other text are exempt.
TARGETS_JS = r"""() => {
  const W = document.documentElement.clientWidth;
  const targets = [];
  for (const el of document.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select, textarea, [role=button], [tabindex]:not([tabindex="-1"])')) {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    if (el.closest('[inert], [aria-hidden="true"]')) continue;
    const rects = [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) continue;
    const r = el.getBoundingClientRect();
    if (r.right <= 0 || r.left >= W) continue;
    const inline = getComputedStyle(el).display === 'inline';
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    const sentence = inline && block && block.innerText.replace(el.innerText, '').trim().length > 0 && !block.matches('li, td, th, dt, dd') || (inline && block && block.matches('p'));
    targets.push({el, r, sentence});
  }
  const sx = scrollX, sy = scrollY;
  const small = t => t.r.width < 23.5 || t.r.height < 23.5;
  const centre = t => [t.r.left + t.r.width / 2, t.r.top + t.r.height / 2];
  const distToRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const out = [];
  for (const t of targets) {
    if (!small(t) || t.sentence) continue;
    const c = centre(t);
    const clash = targets.find(o => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) &&
      (distToRect(c, o.r) < 12 || (small(o) && !o.sentence && Math.hypot(c[0] - centre(o)[0], c[1] - centre(o)[1]) < 24)));
    if (clash) {
      const d = x => `${x.el.tagName.toLowerCase()}.${[...x.el.classList].join('.')} "${(x.el.innerText || x.el.getAttribute('aria-label') || '').trim().slice(0, 25)}" ${Math.round(x.r.width)}x${Math.round(x.r.height)}`;
      out.push(`${d(t)} near ${d(clash)}`);
    }
  }
  return out;
}"""


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


REFLOW = {"width": 320, "height": 640}


@pytest.fixture(scope="session")
def layout(browser, site: str, pages: list[str]) -> dict[str, list[str]]:
    """Every page, three loads: at 320 px (reflow, target size, then text spacing), at 1280 px
    (target size, then 200% text, then text spacing) and at 375 px (target size, then text
    spacing)."""
    found: dict[str, list[str]] = {key: [] for key in (
        "reflow", "targets-320", "targets-desktop", "targets-phone", "zoom-scroll", "zoom-clipped",
        "spacing-320-scroll", "spacing-320-clipped", "spacing-desktop-scroll", "spacing-desktop-clipped",
        "spacing-phone-scroll", "spacing-phone-clipped")}

    def scrolls(page, name: str) -> str | None:
        result = page.evaluate(OVERFLOW_JS)
        return f"{name}: {result['excess']} px too wide {result['culprits']}" if result["excess"] > 0 else None

    def restyle(page, css: str) -> None:
        page.evaluate("""css => { let s = document.getElementById('wcag-test-style');
                                  if (!s) { s = document.createElement('style'); s.id = 'wcag-test-style';
                                            document.head.append(s); }
                                  s.textContent = css; }""", css)

    for viewport, size in ((REFLOW, "320"), (VIEWPORTS["desktop"], "desktop"), (VIEWPORTS["phone"], "phone")):
        page = browser.new_page(viewport=viewport)
        for name in pages:
            page.goto(site + name, wait_until="load")
            found[f"targets-{size}"] += [f"{name}: {t}" for t in page.evaluate(TARGETS_JS)]
            if size == "320":
                found["reflow"] += filter(None, [scrolls(page, name)])
            if size == "desktop":
                restyle(page, ZOOM_CSS)
                found["zoom-scroll"] += filter(None, [scrolls(page, name)])
                found["zoom-clipped"] += [f"{name}: {c}" for c in page.evaluate(CLIPPED_JS)]
            restyle(page, SPACING_CSS)
            found[f"spacing-{size}-scroll"] += filter(None, [scrolls(page, name)])
            found[f"spacing-{size}-clipped"] += [f"{name}: {c}" for c in page.evaluate(CLIPPED_JS)]
        page.close()
    return found


def test_reflow_at_320_px_without_sideways_scrolling(layout: dict) -> None:
    """WCAG 1.4.10."""
    assert layout["reflow"] == []


@pytest.mark.parametrize("size", ["320", "desktop", "phone"])
def test_text_spacing_loses_nothing(layout: dict, size: str) -> None:
    """WCAG 1.4.12: no sideways scrolling, no text cut off."""
    assert layout[f"spacing-{size}-scroll"] == []
    assert layout[f"spacing-{size}-clipped"] == []


def test_text_at_200_percent_loses_nothing(layout: dict) -> None:
    """WCAG 1.4.4, at desktop width."""
    assert layout["zoom-scroll"] == []
    assert layout["zoom-clipped"] == []


@pytest.mark.parametrize("size", ["320", "desktop", "phone"])
def test_targets_are_24_px_or_spaced(layout: dict, size: str) -> None:
    """WCAG 2.5.8 (inline links in a sentence are exempt)."""
    assert layout[f"targets-{size}"] == []


def test_layout_checks_find_planted_faults(browser) -> None:
    """A control: the checks above report a page that scrolls, cut-off text and two
    small targets side by side."""
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


# Tab through a page: for each element reached, its size, its focus style and its
# unfocused style (outline and shadow of it and its children), and what is drawn at its
# centre when it has the focus, once its transitions have ended: it, or a sticky or fixed
# header over it.
FOCUS_STEP_JS = r"""async () => {
  // Let transitions that the focus started end first (the theme's skip link slides away in 0.15 s).
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const look = e => [e, ...e.querySelectorAll('*')].slice(0, 12).map(x => {
    const s = getComputedStyle(x); return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.boxShadow}`; }).join('|');
  (window.__tabbed = window.__tabbed || []).push([el, look(el)]);
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  let cover = null;
  if (hit && !el.contains(hit) && !hit.contains(el)) {
    for (let p = hit; p; p = p.parentElement) {
      const pos = getComputedStyle(p).position;
      if ((pos === 'sticky' || pos === 'fixed') && !p.contains(el)) { cover = p.tagName + '.' + p.className; break; }
    }
  }
  return {name: `${el.tagName.toLowerCase()}.${el.className} "${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`,
          width: r.width, height: r.height, cover, index: window.__tabbed.length - 1};
}"""
UNFOCUSED_JS = r"""() => { document.activeElement.blur();
  const look = e => [e, ...e.querySelectorAll('*')].slice(0, 12).map(x => {
    const s = getComputedStyle(x); return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.boxShadow}`; }).join('|');
  return window.__tabbed.map(([el, focused]) => focused !== look(el)); }"""


def tab_through(page) -> tuple[list[dict], list[bool]]:
    """Tab from the top of the loaded page until the focus comes round again: each step,
    and whether its focus style differs from its unfocused style."""
    steps: list[dict] = []
    for _ in range(250):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP_JS)
        if step is None or (steps and step["index"] > 0 and step["name"] == steps[0]["name"] and len(steps) > 5):
            break
        steps.append(step)
    return steps, page.evaluate(UNFOCUSED_JS)


def focus_faults(steps: list[dict], changed: list[bool]) -> list[str]:
    return ([f"no size: {s['name']}" for s in steps if s["width"] == 0 or s["height"] == 0]
            + [f"under 24 px: {s['name']}" for s in steps
               if s["name"].startswith("summary") and min(s["width"], s["height"]) < 24]
            + [f"no visible focus: {s['name']}" for s, c in zip(steps, changed) if not c]
            + [f"hidden under {s['cover']}: {s['name']}" for s in steps if s["cover"]])


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
def focus_everywhere(browser, site: str, pages: list[str]) -> dict[str, list[str]]:
    """The same walk on every page, at desktop and phone width."""
    found: dict[str, list[str]] = {}
    for size in ("desktop", "phone"):
        page = browser.new_page(viewport=VIEWPORTS[size])
        found[size] = []
        for name in pages:
            page.goto(site + name, wait_until="load")
            steps, changed = tab_through(page)
            found[size] += [f"{name}: {fault}" for fault in focus_faults(steps, changed)]
            if not steps:
                found[size].append(f"{name}: Tab reaches nothing")
        page.close()
    return found


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_keyboard_focus_on_every_page(focus_everywhere: dict, size: str) -> None:
    """WCAG 2.4.7 and 2.4.11 on every page of the site."""
    assert focus_everywhere[size] == []


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
