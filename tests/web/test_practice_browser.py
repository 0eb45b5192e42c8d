"""Practice and Progress in a real browser: Playwright drives Debian's chromium against the live test server.

One walk through: the scenario bank, a gentle scenario played to its ending, the role reversal, then the
progress page with its sandboxed charts. Screenshots go to `tests/output/screenshots/`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .test_browser import ARGS, CHROMIUM, _context

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")
sync_api = pytest.importorskip("playwright.sync_api")

SCENARIO = "dishes-after-double-shift"
# The first reply explains instead of listening, so the notes have something to mark; the rest are warm.
FIRST = "Well I was going to do them in the morning. It's not a big deal."
WARM = (
    "That sounds really hard, and I'm sorry. You have every right to feel this way. "
    "I'm here and I want to make it right."
)
MAX_ROUNDS = 8


def _seed_two_weeks() -> None:
    """Two weeks of earlier use, so the progress screenshot shows what a person sees after a few days:
    practice that improves, a check-in streak, and an assessment taken twice (all stored as the features
    store them, dated in the past)."""
    from datetime import UTC, datetime, timedelta

    from feelheard.assess.content import get_assessment
    from feelheard.assess.scoring import score_answers
    from feelheard.assess.store import save_result
    from feelheard.practice import engine, service
    from feelheard.rituals.store import fill, save_checkin
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    now = datetime.now(UTC)
    plan = [(13, 34, ["defensiveness"]), (11, 41, ["advice_giving"]), (8, 58, []), (5, 66, []), (2, 78, [])]
    with session_scope() as session:
        me = repo.local_user(session).id
        for days_ago, score, pitfalls in plan:
            state = engine.start(SCENARIO)
            state.exchanges = [
                engine.Exchange(
                    turn=turn, partner=state.scenario.turns[turn].partner, reply="(earlier practice)",
                    outcome="heard" if not pitfalls else "escalates", score=score,
                    moves=["validation", "reflection"] if not pitfalls else [], pitfalls=pitfalls, suggestion=None,
                )
                for turn in ("open", "softer")
            ]  # fmt: skip
            state.turn = "end_close" if not pitfalls else "end_hurt"
            repo.save_item(
                session, owner_id=me, kind="practice", payload=state.to_dict(), title=service.title_of(state),
                created_at=now - timedelta(days=days_ago),
            )  # fmt: skip
        empathy = get_assessment("empathy")
        assert empathy is not None
        for days_ago, answer in [(12, 2), (1, 4)]:
            result = score_answers(empathy, [answer] * len(empathy.items))
            save_result(session, owner_id=me, result=result, day=(now - timedelta(days=days_ago)).date())
        for days_ago, mood in [(6, 2), (5, 3), (4, 3), (3, 4), (2, 4), (1, 5)]:
            day = (now - timedelta(days=days_ago)).date()
            filled = fill("daily_checkin", {"mood": mood, "appreciation": "You made tea"}, day=day)
            save_checkin(session, owner_id=me, filled=filled)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def _page(browser: Any, errors: list[str], **options: Any) -> tuple[Any, Any]:
    context = _context(browser, **options)
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page


def _send(page: Any, selector: str, text: str, button: str) -> None:
    page.fill(selector, text)
    with page.expect_navigation():
        page.click(button)


def test_practice_to_an_ending_then_progress(browser: Any, live_server: str, screenshots: Path) -> None:
    errors: list[str] = []
    context, page = _page(browser, errors, viewport={"width": 1280, "height": 900})

    page.goto(live_server + "/practice?level=1")
    assert page.locator(".scenario-card").count() >= 1
    titles = page.locator(".practice-level-title").all_inner_texts()
    assert len(titles) == 1 and titles[0].endswith("Gentle")
    page.goto(live_server + "/practice")
    page.screenshot(path=str(screenshots / "practice.png"), full_page=False)

    page.click(f"#scenario-{SCENARIO}")
    page.wait_for_url(f"**/practice/{SCENARIO}")
    opening = page.locator("#partner-line").inner_text()
    assert opening.strip()
    _send(page, "#reply", FIRST, "#send-reply")
    assert "/practice/session/" in page.url
    feedback = page.locator("#feedback")
    assert feedback.is_visible()
    assert page.locator("#round-score .score-number").inner_text().isdigit()
    assert page.locator("#landed").inner_text().endswith(".")
    assert page.locator("#marked-reply").inner_text() == FIRST
    # The chat shows their opening line, the reply, and what they said back.
    bubbles = page.locator(".practice-chat .bubble-text").all_inner_texts()
    assert bubbles[0] == opening and bubbles[1] == FIRST and len(bubbles) == 3
    page.screenshot(path=str(screenshots / "practice_session.png"), full_page=True)

    for _ in range(MAX_ROUNDS):
        if not page.locator("#practice-reply").count():
            break
        _send(page, "#reply", WARM, "#send-reply")
    ending = page.locator("#ending")
    assert ending.is_visible()
    assert "How it went" in ending.inner_text() and "Underneath" in ending.inner_text()

    # Role reversal on the weakest reply: the first one.
    assert page.locator("#weakest-reply").inner_text() == FIRST
    _send(
        page,
        "#as-partner",
        "It sounds like an excuse. I just wanted you to notice how tired I am.",
        "#send-reversal",
    )
    reversal = page.locator("#reversal")
    assert "From the other side" in reversal.inner_text()
    assert page.locator("#try-again").is_visible()
    page.locator("#ending").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "practice_end.png"), full_page=True)

    _seed_two_weeks()
    page.goto(live_server + "/progress")
    assert page.locator("#summary li").count() >= 1
    assert page.locator("#practice-table tbody tr").count() >= 1
    frame = page.frame_locator("iframe.progress-frame")
    frame.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=20_000)
    page.locator("iframe.progress-frame").scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # let plotly finish its first paint before the picture
    assert frame.locator(".js-plotly-plot").count() >= 1
    page.screenshot(path=str(screenshots / "progress.png"), full_page=True)
    context.close()
    assert errors == []  # no CSP violation and no script error, in the pages or the charts frame


def test_practice_works_without_javascript_and_at_phone_width(browser: Any, live_server: str) -> None:
    errors: list[str] = []
    context, page = _page(
        browser, errors, java_script_enabled=False, viewport={"width": 375, "height": 780}, is_mobile=True
    )
    page.goto(f"{live_server}/practice/{SCENARIO}")
    _send(page, "#reply", WARM, "#send-reply")
    assert page.locator("#feedback").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(live_server + "/practice")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(live_server + "/progress")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
    assert errors == []
