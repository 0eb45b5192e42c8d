"""Assessments and check-ins in a real browser: Playwright drives Debian's chromium against the live test server.

One walk through: take the empathy self-check, read the result, then do a daily check-in and see the streak.
No console errors (a CSP violation would show up there). Screenshots go to `tests/output/screenshots/`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .test_browser import ARGS, CHROMIUM, _context

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")
sync_api = pytest.importorskip("playwright.sync_api")

# Scale positions (1 to 5) for the ten empathy items: a mix of strengths and habits to work on.
ANSWERS = [4, 3, 2, 4, 3, 4, 2, 3, 5, 2]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def test_take_the_empathy_check_then_do_a_daily_checkin(
    browser: Any, live_server: str, screenshots: Path
) -> None:
    errors: list[str] = []
    context = _context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(live_server + "/assess")
    assert page.locator(".assess-card").count() == 3
    page.click("#assess-empathy")
    page.wait_for_url("**/assess/empathy")
    questions = page.locator(".question")
    assert questions.count() == 10
    for index, answer in enumerate(ANSWERS):
        # Click the visible label: the radio button sits inside it.
        questions.nth(index).locator(".scale-option").nth(answer - 1).click()
    assert page.locator("input[type=radio]:checked").count() == 10
    page.screenshot(path=str(screenshots / "assess.png"), full_page=True)
    with page.expect_navigation():
        page.click("button[type=submit]")
    score = page.locator("#assess-score").inner_text()
    assert score.isdigit() and 0 <= int(score) <= 100
    assert page.locator("#assess-band").inner_text().strip()
    assert page.locator(".band-current").count() == 1
    assert page.locator(".recommendations a").count() >= 1
    assert page.locator(".notice-ok").is_visible()
    page.screenshot(path=str(screenshots / "assess_result.png"), full_page=True)

    page.goto(live_server + "/checkins")
    page.click("#ritual-daily_checkin")
    page.wait_for_url("**/checkins/daily_checkin")
    assert page.locator(".prompt-idea").count() == 2
    page.locator(".mood-option").nth(3).click()
    page.fill("#step-appreciation", "You waited up for me with soup when my train was late.")
    page.fill("#step-noticed", "I fixed the wobbly shelf in the hall.")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/checkins/saved/" in page.url
    assert page.locator("#streak-current").inner_text() == "1"
    assert page.locator(".prompt-used li").count() == 2
    assert "soup" in page.locator(".checkin-answers").inner_text()

    page.goto(live_server + "/checkins")
    assert page.locator("#streak-current").inner_text() == "1"
    assert page.locator(".checkin-entry").count() >= 1
    page.screenshot(path=str(screenshots / "checkins.png"), full_page=True)

    # Phone width: nothing scrolls sideways.
    page.set_viewport_size({"width": 375, "height": 780})
    for path in ("/assess/empathy", "/checkins", "/checkins/weekly_connection"):
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    context.close()
    assert errors == []
