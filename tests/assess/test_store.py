"""Assessment results in storage, on a SQLite file: kept, listed over time, and never kept when safety is touched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from feelheard.assess import get_assessment, score_answers
from feelheard.assess.store import list_results, past_result, save_result
from feelheard.errors import InputError
from feelheard.storage import repo
from feelheard.storage.db import dispose_engines, get_engine, session_scope, sqlite_url


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    yield get_engine(sqlite_url(tmp_path / "feelheard.db"))
    dispose_engines()


def test_results_round_trip_and_make_a_history(engine: Engine) -> None:
    empathy, burnout = get_assessment("empathy"), get_assessment("burnout")
    assert empathy and burnout
    first = score_answers(empathy, [3] * 10)
    second = score_answers(empathy, [5, 5, 1, 5, 1, 5, 5, 1, 5, 1])
    other = score_answers(burnout, [1] * 7)
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        item = save_result(s, owner_id=me, result=first, day=date(2024, 1, 31))
        save_result(s, owner_id=me, result=other, day=date(2024, 2, 1))
        save_result(s, owner_id=me, result=second, day=date(2024, 2, 29))
    assert item.kind == "assessment"
    assert item.title == "Empathy self-check: 50/100 (Growing)"
    assert item.payload == {
        "assessment": "empathy",
        "version": 1,
        "answers": [3] * 10,
        "score": 50,
        "band": "growing",
        "date": "2024-01-31",
    }
    with session_scope(engine) as s:
        everything = list_results(s, owner_id=me)
        mine = list_results(s, owner_id=me, name="empathy")
    assert len(everything) == 3
    assert [(r.score, r.day) for r in mine] == [(100, date(2024, 2, 29)), (50, date(2024, 1, 31))]
    assert mine[0].band_label == "Warm and strong" and mine[0].to_dict()["date"] == "2024-02-29"


def test_safety_results_are_never_kept(engine: Engine) -> None:
    red_flags = get_assessment("red-flags")
    assert red_flags
    result = score_answers(red_flags, [5] * len(red_flags.items))
    with pytest.raises(InputError, match="never saved"), session_scope(engine) as s:
        save_result(s, owner_id=repo.local_user(s).id, result=result, day=date(2024, 1, 1))
    with session_scope(engine) as s:
        assert repo.count_items(s, owner_id=repo.local_user(s).id) == {}


def test_unknown_names_and_foreign_payloads(engine: Engine) -> None:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        odd = repo.save_item(s, owner_id=me, kind="assessment", payload={"assessment": "gone", "score": 3})
        with pytest.raises(InputError, match="no assessment called 'nope'"):
            list_results(s, owner_id=me, name="nope")
        assert list_results(s, owner_id=me) == []
    assert past_result(odd) is None
