"""Server mode in a real browser: two people register, link their accounts with an invite code, one shares a
saved exchange, and the other sees it on their History. Screenshots go to `tests/output/screenshots/`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from feelheard.pipeline import Pipeline
from feelheard.storage.db import dispose_engines, get_engine, sqlite_url
from feelheard.web import WebConfig, create_app

from .conftest import serve_in_thread
from .exchanges import CANDIDATES
from .server import PASSWORD
from .test_browser import ARGS, CHROMIUM, _context

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server_mode_server(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server in server mode, on its own SQLite file, in a thread of this process."""
    app = create_app(WebConfig(mode="server"))
    app.state.pipeline = pipeline
    app.state.storage_engine = get_engine(sqlite_url(tmp_path_factory.mktemp("server-mode") / "server.db"))
    with serve_in_thread(app) as url:
        yield url
    dispose_engines()


def _person(browser: Any, errors: list[str]) -> Any:
    context = _context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


def _register(page: Any, base: str, name: str) -> None:
    page.goto(base + "/history")
    page.wait_for_url("**/login?next=%2Fhistory")
    page.get_by_role("link", name="Make an account").click()
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.fill("#password2", PASSWORD)
    page.click("#register-submit")
    page.wait_for_url("**/account?welcome=1")
    sync_api.expect(page.locator(".signed-in-as")).to_contain_text(name)


def test_two_people_link_and_share(server_mode_server: str, screenshots: Path) -> None:
    base = server_mode_server
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            ana, ben = _person(browser, errors), _person(browser, errors)
            ana.goto(base + "/")
            ana.wait_for_url("**/login")
            ana.screenshot(path=str(screenshots / "server-login.png"), full_page=True)
            ana.get_by_role("link", name="Make an account").click()
            ana.screenshot(path=str(screenshots / "server-register.png"), full_page=True)
            _register(ana, base, "ana")
            _register(ben, base, "ben")

            # ana makes an invite code; ben types it in.
            ana.click("#invite-submit")
            code = ana.locator("#invite-code").inner_text().strip()
            assert len(code) == 11 and code[5] == "-"
            ana.screenshot(path=str(screenshots / "server-account-invite.png"), full_page=True)
            ben.goto(base + "/account")
            ben.fill("#invite-code-input", code)
            ben.click("#link-submit")
            ben.wait_for_url("**/account?linked=1")
            sync_api.expect(ben.locator("#partner-name")).to_have_text("ana")
            ben.screenshot(path=str(screenshots / "server-account-linked.png"), full_page=True)

            # ana saves an exchange from the Coach and shares it from History.
            partner, reply = CANDIDATES[0]
            ana.goto(base + "/")
            ana.fill("#partner", partner)
            ana.fill("#reply", reply)
            sync_api.expect(ana.locator("#marked-draft")).to_have_text(
                reply, use_inner_text=True, timeout=30_000
            )
            ana.click("#save-exchange")
            ana.wait_for_url("**/history?saved=*")
            item = ana.locator(".history-item").first
            item.get_by_role("button", name="Share with ben").click()
            ana.wait_for_url("**/history?shared=*")
            sync_api.expect(ana.locator(".history-shared")).to_have_text("Shared with ben")
            ana.screenshot(path=str(screenshots / "server-history-shared.png"), full_page=True)

            # ben sees it, read-only.
            ben.goto(base + "/history")
            theirs = ben.locator(".history-item")
            sync_api.expect(theirs).to_have_count(1)
            sync_api.expect(theirs.locator(".history-shared-by")).to_have_text("Shared by ana")
            sync_api.expect(theirs.locator(".history-reply")).to_have_text(reply)
            assert theirs.get_by_role("button").count() == 0  # no forget, no share
            ben.screenshot(path=str(screenshots / "server-history-partner.png"), full_page=True)

            # On a phone the header (menu, name, Sign out) wraps instead of scrolling sideways.
            ana.set_viewport_size({"width": 375, "height": 780})
            ana.goto(base + "/account")
            assert ana.evaluate("document.documentElement.scrollWidth") <= 375
            ana.screenshot(path=str(screenshots / "server-account-phone.png"), full_page=True)
            ana.set_viewport_size({"width": 1280, "height": 900})
            ana.goto(base + "/history")

            # ana stops sharing; ben signs out.
            ana.get_by_role("button", name="Stop sharing").click()
            ana.wait_for_url("**/history?unshared=*")
            ben.reload()
            sync_api.expect(ben.locator(".history-item")).to_have_count(0)
            ben.click("#sign-out")
            ben.wait_for_url("**/login?signed_out=1")
            ben.goto(base + "/history")
            ben.wait_for_url("**/login?next=%2Fhistory")
        finally:
            browser.close()
    assert errors == []
