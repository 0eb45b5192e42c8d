"""Check-ins in storage: checking a filled-in flow, and keeping and reading it back on a SQLite file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from tests.storage.conftest import make_people

from feelheard.errors import InputError
from feelheard.rituals.store import (
    check_day,
    entry_of,
    fill,
    list_entries,
    own_records,
    record_of,
    save_checkin,
    title_of,
    touches_safety,
)
from feelheard.storage import repo
from feelheard.storage.crypto import WrongPassphrase
from feelheard.storage.db import dispose_engines, get_engine, session_scope, sqlite_url

DAY = date(2024, 5, 31)
PASS = "a passphrase for tests"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    yield get_engine(sqlite_url(tmp_path / "feelheard.db"))
    dispose_engines()


def _daily(**answers: object) -> dict[str, object]:
    return {"mood": 4, "appreciation": "You fixed the bike light", **answers}


# --- checking --------------------------------------------------------------------------------------------------


def test_fill_sorts_answers_by_kind() -> None:
    filled = fill(
        "post-conflict-debrief",
        {
            "settled": "calmer",
            "happened": "  We argued about the car  ",
            "felt": "hurt",
            "needed": "to be heard",
            "try_next": "pause",
            "reflection": "",
        },
        day=DAY,
        prompt_ids={"reflection": "db003"},
    )
    assert filled.ritual.id == "post_conflict_debrief"
    assert filled.texts == {
        "happened": "We argued about the car",
        "felt": "hurt",
        "needed": "to be heard",
        "try_next": "pause",
    }
    assert filled.choices == {"settled": "calmer"} and filled.mood is None
    assert filled.prompt_ids == {"reflection": "db003"}


def test_fill_takes_the_mood_as_int_or_digits() -> None:
    assert fill("daily_checkin", _daily(mood="5"), day=DAY).mood == 5
    assert fill("daily_checkin", _daily(mood=1), day=DAY).mood == 1


@pytest.mark.parametrize(
    ("ritual", "answers", "words"),
    [
        ("nope", {}, "no ritual called 'nope'"),
        ("daily_checkin", _daily(mood=6), "mood is a number from 1 to 5"),
        ("daily_checkin", _daily(mood="high"), "mood is a number from 1 to 5"),
        ("daily_checkin", _daily(mood=True), "mood is a number from 1 to 5"),
        ("daily_checkin", {"mood": 3}, "needs an answer to: One appreciation"),
        ("daily_checkin", {"appreciation": "x"}, "needs an answer to: How are you feeling today?"),
        ("daily_checkin", _daily(extra="x"), "has no step 'extra'"),
        ("daily_checkin", _daily(appreciation=3), "appreciation: the answer must be text"),
        ("daily_checkin", _daily(appreciation="x" * 4001), "under 4000 characters"),
        ("gratitude_swap", {"gratitude": "you", "share_how": "pigeon"}, "share_how: choose one of: out_loud"),
        (
            "post_conflict_debrief",
            {"happened": "a", "felt": "b"},
            "needs an answer to: What I needed; What I'll try next time",
        ),
    ],
)
def test_fill_refuses_bad_answers(ritual: str, answers: dict[str, object], words: str) -> None:
    with pytest.raises(InputError, match=words.replace("?", r"\?")):
        fill(ritual, answers, day=DAY)


def test_fill_refuses_a_prompt_from_another_ritual_or_slot() -> None:
    with pytest.raises(InputError, match="does not belong"):
        fill("daily_checkin", _daily(), day=DAY, prompt_ids={"appreciation": "wk001"})
    with pytest.raises(InputError, match="does not belong"):
        fill("daily_checkin", _daily(), day=DAY, prompt_ids={"noticed": "ap001"})


def test_check_day_allows_a_day_either_side() -> None:
    assert check_day(date(2024, 6, 1), DAY) == date(2024, 6, 1)
    assert check_day(date(2024, 5, 30), DAY) == date(2024, 5, 30)
    with pytest.raises(InputError, match="give or take a day"):
        check_day(date(2024, 6, 2), DAY)


def test_safety_screening_of_the_free_text() -> None:
    calm = fill("daily_checkin", _daily(noticed="I was tired after work"), day=DAY)
    assert not touches_safety(calm)
    danger = fill(
        "daily_checkin", _daily(noticed="He hit me again last night and I'm scared to go home"), day=DAY
    )
    assert touches_safety(danger)


def test_titles_never_hold_the_free_text() -> None:
    filled = fill("daily_checkin", _daily(appreciation="a secret"), day=DAY)
    assert title_of(filled) == "Daily check-in, 2024-05-31, mood 4/5 (good)"


# --- storage -----------------------------------------------------------------------------------------------------


def test_round_trip(engine: Engine) -> None:
    filled = fill(
        "daily_checkin",
        _daily(noticed="I sorted the recycling"),
        day=DAY,
        prompt_ids={"appreciation": "ap002", "noticed": "no003"},
    )
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        item = save_checkin(s, owner_id=me, filled=filled)
    assert item.kind == "checkin" and not item.encrypted
    assert item.payload == {
        "ritual": "daily_checkin",
        "date": "2024-05-31",
        "choices": {},
        "prompt_ids": {"appreciation": "ap002", "noticed": "no003"},
        "steps": ["appreciation", "noticed"],
        "mood": 4,
        "mood_scale": 5,
    }
    assert json.loads(item.body or "") == {
        "appreciation": "You fixed the bike light",
        "noticed": "I sorted the recycling",
    }
    with session_scope(engine) as s:
        records = own_records(s, owner_id=me)
        entries = list_entries(s, viewer_id=me)
    assert records == [record_of(item)]
    assert records[0].day == DAY and set(records[0].prompt_ids) == {"ap002", "no003"}
    entry = entries[0]
    assert (
        entry.mood == 4 and entry.mood_word == "Good" and entry.texts["noticed"] == "I sorted the recycling"
    )
    assert entry.to_dict()["date"] == "2024-05-31"


def test_encrypted_text_is_sealed_and_opens_with_the_passphrase(engine: Engine) -> None:
    filled = fill("daily_checkin", _daily(appreciation="the private words"), day=DAY)
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        item = save_checkin(s, owner_id=me, filled=filled, encrypt=True, passphrase=PASS)
    assert item.encrypted
    with session_scope(engine) as s:
        locked = list_entries(s, viewer_id=me)[0]
        opened = list_entries(s, viewer_id=me, passphrase=PASS)[0]
    assert locked.locked and locked.texts == {} and locked.mood == 4
    assert opened.texts == {"appreciation": "the private words"}
    with pytest.raises(WrongPassphrase), session_scope(engine) as s:
        list_entries(s, viewer_id=me, passphrase="not it")
    raw = (Path(engine.url.database or "")).read_bytes()
    assert b"the private words" not in raw


def test_sharing_needs_a_partner_and_shows_it_to_them(engine: Engine) -> None:
    people = make_people(engine)
    filled = fill("gratitude_swap", {"gratitude": "your patience"}, day=DAY)
    with session_scope(engine) as s:
        item = save_checkin(s, owner_id=people.ana, filled=filled, share=True)
    assert item.shared
    with session_scope(engine) as s:
        seen_by_ben = list_entries(s, viewer_id=people.ben)
        seen_by_cam = list_entries(s, viewer_id=people.cam)
        ben_records = own_records(s, owner_id=people.ben)
    assert [e.id for e in seen_by_ben] == [item.id] and not seen_by_ben[0].mine
    assert seen_by_cam == [] and ben_records == [], "a partner's check-in does not count toward your streak"
    with pytest.raises(InputError, match="link with your partner first"), session_scope(engine) as s:
        save_checkin(s, owner_id=people.cam, filled=filled, share=True)
    with pytest.raises(InputError, match="cannot be shared"), session_scope(engine) as s:
        save_checkin(s, owner_id=people.ana, filled=filled, share=True, encrypt=True, passphrase=PASS)
    with session_scope(engine) as s:
        assert repo.count_items(s, owner_id=people.cam) == {}, "a refused share keeps nothing"


def test_checkins_from_data_add_count_as_daily(engine: Engine) -> None:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        item = repo.save_item(s, owner_id=me, kind="checkin", payload={"mood": 8}, body="a plain note")
    entry = entry_of(item)
    assert entry.ritual == "daily_checkin" and entry.mood == 4, "mood 8/10 shows as 4/5"
    assert entry.texts == {"note": "a plain note"}
    assert record_of(item).ritual == "daily_checkin"


def test_list_entries_filters_by_ritual(engine: Engine) -> None:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        save_checkin(s, owner_id=me, filled=fill("daily_checkin", _daily(), day=DAY))
        save_checkin(s, owner_id=me, filled=fill("gratitude_swap", {"gratitude": "you"}, day=DAY))
    with session_scope(engine) as s:
        assert [e.ritual for e in list_entries(s, viewer_id=me, ritual="gratitude-swap")] == [
            "gratitude_swap"
        ]
        with pytest.raises(InputError, match="no ritual"):
            list_entries(s, viewer_id=me, ritual="nope")
