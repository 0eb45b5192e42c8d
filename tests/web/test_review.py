"""The Chat review page and API: upload, limits, CSRF, escaping, the sandboxed report, and a real browser."""

from __future__ import annotations

import html
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from feelheard import load_pipeline
from feelheard.pipeline import Pipeline
from feelheard.web.app import create_app
from feelheard.web.deps import WebConfig
from feelheard.web.routes import review as review_routes

from .test_browser import ARGS, CHROMIUM

FIXTURES = Path(__file__).resolve().parents[1] / "transcript" / "fixtures"
CHAT = FIXTURES / "couple_android.txt"
HOSTILE = (
    "13/01/2024, 21:00 - Kim: <script>alert('xss')</script> You never listen, you're so selfish\n"
    "13/01/2024, 21:01 - Sam: </textarea><img src=x onerror=alert(2)> That's not what I meant\n"
    '13/01/2024, 21:02 - Kim: "><iframe src=javascript:alert(3)></iframe> whatever\n'
    "13/01/2024, 21:03 - Sam: I'm sorry. Can we start over? <b onmouseover=alert(4)>please</b>\n"
)


@pytest.fixture(scope="module")
def review_pipeline(pipeline: Pipeline) -> Pipeline:
    """The pipeline without suggestions, on the session's already loaded models."""
    del pipeline  # loads the models once for the session
    return load_pipeline(suggest=False)


@pytest.fixture(scope="module")
def review_app(review_pipeline: Pipeline) -> FastAPI:
    app = create_app(WebConfig())
    app.dependency_overrides[review_routes.get_review_pipeline] = lambda: review_pipeline
    return app


@pytest.fixture
def rclient(review_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(review_app) as test_client:
        yield test_client


def _token(client: TestClient) -> str:
    page = client.get("/review")
    assert page.status_code == 200
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    assert found
    return found.group(1)


def _upload(client: TestClient, name: str, content: bytes, *, token: str | None = "", **fields: str) -> Any:
    data = dict(fields)
    if token is not None:
        data["csrf_token"] = token or _token(client)
    return client.post("/review", data=data, files={"file": (name, content, "text/plain")})


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, name
    return html.unescape(found.group(1))


@pytest.fixture(scope="module")
def reviewed(review_app: FastAPI) -> dict[str, Any]:
    """One real review of the WhatsApp fixture, shared by the tests that read its page."""
    with TestClient(review_app) as client:
        response = _upload(client, "WhatsApp Chat with Sam.txt", CHAT.read_bytes(), me="Sam")
        return {
            "status": response.status_code,
            "text": response.text,
            "cookies": dict(client.cookies),
        }


def test_page_has_the_form_and_the_menu_entry(rclient: TestClient) -> None:
    page = rclient.get("/review")
    assert page.status_code == 200
    text = page.text
    assert 'enctype="multipart/form-data"' in text
    assert 'name="csrf_token"' in text
    assert 'accept=".txt,.zip,.json,.jsonl,.csv,.md"' in text
    assert 'name="me"' in text and 'name="anonymize"' in text
    assert "deleted as soon as it has been read" in text
    assert '<a href="/review" aria-current="page">Chat review</a>' in text
    assert '<a href="/review">Chat review</a>' in rclient.get("/").text
    assert "<script>" not in text  # only external scripts (CSP)


def test_upload_shows_findings_and_a_sandboxed_report(reviewed: dict[str, Any]) -> None:
    assert reviewed["status"] == 200
    text = reviewed["text"]
    assert "What we noticed" in text
    assert "Sam and Alex 🌙" in text
    assert "Who does the talking" in text
    frame = re.search(r"<iframe[^>]*>", text)
    assert frame
    assert 'sandbox="allow-scripts"' in frame.group(0)
    assert "allow-same-origin" not in text
    assert "Download report" in text
    # The app's page itself stays free of inline code, so its strict policy still holds.
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) is None
    assert " style=" not in text and "<style" not in text
    assert re.search(r"\son[a-z]+=", text) is None


def test_report_frame_runs_under_its_own_sandboxed_policy(
    review_app: FastAPI, reviewed: dict[str, Any]
) -> None:
    with TestClient(review_app, cookies=reviewed["cookies"]) as client:
        form = {k: _hidden(reviewed["text"], k) for k in ("csrf_token", "payload", "signature")}
        shown = client.post("/review/report", data=form)
        assert shown.status_code == 200
        policies = shown.headers.get_list("content-security-policy")
        assert policies == [review_routes.REPORT_CSP]
        assert policies[0].startswith("sandbox allow-scripts;")
        assert "unsafe-eval" not in policies[0]
        assert shown.headers["x-frame-options"] == "SAMEORIGIN"
        assert "Plotly" in shown.text and "<h1>Chat review</h1>" in shown.text
        download = client.post("/review/download", data=form)
        assert download.status_code == 200
        assert download.headers["content-disposition"] == 'attachment; filename="chat-review.html"'
        assert "<h1>Chat review</h1>" in download.text and "Plotly" in download.text
        # A changed figure breaks the signature: only what this server measured is ever rendered.
        forged = {**form, "payload": form["payload"].replace("Sam", "Eve")}
        refused = client.post("/review/report", data=forged)
        assert refused.status_code == 400
        assert "upload the chat again" in refused.text
        no_token = client.post("/review/report", data={**form, "csrf_token": "0" * 64})
        assert no_token.status_code == 403


def test_app_pages_keep_the_strict_policy(rclient: TestClient) -> None:
    policy = rclient.get("/review").headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert rclient.get("/review").headers["x-frame-options"] == "DENY"


def test_wrong_file_type_is_refused_clearly(rclient: TestClient) -> None:
    response = _upload(rclient, "holiday.png", b"\x89PNG\r\n\x1a\n....")
    assert response.status_code == 422
    assert "holiday.png is not a chat export this app can read" in response.text
    assert 'role="alert"' in response.text


def test_unreadable_content_names_only_the_chosen_file(rclient: TestClient) -> None:
    response = _upload(rclient, "notes.txt", b"\x00\x01\x02 binary")
    assert response.status_code == 422
    assert "notes.txt" in response.text
    assert "feelheard-review-" not in response.text and tempfile.gettempdir() not in response.text


def test_unknown_name_is_explained(rclient: TestClient) -> None:
    response = _upload(rclient, "chat.txt", CHAT.read_bytes(), me="Nobody Here")
    assert response.status_code == 422
    assert "Nobody Here" in html.unescape(response.text)


def test_csrf_token_is_required(rclient: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[Any] = []
    monkeypatch.setattr(review_routes, "run_review", lambda *a, **k: called.append(a))
    missing = _upload(rclient, "chat.txt", CHAT.read_bytes(), token=None)
    assert missing.status_code == 403
    wrong = _upload(rclient, "chat.txt", CHAT.read_bytes(), token="0" * 64)
    assert wrong.status_code == 403
    assert "needed a refresh" in wrong.text
    assert called == []


def test_too_large_upload_is_refused(rclient: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_routes, "MAX_UPLOAD_BYTES", 100)
    response = _upload(rclient, "chat.txt", CHAT.read_bytes())
    assert response.status_code == 413
    assert "The file is too large" in response.text


def test_body_limit_allows_big_exports_on_the_review_paths_only() -> None:
    limits = review_routes.body_limits()
    assert limits["/review"] > 50 * 1024 * 1024
    assert limits["/api/v1/review"] == limits["/review"]
    assert "/" not in limits


def test_review_paths_take_bodies_bigger_than_a_form(rclient: TestClient) -> None:
    # Bigger than the ordinary body limit: the middleware lets it through and the route judges the file.
    big = b"x" * (rclient.app.state.config.max_body_bytes + 100_000)  # type: ignore[attr-defined]
    response = _upload(rclient, "big.png", big)
    assert response.status_code == 422
    assert rclient.post("/coach/results", content=big).status_code == 413


def test_upload_leaves_no_file_behind(
    rclient: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ok = _upload(rclient, "chat.txt", HOSTILE.encode())
    assert ok.status_code == 200
    bad = _upload(rclient, "chat.txt", b"just some words without any author")
    assert bad.status_code == 422
    assert list(tmp_path.iterdir()) == []


def test_script_in_the_chat_is_shown_as_text(review_app: FastAPI) -> None:
    with TestClient(review_app) as client:
        response = _upload(client, "chat.txt", HOSTILE.encode(), me="Sam")
        assert response.status_code == 200
        page = response.text
        for raw in ("<script>alert", "<img src=x", "<iframe src=javascript", "<b onmouseover"):
            assert raw not in page
        assert "&lt;script&gt;alert(" in page or "&lt;img src=x" in page
        form = {k: _hidden(page, k) for k in ("csrf_token", "payload", "signature")}
        report = client.post("/review/report", data=form).text
        for raw in ("<script>alert", "<img src=x", "<iframe src=javascript", "<b onmouseover"):
            assert raw not in report


# --- REST API ------------------------------------------------------------------------------------------------


def test_api_returns_the_metrics(rclient: TestClient) -> None:
    response = rclient.post(
        "/api/v1/review",
        files={"file": ("chat.txt", CHAT.read_bytes(), "text/plain")},
        data={"me": "Sam", "anonymize": "true"},
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"import", "metrics"}
    assert body["import"]["format"].startswith("whatsapp")
    assert body["metrics"]["anonymized"] is True
    assert len(body["metrics"]["people"]) == 2
    assert "Sam" not in response.text  # anonymized before anything is measured or shown


def test_api_errors_are_clear(rclient: TestClient) -> None:
    wrong = rclient.post("/api/v1/review", files={"file": ("a.exe", b"MZ", "application/octet-stream")})
    assert wrong.status_code == 422
    assert wrong.json()["detail"].startswith("a.exe is not a chat export")
    missing = rclient.post("/api/v1/review", files={"other": ("a.txt", b"x", "text/plain")})
    assert missing.status_code == 422
    assert "multipart field named 'file'" in missing.json()["detail"]
    not_multipart = rclient.post("/api/v1/review", json={"file": "x"})
    assert not_multipart.status_code == 415
    unknown = rclient.post(
        "/api/v1/review", files={"file": ("c.txt", CHAT.read_bytes(), "text/plain")}, data={"me": "Zed"}
    )
    assert unknown.status_code == 422
    assert "Zed" in unknown.json()["detail"]


# --- a real browser ----------------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")
def test_browser_uploads_and_sees_the_report(live_server: str, screenshots: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        # Nothing may leave the machine.
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort()
            ),
        )
        page = context.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(live_server + "/review")
        page.set_input_files("#review-file", str(CHAT))
        page.fill("#review-me", "Sam")
        page.click("#review-submit")
        page.locator("#results").wait_for(timeout=120_000)
        assert page.locator("#review-title").inner_text() == "Sam and Alex 🌙"
        frame = page.frame_locator("#report-frame")
        sync_api.expect(frame.locator("h1")).to_have_text("Chat review", timeout=60_000)
        # The charts are drawn by plotly inside the sandbox: its scripts ran.
        frame.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        assert frame.locator(".js-plotly-plot").count() >= 1
        # The frame's document has an opaque origin: the app cannot be reached from it.
        report = next(f for f in page.frames if f.name == "report-frame")
        assert report.evaluate("window.origin") == "null"
        # Show the first chart inside the frame, and let the frame paint before the screenshot.
        report.evaluate("document.querySelector('.chart').scrollIntoView()")
        page.locator("#report-frame").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(screenshots / "review.png"), full_page=True)
        with page.expect_download() as info:
            page.click("#report-download")
        download = info.value
        assert download.suggested_filename == "chat-review.html"
        saved = tmp_path / "report.html"
        download.save_as(str(saved))
        assert "<h1>Chat review</h1>" in saved.read_text(encoding="utf-8")
        context.close()
        browser.close()
    # No CSP violation or script error, neither in the page nor in the report's frame.
    assert errors == []
