"""The ritual and prompt data files: they validate, the pool is large and distinct, and broken files fail with
messages naming the file and the field."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from feelheard.rituals import load_prompts, load_rituals, validate_all
from feelheard.rituals.content import RitualDataError, pool, validate_prompts, validate_rituals


def _raw(name: str) -> dict[str, Any]:
    text = resources.files("feelheard.rituals").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_packaged_files_validate_and_the_pool_is_large() -> None:
    counts = validate_all()
    assert list(counts) == ["daily_checkin", "gratitude_swap", "weekly_connection", "post_conflict_debrief"]
    assert sum(counts.values()) >= 150
    prompts = load_prompts()
    assert len({p.text.lower() for p in prompts}) == len(prompts)
    # Each slot used daily or more often than every 28 days has more than 28 prompts.
    for ritual, slot in (("daily_checkin", "appreciation"), ("daily_checkin", "noticed")):
        assert len(pool(ritual, slot)) > 28
    assert len(pool("gratitude_swap")) >= 10 and len(pool("weekly_connection")) >= 4


def test_the_four_flows_have_their_steps() -> None:
    book = load_rituals()
    daily = book.get("daily_checkin")
    assert daily is not None and [s.kind for s in daily.steps] == ["mood", "text", "text"]
    assert daily.due_every_days == 1
    debrief = book.get("post-conflict-debrief")  # dashes are accepted too
    assert debrief is not None and debrief.due_every_days is None
    required = [s.id for s in debrief.steps if s.required]
    assert required == ["happened", "felt", "needed", "try_next"]
    weekly = book.get("weekly_connection")
    assert weekly is not None and weekly.due_every_days == 7 and 5 <= len(weekly.steps) <= 7
    gratitude = book.get("gratitude_swap")
    assert gratitude is not None and gratitude.due_every_days == 3
    assert [m.word for m in book.moods] == ["Low", "Wobbly", "Okay", "Good", "Bright"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda r: r["rituals"][0].pop("name"),
            r"rituals\.json: rituals\[0\]\.name: must be a non-empty string",
        ),
        (
            lambda r: r["rituals"][1]["steps"][0].update(kind="slider"),
            r"rituals\[1\]\.steps\[0\]\.kind: must be one of",
        ),
        (lambda r: r["rituals"][0].update(due_every_days=0), r"rituals\[0\]\.due_every_days"),
        (lambda r: r["rituals"][0].update(minutes="five"), r"rituals\[0\]\.minutes"),
        (
            lambda r: r["rituals"][1]["steps"][2].update(options=[]),
            r"rituals\[1\]\.steps\[2\]\.options: must be a non-empty list",
        ),
        (
            lambda r: r["rituals"][0]["steps"][0].update(prompt_slot="x"),
            r"steps\[0\]\.prompt_slot: only text steps",
        ),
        (lambda r: r["rituals"][0]["steps"][1].update(id="mood"), "step ids must be unique"),
        (lambda r: r["rituals"][1].update(id=r["rituals"][0]["id"]), "ritual ids must be unique"),
        (lambda r: r["rituals"][0]["steps"][0].update(id="Mood Step"), "must be lower case"),
        (lambda r: r["moods"].pop(), r"moods: must be exactly five"),
        (lambda r: r["moods"][0].update(value=3), r"moods\[0\]\.value: must be 1"),
        (lambda r: r.pop("safety_message"), "rituals.json: safety_message: must be a non-empty string"),
    ],
)
def test_broken_ritual_files_name_file_and_field(change: Any, words: str) -> None:
    raw = copy.deepcopy(_raw("rituals.json"))
    change(raw)
    with pytest.raises(RitualDataError, match=words):
        validate_rituals(raw)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda r: r["prompts"][1].update(id=r["prompts"][0]["id"]),
            r"prompts\.json: prompts\[1\]\.id: 'ap001' is used twice",
        ),
        (
            lambda r: r["prompts"][5].update(text=r["prompts"][4]["text"].upper()),
            r"prompts\[5\]\.text: repeats the text of",
        ),
        (
            lambda r: r["prompts"][0].update(slot="nope"),
            r"prompts\[0\] \(ap001\): no ritual 'daily_checkin' with a prompt slot 'nope'",
        ),
        (lambda r: r["prompts"][0].update(text=" "), r"prompts\[0\]\.text: must be a non-empty string"),
        (
            lambda r: r.update(prompts=[p for p in r["prompts"] if p["slot"] != "weekly"]),
            "slot 'weekly' has no prompts",
        ),
    ],
)
def test_broken_prompt_files_name_file_and_field(change: Any, words: str) -> None:
    raw = copy.deepcopy(_raw("prompts.json"))
    change(raw)
    with pytest.raises(RitualDataError, match=words):
        validate_prompts(raw, load_rituals())
