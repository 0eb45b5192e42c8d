"""Assessments and check-ins in the web app: the pages (forms with CSRF tokens) and the REST API, each test on
its own SQLite file through `app.state.storage_engine`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from feelheard.rituals.store import local_today
from feelheard.storage import repo
from feelheard.storage.db import dispose_engines, get_engine, session_scope, sqlite_url
from feelheard.web import WebConfig, create_app

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
EMPATHY_IDS = [
    "name_feeling",
    "ask_before_fixing",
    "steer_to_self",
    "read_signs",
    "should_not_feel",
    "their_side",
    "check_understanding",
    "go_quiet",
    "notice_small_things",
    "flooded",
]
DANGER = "He hit me again last night and I'm scared to go home"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    yield get_engine(sqlite_url(tmp_path / "habits.db"))
    dispose_engines()


@pytest.fixture
def web(engine: Engine) -> Iterator[TestClient]:
    app = create_app(WebConfig(country="GB"))
    app.state.storage_engine = engine
    with TestClient(app) as client:
        yield client


def _token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def _count(engine: Engine, kind: str) -> int:
    with session_scope(engine) as s:
        return repo.count_items(s, owner_id=repo.local_user(s).id).get(kind, 0)


# --- pages: assessments ------------------------------------------------------------------------------------------


def test_menu_links_to_assessments_and_checkins(web: TestClient) -> None:
    page = web.get("/").text
    assert 'href="/assess"' in page and 'href="/checkins"' in page
    assert 'aria-current="page"' in web.get("/assess").text.split('href="/assess"')[1][:30]


def test_assessment_list_and_form(web: TestClient) -> None:
    listing = web.get("/assess")
    assert listing.status_code == 200
    for title in ("Empathy self-check", "Empathy burnout check", "Relationship red-flags check"):
        assert title in listing.text
    form = web.get("/assess/empathy")
    assert form.status_code == 200
    assert form.text.count('type="radio"') == 10 * 5
    assert "not a diagnosis" in form.text and "Very much like me" in form.text
    assert web.get("/assess/red-flags").status_code == 200
    missing = web.get("/assess/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404


def test_taking_the_empathy_assessment_saves_and_shows_the_result(web: TestClient, engine: Engine) -> None:
    token = _token(web.get("/assess/empathy").text)
    partial = {"csrf_token": token, **{k: "4" for k in EMPATHY_IDS[:8]}}
    again = web.post("/assess/empathy", data=partial)
    assert again.status_code == 422
    assert "questions 9 and 10 are still open" in again.text
    assert again.text.count("checked") == 8, "the answers given stay selected"
    assert _count(engine, "assessment") == 0

    answers = {"csrf_token": token, **dict(zip(EMPATHY_IDS, "4424244242", strict=True))}
    result = web.post("/assess/empathy", data=answers)
    assert result.status_code == 200
    assert 'id="assess-score">75<' in result.text and "Steady" in result.text
    assert re.search(r'href="/practice/[a-z0-9-]+"', result.text), (
        "recommendations link to practice scenarios"
    )
    assert 'href="/checkins/gratitude_swap"' in result.text, "and to rituals"
    assert "Saved on this computer" in result.text and "Your scores over time" in result.text
    assert _count(engine, "assessment") == 1
    listing = web.get("/assess").text
    assert "Last time: <strong>75/100</strong>" in listing


def test_forms_without_a_valid_token_are_refused(web: TestClient, engine: Engine) -> None:
    answers = dict.fromkeys(EMPATHY_IDS, "3")
    assert web.post("/assess/empathy", data=answers).status_code == 403
    assert web.post("/checkins/daily_checkin", data={"mood": "3", "appreciation": "x"}).status_code == 403
    assert _count(engine, "assessment") == 0 and _count(engine, "checkin") == 0


def test_red_flags_touching_safety_shows_help_and_keeps_nothing(web: TestClient, engine: Engine) -> None:
    form = web.get("/assess/red_flags").text
    assert "Quick exit" in form
    ids = re.findall(r'name="([a-z_]+)" value="1"', form)
    assert len(ids) == 12
    answers = {"csrf_token": _token(form), **dict.fromkeys(ids, "1")}
    answers["threats"] = "2"  # "Rarely" is enough for a threat
    page = web.post("/assess/red_flags", data=answers)
    assert page.status_code == 200
    assert "Your safety comes first" in page.text and "not your fault" in page.text
    assert "People who can help in United Kingdom" in page.text and 'href="tel:' in page.text
    assert "data-quick-exit" in page.text and "never kept" in page.text
    assert "/practice/" not in page.text
    assert _count(engine, "assessment") == 0


# --- pages: check-ins --------------------------------------------------------------------------------------------


def test_checkins_page_shows_due_items_streak_and_rituals(web: TestClient) -> None:
    page = web.get("/checkins")
    assert page.status_code == 200
    for name in (
        "Daily check-in",
        "Gratitude swap",
        "Weekly connection conversation",
        "Post-conflict debrief",
    ):
        assert name in page.text
    assert 'id="streak-current">0<' in page.text and "Due today" in page.text
    assert web.get("/checkins/nope", headers={"accept": "text/html"}).status_code == 404


def test_daily_checkin_flow(web: TestClient, engine: Engine) -> None:
    form = web.get("/checkins/daily_checkin").text
    prompts = dict(re.findall(r'name="prompt_(\w+)" value="(\w+)"', form))
    assert set(prompts) == {"appreciation", "noticed"}
    assert form.count('name="mood"') == 5 and "Today's question" in form
    assert 'name="share"' not in form, "no partner linked: nothing to share with"
    fields = {"csrf_token": _token(form), **{f"prompt_{k}": v for k, v in prompts.items()}}

    missing = web.post("/checkins/daily_checkin", data={**fields, "mood": "4", "noticed": "kept text"})
    assert missing.status_code == 422 and "needs an answer to: One appreciation" in missing.text
    assert "kept text" in missing.text

    xss = "<script>alert(1)</script> you made tea"
    saved = web.post(
        "/checkins/daily_checkin",
        data={**fields, "mood": "4", "appreciation": xss},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    done = web.get(saved.headers["location"])
    assert done.status_code == 200
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; you made tea" in done.text and "<script>alert" not in done.text
    )
    assert 'id="streak-current">1<' in done.text and "mood 4/5 (good)" in done.text
    from feelheard.rituals.content import prompt_by_id

    used = prompt_by_id(prompts["appreciation"])
    assert used is not None and used.text.replace("'", "&#39;") in done.text
    assert "Gratitude swap" in done.text, "what else is due"
    page = web.get("/checkins").text
    assert "&lt;script&gt;" in page and "Done today" in page
    # The next day's prompts are different ones.
    assert _count(engine, "checkin") == 1


def test_checkin_with_a_passphrase_is_sealed(web: TestClient, engine: Engine) -> None:
    form = web.get("/checkins/gratitude_swap").text
    data = {
        "csrf_token": _token(form),
        "gratitude": "the sealed words",
        "passphrase": "a passphrase for tests",
    }
    saved = web.post("/checkins/gratitude_swap", data=data)
    assert saved.status_code == 200 and "sealed" in saved.text
    assert "the sealed words" not in saved.text
    assert b"the sealed words" not in Path(str(engine.url.database)).read_bytes()


def test_checkin_touching_safety_shows_help_and_keeps_nothing(web: TestClient, engine: Engine) -> None:
    form = web.get("/checkins/post_conflict_debrief").text
    data = {
        "csrf_token": _token(form),
        "happened": DANGER,
        "felt": "scared",
        "needed": "safety",
        "try_next": "?",
    }
    page = web.post("/checkins/post_conflict_debrief", data=data)
    assert page.status_code == 200 and "Your safety comes first" in page.text
    assert "United Kingdom" in page.text and DANGER not in page.text
    assert _count(engine, "checkin") == 0


def test_sharing_with_a_linked_partner(web: TestClient, engine: Engine) -> None:
    from feelheard.storage.accounts import accept_invite, create_invite
    from feelheard.storage.orm import User

    with session_scope(engine) as s:
        me = repo.local_user(s).id
        other = User(username="sam", password_hash="x")
        s.add(other)
        s.flush()
        accept_invite(s, user_id=other.id, code=create_invite(s, user_id=me))
        partner = other.id
    form = web.get("/checkins/daily_checkin").text
    assert 'name="share"' in form
    data = {"csrf_token": _token(form), "mood": "5", "appreciation": "for sam", "share": "1"}
    done = web.post("/checkins/daily_checkin", data=data)
    assert done.status_code == 200 and "shared with your partner" in done.text
    with session_scope(engine) as s:
        seen = repo.list_items(s, viewer_id=partner, kind="checkin")
    assert [i.payload["ritual"] for i in seen] == ["daily_checkin"]


# --- REST API ---------------------------------------------------------------------------------------------------


def test_api_assessments(web: TestClient, engine: Engine) -> None:
    listed = web.get("/api/v1/assessments").json()
    assert [(a["id"], a["items"]) for a in listed] == [("empathy", 10), ("burnout", 7), ("red_flags", 12)]
    detail = web.get("/api/v1/assessments/burnout").json()
    assert len(detail["items"]) == 7 and detail["scale"][0] == {"value": 1, "label": "Never"}
    assert detail["bands"][0]["min"] == 0 and detail["bands"][-1]["max"] == 100
    assert web.get("/api/v1/assessments/nope").status_code == 404

    scored = web.post("/api/v1/assessments/burnout", json={"answers": [5, 5, 5, 5, 5, 5, 1]})
    assert scored.status_code == 200
    body: dict[str, Any] = scored.json()
    assert body["score"] == 100 and body["band"]["id"] == "running_on_empty"
    assert body["resources"]["code"] == "GB" and body["touches_safety"] is False
    assert isinstance(body["saved_id"], int)
    unsaved = web.post("/api/v1/assessments/empathy", json={"answers": [3] * 10, "save": False}).json()
    assert unsaved["saved_id"] is None and unsaved["score"] == 50
    assert all("href" in r for r in unsaved["recommendations"])
    history = web.get("/api/v1/assessments/burnout/history").json()
    assert [i["score"] for i in history["items"]] == [100]
    assert web.get("/api/v1/assessments/empathy/history").json() == {"items": []}
    assert _count(engine, "assessment") == 1


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"answers": [3] * 9}, "needs 10 answers (got 9)"),
        ({"answers": [3] * 9 + [6]}, "Answer 10 must be a whole number from 1 to 5"),
        ({"answers": ["3"] * 10}, "answers"),
        ({"answers": [3] * 10, "extra": 1}, "Unknown field 'extra'"),
        ({}, "answers"),
    ],
)
def test_api_bad_answers_are_422_with_a_clear_message(web: TestClient, body: Any, words: str) -> None:
    response = web.post("/api/v1/assessments/empathy", json=body)
    assert response.status_code == 422
    assert words.lower() in response.json()["detail"].lower()


def test_api_red_flags_safety_result_is_not_saved(web: TestClient, engine: Engine) -> None:
    body = web.post("/api/v1/assessments/red-flags", json={"answers": [3] * 12, "country": "US"}).json()
    assert body["touches_safety"] is True and body["saved_id"] is None
    assert body["resources"]["code"] == "US" and "not your fault" in body["safety_message"]
    assert body["focus"] == []
    assert _count(engine, "assessment") == 0


def test_api_rituals_due_prompt_and_checkins(web: TestClient, engine: Engine) -> None:
    rituals = web.get("/api/v1/rituals").json()
    assert [r["id"] for r in rituals] == [
        "daily_checkin",
        "gratitude_swap",
        "weekly_connection",
        "post_conflict_debrief",
    ]
    assert sum(r["prompts"] for r in rituals) >= 150
    today = local_today()
    due = web.get("/api/v1/rituals/due").json()
    assert due["today"] == today.isoformat() and due["streak"]["current"] == 0
    assert (
        web.get("/api/v1/rituals/due", params={"today": (today + timedelta(days=5)).isoformat()}).status_code
        == 422
    )
    prompt = web.get("/api/v1/rituals/daily_checkin/prompt").json()
    assert set(prompt["prompts"]) == {"appreciation", "noticed"}
    assert web.get("/api/v1/rituals/nope/prompt").status_code == 404

    created = web.post(
        "/api/v1/checkins",
        json={"ritual": "daily_checkin", "answers": {"mood": 3, "appreciation": "the walk"}},
    )
    assert created.status_code == 201, created.text
    saved = created.json()
    assert saved["checkin"]["mood"] == 3 and saved["checkin"]["answers"] == {"appreciation": "the walk"}
    assert sorted(saved["checkin"]["prompt_ids"]) == sorted(p["id"] for p in prompt["prompts"].values())
    assert saved["streak"] == {"current": 1, "longest": 1, "done_today": True}
    yesterday = (today - timedelta(days=1)).isoformat()
    web.post(
        "/api/v1/checkins",
        json={"ritual": "daily_checkin", "date": yesterday, "answers": {"mood": 2, "appreciation": "x"}},
    )
    assert web.get("/api/v1/rituals/due").json()["streak"]["current"] == 2
    listed = web.get("/api/v1/checkins").json()["items"]
    assert len(listed) == 2 and listed[0]["ritual"] == "daily_checkin"
    assert web.get("/api/v1/checkins", params={"ritual": "gratitude_swap"}).json() == {"items": []}
    assert web.get("/api/v1/checkins", params={"ritual": "nope"}).status_code == 404
    assert _count(engine, "checkin") == 2


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"ritual": "nope", "answers": {}}, 404, "No ritual called 'nope'"),
        ({"ritual": "daily_checkin", "answers": {"mood": 3}}, 422, "needs an answer to"),
        (
            {"ritual": "daily_checkin", "answers": {"mood": 3, "x": "y", "appreciation": "a"}},
            422,
            "no step 'x'",
        ),
        (
            {"ritual": "daily_checkin", "answers": {"mood": 3, "appreciation": "a"}, "share": True},
            422,
            "link with your partner",
        ),
        (
            {"ritual": "daily_checkin", "answers": {"mood": 3, "appreciation": "a"}, "date": "2001-01-01"},
            422,
            "give or take a day",
        ),
        (
            {
                "ritual": "daily_checkin",
                "answers": {"mood": 3, "appreciation": "a"},
                "prompt_ids": {"appreciation": "wk001"},
            },
            422,
            "does not belong",
        ),
        ({"ritual": "daily_checkin", "answers": [], "oops": 1}, 422, "oops"),
    ],
)
def test_api_bad_checkins(web: TestClient, engine: Engine, body: Any, status: int, words: str) -> None:
    response = web.post("/api/v1/checkins", json=body)
    assert response.status_code == status
    assert words.lower() in response.json()["detail"].lower()
    assert _count(engine, "checkin") == 0


def test_api_checkin_touching_safety_is_409_and_not_kept(web: TestClient, engine: Engine) -> None:
    body = {"ritual": "daily_checkin", "answers": {"mood": 1, "appreciation": "x", "noticed": DANGER}}
    response = web.post("/api/v1/checkins", json=body)
    assert response.status_code == 409
    assert response.json()["touches_safety"] is True and response.json()["resources"]["code"] == "GB"
    assert _count(engine, "checkin") == 0


def test_api_refuses_other_websites(web: TestClient, engine: Engine) -> None:
    foreign = {"origin": "https://evil.example", "sec-fetch-site": "cross-site"}
    assert (
        web.post("/api/v1/assessments/empathy", json={"answers": [3] * 10}, headers=foreign).status_code
        == 403
    )
    body = {"ritual": "daily_checkin", "answers": {"mood": 3, "appreciation": "x"}}
    assert web.post("/api/v1/checkins", json=body, headers=foreign).status_code == 403
    assert _count(engine, "assessment") == 0 and _count(engine, "checkin") == 0


def test_api_is_documented(web: TestClient) -> None:
    paths = web.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/assessments",
        "/api/v1/assessments/{name}",
        "/api/v1/assessments/{name}/history",
        "/api/v1/rituals",
        "/api/v1/rituals/due",
        "/api/v1/rituals/{ritual_id}/prompt",
        "/api/v1/checkins",
    ):
        assert path in paths
    assert "post" in paths["/api/v1/assessments/{name}"] and "post" in paths["/api/v1/checkins"]
