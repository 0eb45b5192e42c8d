"""The assessment data files: they validate, their links point at real rituals and scenarios, and a broken file
fails with a message naming the file and the field."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from feelheard.assess.content import (
    AssessmentDataError,
    check_links,
    load_assessments,
    validate_all,
    validate_assessment,
)
from feelheard.rituals import load_rituals


def _raw(name: str) -> dict[str, Any]:
    text = resources.files("feelheard.assess").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_packaged_files_validate() -> None:
    assert validate_all() == {"empathy": 10, "burnout": 7, "red_flags": 12}


def test_every_link_points_at_something_real() -> None:
    from feelheard.practice.scenarios import TOPICS, load_bank

    assessments = load_assessments()
    bank = load_bank()
    ritual_ids = set(load_rituals().ids)
    links = [rec for a in assessments.values() for rec in a.links()]
    assert any(rec.ritual for rec in links) and any(rec.scenario or rec.topic for rec in links)
    for rec in links:
        if rec.ritual:
            assert rec.ritual in ritual_ids
        if rec.topic:
            assert rec.topic in TOPICS
        if rec.scenario and bank:  # the bank is present: every referenced scenario must exist in it
            assert rec.scenario in bank, f"no practice scenario {rec.scenario!r}"
    # Every band of the empathy and burnout checks links to a practice scenario or a ritual.
    for name in ("empathy", "burnout"):
        for band in assessments[name].bands:
            assert any(r.href for r in band.recommendations), (name, band.id)


def test_check_links_names_the_broken_link() -> None:
    assessments = load_assessments()
    with pytest.raises(AssessmentDataError, match=r"empathy\.json: .*no ritual 'daily_checkin'"):
        check_links(assessments, ritual_ids=set())
    with pytest.raises(AssessmentDataError, match="no practice scenario"):
        check_links(assessments, ritual_ids=set(load_rituals().ids), scenario_ids={"something-else"})


def _broken(name: str, change: Any) -> dict[str, Any]:
    raw = copy.deepcopy(_raw(name))
    change(raw)
    return raw


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda r: r.update(id="other"), r"empathy\.json: id: 'other' must match the file name"),
        (lambda r: r.pop("disclaimer"), r"empathy\.json: disclaimer: must be a non-empty string"),
        (lambda r: r.update(disclaimer="Just for fun."), "must say plainly that this is not a diagnosis"),
        (lambda r: r["scale"].pop(), r"empathy\.json: scale: must be 5 answer labels"),
        (
            lambda r: r["items"][3].update(text=""),
            r"empathy\.json: items\[3\]\.text: must be a non-empty string",
        ),
        (lambda r: r["items"][2].update(reverse="yes"), r"items\[2\]\.reverse: must be true or false"),
        (lambda r: r["items"][1].update(id=r["items"][0]["id"]), "item ids must be unique"),
        (lambda r: r.update(items=r["items"][:4]), "at least 5 items"),
        (lambda r: r["bands"][0].update(min=5), r"bands\[0\]\.min: the first band must start at 0"),
        (lambda r: r["bands"][2].update(min=10), r"bands\[2\]\.min: bands must be in rising order"),
        (lambda r: r.update(bands=r["bands"][:2]), "must have 3 or 4 bands"),
        (
            lambda r: r["bands"][1].update(recommendations=[]),
            r"bands\[1\]\.recommendations: must be a non-empty list",
        ),
        (
            lambda r: r["bands"][1]["recommendations"][0].update(ritual="daily_checkin"),
            r"bands\[1\]\.recommendations\[0\]: has practice and ritual",
        ),
        (
            lambda r: r["bands"][0]["recommendations"][0].update(practice={"topic": "chores", "level": 7}),
            r"recommendations\[0\]\.practice\.level: must be 1, 2 or 3",
        ),
        (lambda r: r["bands"][0]["recommendations"][0].update(colour="red"), "unknown field"),
        (lambda r: r["items"][0].update(safety_from=3), r"empathy\.json: safety: .*need a safety message"),
        (lambda r: r.update(higher_is="up"), "higher_is: must be 'better' or 'concern'"),
    ],
)
def test_broken_files_are_refused_naming_file_and_field(change: Any, words: str) -> None:
    with pytest.raises(AssessmentDataError, match=words):
        validate_assessment(_broken("empathy", change), source="empathy.json")


def test_red_flags_safety_recommendations_never_point_to_practice() -> None:
    def to_practice(raw: dict[str, Any]) -> None:
        raw["safety"]["recommendations"][0]["practice"] = {"topic": "chores", "level": 1}

    with pytest.raises(AssessmentDataError, match="must not send someone at risk to empathy practice"):
        validate_assessment(_broken("red_flags", to_practice), source="red_flags.json")


def test_not_an_object() -> None:
    with pytest.raises(AssessmentDataError, match=r"x\.json: top level: must be an object"):
        validate_assessment([], source="x.json")
