"""The self-assessments, one JSON file each in `assess/data/`, read and checked on the way in.

A file describes its items (statements answered on a five-point scale, some reverse-keyed), the bands its
0 to 100 score falls into, and for each band recommendations that link to practice scenarios, rituals or
another assessment. Items marked with ``safety_from`` (and bands marked ``safety``) decide when a result
touches on safety. `validate_assessment` raises `AssessmentDataError` naming the file and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from typing import Any, Literal
from urllib.parse import urlencode

from feelheard import content_check

HigherIs = Literal["better", "concern"]
SCALE_POINTS = 5
PRACTICE_LEVELS = (1, 2, 3)
LINK_KEYS = ("practice", "ritual", "assessment")


class AssessmentDataError(ValueError):
    """An assessment data file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Recommendation:
    """Something specific to do next, with at most one link.

    Attributes:
        text: What to do, in the project's words.
        scenario: A practice scenario id.
        topic: A practice topic (with `level`), when no single scenario is named.
        level: The practice level, 1 gentle to 3 hard.
        ritual: A ritual id.
        assessment: Another assessment's id.
    """

    text: str
    scenario: str | None = None
    topic: str | None = None
    level: int | None = None
    ritual: str | None = None
    assessment: str | None = None

    @property
    def href(self) -> str | None:
        """Where the web app sends the person for it."""
        if self.scenario:
            return f"/practice/{self.scenario}"
        if self.topic:
            query = {"topic": self.topic, **({"level": str(self.level)} if self.level else {})}
            return "/practice?" + urlencode(query)
        if self.ritual:
            return f"/checkins/{self.ritual}"
        if self.assessment:
            return f"/assess/{self.assessment}"
        return None

    @property
    def command(self) -> str | None:
        """The terminal command for it."""
        if self.scenario:
            return f"feelheard practice start {self.scenario}"
        if self.topic:
            return f"feelheard practice list --topic {self.topic}" + (
                f" --level {self.level}" if self.level else ""
            )
        if self.ritual:
            return f"feelheard checkin {RITUAL_COMMANDS.get(self.ritual, self.ritual)}"
        if self.assessment:
            return f"feelheard assess take {self.assessment.replace('_', '-')}"
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (links left out when absent)."""
        out: dict[str, Any] = {"text": self.text}
        if self.scenario:
            out["practice"] = {"scenario": self.scenario}
        elif self.topic:
            out["practice"] = {"topic": self.topic, "level": self.level}
        elif self.ritual:
            out["ritual"] = self.ritual
        elif self.assessment:
            out["assessment"] = self.assessment
        if self.href:
            out["href"] = self.href
        return out


# The `feelheard checkin` sub-command of each ritual.
RITUAL_COMMANDS = {
    "daily_checkin": "daily",
    "gratitude_swap": "gratitude",
    "weekly_connection": "weekly",
    "post_conflict_debrief": "debrief",
}


@dataclass(frozen=True)
class Item:
    """One statement.

    Attributes:
        reverse: Agreeing points the other way (its points are flipped before scoring).
        safety_from: For safety items: an answer at or above this (1 to 5) touches on safety.
        tip: Shown when the answer to this item is the part of the result most worth working on.
    """

    id: str
    text: str
    reverse: bool = False
    safety_from: int | None = None
    tip: Recommendation | None = None


@dataclass(frozen=True)
class Band:
    """A range of scores, from `min` up to the next band's `min` (the last one up to 100).

    Attributes:
        safety: A score in this band touches on safety.
        show_resources: Show help lines with this band even when safety is not touched.
    """

    id: str
    min: int
    label: str
    summary: str
    recommendations: tuple[Recommendation, ...]
    safety: bool = False
    show_resources: bool = False


@dataclass(frozen=True)
class SafetyNote:
    """What a result that touches on safety says instead of the usual recommendations."""

    message: str
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True)
class Assessment:
    """One self-assessment.

    Attributes:
        higher_is: ``better`` when a high score is good (empathy), ``concern`` when it is a warning sign.
        scale: The five answer labels, for the answers 1 to 5.
    """

    id: str
    version: int
    title: str
    short_title: str
    summary: str
    intro: str
    timeframe: str
    disclaimer: str
    minutes: int
    higher_is: HigherIs
    scale: tuple[str, ...]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    safety: SafetyNote | None = None
    privacy_note: str = ""

    def band_for(self, score: int) -> Band:
        """The band a score (0 to 100) falls in."""
        chosen = self.bands[0]
        for band in self.bands:
            if score >= band.min:
                chosen = band
        return chosen

    def band_range(self, band: Band) -> tuple[int, int]:
        """The lowest and highest score of a band."""
        index = self.bands.index(band)
        top = self.bands[index + 1].min - 1 if index + 1 < len(self.bands) else 100
        return band.min, top

    @property
    def has_safety_items(self) -> bool:
        """True when some answers can touch on safety (such results are never saved)."""
        return self.safety is not None

    def links(self) -> list[Recommendation]:
        """Every recommendation and tip, for link checks."""
        out = [r for band in self.bands for r in band.recommendations]
        out += [item.tip for item in self.items if item.tip]
        out += list(self.safety.recommendations) if self.safety else []
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the questionnaire (what a client needs to show it)."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "short_title": self.short_title,
            "summary": self.summary,
            "intro": self.intro,
            "timeframe": self.timeframe,
            "disclaimer": self.disclaimer,
            "privacy_note": self.privacy_note or None,
            "minutes": self.minutes,
            "higher_is": self.higher_is,
            "scale": [{"value": i + 1, "label": label} for i, label in enumerate(self.scale)],
            "items": [{"id": item.id, "text": item.text} for item in self.items],
            "bands": [
                {"id": b.id, "label": b.label, "min": self.band_range(b)[0], "max": self.band_range(b)[1]}
                for b in self.bands
            ],
        }


# --- checking ------------------------------------------------------------------------------------------------


_fail = partial(content_check.fail, AssessmentDataError)
_text = partial(content_check.text, AssessmentDataError)
_object = partial(content_check.json_object, AssessmentDataError)
_list = partial(content_check.non_empty_list, AssessmentDataError)
_ident = partial(content_check.identifier, AssessmentDataError)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _flag(raw: dict[str, Any], key: str, source: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise _fail(source, f"{where}.{key}", "must be true or false")
    return value


def _recommendation(raw: Any, source: str, where: str) -> Recommendation:
    raw = _object(raw, source, where)
    unknown = set(raw) - {"text", *LINK_KEYS}
    if unknown:
        raise _fail(source, where, f"unknown field(s) {', '.join(sorted(unknown))}")
    links = [key for key in LINK_KEYS if key in raw]
    if len(links) > 1:
        raise _fail(source, where, f"has {' and '.join(links)}: a recommendation links to one thing at most")
    text = _text(raw, "text", source, where)
    if "practice" in raw:
        practice = _object(raw["practice"], source, f"{where}.practice")
        if "scenario" in practice:
            if set(practice) != {"scenario"}:
                raise _fail(source, f"{where}.practice", "a scenario link has only 'scenario'")
            return Recommendation(
                text=text, scenario=_text(practice, "scenario", source, f"{where}.practice")
            )
        level = practice.get("level")
        if not _whole(level) or level not in PRACTICE_LEVELS:
            raise _fail(source, f"{where}.practice.level", "must be 1, 2 or 3")
        topic = _ident(practice.get("topic"), source, f"{where}.practice.topic")
        return Recommendation(text=text, topic=topic, level=level)
    if "ritual" in raw:
        return Recommendation(text=text, ritual=_ident(raw["ritual"], source, f"{where}.ritual"))
    if "assessment" in raw:
        return Recommendation(text=text, assessment=_ident(raw["assessment"], source, f"{where}.assessment"))
    return Recommendation(text=text)


def _item(raw: Any, source: str, where: str) -> Item:
    raw = _object(raw, source, where)
    safety_from = raw.get("safety_from")
    if safety_from is not None and (not _whole(safety_from) or not 2 <= safety_from <= SCALE_POINTS):
        raise _fail(source, f"{where}.safety_from", f"must be an answer from 2 to {SCALE_POINTS}")
    tip = _recommendation(raw["tip"], source, f"{where}.tip") if raw.get("tip") is not None else None
    return Item(
        id=_ident(raw.get("id"), source, f"{where}.id"),
        text=_text(raw, "text", source, where),
        reverse=_flag(raw, "reverse", source, where),
        safety_from=safety_from,
        tip=tip,
    )


def _band(raw: Any, source: str, where: str) -> Band:
    raw = _object(raw, source, where)
    low = raw.get("min")
    if not _whole(low) or not 0 <= low <= 100:
        raise _fail(source, f"{where}.min", "must be a whole number from 0 to 100")
    recommendations = tuple(
        _recommendation(r, source, f"{where}.recommendations[{i}]")
        for i, r in enumerate(_list(raw.get("recommendations"), source, f"{where}.recommendations"))
    )
    return Band(
        id=_ident(raw.get("id"), source, f"{where}.id"),
        min=low,
        label=_text(raw, "label", source, where),
        summary=_text(raw, "summary", source, where),
        recommendations=recommendations,
        safety=_flag(raw, "safety", source, where),
        show_resources=_flag(raw, "show_resources", source, where),
    )


def validate_assessment(raw: Any, *, source: str) -> Assessment:
    """Check the parsed content of one assessment file and build the `Assessment`.

    Args:
        raw: The parsed JSON.
        source: The file name, for messages; its stem must be the assessment's id.

    Raises:
        AssessmentDataError: the first problem found, naming `source` and the field.
    """
    raw = _object(raw, source, "top level")
    assessment_id = _ident(raw.get("id"), source, "id")
    stem = source.rsplit("/", 1)[-1].removesuffix(".json")
    if stem != assessment_id:
        raise _fail(source, "id", f"{assessment_id!r} must match the file name ({stem!r})")
    version = raw.get("version")
    if not _whole(version) or version < 1:
        raise _fail(source, "version", "must be a whole number from 1")
    minutes = raw.get("minutes")
    if not _whole(minutes) or not 1 <= minutes <= 30:
        raise _fail(source, "minutes", "must be a whole number of minutes from 1 to 30")
    higher_is = raw.get("higher_is")
    if higher_is not in ("better", "concern"):
        raise _fail(source, "higher_is", "must be 'better' or 'concern'")
    scale = _list(raw.get("scale"), source, "scale")
    if len(scale) != SCALE_POINTS or not all(isinstance(s, str) and s.strip() for s in scale):
        raise _fail(source, "scale", f"must be {SCALE_POINTS} answer labels, from 1 to {SCALE_POINTS}")
    disclaimer = _text(raw, "disclaimer", source, "")
    if "not a diagnosis" not in disclaimer.lower() and "not a psychological test" not in disclaimer.lower():
        raise _fail(source, "disclaimer", "must say plainly that this is not a diagnosis")
    items = tuple(
        _item(entry, source, f"items[{i}]")
        for i, entry in enumerate(_list(raw.get("items"), source, "items"))
    )
    if len(items) < 5:
        raise _fail(source, "items", "an assessment needs at least 5 items")
    if len({item.id for item in items}) != len(items):
        raise _fail(source, "items", "item ids must be unique")
    bands = tuple(
        _band(entry, source, f"bands[{i}]")
        for i, entry in enumerate(_list(raw.get("bands"), source, "bands"))
    )
    if not 3 <= len(bands) <= 4:
        raise _fail(source, "bands", "must have 3 or 4 bands")
    if bands[0].min != 0:
        raise _fail(source, "bands[0].min", "the first band must start at 0")
    for i in range(1, len(bands)):
        if bands[i].min <= bands[i - 1].min:
            raise _fail(source, f"bands[{i}].min", "bands must be in rising order with no gaps or overlaps")
    if len({band.id for band in bands}) != len(bands):
        raise _fail(source, "bands", "band ids must be unique")
    safety: SafetyNote | None = None
    has_safety = any(item.safety_from for item in items) or any(band.safety for band in bands)
    if raw.get("safety") is not None:
        note = _object(raw["safety"], source, "safety")
        safety = SafetyNote(
            message=_text(note, "message", source, "safety"),
            recommendations=tuple(
                _recommendation(r, source, f"safety.recommendations[{i}]")
                for i, r in enumerate(_list(note.get("recommendations"), source, "safety.recommendations"))
            ),
        )
        if any(r.scenario or r.topic for r in safety.recommendations):
            raise _fail(source, "safety.recommendations", "must not send someone at risk to empathy practice")
    if has_safety and safety is None:
        raise _fail(source, "safety", "items or bands that touch on safety need a safety message")
    if safety is not None and not has_safety:
        raise _fail(source, "safety", "has a safety message but no item or band that touches on safety")
    return Assessment(
        id=assessment_id,
        version=version,
        title=_text(raw, "title", source, ""),
        short_title=_text(raw, "short_title", source, ""),
        summary=_text(raw, "summary", source, ""),
        intro=_text(raw, "intro", source, ""),
        timeframe=_text(raw, "timeframe", source, ""),
        disclaimer=disclaimer,
        minutes=minutes,
        higher_is=higher_is,
        scale=tuple(s.strip() for s in scale),
        items=items,
        bands=bands,
        safety=safety,
        privacy_note=_text(raw, "privacy_note", source, "", optional=True),
    )


def check_links(
    assessments: dict[str, Assessment],
    *,
    ritual_ids: set[str] | frozenset[str],
    topics: set[str] | frozenset[str] | None = None,
    scenario_ids: set[str] | frozenset[str] | None = None,
) -> None:
    """Check that every recommendation points at something that exists.

    Args:
        assessments: All assessments by id (links to other assessments are checked against these).
        ritual_ids: The rituals that exist.
        topics: The practice topics that exist; None skips the topic check.
        scenario_ids: The practice scenarios that exist; None (no bank yet) skips the scenario check.

    Raises:
        AssessmentDataError: naming the file, the recommendation and what it points at.
    """
    for assessment in assessments.values():
        source = f"{assessment.id}.json"
        for rec in assessment.links():
            where = f"recommendation {rec.text[:40]!r}"
            if rec.ritual and rec.ritual not in ritual_ids:
                raise _fail(source, where, f"no ritual {rec.ritual!r}")
            if rec.assessment and (rec.assessment not in assessments or rec.assessment == assessment.id):
                raise _fail(source, where, f"no other assessment {rec.assessment!r}")
            if rec.topic and topics is not None and rec.topic not in topics:
                raise _fail(source, where, f"no practice topic {rec.topic!r}")
            if rec.scenario and scenario_ids is not None and rec.scenario not in scenario_ids:
                raise _fail(source, where, f"no practice scenario {rec.scenario!r}")


# --- loading --------------------------------------------------------------------------------------------------

ORDER = ("empathy", "burnout", "red_flags")


def _read_all() -> dict[str, Assessment]:
    folder = resources.files("feelheard.assess").joinpath("data")
    found: dict[str, Assessment] = {}
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".json"))
    for name in names:
        try:
            raw = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise AssessmentDataError(f"{name}: cannot be read as JSON: {exc}") from exc
        assessment = validate_assessment(raw, source=name)
        found[assessment.id] = assessment
    ordered = {key: found[key] for key in ORDER if key in found}
    ordered.update({key: value for key, value in found.items() if key not in ordered})
    return ordered


@cache
def load_assessments() -> dict[str, Assessment]:
    """Every packaged assessment by id (empathy, burnout, red flags first), read and checked once."""
    return _read_all()


def get_assessment(name: str) -> Assessment | None:
    """An assessment by id; ``-`` and ``_`` are interchangeable and case does not matter."""
    return load_assessments().get(name.strip().lower().replace("-", "_"))


def validate_all() -> dict[str, int]:
    """Read and check every file afresh, with its links to rituals and to the practice scenario bank.

    Returns:
        The number of items of each assessment.
    """
    from feelheard.practice.scenarios import TOPICS, load_bank
    from feelheard.rituals.content import load_rituals

    assessments = _read_all()
    bank = load_bank()
    check_links(
        assessments,
        ritual_ids=set(load_rituals().ids),
        topics=set(TOPICS),
        scenario_ids=set(bank) if bank else None,
    )
    return {key: len(a.items) for key, a in assessments.items()}
