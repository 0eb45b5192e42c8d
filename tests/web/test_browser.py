"""Browser tests: Playwright drives Debian's chromium against a real uvicorn server on loopback.

Screenshots of each page go to `tests/output/screenshots/` for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .exchanges import CANDIDATES

CHROMIUM = os.environ.get("FEELHEARD_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DANGER = "He hit me again last night and I'm scared to go home"
NEUTRAL = "https://www.bbc.com/weather"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def _write_until_rewrite(page: Any, *, type_first: bool = False, submit: bool = False) -> tuple[str, str]:
    """Fill the Coach boxes with candidates until the results offer a rewrite; returns the exchange used."""
    for index, (partner, reply) in enumerate(CANDIDATES):
        page.fill("#partner", partner)
        if type_first and index == 0:
            page.fill("#reply", "")
            page.locator("#reply").press_sequentially(reply, delay=5)
        else:
            page.fill("#reply", reply)
        if submit:
            page.click("button[type=submit]")
            page.wait_for_load_state()
        # The panel has caught up with this exchange once the marked-up draft shows exactly this reply.
        sync_api.expect(page.locator("#marked-draft")).to_have_text(
            reply, use_inner_text=True, timeout=30_000
        )
        if page.locator("#suggestion-text").count():
            return partner, reply
    raise AssertionError("no candidate exchange got a rewrite")


def _context(browser: Any, **options: Any) -> Any:
    context = browser.new_context(**options)
    # Nothing may leave the machine: the neutral exit page is answered locally so the test needs no network.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("http://127.0.0.1")
            else route.fulfill(
                status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>"
            )
        ),
    )
    return context


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = _context(browser, viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    new_page = context.new_page()
    new_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    new_page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield new_page
    context.close()
    # A CSP violation or a script error shows up in the console: there must be none.
    assert errors == []


def test_typing_shows_highlights_and_suggestion(page: Any, live_server: str, screenshots: Path) -> None:
    page.goto(live_server + "/")
    page.screenshot(path=str(screenshots / "coach-empty.png"), full_page=True)
    _, reply = _write_until_rewrite(page, type_first=True)
    highlight = page.locator("#marked-draft mark.hl-pitfall").first
    assert highlight.is_visible()
    assert page.locator("#marked-draft").inner_text() == reply
    assert page.locator("#suggestion-text").inner_text().strip()
    assert page.locator(".score-number").inner_text().isdigit()
    # The tip shows on keyboard focus, not only on hover.
    highlight.focus()
    assert page.locator("#marked-draft mark.hl-pitfall .tip").first.is_visible()
    copy = page.locator("[data-copy=suggestion-text]")
    assert copy.is_visible()
    page.click(".diff-box summary")
    assert page.locator(".diff ins, .diff del").count() >= 1
    page.evaluate("window.scrollTo(0, 0)")  # the form is sticky: shoot from the top so it sits in place
    page.screenshot(path=str(screenshots / "coach-results.png"), full_page=True)


def test_copy_button_copies_the_suggestion(browser: Any, live_server: str) -> None:
    context = _context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server + "/")
    _write_until_rewrite(page)
    page.click("[data-copy=suggestion-text]")
    page.locator(".copy-status", has_text="Copied").wait_for(timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#suggestion-text").inner_text()
    context.close()


def test_form_works_without_javascript(browser: Any, live_server: str, screenshots: Path) -> None:
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    _, reply = _write_until_rewrite(page, submit=True)
    assert page.locator("#marked-draft mark.hl-pitfall").count() >= 1
    assert page.locator("#suggestion-text").inner_text().strip()
    assert page.locator("#reply").input_value() == reply
    # Copy needs JavaScript, so without it the button stays hidden rather than doing nothing.
    assert not page.locator("[data-copy=suggestion-text]").is_visible()
    page.screenshot(path=str(screenshots / "coach-no-javascript.png"), full_page=True)
    context.close()


def test_quick_exit_leaves_at_once_and_clears(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.fill("#partner", "something private")
    page.click("#quick-exit")
    page.wait_for_url(NEUTRAL + "*", timeout=10_000)
    # location.replace: the coach is not in the back history.
    page.go_back()
    assert not page.url.startswith(live_server)


def test_escape_twice_is_a_quick_exit(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.locator("#reply").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL + "*", timeout=10_000)


def test_safety_exchange_shows_resources_and_no_score(page: Any, live_server: str, screenshots: Path) -> None:
    page.goto(live_server + "/")
    page.fill("#partner", DANGER)
    page.fill("#reply", "ok")
    page.locator(".card.safety").wait_for(timeout=20_000)
    assert page.locator(".resources li").count() >= 1
    assert page.locator(".score-number").count() == 0
    assert page.locator("#suggestion-text").count() == 0
    page.screenshot(path=str(screenshots / "coach-safety.png"), full_page=True)
    page.click(".card.safety [data-quick-exit]")
    page.wait_for_url(NEUTRAL + "*", timeout=10_000)


def test_keyboard_order_reaches_the_boxes(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    seen: list[str] = []
    for _ in range(20):  # the menu grows as pages arrive
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    assert seen[0] == "Skip to the main content"
    assert seen.index("partner") < seen.index("reply")


def test_phone_width_has_no_sideways_scroll(browser: Any, live_server: str, screenshots: Path) -> None:
    context = _context(browser, viewport={"width": 375, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(live_server + "/")
    _write_until_rewrite(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    assert page.locator("#quick-exit").is_visible()
    page.screenshot(path=str(screenshots / "coach-phone.png"), full_page=True)
    context.close()


def test_settings_page(page: Any, live_server: str, screenshots: Path) -> None:
    page.goto(live_server + "/settings")
    page.select_option("#country", "GB")
    page.click("button[type=submit]")
    page.locator(".notice-ok").wait_for(timeout=10_000)
    assert page.locator("#country").input_value() == "GB"
    page.screenshot(path=str(screenshots / "settings.png"), full_page=True)


def test_api_docs_page(page: Any, live_server: str, screenshots: Path) -> None:
    page.goto(live_server + "/api/docs")
    assert page.locator("code", has_text="/api/v1/analyze").count() >= 1
    page.screenshot(path=str(screenshots / "api-docs.png"), full_page=True)
