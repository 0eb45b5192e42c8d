"""The scenario bank: every shipped file is sound, and the checker catches each kind of content bug."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from feelheard.errors import InputError
from feelheard.pipeline import Pipeline
from feelheard.practice import scenarios
from feelheard.practice.scenarios import LEVELS, OUTCOMES, check_bank, get_scenario, load_bank, parse_scenario

EXAMPLE = "dishes-after-double-shift"


def _raw(scenario_id: str = EXAMPLE) -> dict[str, Any]:
    path = Path(scenarios.__file__).parent / "data" / "scenarios" / f"{scenario_id}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _problems(data: Any) -> list[str]:
    problems: list[str] = []
    parse_scenario("broken", data, problems)
    return problems


def test_shipped_bank_is_sound_and_large_enough() -> None:
    bank, problems = check_bank((Path(scenarios.__file__).parent / "data" / "scenarios").glob("*.json"))
    assert problems == []
    assert len(bank) >= 40
    for level in LEVELS:
        assert sum(1 for s in bank.values() if s.level == level) >= 10, level
    assert len({s.topic for s in bank.values()}) >= 14


def test_every_scenario_is_multi_turn_and_can_be_repaired() -> None:
    for scenario in load_bank().values():
        opening = scenario.opening
        assert not opening.is_ending
        # Each way the first reply can land leads to another partner turn, never straight to an ending.
        for outcome in OUTCOMES:
            assert not scenario.turns[opening.next[outcome]].is_ending, (scenario.id, outcome)
        # Always answering well reaches the repaired ending.
        turn = opening
        steps = 0
        while not turn.is_ending:
            turn = scenario.turns[turn.next["heard"]]
            steps += 1
        assert turn.ending == "repaired", scenario.id
        assert steps >= 2, scenario.id


def test_hard_scenarios_mostly_need_three_good_replies() -> None:
    hard = [s for s in load_bank().values() if s.level == 3]

    def good_path(s: scenarios.Scenario) -> int:
        turn, steps = s.opening, 0
        while not turn.is_ending:
            turn, steps = s.turns[turn.next["heard"]], steps + 1
        return steps

    assert sum(1 for s in hard if good_path(s) >= 3) >= len(hard) // 2


def test_example_loads() -> None:
    scenario = get_scenario(EXAMPLE)
    assert scenario.level == 1 and scenario.topic == "chores"
    assert "defensiveness" in scenario.traps


def test_unknown_scenario_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no practice scenario"):
        get_scenario("no-such-thing")


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda d: d.pop("title"), "'title' must be a non-empty string"),
        (lambda d: d.update(level=4), "'level' must be 1, 2 or 3"),
        (lambda d: d.update(level=True), "'level' must be 1, 2 or 3"),
        (lambda d: d.update(topic="astrology"), "'topic' must be one of"),
        (lambda d: d.update(feelings=["hangry"]), "unknown catalogue ids ['hangry']"),
        (lambda d: d.update(traps=[]), "'traps' must be a non-empty list"),
        (lambda d: d.update(colour="blue"), "unknown fields ['colour']"),
        (lambda d: d.update(start="nowhere"), "'start' names no turn"),
        (lambda d: d["turns"]["open"]["next"].pop("withdraws"), "'next' must map each of"),
        (lambda d: d["turns"]["open"]["next"].update(heard="missing"), "next.heard names no turn"),
        (lambda d: d["turns"]["softer"]["next"].update(heard="softer"), "loops to itself"),
        (lambda d: d["turns"]["open"]["next"].update(heard="end_close"), "fewer than 2 replies"),
        (lambda d: d["turns"]["end_close"].update(ending="happy"), "'ending' must be one of"),
        (lambda d: d["turns"]["end_close"].pop("debrief"), "'debrief' must be a non-empty string"),
        (
            lambda d: d["turns"].update(orphan={"partner": "hi", "ending": "stuck", "debrief": "x"}),
            "never reached",
        ),
    ],
)
def test_checker_names_each_problem(break_it: Any, message: str) -> None:
    data = copy.deepcopy(_raw())
    break_it(data)
    problems = _problems(data)
    assert any(message in p for p in problems), problems


def test_checker_finds_loops_and_missing_repair() -> None:
    data = copy.deepcopy(_raw())
    data["turns"]["softer"]["next"]["partly"] = "still_tense"
    data["turns"]["still_tense"]["next"]["partly"] = "softer"
    assert any("loop" in p for p in _problems(data))
    data = copy.deepcopy(_raw())
    data["turns"]["end_close"]["ending"] = "partial"
    assert any("no 'repaired' ending" in p for p in _problems(data))


def test_checker_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "Bad Name.json").write_text("{}", encoding="utf-8")
    (tmp_path / "not-json.json").write_text("{nope", encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(_raw()), encoding="utf-8")
    bank, problems = check_bank(tmp_path.glob("*.json"))
    assert list(bank) == ["good"]
    assert any("lower-case id" in p for p in problems)
    assert any("not readable JSON" in p for p in problems)


def test_main_prints_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert scenarios.main([]) == 0
    assert "sound scenarios" in capsys.readouterr().out


def test_no_scripted_partner_line_raises_a_safety_concern(pipeline: Pipeline) -> None:
    """Practice stops when a reply raises a safety concern; it must never stop because of its own script."""
    flagged = [
        (scenario.id, turn.id)
        for scenario in load_bank().values()
        for turn in scenario.turns.values()
        if pipeline(turn.partner, None).safety.level != "none"
    ]
    assert flagged == []
