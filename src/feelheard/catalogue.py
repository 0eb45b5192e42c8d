"""The coaching catalogue: the public ids and the words we show for each, loaded from one data file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One catalogue id with what the product shows for it."""

    id: str
    kind: str  # "move", "pitfall" or "empathy"
    name: str
    definition: str
    tip: str
    why: str = ""
    antidote: str = ""
    rewrite: str = ""


@dataclass(frozen=True)
class Catalogue:
    """All ids of the contract (see the design catalogue) and their coaching text."""

    emotions: tuple[str, ...]
    empathy: dict[str, Entry]
    moves: dict[str, Entry]
    pitfalls: dict[str, Entry]
    safety_levels: tuple[str, ...]
    safety_categories: tuple[str, ...]

    def entry(self, finding_id: str) -> Entry:
        """Look up a move, pitfall or empathy id."""
        for table in (self.moves, self.pitfalls, self.empathy):
            if finding_id in table:
                return table[finding_id]
        raise KeyError(finding_id)

    @property
    def act_ids(self) -> tuple[str, ...]:
        """Every move and pitfall id, moves first, in catalogue order."""
        return (*self.moves, *self.pitfalls)


def _entries(kind: str, raw: dict[str, dict[str, Any]]) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for key, value in raw.items():
        tip = value.get("tip") or value.get("antidote", "")
        out[key] = Entry(
            id=key,
            kind=kind,
            name=value["name"],
            definition=value["definition"],
            tip=tip,
            why=value.get("why", ""),
            antidote=value.get("antidote", ""),
            rewrite=value.get("rewrite", ""),
        )
    return out


@cache
def load_catalogue() -> Catalogue:
    """Read the packaged catalogue once per process."""
    raw = json.loads(resources.files("feelheard").joinpath("data/catalogue.json").read_text(encoding="utf-8"))
    return Catalogue(
        emotions=tuple(raw["emotions"]),
        empathy=_entries("empathy", raw["empathy"]),
        moves=_entries("move", raw["moves"]),
        pitfalls=_entries("pitfall", raw["pitfalls"]),
        safety_levels=tuple(raw["safety"]["levels"]),
        safety_categories=tuple(raw["safety"]["categories"]),
    )
