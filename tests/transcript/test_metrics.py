"""Metrics on a small hand-made conversation whose answers are worked out by hand (see the comments)."""

from __future__ import annotations

from datetime import datetime

import pytest

from feelheard.errors import InputError
from feelheard.ingest import Message
from feelheard.transcript.metrics import is_bid, measure, participants

from ._stub import StubPipeline

TUE, WED, MON = (2024, 3, 12), (2024, 3, 13), (2024, 3, 18)


def _m(day: tuple[int, int, int], hm: str, author: str, text: str) -> Message:
    hour, minute = (int(x) for x in hm.split(":"))
    return Message(datetime(*day, hour, minute), author, text)


CHAT = [
    _m(TUE, "10:00", "Sam", "I had an awful day at work"),  # 1
    _m(TUE, "10:01", "Alex", "That sounds really hard, it makes sense you're upset"),  # 2 validation
    _m(TUE, "10:02", "Sam", "Can we get dinner tonight?"),  # 3 Sam's bid
    _m(TUE, "10:10", "Alex", "yes!"),  # 4 turns toward after 8 min
    _m(TUE, "22:00", "Alex", "Did you call your mum?"),  # 5 Alex's bid, never answered in 6 h
    _m(WED, "09:00", "Sam", "You never listen to me"),  # 6 criticism: conflict starts
    _m(WED, "09:01", "Alex", "That's not true, you're overreacting"),  # 7 defensiveness + invalidating
    _m(WED, "09:02", "Sam", "Whatever."),  # 8 stonewalling
    _m(WED, "09:03", "Alex", "Can we start over? I'm sorry"),  # 9 repair + apology (and a bid)
    _m(WED, "09:05", "Sam", "ok, thank you"),  # 10 appreciation: repair accepted
    Message(datetime(*WED, 9, 6), "Sam", "<Media omitted>", "media"),  # 11 media, not analysed
    _m(MON, "20:00", "Sam", "omg look at this"),  # 12 Sam's bid
    _m(MON, "20:30", "Alex", "grow up"),  # 13 contempt: turns against the bid
    _m(MON, "21:00", "Sam", "I want to hurt myself"),  # 14 safety
]
TABLE = {
    "That sounds really hard, it makes sense you're upset": {
        "moves": ["validation"],
        "empathy": {"emotional_reactions": 2, "interpretations": 1},
    },
    "You never listen to me": {"pitfalls": ["criticism"]},
    "That's not true, you're overreacting": {"pitfalls": ["defensiveness", "invalidating"]},
    "Whatever.": {"pitfalls": ["stonewalling"]},
    "Can we start over? I'm sorry": {"moves": ["repair_attempt", "apology"]},
    "ok, thank you": {"moves": ["appreciation"]},
    "grow up": {"pitfalls": ["contempt"], "heated": True},
    "I want to hurt myself": {"safety": "concern"},
}


@pytest.fixture(scope="module")
def result() -> tuple[dict, StubPipeline]:  # type: ignore[type-arg]
    stub = StubPipeline(TABLE, emotional={"I had an awful day at work"})
    people, _ = participants(CHAT, me="alex")
    metrics = measure(iter(CHAT), people, me=people[0], pipeline=stub)  # type: ignore[arg-type]
    return metrics.to_dict(), stub


def test_people_and_context(result) -> None:  # type: ignore[no-untyped-def]
    data, stub = result
    assert data["people"] == ["Alex", "Sam"]
    assert stub.seen["That sounds really hard, it makes sense you're upset"] == "I had an awful day at work"
    assert stub.seen["That's not true, you're overreacting"] == "You never listen to me"
    assert stub.seen["Did you call your mum?"] == "Can we get dinner tonight?"  # 12 h window
    assert stub.seen["You never listen to me"] == "Did you call your mum?"


def test_talk_balance(result) -> None:  # type: ignore[no-untyped-def]
    alex, sam = (result[0]["per_person"][p] for p in ("Alex", "Sam"))
    assert (alex["messages"], sam["messages"]) == (6, 8)
    assert sam["media"] == 1 and sam["analysed"] == 7 and alex["analysed"] == 6
    assert (alex["initiations"], sam["initiations"]) == (1, 3)


def test_empathy_and_understanding(result) -> None:  # type: ignore[no-untyped-def]
    alex, sam = (result[0]["per_person"][p] for p in ("Alex", "Sam"))
    assert alex["empathy"]["emotional_moments_answered"] == 1
    assert alex["empathy"]["share_of_moments_met_with_empathy"] == 1.0
    assert alex["empathy"]["mean_total_in_moments"] == 3.0
    assert alex["understanding"] == {"given": 1, "received": 0}
    assert sam["understanding"] == {"given": 0, "received": 1}


def test_horsemen(result) -> None:  # type: ignore[no-untyped-def]
    alex, sam = (result[0]["per_person"][p] for p in ("Alex", "Sam"))
    assert alex["horsemen"] == {"criticism": 0, "contempt": 1, "defensiveness": 1, "stonewalling": 0}
    assert sam["horsemen"] == {"criticism": 1, "contempt": 0, "defensiveness": 0, "stonewalling": 1}


def test_bids(result) -> None:  # type: ignore[no-untyped-def]
    alex, sam = (result[0]["per_person"][p] for p in ("Alex", "Sam"))
    assert sam["bids"]["made"] == 2
    assert (sam["bids"]["turned_toward"], sam["bids"]["turned_against"], sam["bids"]["turned_away"]) == (
        1,
        1,
        0,
    )
    assert alex["bids"]["made"] == 2
    assert (alex["bids"]["turned_toward"], alex["bids"]["turned_against"], alex["bids"]["turned_away"]) == (
        1,
        0,
        1,
    )
    assert alex["response_to_bids_minutes"]["answered"] == 2  # Alex answered Sam after 8 and 30 minutes
    assert alex["response_to_bids_minutes"]["median"] == 30.0
    assert sam["response_to_bids_minutes"]["median"] == 2.0


def test_repairs_conflict_and_escalation(result) -> None:  # type: ignore[no-untyped-def]
    data = result[0]
    alex, sam = (data["per_person"][p] for p in ("Alex", "Sam"))
    assert alex["repairs"] == {"attempts": 1, "accepted": 1, "rejected": 0, "unanswered": 0}
    assert data["conflict"]["episodes"] == 2
    assert data["conflict"]["escalations"] == 1
    assert data["conflict"]["messages_in_conflict"] == 8  # messages 6-11 and 13-14
    episode = data["conflict"]["escalation_details"][0]
    assert episode["started_by"] == "Sam" and episode["ended_with_accepted_repair"] is True
    assert episode["negative_messages"] == {"Sam": 2, "Alex": 1}
    assert alex["conflict"] == {
        "positive": 2,
        "negative": 4,
        "ratio": 0.5,
    }  # "grow up" is contempt and heated
    assert sam["conflict"] == {"positive": 1, "negative": 2, "ratio": 0.5}
    assert alex["heated_messages"] == 1


def test_safety_and_weeks(result) -> None:  # type: ignore[no-untyped-def]
    data = result[0]
    assert data["per_person"]["Sam"]["safety_flags"] == 1
    assert data["safety"][0]["quote"] == "I want to hurt myself"
    assert [w["week"] for w in data["weeks"]] == ["2024-03-11", "2024-03-18"]
    first = data["weeks"][0]["per_person"]
    assert first["Alex"]["messages"] == 5 and first["Sam"]["messages"] == 6
    assert first["Sam"]["horsemen"] == 2 and data["weeks"][1]["per_person"]["Alex"]["horsemen"] == 1


def test_examples_are_kept(result) -> None:  # type: ignore[no-untyped-def]
    examples = result[0]["examples"]
    assert examples["Alex"]["contempt"][0]["quote"] == "grow up"
    assert examples["Alex"]["contempt"][0]["context"] == "omg look at this"


def test_participants_errors() -> None:
    with pytest.raises(InputError, match="only one author"):
        participants([Message(None, "Sam", "hi")])
    with pytest.raises(InputError, match="not one of the authors"):
        participants(CHAT, me="Jordan")


def test_bid_detection() -> None:
    assert is_bid("want to go for a walk") and is_bid("how was it?") and is_bid("Look at this sunset")
    assert not is_bid("ok") and not is_bid("I'm home")


def test_real_pipeline_judges_a_clear_exchange(pipeline) -> None:  # type: ignore[no-untyped-def]
    chat = [
        Message(datetime(2024, 1, 15, 20, 0), "Sam", "I felt so alone at the party tonight"),
        Message(datetime(2024, 1, 15, 20, 5), "Alex", "You're overreacting"),
    ]
    data = measure(iter(chat), ["Alex", "Sam"], pipeline=pipeline).to_dict()
    assert data["per_person"]["Alex"]["pitfalls"].get("invalidating") == 1


def test_safety_is_flagged_on_the_message_that_says_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    chat = [
        Message(datetime(2024, 1, 13, 21, 0), "Sam", "I had an awful day"),
        Message(
            datetime(2024, 1, 13, 21, 1),
            "Alex",
            "sometimes I think about ending my life, I have pills saved up",
        ),
        Message(datetime(2024, 1, 13, 21, 2), "Sam", "please tell me more, I am here"),
    ]
    data = measure(iter(chat), ["Alex", "Sam"], pipeline=pipeline).to_dict()
    assert [f["author"] for f in data["safety"]] == ["Alex"]
    assert data["safety"][0]["level"] == "urgent" and data["safety"][0]["categories"] == ["self_harm"]
    assert data["per_person"]["Sam"]["safety_flags"] == 0


def test_worker_processes_give_the_same_measures() -> None:
    from pathlib import Path

    from feelheard.transcript import review

    chat = Path(__file__).parent / "fixtures" / "couple_android.txt"
    here, _ = review(chat, me="Sam")
    spread, _ = review(chat, me="Sam", workers=2)
    assert spread == here
