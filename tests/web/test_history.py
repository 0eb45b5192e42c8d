"""Saved exchanges, History and "Your data": the REST API under /api/v1 and the pages, on throwaway databases."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from feelheard.pipeline import Pipeline
from feelheard.storage.db import dispose_engines

from .conftest import make_app
from .exchanges import CANDIDATES

DANGER = "He hit me again last night and I'm scared to go home"
XSS_PARTNER = "<script>alert('partner')</script> I felt left out"
XSS_REPLY = "<img src=x onerror=alert(1)> You're overreacting"
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty local database for one test."""
    monkeypatch.setenv("FEELHEARD_HOME", str(tmp_path))
    yield tmp_path
    dispose_engines()


@pytest.fixture
def api(client: TestClient, home: Path) -> TestClient:
    return client


def _save(api: TestClient, partner: str, reply: str) -> dict[str, Any]:
    response = api.post("/api/v1/history", json={"partner": partner, "reply": reply})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


# --- REST API -------------------------------------------------------------------------------------------------


def test_save_list_show_forget(api: TestClient) -> None:
    first = _save(api, *CANDIDATES[0])
    assert first["partner"] == CANDIDATES[0][0] and first["reply"] == CANDIDATES[0][1]
    assert first["safety_level"] == "none"
    assert isinstance(first["score"], int)
    assert first["pitfalls"], "a dismissive reply has at least one pitfall"
    assert first["analysis"]["score"] == first["score"]
    second = _save(api, *CANDIDATES[1])

    listed = api.get("/api/v1/history").json()
    assert listed["total"] == 2
    assert [i["id"] for i in listed["items"]] == [second["id"], first["id"]]  # newest first
    assert "analysis" not in listed["items"][0]
    paged = api.get("/api/v1/history", params={"limit": 1, "offset": 1}).json()
    assert [i["id"] for i in paged["items"]] == [first["id"]] and paged["total"] == 2

    shown = api.get(f"/api/v1/history/{first['id']}")
    assert shown.status_code == 200 and shown.json()["analysis"]["pitfalls"]

    assert api.delete(f"/api/v1/history/{first['id']}").status_code == 204
    missing = api.get(f"/api/v1/history/{first['id']}")
    assert missing.status_code == 404 and "no saved exchange" in missing.json()["detail"]
    assert api.delete(f"/api/v1/history/{first['id']}").status_code == 404
    assert api.get("/api/v1/history").json()["total"] == 1


def test_history_paging_is_validated(api: TestClient) -> None:
    for params in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "many"}):
        response = api.get("/api/v1/history", params=params)
        assert response.status_code == 422 and isinstance(response.json()["detail"], str)


def test_save_refuses_bad_bodies(api: TestClient) -> None:
    assert api.post("/api/v1/history", json={}).status_code == 422
    assert api.post("/api/v1/history", json={"partner": "hi", "extra": 1}).status_code == 422
    assert api.post("/api/v1/history", json={"partner": 3}).status_code == 422
    assert api.get("/api/v1/history").json()["total"] == 0


def test_safety_exchange_is_never_stored(api: TestClient, home: Path) -> None:
    response = api.post("/api/v1/history", json={"partner": DANGER, "reply": "ok"})
    assert response.status_code == 409
    assert "safety" in response.json()["detail"] and "not saved" in response.json()["detail"]
    assert api.get("/api/v1/history").json()["total"] == 0
    database = (home / "feelheard.db").read_bytes()
    assert b"scared to go home" not in database


def test_export_import_delete_all_round_trip(api: TestClient) -> None:
    saved = [_save(api, *CANDIDATES[i]) for i in range(2)]
    export = api.get("/api/v1/export")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("application/json")
    assert re.match(
        r'attachment; filename="feelheard-export-\d{4}-\d\d-\d\d\.json"',
        export.headers["content-disposition"],
    )
    data = export.json()
    assert data["format"] == "feelheard-export"
    assert {i["uid"] for i in data["items"]} == {s["uid"] for s in saved}

    for confirm in (None, {}, {"confirm": "yes"}, {"confirm": "DELETE"}, ["delete everything"]):
        refused = api.post("/api/v1/delete-all", json=confirm)
        assert refused.status_code == 400, confirm
        assert "delete everything" in refused.json()["detail"]
    # A text/plain body that looks like JSON is what a cross-site form can send: refused.
    plain = api.post(
        "/api/v1/delete-all",
        content=b'{"confirm": "delete everything"}',
        headers={"content-type": "text/plain"},
    )
    assert plain.status_code == 400
    assert api.get("/api/v1/history").json()["total"] == 2

    deleted = api.post("/api/v1/delete-all", json={"confirm": "delete everything"})
    assert deleted.status_code == 200 and deleted.json()["items"] == 2
    assert api.get("/api/v1/history").json() == {"items": [], "total": 0, "limit": 20, "offset": 0}

    raw = export.content
    upload = {"file": ("export.json", raw, "application/json")}
    imported = api.post("/api/v1/import", files=upload)
    assert imported.status_code == 200, imported.text
    assert imported.json()["added"] == 2 and imported.json()["skipped"] == 0
    again = api.post("/api/v1/import", content=raw, headers={"content-type": "application/json"})
    assert again.status_code == 200 and again.json() == {"added": 0, "skipped": 2, "settings": 0}
    listed = api.get("/api/v1/history").json()
    assert {i["uid"] for i in listed["items"]} == {s["uid"] for s in saved}
    assert {i["reply"] for i in listed["items"]} == {CANDIDATES[0][1], CANDIDATES[1][1]}


@pytest.mark.parametrize(
    ("content", "status", "words"),
    [
        (b"", 422, "empty"),
        (b"not json at all", 422, "not readable JSON"),
        (b"\xff\xfe\x00", 422, "not readable JSON"),
        (b"[1, 2, 3]", 422, "not a feelheard export"),
        (b'{"format": "something-else"}', 422, "not a feelheard export"),
        (b'{"format": "feelheard-export", "version": 99}', 422, "version"),
        (
            b'{"format": "feelheard-export", "version": 1, "items": [{"uid": "x", "kind": "nope"}]}',
            422,
            "kind",
        ),
    ],
)
def test_bad_import_files_are_refused(api: TestClient, content: bytes, status: int, words: str) -> None:
    response = api.post("/api/v1/import", files={"file": ("bad.json", content, "application/json")})
    assert response.status_code == status
    assert words in response.json()["detail"]
    assert api.get("/api/v1/history").json()["total"] == 0


def test_import_needs_a_file(api: TestClient) -> None:
    no_file = api.post("/api/v1/import", data={"something": "else"}, files={"other": ("a", b"{}")})
    assert no_file.status_code == 422 and "file" in no_file.json()["detail"]
    wrong_type = api.post("/api/v1/import", content=b"{}", headers={"content-type": "text/plain"})
    assert wrong_type.status_code == 415


def test_import_size_is_limited(pipeline: Pipeline, home: Path) -> None:
    app = make_app(pipeline, max_import_bytes=4096)
    big = json.dumps({"format": "feelheard-export", "version": 1, "items": [], "pad": "x" * 10_000})
    with TestClient(app) as small:
        multipart = small.post(
            "/api/v1/import", files={"file": ("big.json", big.encode(), "application/json")}
        )
        assert multipart.status_code == 413 and "too large" in multipart.json()["detail"]
        plain = small.post(
            "/api/v1/import", content=big.encode(), headers={"content-type": "application/json"}
        )
        assert plain.status_code == 413
        fits = small.post("/api/v1/import", json={"format": "feelheard-export", "version": 1, "items": []})
        assert fits.status_code == 200


def test_other_websites_cannot_change_data(api: TestClient) -> None:
    saved = _save(api, *CANDIDATES[0])
    foreign = {"origin": "https://evil.example", "sec-fetch-site": "cross-site"}
    assert (
        api.post("/api/v1/history", json={"partner": "a", "reply": "b"}, headers=foreign).status_code == 403
    )
    assert api.delete(f"/api/v1/history/{saved['id']}", headers=foreign).status_code == 403
    body = {"confirm": "delete everything"}
    assert api.post("/api/v1/delete-all", json=body, headers={"origin": "null"}).status_code == 403
    upload = {"file": ("x.json", b'{"format": "feelheard-export", "version": 1}', "application/json")}
    assert api.post("/api/v1/import", files=upload, headers=foreign).status_code == 403
    assert api.get("/api/v1/history").json()["total"] == 1
    # The app's own pages send their own origin.
    same = {"origin": "http://testserver", "sec-fetch-site": "same-origin"}
    assert api.delete(f"/api/v1/history/{saved['id']}", headers=same).status_code == 204


def test_no_database_work_until_used(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "lazy"
    monkeypatch.setenv("FEELHEARD_HOME", str(home))
    app = make_app(pipeline)
    with TestClient(app) as fresh:
        assert fresh.get("/").status_code == 200
        assert fresh.get("/settings").status_code == 200
        assert not home.exists()
        assert fresh.get("/api/v1/history").status_code == 200
    assert (home / "feelheard.db").exists()
    dispose_engines()


def test_openapi_lists_the_data_endpoints(api: TestClient) -> None:
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/history",
        "/api/v1/history/{item_id}",
        "/api/v1/export",
        "/api/v1/import",
        "/api/v1/delete-all",
    ):
        assert path in paths


# --- pages ----------------------------------------------------------------------------------------------------


def _coach(api: TestClient, partner: str, reply: str) -> str:
    page = api.get("/")
    response = api.post("/", data={"csrf_token": _token(page.text), "partner": partner, "reply": reply})
    assert response.status_code == 200
    return response.text


def test_save_button_saves_and_history_lists(api: TestClient) -> None:
    partner, reply = CANDIDATES[0]
    html = _coach(api, partner, reply)
    assert 'id="save-exchange"' in html and 'action="/history/save"' in html
    form = {"csrf_token": _token(html), "partner": partner, "reply": reply}
    response = api.post("/history/save", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/history?saved=")
    page = api.get(response.headers["location"])
    assert page.status_code == 200
    assert "Saved." in page.text and 'class="card history-item"' in page.text
    assert reply in page.text.replace("&#39;", "'")
    assert re.search(r'class="score-number">\d+<', page.text)
    assert 'class="chip"' in page.text  # a pitfall is named
    assert '<a href="/history" aria-current="page">History</a>' in page.text


def test_save_needs_csrf(api: TestClient) -> None:
    partner, reply = CANDIDATES[0]
    api.get("/")
    missing = api.post("/history/save", data={"partner": partner, "reply": reply})
    assert missing.status_code == 403
    forged = api.post("/history/save", data={"csrf_token": "0" * 64, "partner": partner, "reply": reply})
    assert forged.status_code == 403
    assert api.get("/api/v1/history").json()["total"] == 0


def test_safety_exchange_has_no_save_button_and_is_refused(api: TestClient) -> None:
    html = _coach(api, DANGER, "ok")
    assert "card safety" in html and "save-exchange" not in html
    fragment = api.post("/coach/results", json={"partner": DANGER, "reply": "ok"})
    assert "save-exchange" not in fragment.text
    form = {"csrf_token": _token(html), "partner": DANGER, "reply": "ok"}
    refused = api.post("/history/save", data=form, follow_redirects=False)
    assert refused.status_code == 409 and "card safety" in refused.text
    assert api.get("/api/v1/history").json()["total"] == 0


def test_live_results_fragment_offers_save(api: TestClient) -> None:
    api.get("/")
    fragment = api.post("/coach/results", json={"partner": CANDIDATES[0][0], "reply": CANDIDATES[0][1]})
    assert fragment.status_code == 200 and 'id="save-exchange"' in fragment.text
    assert _token(fragment.text)


def test_history_page_escapes_text(api: TestClient) -> None:
    _save(api, XSS_PARTNER, XSS_REPLY)
    page = api.get("/history").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;partner&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_history_page_empty_and_paged(api: TestClient) -> None:
    empty = api.get("/history")
    assert empty.status_code == 200 and "Nothing saved yet" in empty.text
    assert api.get("/history?page=abc").status_code == 200


def test_forget_from_history_needs_csrf(api: TestClient) -> None:
    saved = _save(api, *CANDIDATES[0])
    page = api.get("/history").text
    action = f'action="/history/{saved["id"]}/forget"'
    assert action in page
    assert api.post(f"/history/{saved['id']}/forget", data={}).status_code == 403
    assert api.get("/api/v1/history").json()["total"] == 1
    done = api.post(
        f"/history/{saved['id']}/forget", data={"csrf_token": _token(page)}, follow_redirects=False
    )
    assert done.status_code == 303
    after = api.get(done.headers["location"]).text
    assert "Forgotten." in after and "history-item" not in after
    assert api.get("/api/v1/history").json()["total"] == 0


def test_settings_your_data_section(api: TestClient) -> None:
    page = api.get("/settings").text
    assert 'id="your-data"' in page
    assert 'href="/api/v1/export"' in page
    assert 'action="/settings/import"' in page and 'enctype="multipart/form-data"' in page
    assert 'action="/settings/delete-all"' in page and 'id="confirm-delete"' in page


def test_settings_delete_all_needs_the_phrase_and_csrf(api: TestClient) -> None:
    _save(api, *CANDIDATES[0])
    token = _token(api.get("/settings").text)
    no_csrf = api.post("/settings/delete-all", data={"confirm": "delete everything"})
    assert no_csrf.status_code == 403
    wrong = api.post("/settings/delete-all", data={"csrf_token": token, "confirm": "delete"})
    assert wrong.status_code == 422 and "Nothing was deleted" in wrong.text
    assert api.get("/api/v1/history").json()["total"] == 1
    done = api.post(
        "/settings/delete-all",
        data={"csrf_token": token, "confirm": "  Delete everything "},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "has been deleted" in api.get(done.headers["location"]).text
    assert api.get("/api/v1/history").json()["total"] == 0


def test_settings_import_form(api: TestClient) -> None:
    _save(api, *CANDIDATES[0])
    raw = api.get("/api/v1/export").content
    api.post("/api/v1/delete-all", json={"confirm": "delete everything"})
    token = _token(api.get("/settings").text)
    upload = {"file": ("mine.json", raw, "application/json")}
    no_csrf = api.post("/settings/import", files=upload)
    assert no_csrf.status_code == 403
    bad = api.post("/settings/import", data={"csrf_token": token}, files={"file": ("x.json", b"nope")})
    assert bad.status_code == 422 and "not a feelheard export" in bad.text
    foreign = api.post(
        "/settings/import", data={"csrf_token": token}, files={"file": ("x.json", b'{"format": "x"}')}
    )
    assert foreign.status_code == 422 and "Nothing was imported" in foreign.text
    assert api.get("/api/v1/history").json()["total"] == 0
    done = api.post("/settings/import", data={"csrf_token": token}, files=upload, follow_redirects=False)
    assert done.status_code == 303
    assert "Imported 1 item." in api.get(done.headers["location"]).text
    assert api.get("/api/v1/history").json()["total"] == 1


# --- in a real browser ----------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")
def test_browser_analyze_save_see_forget(
    live_server: str, screenshots: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    from .test_browser import ARGS, _context

    # The server runs in this process and opens the database on each use, so this points it at a fresh one.
    monkeypatch.setenv("FEELHEARD_HOME", str(tmp_path))
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            context = _context(browser, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            partner, reply = CANDIDATES[0]
            page.goto(live_server + "/")
            page.fill("#partner", partner)
            page.fill("#reply", reply)
            sync_api.expect(page.locator("#marked-draft")).to_have_text(
                reply, use_inner_text=True, timeout=30_000
            )
            page.click("#save-exchange")
            page.wait_for_url("**/history?saved=*", timeout=15_000)
            item = page.locator(".history-item")
            sync_api.expect(item).to_have_count(1)
            sync_api.expect(item.locator(".history-reply")).to_have_text(reply)
            sync_api.expect(item.locator(".history-partner")).to_have_text(partner)
            assert page.locator("[role=status]", has_text="Saved.").is_visible()
            page.screenshot(path=str(screenshots / "history.png"), full_page=True)
            item.get_by_role("button", name="Forget this").click()
            page.wait_for_url("**/history?forgotten=1", timeout=15_000)
            sync_api.expect(page.locator(".history-item")).to_have_count(0)
            assert page.get_by_text("Nothing saved yet").is_visible()
            context.close()
        finally:
            browser.close()
    dispose_engines()
    assert errors == []
