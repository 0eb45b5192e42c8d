"""Progress in the web app: the page, the sandboxed charts frame and the REST API, on seeded throwaway databases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from feelheard.pipeline import Pipeline
from feelheard.progress import build_progress, collect
from feelheard.storage import repo
from feelheard.storage.db import get_engine, session_scope, sqlite_url
from feelheard.web.routes.review import REPORT_CSP

from .conftest import make_app

SCENARIO = "dishes-after-double-shift"
ODD_NAME = "<b>closeness</b>"


@pytest.fixture(scope="module")
def progress_app(pipeline: Pipeline) -> FastAPI:
    return make_app(pipeline)


@pytest.fixture
def client(progress_app: FastAPI, tmp_path: Path) -> Iterator[TestClient]:
    engine = get_engine(sqlite_url(tmp_path / "progress.sqlite"))
    progress_app.state.storage_engine = engine
    with TestClient(progress_app) as test_client:
        yield test_client
    progress_app.state.storage_engine = None
    engine.dispose()


def _engine(client: TestClient) -> Any:
    app: Any = client.app
    return app.state.storage_engine


def _at(days_ago: int) -> datetime:
    moment = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    return moment - timedelta(days=days_ago)


def _practice(score: int, pitfalls: list[str], moves: list[str]) -> dict[str, Any]:
    return {
        "scenario": SCENARIO,
        "title": "The sink after a double shift",
        "topic": "chores",
        "level": 1,
        "turn": "end_close",
        "finished": True,
        "ending": "repaired" if score >= 60 else "stuck",
        "score": score,
        "exchanges": [
            {
                "turn": "open",
                "partner": "p",
                "reply": "r",
                "outcome": "heard",
                "score": score,
                "moves": moves,
                "pitfalls": pitfalls,
                "suggestion": None,
            },
        ],
        "stopped_for_safety": False,
        "reversal": None,
    }


def _seed(client: TestClient, owner: str | None = None) -> int:
    """Four finished practice rounds over three weeks (improving), an unfinished one, saved analyses,
    two assessments and a week of daily check-ins ending today."""
    from feelheard.storage import accounts

    with session_scope(_engine(client)) as session:
        if owner is None:
            owner_id = repo.local_user(session).id
        else:
            owner_id = accounts.create_user(session, username=owner, password="a long enough password").id
        seeds: list[tuple[str, dict[str, Any], int]] = [
            ("practice", _practice(40, ["defensiveness", "minimizing"], []), 20),
            ("practice", _practice(48, ["defensiveness"], ["apology"]), 18),
            ("practice", _practice(70, [], ["reflection", "apology"]), 6),
            ("practice", _practice(82, [], ["validation"]), 2),
            ("practice", {**_practice(10, ["contempt"], []), "finished": False}, 1),
            ("analysis", {"partner": "a", "reply": "b", "analysis": {"pitfalls": [{"id": "criticism"}]}}, 19),
            (
                "assessment",
                {"assessment": "relationship_check", "score": 20, "band": {"label": "steady"}},
                21,
            ),
            ("assessment", {"assessment": "relationship_check", "score": 26, "band": "strong"}, 3),
            ("assessment", {"assessment": ODD_NAME, "score": 5}, 3),
        ]
        for kind, payload, days_ago in seeds:
            repo.save_item(session, owner_id=owner_id, kind=kind, payload=payload, created_at=_at(days_ago))
        for days_ago, mood in enumerate([4, 4, 3, 5, 2, 3, 2]):
            day = date.today() - timedelta(days=days_ago)
            repo.save_item(
                session,
                owner_id=owner_id,
                kind="checkin",
                payload={"ritual": "daily_checkin", "date": day.isoformat(), "mood": mood},
                created_at=_at(days_ago),
            )
        return owner_id


def test_empty_progress_invites_practice(client: TestClient) -> None:
    page = client.get("/progress")
    assert page.status_code == 200
    assert "Nothing to compare yet" in page.text
    assert "<iframe" not in page.text and 'href="/practice"' in page.text
    assert 'aria-current="page"' in page.text
    charts = client.get("/progress/charts")
    assert charts.status_code == 200
    assert "Finish a practice conversation" in charts.text and "No daily check-ins yet" in charts.text
    assert "Plotly.newPlot" not in charts.text
    api = client.get("/api/v1/progress").json()
    assert api["practice"] == [] and api["streak"] == {"current": 0, "longest": 0}


def test_progress_page_shows_the_summary_and_every_number(client: TestClient) -> None:
    _seed(client)
    page = client.get("/progress")
    assert page.status_code == 200
    html = page.text
    assert "Your practice replies improved: from 44 to 76 on average." in html
    assert "You have checked in 7 days in a row." in html
    assert 'id="streak-current">7<' in html
    # Every number is on the page as text (no JavaScript needed).
    for score in ("40", "48", "70", "82"):
        assert f"<td>{score}</td>" in html
    assert "Relationship check" in html and "<td>26</td><td>strong</td>" in html
    assert "&lt;b&gt;closeness&lt;/b&gt;" in html and ODD_NAME not in html
    assert "<td>5</td>" in html  # a mood
    assert "Defensiveness" in html and "Apology" in html  # moves and pitfalls by week, by name
    # The charts frame: sandboxed, from this app.
    assert (
        '<iframe class="progress-frame" src="/progress/charts"' in html and 'sandbox="allow-scripts"' in html
    )


def test_charts_frame_is_self_contained_and_sandboxed(client: TestClient) -> None:
    _seed(client)
    charts = client.get("/progress/charts")
    assert charts.status_code == 200
    assert charts.headers["content-security-policy"] == REPORT_CSP
    assert charts.headers["x-frame-options"] == "SAMEORIGIN"
    html = charts.text
    assert html.count("Plotly.newPlot") == 5  # score, moves, pitfalls, assessments, moods
    for title in ("Practice score over time", "Helpful moves by week", "Pitfalls by week",
                  "Assessment scores over time", "Check-in mood over time"):  # fmt: skip
        assert title in html
    # The library is inline (no script loads from anywhere; the policy would refuse it anyway), once.
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert html.count("plotly.js v") <= 2 and len(html) > 1_000_000
    assert ODD_NAME not in html  # labels are escaped before plotting


def test_api_progress_matches_the_computation(client: TestClient) -> None:
    owner_id = _seed(client)
    with session_scope(_engine(client)) as session:
        expected = build_progress(collect(session, owner_id=owner_id)).to_dict()
    body = client.get("/api/v1/progress").json()
    assert body == expected
    assert [r["score"] for r in body["practice"]] == [40, 48, 70, 82]
    assert body["assessments"]["relationship_check"][-1] == {
        "date": _at(3).date().isoformat(),
        "score": 26,
        "band": "strong",
    }
    assert body["streak"]["current"] == 7


def test_progress_is_per_viewer(client: TestClient) -> None:
    _seed(client, owner="someone")
    assert client.get("/api/v1/progress").json()["practice"] == []
    assert "Nothing to compare yet" in client.get("/progress").text
    assert "Plotly.newPlot" not in client.get("/progress/charts").text
