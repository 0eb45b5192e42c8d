"""Progress: series, streaks and the plain-words summary, from stored items on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from feelheard.progress import build_progress, collect, week_of
from feelheard.storage import repo
from feelheard.storage.db import create_engine_for, session_scope, sqlite_url
from feelheard.storage.migrate import upgrade

DAY0 = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = create_engine_for(sqlite_url(tmp_path / "p.db"))
    upgrade(eng)
    yield eng
    eng.dispose()


def _practice(
    score: int, pitfalls: list[str], moves: list[str], scenario: str = "dishes-after-double-shift"
) -> dict[str, Any]:
    return {
        "scenario": scenario,
        "title": "The sink",
        "level": 1,
        "finished": True,
        "ending": "repaired" if score > 60 else "stuck",
        "score": score,
        "stopped_for_safety": False,
        "exchanges": [{"turn": "open", "pitfalls": pitfalls, "moves": moves, "outcome": "heard"}],
    }


def _seed(engine: Engine) -> int:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        plan = [
            (0, 30, ["defensiveness", "defensiveness"], []),
            (1, 35, ["defensiveness", "advice_giving"], ["apology"]),
            (8, 70, [], ["reflection", "validation"]),
            (9, 80, ["advice_giving"], ["reflection"]),
        ]
        for day, score, pitfalls, moves in plan:
            repo.save_item(
                s, owner_id=me, kind="practice", payload=_practice(score, pitfalls, moves),
                created_at=DAY0 + timedelta(days=day),
            )  # fmt: skip
        # An unfinished conversation and one stopped for safety do not count.
        unfinished = {**_practice(10, ["contempt"], []), "finished": False}
        repo.save_item(s, owner_id=me, kind="practice", payload=unfinished, created_at=DAY0)
        stopped = {**_practice(5, [], []), "stopped_for_safety": True}
        repo.save_item(s, owner_id=me, kind="practice", payload=stopped, created_at=DAY0)
        for day, mood in [(5, 2), (6, 2), (7, 4), (8, 4), (9, 5)]:
            repo.save_item(
                s, owner_id=me, kind="checkin", payload={"ritual": "daily_checkin", "mood": mood, "mood_scale": 5,
                "date": (DAY0 + timedelta(days=day)).date().isoformat()}, body="private words",
                created_at=DAY0 + timedelta(days=day),
            )  # fmt: skip
        repo.save_item(
            s, owner_id=me, kind="assessment", payload={"assessment": "empathy", "score": 55, "band": "growing"},
            created_at=DAY0,
        )  # fmt: skip
        repo.save_item(
            s, owner_id=me, kind="analysis",
            payload={"analysis": {"pitfalls": [{"id": "minimizing"}], "score": 40}}, created_at=DAY0,
        )  # fmt: skip
        # Someone else's items never show up in my progress.
        from feelheard.storage.accounts import create_user

        stranger = create_user(s, username="stranger", password="a long enough password")
        repo.save_item(s, owner_id=stranger.id, kind="practice", payload=_practice(99, ["contempt"], []))
        return me


def test_build_progress_from_storage(engine: Engine) -> None:
    me = _seed(engine)
    with session_scope(engine) as s:
        progress = build_progress(collect(s, owner_id=me), today=(DAY0 + timedelta(days=9)).date())
    assert [r["score"] for r in progress.practice] == [30, 35, 70, 80]
    assert progress.streak == {"current": 5, "longest": 5}
    assert [m["mood"] for m in progress.moods] == [2, 2, 4, 4, 5]
    assert progress.assessments == {"empathy": [{"date": "2026-11-02", "score": 55, "band": "growing"}]}
    first_week = week_of(DAY0.date())
    assert progress.pitfalls_by_week[first_week] == {"advice_giving": 1, "defensiveness": 3, "minimizing": 1}
    assert progress.moves_by_week[week_of((DAY0 + timedelta(days=8)).date())] == {
        "reflection": 2,
        "validation": 1,
    }
    text = " ".join(progress.summary)
    assert "improved: from 32 to 75" in text
    assert "defensiveness much less than before (2 → 1)" in text.lower()
    assert "checked in 5 days in a row" in text
    assert "brighter" in text
    assert "contempt" not in str(progress.to_dict())  # the stranger's and the unfinished items stay out


def test_empty_progress_says_what_to_do() -> None:
    progress = build_progress([], today=date(2026, 1, 1))
    assert progress.empty
    assert "Nothing to compare yet" in progress.summary[0]


def test_cli_progress_and_practice(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from feelheard.cli.app import app as cli_app
    from feelheard.cli.app import main

    monkeypatch.setenv("FEELHEARD_HOME", str(tmp_path / "home"))
    from feelheard.storage.db import dispose_engines

    dispose_engines()
    runner = CliRunner()
    result = runner.invoke(
        cli_app,
        [
            "practice", "start", "dishes-after-double-shift",
            "-r", "I'm sorry, you must be exhausted. Leaving them was on me.",
            "-r", "You're right, it isn't fair that you carry so much. What would help most?",
            "--reverse", "I feel seen.",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "How it went" in result.output and "From the other side" in result.output
    assert "Saved as practice" in result.output
    listed = runner.invoke(cli_app, ["practice", "history", "--json"])
    assert '"scenario": "dishes-after-double-shift"' in listed.output
    shown = runner.invoke(cli_app, ["progress"])
    assert shown.exit_code == 0 and "Practice scores" in shown.output
    assert main(["practice", "start", "no-such-scenario"]) == 2
    assert main(["practice", "list", "--level", "7"]) == 2
    dispose_engines()
