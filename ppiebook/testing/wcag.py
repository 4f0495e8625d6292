"""The browser checks of the ppiebook pytest plugin, on any page of any site: axe-core's
WCAG 2.0-2.2 A and AA rules, WCAG 1.4.10 reflow at 320 px, 1.4.12 text spacing, 1.4.4 text at
200%, 2.5.8 target size, 2.4.7 and 2.4.11 visible keyboard focus that nothing hides; and that
no request leaves the machine and no page logs a script or Content-Security-Policy error. Each walk takes a Playwright browser, the served site's
address and its pages; the fixtures of :mod:`ppiebook.testing.browser` run each walk once
per session and the tests of :mod:`ppiebook.testing.outputs` read what it found.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

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


REFLOW = {"width": 320, "height": 640}


def is_local(url: str) -> bool:
    """A request that stays on the machine: the test server, or data the page made itself."""
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


def with_axe(context: Any) -> Any:
    """A Playwright browser context whose every page loads axe-core (as axe-playwright-python ships it)."""
    from axe_playwright_python.sync_playwright import Axe

    context.add_init_script(Axe().axe_script)
    return context


def axe_violations(page: Any) -> list[dict]:
    """axe-core's violations of the WCAG A and AA rules (WCAG_TAGS) on the loaded page.

    Only the violations are sent back (axe's ``resultTypes`` keeps one node of the other
    kinds): with every pass and its nodes, axe on 12 of this site's pages took 15.2 s and
    15.5 s in two runs, against 9.9 s and 12.2 s."""
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                         " resultTypes: ['violations']}).then(report => report.violations)", WCAG_TAGS)


def audit(browser: Any, site: str, pages: list[str]) -> dict:
    """Every page in every mode (MODES), once: axe violations, the theme each page showed,
    and requests that left the machine."""
    results: dict = {"violations": {}, "third_party": [], "themes": {}, "pages": 0}
    for scheme, size in MODES:
        context = with_axe(browser.new_context(viewport=VIEWPORTS[size], color_scheme=scheme))
        context.on("request", lambda request: None if is_local(request.url) else results["third_party"].append(request.url))
        page = context.new_page()
        found = []
        for name in pages:
            page.goto(site + name, wait_until="load")
            results["themes"][(scheme, name)] = page.evaluate("document.documentElement.dataset.theme")
            for violation in axe_violations(page):
                node = violation["nodes"][0]
                found.append(f"{name}: {violation['id']} x{len(violation['nodes'])}: {node['target']} {node['html'][:120]}")
            results["pages"] += 1
        results["violations"][(scheme, size)] = found
        context.close()
    return results


def page_errors(browser: Any, site: str, pages: list[str]) -> list[str]:
    """Script errors, errors the page logged (the Content-Security-Policy's among them) on
    every page, without axe (which fetches @import-ed style sheets from the wrong folder itself)."""
    errors: list[str] = []
    page = browser.new_page()
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}")
            if message.type == "error" and THEME_NOTICE not in message.text else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    for name in pages:
        page.goto(site + name, wait_until="load")
    page.wait_for_timeout(300)
    page.close()
    return errors


def layout(browser: Any, site: str, pages: list[str]) -> dict[str, list[str]]:
    """Every page, three loads: at 320 px (reflow, target size, then text spacing), at 1280 px
    (target size, then 200% text, then text spacing) and at 375 px (target size, then text
    spacing). What each check found, by key."""
    found: dict[str, list[str]] = {key: [] for key in (
        "reflow", "targets-320", "targets-desktop", "targets-phone", "zoom-scroll", "zoom-clipped",
        "spacing-320-scroll", "spacing-320-clipped", "spacing-desktop-scroll", "spacing-desktop-clipped",
        "spacing-phone-scroll", "spacing-phone-clipped")}

    def scrolls(page: Any, name: str) -> str | None:
        result = page.evaluate(OVERFLOW_JS)
        return f"{name}: {result['excess']} px too wide {result['culprits']}" if result["excess"] > 0 else None

    def restyle(page: Any, css: str) -> None:
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


def tab_through(page: Any) -> tuple[list[dict], list[bool]]:
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
    """What tab_through found wrong: a stop with no size, a summary under 24 px, no visible
    focus, or a stop under a sticky or fixed header."""
    return ([f"no size: {s['name']}" for s in steps if s["width"] == 0 or s["height"] == 0]
            + [f"under 24 px: {s['name']}" for s in steps
               if s["name"].startswith("summary") and min(s["width"], s["height"]) < 24]
            + [f"no visible focus: {s['name']}" for s, c in zip(steps, changed) if not c]
            + [f"hidden under {s['cover']}: {s['name']}" for s in steps if s["cover"]])


def focus_everywhere(browser: Any, site: str, pages: list[str]) -> dict[str, list[str]]:
    """The Tab walk on every page, at desktop and phone width: each page's focus faults."""
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
