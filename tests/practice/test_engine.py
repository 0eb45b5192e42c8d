"""The practice engine: how a reply lands, how the conversation moves on, what is kept, and role reversal."""

from __future__ import annotations

from typing import Any

import pytest

from feelheard.errors import InputError
from feelheard.pipeline import Pipeline
from feelheard.practice import engine
from feelheard.practice.engine import PracticeState, landing
from feelheard.result import Analysis, Finding, Safety, Tone

SCENARIO = "dishes-after-double-shift"


def _finding(fid: str, kind: str, start: int) -> Finding:
    return Finding(id=fid, kind=kind, start=start, end=start + 3, quote="abc", tip="")  # type: ignore[arg-type]


def _analysis(
    *,
    score: int,
    moves: tuple[str, ...] = (),
    pitfalls: tuple[tuple[str, int], ...] = (),
    heated: bool = False,
) -> Analysis:
    a = Analysis(id=None, partner="p", reply="r")
    a.score = score
    a.moves = [_finding(m, "move", 0) for m in moves]
    a.pitfalls = [_finding(p, "pitfall", start) for p, start in pitfalls]
    a.tone = Tone(heated=heated)
    return a


@pytest.mark.parametrize(
    ("analysis", "level", "expected"),
    [
        (_analysis(score=80, moves=("reflection",)), 1, "heard"),
        (_analysis(score=62, moves=("reflection",)), 1, "heard"),
        (_analysis(score=62, moves=("reflection",)), 3, "partly"),  # a hard conversation asks for more
        (_analysis(score=90), 1, "partly"),  # no helpful move at all: thin
        (_analysis(score=30, pitfalls=(("defensiveness", 0),)), 1, "escalates"),
        (_analysis(score=30, pitfalls=(("minimizing", 0),)), 1, "withdraws"),
        (_analysis(score=30, pitfalls=(("advice_giving", 0),)), 2, "withdraws"),
        # Equal counts: what the partner hears first decides.
        (_analysis(score=20, pitfalls=(("minimizing", 0), ("criticism", 10))), 1, "withdraws"),
        (_analysis(score=20, pitfalls=(("criticism", 0), ("minimizing", 10))), 1, "escalates"),
        # More of one kind wins.
        (
            _analysis(score=20, pitfalls=(("invalidating", 0), ("minimizing", 5), ("cliche", 9))),
            1,
            "withdraws",
        ),
        # A strong reply with one slip half lands; with two slips it does not.
        (_analysis(score=75, moves=("validation",), pitfalls=(("advice_giving", 20),)), 1, "partly"),
        (
            _analysis(score=75, moves=("validation",), pitfalls=(("advice_giving", 20), ("cliche", 30))),
            1,
            "withdraws",
        ),
        (_analysis(score=50, moves=("validation",), heated=True), 1, "escalates"),
    ],
)
def test_landing(analysis: Analysis, level: int, expected: str) -> None:
    assert landing(analysis, level) == expected


class ScriptedPipeline:
    """Returns prepared analyses in order: the engine's branching is tested apart from the analyzer."""

    def __init__(self, analyses: list[Analysis]) -> None:
        self.analyses = analyses
        self.calls: list[tuple[str | None, str | None]] = []

    def __call__(self, partner: str | None, reply: str | None, **_: Any) -> Analysis:
        self.calls.append((partner, reply))
        result = self.analyses.pop(0)
        result.partner, result.reply = partner, reply
        return result


def _run(analyses: list[Analysis], replies: list[str]) -> tuple[PracticeState, ScriptedPipeline]:
    fake = ScriptedPipeline(analyses)
    state = engine.start(SCENARIO)
    for reply in replies:
        engine.answer(state, reply, fake)  # type: ignore[arg-type]
    return state, fake


def test_good_replies_repair_and_bad_ones_get_stuck() -> None:
    good = [_analysis(score=80, moves=("reflection",)), _analysis(score=85, moves=("validation",))]
    state, fake = _run(good, ["one", "two"])
    assert state.finished and state.ending == "repaired"
    assert [e.outcome for e in state.exchanges] == ["heard", "heard"]
    assert state.score == 82  # round(82.5) with banker's rounding
    # The partner's second line is what the first reply led to, and the analyzer saw it.
    assert fake.calls[1][0] == state.scenario.turns["softer"].partner

    bad = [
        _analysis(score=20, pitfalls=(("defensiveness", 0),)),
        _analysis(score=10, pitfalls=(("contempt", 0),)),
    ]
    state, _ = _run(bad, ["one", "two"])
    assert state.ending == "stuck"
    assert [e.turn for e in state.exchanges] == ["open", "flare"]


def test_withdrawal_path_and_recovery() -> None:
    state, _ = _run(
        [_analysis(score=25, pitfalls=(("minimizing", 0),)), _analysis(score=80, moves=("apology",))],
        ["a", "b"],
    )
    assert [e.turn for e in state.exchanges] == ["open", "cold"]
    assert state.ending == "partial"


def test_finished_conversation_refuses_more_replies() -> None:
    state, _ = _run(
        [_analysis(score=80, moves=("reflection",)), _analysis(score=80, moves=("reflection",))], ["a", "b"]
    )
    with pytest.raises(InputError, match="has ended"):
        engine.answer(state, "more", ScriptedPipeline([]))  # type: ignore[arg-type]


@pytest.mark.parametrize("reply", ["", "   ", "x" * (engine.MAX_REPLY_CHARS + 1)])
def test_bad_replies_are_refused(reply: str) -> None:
    state = engine.start(SCENARIO)
    with pytest.raises(InputError):
        engine.answer(state, reply, ScriptedPipeline([]))  # type: ignore[arg-type]
    assert state.exchanges == [] and state.turn == "open"


def test_safety_concern_stops_practice_and_keeps_nothing_of_the_reply() -> None:
    flagged = _analysis(score=0)
    flagged.safety = Safety(level="urgent", categories=["threat"])
    state = engine.start(SCENARIO)
    result = engine.answer(state, "something worrying", ScriptedPipeline([flagged]))  # type: ignore[arg-type]
    assert result.outcome is None and state.stopped_for_safety and state.finished
    assert "something worrying" not in str(state.to_dict())


def test_state_round_trip_and_damage() -> None:
    state, _ = _run([_analysis(score=70, moves=("reflection",))], ["first"])
    again = PracticeState.from_dict(state.to_dict())
    assert again.to_dict() == state.to_dict()
    assert not again.finished and again.turn == "softer"
    for damaged in ({}, {"scenario": "nope", "turn": "open"}, {"scenario": SCENARIO, "turn": "nowhere"}):
        with pytest.raises(InputError):
            PracticeState.from_dict(damaged)
    broken = state.to_dict()
    broken["exchanges"][0]["outcome"] = "delighted"
    with pytest.raises(InputError):
        PracticeState.from_dict(broken)


def test_real_pipeline_walk(pipeline: Pipeline) -> None:
    state = engine.start(SCENARIO)
    first = engine.answer(state, "I'm sorry, you must be exhausted. Leaving them was on me.", pipeline)
    assert first.outcome in {"heard", "partly"}
    assert first.next_line == state.partner_line()
    engine.answer(
        state, "You're right, it isn't fair that you carry so much here. What would help most?", pipeline
    )
    assert state.finished and state.ending in {"repaired", "partial"}
    weakest = engine.weakest_round(state)
    assert weakest is not None
    reversal = engine.reverse(state, weakest, "It makes me feel like you finally see me.", pipeline)
    assert reversal["your_words"] == state.exchanges[weakest].reply
    assert reversal["feelings_underneath"] == list(state.scenario.feelings)
    assert state.reversal == reversal
    with pytest.raises(InputError, match="no round"):
        engine.reverse(state, 9, "x", pipeline)


def test_defensive_reply_escalates_with_the_real_analyzer(pipeline: Pipeline) -> None:
    state = engine.start(SCENARIO)
    result = engine.answer(state, "I was busy too, you know. You never notice anything I do.", pipeline)
    assert result.outcome == "escalates"
    assert state.turn == "flare"
