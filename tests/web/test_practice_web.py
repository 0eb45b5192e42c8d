"""Practice in the web app: the REST API under /api/v1/practice and the pages, on a throwaway database each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from feelheard.pipeline import Pipeline
from feelheard.practice.engine import MAX_REPLY_CHARS
from feelheard.practice.scenarios import load_bank
from feelheard.practice.service import choose
from feelheard.storage import repo
from feelheard.storage.db import get_engine, session_scope, sqlite_url

from .conftest import make_app

SCENARIO = "dishes-after-double-shift"
WARM = (
    "That sounds really hard, and I'm sorry. You have every right to feel this way. "
    "I'm here and I want to make it right."
)
COLD = "Whatever, you're overreacting as usual."
DANGER = "He hit me again last night and I'm scared to go home"
XSS = "<script>alert('reply')</script> I hear you <b>and</b> I'm sorry."
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
TURN = re.compile(r'name="turn" value="([^"]+)"')
MAX_ROUNDS = 10


@pytest.fixture(scope="module")
def practice_app(pipeline: Pipeline) -> FastAPI:
    return make_app(pipeline)


@pytest.fixture
def client(practice_app: FastAPI, tmp_path: Path) -> Iterator[TestClient]:
    """A client on a fresh, empty database of its own."""
    engine = get_engine(sqlite_url(tmp_path / "practice.sqlite"))
    practice_app.state.storage_engine = engine
    with TestClient(practice_app) as test_client:
        yield test_client
    practice_app.state.storage_engine = None
    engine.dispose()


def _engine(client: TestClient) -> Any:
    app: Any = client.app
    return app.state.storage_engine


def _items(client: TestClient) -> list[repo.ItemRecord]:
    with session_scope(_engine(client)) as session:
        me = repo.local_user(session)
        return repo.list_items(session, viewer_id=me.id, kind="practice", scope="mine")


def _token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def _turn(html: str) -> str:
    found = TURN.search(html)
    assert found, "the page has no reply form"
    return found.group(1)


def _start(client: TestClient, scenario: str = SCENARIO) -> dict[str, Any]:
    response = client.post("/api/v1/practice/sessions", json={"scenario": scenario})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _reply(client: TestClient, session_id: int, text: str) -> Any:
    return client.post(f"/api/v1/practice/sessions/{session_id}/reply", json={"reply": text})


# --- REST API -------------------------------------------------------------------------------------------------


def test_api_lists_and_filters_scenarios(client: TestClient) -> None:
    listed = client.get("/api/v1/practice/scenarios")
    assert listed.status_code == 200
    rows = listed.json()
    assert {r["id"] for r in rows} == set(load_bank())
    assert [r["level"] for r in rows] == sorted(r["level"] for r in rows)  # easiest first
    gentle = client.get("/api/v1/practice/scenarios", params={"level": 1}).json()
    assert gentle and {r["level"] for r in gentle} == {1}
    assert [r["id"] for r in gentle] == [s.id for s in choose(level=1)]
    chores = client.get("/api/v1/practice/scenarios", params={"topic": "chores"}).json()
    assert SCENARIO in {r["id"] for r in chores} and {r["topic"] for r in chores} == {"chores"}
    for params in ({"level": 7}, {"level": "hard"}, {"topic": "astrology"}):
        refused = client.get("/api/v1/practice/scenarios", params=params)
        assert refused.status_code == 422, params
        assert refused.json()["detail"].endswith(".")


def test_api_shows_one_scenario(client: TestClient) -> None:
    shown = client.get(f"/api/v1/practice/scenarios/{SCENARIO}")
    assert shown.status_code == 200
    body = shown.json()
    scenario = load_bank()[SCENARIO]
    assert body["opening"] == scenario.opening.partner
    assert body["context"] == scenario.context and body["level_name"] == "gentle"
    assert "turns" not in body and "underneath" not in body  # the branches unfold as you answer
    missing = client.get("/api/v1/practice/scenarios/no-such-thing")
    assert missing.status_code == 404 and "no practice scenario" in missing.json()["detail"]


def test_api_walks_a_conversation_to_an_ending_and_reverses(client: TestClient) -> None:
    started = _start(client)
    sid = started["id"]
    assert started["finished"] is False and started["exchanges"] == []
    assert started["partner_line"] == load_bank()[SCENARIO].opening.partner
    rounds = 0
    body: dict[str, Any] = {}
    while True:
        response = _reply(client, sid, WARM)
        assert response.status_code == 200, response.text
        body = response.json()
        rounds += 1
        round_ = body["round"]
        assert round_["stored"] is True and round_["safety"] is None
        assert round_["outcome"] in {"heard", "partly", "escalates", "withdraws"}
        assert isinstance(round_["score"], int) and round_["landed"].endswith(".")
        assert round_["next_line"] == body["session"]["partner_line"]
        for finding in round_["moves"] + round_["pitfalls"]:
            assert WARM[finding["start"] : finding["end"]] == finding["quote"]
        assert len(body["session"]["exchanges"]) == rounds
        if body["session"]["finished"]:
            break
        assert rounds < MAX_ROUNDS
    assert rounds >= 2
    session = body["session"]
    assert body["round"]["ending"] == session["ending"] == "repaired"
    assert body["round"]["debrief"] == session["debrief"] and session["debrief"]
    assert session["underneath"] and session["good_answer"] and session["weakest_round"] is not None
    assert session["score"] == round(sum(e["score"] for e in session["exchanges"]) / rounds)

    # A finished conversation takes no more replies.
    more = _reply(client, sid, WARM)
    assert more.status_code == 409 and "has ended" in more.json()["detail"]

    reversed_ = client.post(
        f"/api/v1/practice/sessions/{sid}/reverse", json={"text": "It feels like you see me."}
    )
    assert reversed_.status_code == 200, reversed_.text
    result = reversed_.json()
    assert result["stored"] is True
    assert result["reversal"]["as_partner"] == "It feels like you see me."
    assert result["reversal"]["feelings_underneath"] == list(load_bank()[SCENARIO].feelings)
    shown = client.get(f"/api/v1/practice/sessions/{sid}").json()
    assert shown["reversal"]["your_words"] == WARM and shown["finished"] is True

    listed = client.get("/api/v1/practice/sessions").json()
    assert [r["id"] for r in listed] == [sid]
    assert (
        listed[0]["finished"] is True and listed[0]["rounds"] == rounds and listed[0]["ending"] == "repaired"
    )
    # Progress counts it.
    progress = client.get("/api/v1/progress").json()
    assert [r["scenario"] for r in progress["practice"]] == [SCENARIO]


def test_api_a_cold_reply_escalates_and_can_end_stuck(client: TestClient) -> None:
    sid = _start(client)["id"]
    outcomes = []
    for _ in range(MAX_ROUNDS):
        body = _reply(client, sid, COLD).json()
        outcomes.append(body["round"]["outcome"])
        assert body["round"]["pitfalls"], "a dismissive reply has a pitfall"
        assert all(p["why"] for p in body["round"]["pitfalls"])
        if body["session"]["finished"]:
            break
    assert outcomes[0] in {"escalates", "withdraws"}
    assert body["session"]["ending"] in {"stuck", "partial"}


def test_api_refuses_bad_replies_clearly(client: TestClient) -> None:
    sid = _start(client)["id"]
    url = f"/api/v1/practice/sessions/{sid}/reply"
    cases: list[tuple[Any, str]] = [
        ({"reply": ""}, "empty"),
        ({"reply": "   \n "}, "empty"),
        ({"reply": "x" * (MAX_REPLY_CHARS + 1)}, "longer than"),
        ({"reply": "hi", "extra": 1}, "unknown field"),
        ({}, "reply"),
        ({"reply": 5}, "string"),
    ]
    for body, words in cases:
        response = client.post(url, json=body)
        assert response.status_code == 422, body
        detail = response.json()["detail"]
        assert words in detail.lower() and detail[0].isupper(), (body, detail)
    invalid_json = client.post(url, content=b"{nope", headers={"content-type": "application/json"})
    assert invalid_json.status_code == 422
    assert client.post("/api/v1/practice/sessions", json={"scenario": "nope"}).status_code == 404
    assert client.post("/api/v1/practice/sessions", json={"scenario": SCENARIO, "x": 1}).status_code == 422
    # Nothing above changed the conversation.
    assert client.get(f"/api/v1/practice/sessions/{sid}").json()["exchanges"] == []
    early = client.post(f"/api/v1/practice/sessions/{sid}/reverse", json={"text": "ok"})
    assert early.status_code == 409 and "once the conversation has ended" in early.json()["detail"]


def test_api_unknown_session_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/practice/sessions/999").status_code == 404
    assert _reply(client, 999, WARM).status_code == 404
    assert client.post("/api/v1/practice/sessions/999/reverse", json={"text": "ok"}).status_code == 404


def test_api_refuses_cross_site_posts(client: TestClient) -> None:
    response = client.post(
        "/api/v1/practice/sessions", json={"scenario": SCENARIO}, headers={"origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert _items(client) == []


def test_safety_reply_is_never_stored_api(client: TestClient) -> None:
    sid = _start(client)["id"]
    first = _reply(client, sid, WARM).json()
    before = _items(client)[0].payload
    flagged = _reply(client, sid, DANGER)
    assert flagged.status_code == 200
    body = flagged.json()
    assert body["round"]["stored"] is False and body["round"]["outcome"] is None
    assert body["round"]["score"] is None and body["round"]["suggestion"] is None
    assert body["round"]["safety"]["level"] in {"concern", "urgent"}
    assert body["round"]["safety"]["resources"], "help lines are offered"
    # The conversation is exactly as it was before that reply: nothing shows it was written.
    assert body["session"]["exchanges"] == first["session"]["exchanges"]
    assert body["session"]["stopped_for_safety"] is False
    after = _items(client)[0].payload
    assert after == before
    assert "scared" not in json.dumps(after)


def test_another_accounts_session_is_404(client: TestClient) -> None:
    from feelheard.practice import engine, service
    from feelheard.storage import accounts

    with session_scope(_engine(client)) as session:
        other = accounts.create_user(session, username="someone", password="a long enough password")
        theirs = service.save(session, owner_id=other.id, state=engine.start(SCENARIO)).id
    assert client.get(f"/api/v1/practice/sessions/{theirs}").status_code == 404
    assert _reply(client, theirs, WARM).status_code == 404
    assert client.get("/api/v1/practice/sessions").json() == []
    page = client.get(f"/practice/session/{theirs}", headers={"accept": "text/html"})
    assert page.status_code == 404 and "isn't here" in page.text


# --- pages ----------------------------------------------------------------------------------------------------


def test_bank_page_groups_and_filters(client: TestClient) -> None:
    page = client.get("/practice")
    assert page.status_code == 200
    html = page.text
    for scenario in load_bank().values():
        assert f'href="/practice/{scenario.id}"' in html
    for name in ("Gentle", "Charged", "Hard"):
        assert f"</span> {name}</h2>" in html
    assert 'aria-current="page"' in html and 'href="/practice"' in html
    gentle = client.get("/practice", params={"level": "1"}).text
    for scenario in load_bank().values():
        assert (f'href="/practice/{scenario.id}"' in gentle) == (scenario.level == 1)
    chores = client.get("/practice", params={"topic": "chores", "level": "gentle"}).text
    assert f'href="/practice/{SCENARIO}"' in chores
    assert all(s.topic == "chores" for s in load_bank().values() if f'href="/practice/{s.id}"' in chores)
    odd = client.get("/practice", params={"level": "99", "topic": "<b>x</b>"})
    assert odd.status_code == 200 and "every scenario is shown" in odd.text and "<b>x</b>" not in odd.text


def test_scenario_page_shows_context_and_opening(client: TestClient) -> None:
    scenario = load_bank()[SCENARIO]
    page = client.get(f"/practice/{SCENARIO}")
    assert page.status_code == 200
    assert scenario.title in page.text and 'action="/practice/' + SCENARIO + '/start"' in page.text
    assert 'name="reply"' in page.text and _token(page.text)
    missing = client.get("/practice/no-such-scenario", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "isn't here" in missing.text


def _walk_pages(client: TestClient, first: str, then: str) -> tuple[str, str]:
    """Play a conversation through the forms; returns the session URL and the final page."""
    page = client.get(f"/practice/{SCENARIO}").text
    started = client.post(
        f"/practice/{SCENARIO}/start",
        data={"csrf_token": _token(page), "reply": first},
        follow_redirects=False,
    )
    assert started.status_code == 303, started.text
    url = started.headers["location"].split("#")[0]
    assert re.fullmatch(r"/practice/session/\d+", url)
    html = client.get(url).text
    for _ in range(MAX_ROUNDS):
        if 'id="practice-reply"' not in html:
            break
        sent = client.post(
            f"{url}/reply",
            data={"csrf_token": _token(html), "turn": _turn(html), "reply": then},
            follow_redirects=False,
        )
        assert sent.status_code == 303 and sent.headers["location"].endswith("#feedback")
        html = client.get(url).text
    return url, html


def test_pages_walk_a_conversation_to_the_end(client: TestClient) -> None:
    url, html = _walk_pages(client, XSS, WARM)
    assert "How it went" in html and 'id="ending"' in html
    assert "Underneath" in html and "What a good answer does" in html
    scenario = load_bank()[SCENARIO]
    assert scenario.underneath in html.replace("&#39;", "'")
    # The notes on the last reply: score, how it landed, the reply marked up.
    assert 'id="feedback"' in html and 'class="score-number"' in html and 'id="landed"' in html
    # User text is shown as text, never run.
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;reply&#39;)&lt;/script&gt;" in html
    assert "<b>and</b>" not in html
    # The role reversal, on the weakest reply (the odd first one).
    assert 'action="' + url + '/reverse"' in html and 'id="weakest-reply"' in html
    done = client.post(
        f"{url}/reverse",
        data={"csrf_token": _token(html), "as_partner": "Honestly, <i>that</i> stung a little."},
        follow_redirects=True,
    )
    assert done.status_code == 200
    assert "From the other side" in done.text and "&lt;i&gt;that&lt;/i&gt; stung" in done.text
    assert 'id="try-again"' in done.text and 'href="/practice/' + SCENARIO + '"' in done.text
    # The bank page now lists it among recent results.
    bank = client.get("/practice").text
    assert f'href="{url}"' in bank and "Recent results" in bank
    # More replies are refused, with a message.
    refused = client.post(f"{url}/reply", data={"csrf_token": _token(html), "turn": "open", "reply": WARM})
    assert refused.status_code == 409 and "has ended" in refused.text


def test_page_reply_errors_keep_the_words(client: TestClient) -> None:
    page = client.get(f"/practice/{SCENARIO}").text
    token = _token(page)
    empty = client.post(f"/practice/{SCENARIO}/start", data={"csrf_token": token, "reply": "  "})
    assert empty.status_code == 422 and "the box is empty" in empty.text
    long = "y" * (MAX_REPLY_CHARS + 5)
    too_long = client.post(f"/practice/{SCENARIO}/start", data={"csrf_token": token, "reply": long})
    assert too_long.status_code == 422 and "longer than" in too_long.text and long in too_long.text
    forged = client.post(f"/practice/{SCENARIO}/start", data={"csrf_token": "0" * 64, "reply": WARM})
    assert forged.status_code == 403 and "needed a refresh" in forged.text and "every right" in forged.text
    assert _items(client) == []  # none of these started anything

    started = client.post(f"/practice/{SCENARIO}/start", data={"csrf_token": token, "reply": WARM})
    assert started.status_code == 200  # followed to the session page
    url = str(started.url).split("#")[0].replace(str(client.base_url), "")
    html = started.text
    blank = client.post(f"{url}/reply", data={"csrf_token": token, "turn": _turn(html), "reply": ""})
    assert blank.status_code == 422 and "the box is empty" in blank.text
    no_token = client.post(f"{url}/reply", data={"turn": _turn(html), "reply": WARM})
    assert no_token.status_code == 403
    # A form from an older view (another tab answered already) changes nothing and shows where it is.
    stale = client.post(
        f"{url}/reply",
        data={"csrf_token": token, "turn": "no-such-turn", "reply": WARM},
        follow_redirects=False,
    )
    assert stale.status_code == 303 and stale.headers["location"] == url
    assert len(_items(client)[0].payload["exchanges"]) == 1


def test_safety_reply_is_never_stored_pages(client: TestClient) -> None:
    page = client.get(f"/practice/{SCENARIO}").text
    token = _token(page)
    # As the first reply: nothing is started at all.
    flagged = client.post(f"/practice/{SCENARIO}/start", data={"csrf_token": token, "reply": DANGER})
    assert flagged.status_code == 200
    assert 'class="card safety"' in flagged.text and "Practice stopped here" in flagged.text
    assert "scared to go home" not in flagged.text  # not even echoed back into the box
    assert _items(client) == []
    # Later in a conversation: the conversation stays as it was.
    started = client.post(f"/practice/{SCENARIO}/start", data={"csrf_token": token, "reply": WARM})
    url = str(started.url).split("#")[0].replace(str(client.base_url), "")
    before = _items(client)[0].payload
    later = client.post(
        f"{url}/reply", data={"csrf_token": token, "turn": _turn(started.text), "reply": DANGER}
    )
    assert later.status_code == 200
    assert 'class="card safety"' in later.text and "scared to go home" not in later.text
    assert 'id="practice-reply"' not in later.text and 'id="feedback"' not in later.text
    after = _items(client)[0].payload
    assert after == before and after["stopped_for_safety"] is False
    assert "scared" not in json.dumps(after)


def test_reverse_needs_an_ended_conversation(client: TestClient) -> None:
    page = client.get(f"/practice/{SCENARIO}").text
    token = _token(page)
    started = client.post(f"/practice/{SCENARIO}/start", data={"csrf_token": token, "reply": WARM})
    url = str(started.url).split("#")[0].replace(str(client.base_url), "")
    early = client.post(f"{url}/reverse", data={"csrf_token": token, "as_partner": "ok"})
    assert early.status_code == 409 and "once the conversation has ended" in early.text
