"""sphinx-design's tab sets and dropdowns and sphinx-togglebutton's toggles in a real
browser, by keyboard alone (WCAG 2.1.1, 4.1.2): tab sets follow the WAI-ARIA tabs pattern
(site/static/ppiebook-tabs.js), dropdowns and toggles expose their state, focus shows.
Tiny root: tests/roots/test-components, with the book theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from ppiebook.testing.wcag import THEME_NOTICE, VIEWPORTS, axe_violations, with_axe

pytestmark = [pytest.mark.browser, pytest.mark.sphinx("html", testroot="components"),
              pytest.mark.test_params(shared_result="components")]

FOCUS_RING_JS = """() => { const s = getComputedStyle(document.activeElement);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"""


@pytest.fixture
def page(app, serve, browser):
    app.build()
    # Only the missing PDF (this root builds no PDF) may be reported.
    problems = [line for line in app.warning.getvalue().splitlines() if "[ppiebook.download]" not in line]
    assert not [line for line in problems if "WARNING" in line or "ERROR" in line], problems
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(serve(Path(app.outdir)) + "index.html", wait_until="load")
    yield tab
    tab.close()


def expanded(page, selector: str) -> bool | None:
    """The expanded state Chromium's accessibility tree gives the element (what a screen reader hears)."""
    session = page.context.new_cdp_session(page)
    node = session.send("DOM.querySelector", {"nodeId": session.send("DOM.getDocument")["root"]["nodeId"],
                                              "selector": selector})
    tree = session.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})
    for ax in tree["nodes"]:
        for prop in ax.get("properties", []):
            if prop["name"] == "expanded":
                return bool(prop["value"]["value"])
    return None


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def state(page) -> list[tuple[str, str, bool]]:
    return page.evaluate("""() => [...document.querySelectorAll('[role=tablist] [role=tab]')].map(tab =>
      [tab.textContent.trim(), tab.getAttribute('aria-selected'),
       !document.getElementById(tab.getAttribute('aria-controls')).hidden])""")


def test_tab_set_follows_the_aria_tabs_pattern(page) -> None:
    assert page.locator("[role=tablist]").count() == 1
    assert page.locator(".sd-tab-set input[type=radio]").count() == 0
    assert state(page) == [["First tab", "true", True], ["Second tab", "false", False], ["Third tab", "false", False]]
    # Tab reaches the selected tab only; arrows, Home and End move and select.
    tab_to(page, "[role=tab]")
    assert page.evaluate("document.activeElement.textContent.trim()") == "First tab"
    assert page.evaluate(FOCUS_RING_JS)
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Second tab"
    assert state(page)[1] == ["Second tab", "true", True] and state(page)[0][2] is False
    page.keyboard.press("End")
    assert state(page)[2] == ["Third tab", "true", True]
    page.keyboard.press("ArrowRight")  # wraps round
    assert state(page)[0] == ["First tab", "true", True]
    page.keyboard.press("ArrowLeft")
    assert state(page)[2] == ["Third tab", "true", True]
    page.keyboard.press("Home")
    assert state(page)[0] == ["First tab", "true", True]
    # The next Tab goes into the open panel, not to the other tabs.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "tabpanel"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Text of the first tab."
    page.get_by_role("tab", name="Second tab").click()
    assert page.get_by_role("tabpanel").inner_text().strip() == "Text of the second tab."


def test_dropdown_opens_by_keyboard_and_says_so(page) -> None:
    summary = "details.sd-dropdown > summary"
    assert expanded(page, summary) is False
    tab_to(page, summary)
    assert page.evaluate(FOCUS_RING_JS)
    page.keyboard.press("Enter")
    assert expanded(page, summary) is True
    assert page.get_by_text("Hidden text of the dropdown.").is_visible()


def test_toggle_opens_by_keyboard_and_says_so(page) -> None:
    # sphinx-togglebutton wraps a {toggle} block in <details> as the page loads.
    button = "details.toggle-details > summary"
    page.wait_for_selector(button)
    assert expanded(page, button) is False
    tab_to(page, button)
    page.keyboard.press("Enter")
    assert expanded(page, button) is True
    assert page.get_by_text("Toggled text.").is_visible()


def test_no_script_or_policy_errors(app, serve, browser) -> None:
    app.build()
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.goto(serve(Path(app.outdir)) + "index.html", wait_until="load")
    tab.wait_for_timeout(300)
    tab.close()
    assert [error for error in errors if THEME_NOTICE not in error] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_blocks_open_or_closed(app, serve, browser, scheme: str) -> None:
    app.build()
    context = with_axe(browser.new_context(viewport=VIEWPORTS["phone"], color_scheme=scheme))
    tab = context.new_page()
    tab.goto(serve(Path(app.outdir)) + "index.html", wait_until="load")
    found = []
    for _ in ("closed", "open"):  # the plugin's axe set-up (WCAG 2.0-2.2 A and AA)
        found += [f"{v['id']}: {v['nodes'][0]['html'][:100]}" for v in axe_violations(tab)]
        tab.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        tab.get_by_role("tab", name="Second tab").click()
        tab.wait_for_timeout(1000)  # sphinx-togglebutton fades the opened text in
    context.close()
    assert found == []
