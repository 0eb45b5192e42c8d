"""The scenario bank: practice situations in data files, loaded and checked once.

Each scenario is one JSON file in ``practice/data/scenarios/``. A scenario is a small graph of partner turns:
every turn that is not an ending says where the conversation goes for each way the user's reply can land
(`OUTCOMES`), and every path reaches an ending after at least two partner turns. `check_bank` reports every
problem with the file and field it is in, so a content writer can fix them all at once.

Run ``python -m feelheard.practice.scenarios`` to check the bank.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from feelheard.errors import InputError

# How a reply can land with the simulated partner (see `practice.engine.landing`).
OUTCOMES = ("heard", "partly", "escalates", "withdraws")
ENDINGS = ("repaired", "partial", "stuck")
LEVELS = {1: "gentle", 2: "charged", 3: "hard"}
TOPICS = (
    "chores",
    "money",
    "in_laws",
    "intimacy",
    "jealousy",
    "work_stress",
    "illness",
    "grief",
    "forgotten_date",
    "texting",
    "parenting",
    "cultural_differences",
    "long_distance",
    "betrayal",
    "friends",
    "plans",
    "self_doubt",
    "family_news",
)
MIN_TURNS_TO_END = 2


@dataclass(frozen=True)
class Turn:
    """One partner turn: what they say, and where each outcome leads (or how the conversation ends)."""

    id: str
    partner: str
    next: Mapping[str, str]
    ending: str | None = None
    debrief: str | None = None

    @property
    def is_ending(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True)
class Scenario:
    """A practice situation.

    Attributes:
        id: Stable id (the file name without ``.json``).
        title: Short title for lists.
        topic: One of `TOPICS`.
        level: 1 gentle, 2 charged, 3 hard.
        context: What the user knows before the partner speaks (second person).
        feelings: Catalogue emotion ids the partner feels underneath.
        underneath: The feelings and needs under the words, in prose.
        good_answer: What a good answer does, in prose.
        aim_moves: Catalogue move ids that matter most here.
        traps: Catalogue pitfall ids people tend to fall into here.
        start: Id of the opening turn.
        turns: Every turn by id.
    """

    id: str
    title: str
    topic: str
    level: int
    context: str
    feelings: tuple[str, ...]
    underneath: str
    good_answer: str
    aim_moves: tuple[str, ...]
    traps: tuple[str, ...]
    start: str
    turns: Mapping[str, Turn]

    @property
    def opening(self) -> Turn:
        return self.turns[self.start]

    @property
    def level_name(self) -> str:
        return LEVELS[self.level]


def _bank_dir() -> Path:
    return Path(str(resources.files("feelheard").joinpath("practice/data/scenarios")))


def _catalogue_ids() -> tuple[set[str], set[str], set[str]]:
    from feelheard.catalogue import load_catalogue

    cat = load_catalogue()
    return set(cat.emotions), set(cat.moves), set(cat.pitfalls)


def _text(data: Mapping[str, Any], key: str, where: str, problems: list[str], *, max_len: int = 2000) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: '{key}' must be a non-empty string")
        return ""
    if len(value) > max_len:
        problems.append(f"{where}: '{key}' is longer than {max_len} characters")
    return value.strip()


def _ids(
    data: Mapping[str, Any], key: str, allowed: set[str], where: str, problems: list[str]
) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: '{key}' must be a non-empty list of ids")
        return ()
    unknown = [v for v in value if v not in allowed]
    if unknown:
        problems.append(f"{where}: '{key}' has unknown catalogue ids {unknown}")
    return tuple(value)


def _turn(turn_id: str, data: Any, where: str, problems: list[str]) -> Turn | None:
    where = f"{where} turn '{turn_id}'"
    if not isinstance(data, dict):
        problems.append(f"{where}: must be an object")
        return None
    extra = set(data) - {"partner", "next", "ending", "debrief"}
    if extra:
        problems.append(f"{where}: unknown fields {sorted(extra)}")
    partner = _text(data, "partner", where, problems, max_len=600)
    ending = data.get("ending")
    if ending is not None:
        if ending not in ENDINGS:
            problems.append(f"{where}: 'ending' must be one of {ENDINGS}")
        if "next" in data:
            problems.append(f"{where}: an ending has no 'next'")
        debrief = _text(data, "debrief", where, problems, max_len=800)
        return Turn(id=turn_id, partner=partner, next={}, ending=str(ending), debrief=debrief)
    nxt = data.get("next")
    if (
        not isinstance(nxt, dict)
        or set(nxt) != set(OUTCOMES)
        or not all(isinstance(v, str) for v in nxt.values())
    ):
        problems.append(f"{where}: 'next' must map each of {list(OUTCOMES)} to a turn id")
        return Turn(id=turn_id, partner=partner, next={})
    return Turn(id=turn_id, partner=partner, next=dict(nxt))


def _check_graph(scenario_id: str, start: str, turns: Mapping[str, Turn], problems: list[str]) -> None:
    where = f"{scenario_id}.json"
    if start not in turns:
        problems.append(f"{where}: 'start' names no turn")
        return
    if turns[start].is_ending:
        problems.append(f"{where}: the opening turn cannot be an ending")
    for turn in turns.values():
        for outcome, target in turn.next.items():
            if target not in turns:
                problems.append(f"{where} turn '{turn.id}': next.{outcome} names no turn ({target!r})")
            elif target == turn.id:
                problems.append(f"{where} turn '{turn.id}': next.{outcome} loops to itself")
    if any(p.startswith(where) for p in problems):
        return
    # Depth of each turn (partner turns said before it, shortest path) and reachability.
    depth = {start: 1}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for turn_id in frontier:
            for target in turns[turn_id].next.values():
                if target not in depth:
                    depth[target] = depth[turn_id] + 1
                    following.append(target)
        frontier = following
    unreachable = sorted(set(turns) - set(depth))
    if unreachable:
        problems.append(f"{where}: turns never reached {unreachable}")
    for turn_id, d in depth.items():
        if turns[turn_id].is_ending and d - 1 < MIN_TURNS_TO_END:
            problems.append(
                f"{where} turn '{turn_id}': an ending reached after fewer than {MIN_TURNS_TO_END} replies"
            )
    # Every path must end: no cycles (a conversation that never ends is a content bug).
    state: dict[str, int] = {}

    def visit(turn_id: str) -> bool:
        state[turn_id] = 1
        for target in turns[turn_id].next.values():
            if state.get(target) == 1 or (state.get(target) is None and not visit(target)):
                return False
        state[turn_id] = 2
        return True

    if not visit(start):
        problems.append(f"{where}: the turns form a loop; every path must reach an ending")
    endings = {t.ending for t in turns.values() if t.is_ending}
    if "repaired" not in endings:
        problems.append(f"{where}: no 'repaired' ending; a good conversation must be able to end well")


def parse_scenario(scenario_id: str, data: Any, problems: list[str]) -> Scenario | None:
    """Check one scenario's data, adding what is wrong to `problems`; the scenario when it is sound."""
    where = f"{scenario_id}.json"
    if not isinstance(data, dict):
        problems.append(f"{where}: must be a JSON object")
        return None
    before = len(problems)
    allowed = {
        "title", "topic", "level", "context", "feelings", "underneath", "good_answer", "aim_moves", "traps",
        "start", "turns",
    }  # fmt: skip
    extra = set(data) - allowed
    if extra:
        problems.append(f"{where}: unknown fields {sorted(extra)}")
    emotions, moves, pitfalls = _catalogue_ids()
    title = _text(data, "title", where, problems, max_len=80)
    topic = data.get("topic")
    if topic not in TOPICS:
        problems.append(f"{where}: 'topic' must be one of {TOPICS}")
    level = data.get("level")
    if level not in LEVELS or isinstance(level, bool):
        problems.append(f"{where}: 'level' must be 1, 2 or 3")
    context = _text(data, "context", where, problems, max_len=800)
    feelings = _ids(data, "feelings", emotions, where, problems)
    underneath = _text(data, "underneath", where, problems, max_len=800)
    good_answer = _text(data, "good_answer", where, problems, max_len=800)
    aim_moves = _ids(data, "aim_moves", moves, where, problems)
    traps = _ids(data, "traps", pitfalls, where, problems)
    start = data.get("start")
    raw_turns = data.get("turns")
    turns: dict[str, Turn] = {}
    if not isinstance(raw_turns, dict) or not raw_turns:
        problems.append(f"{where}: 'turns' must be an object of turns by id")
    else:
        for turn_id, raw in raw_turns.items():
            turn = _turn(str(turn_id), raw, where, problems)
            if turn is not None:
                turns[turn.id] = turn
    if not isinstance(start, str):
        problems.append(f"{where}: 'start' must be a turn id")
    elif len(problems) == before:
        _check_graph(scenario_id, start, turns, problems)
    if len(problems) != before:
        return None
    return Scenario(
        id=scenario_id,
        title=title,
        topic=str(topic),
        level=int(level),  # type: ignore[arg-type]
        context=context,
        feelings=feelings,
        underneath=underneath,
        good_answer=good_answer,
        aim_moves=aim_moves,
        traps=traps,
        start=str(start),
        turns=turns,
    )


def check_bank(paths: Iterable[Path]) -> tuple[dict[str, Scenario], list[str]]:
    """Load scenario files; every problem found, with its file and field."""
    problems: list[str] = []
    bank: dict[str, Scenario] = {}
    for path in sorted(paths):
        scenario_id = path.stem
        if not scenario_id.replace("_", "-").replace("-", "").isalnum() or scenario_id != scenario_id.lower():
            problems.append(f"{path.name}: the file name must be a lower-case id (letters, digits, hyphens)")
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}: not readable JSON ({exc})")
            continue
        scenario = parse_scenario(scenario_id, data, problems)
        if scenario is not None:
            bank[scenario_id] = scenario
    return bank, problems


@cache
def load_bank() -> dict[str, Scenario]:
    """Every scenario shipped with the package, by id (checked; loaded once per process).

    Raises:
        InputError: a scenario file is broken (a packaging bug; `check_bank` lists the details).
    """
    bank, problems = check_bank(_bank_dir().glob("*.json"))
    if problems:
        raise InputError(f"the scenario bank is damaged: {problems[0]}")
    return bank


def get_scenario(scenario_id: str) -> Scenario:
    """One scenario by id.

    Raises:
        InputError: no scenario has that id.
    """
    bank = load_bank()
    if scenario_id not in bank:
        raise InputError(
            f"there is no practice scenario {scenario_id!r}; `feelheard practice list` shows them"
        )
    return bank[scenario_id]


def main(argv: list[str] | None = None) -> int:
    """Check the bank (or the files given) and print every problem; exit 1 when there are any."""
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] if args else list(_bank_dir().glob("*.json"))
    bank, problems = check_bank(paths)
    for problem in problems:
        print(problem)
    by_level = {lvl: sum(1 for s in bank.values() if s.level == lvl) for lvl in LEVELS}
    topics = sorted({s.topic for s in bank.values()})
    print(f"{len(bank)} sound scenarios; by level {by_level}; {len(topics)} topics; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
