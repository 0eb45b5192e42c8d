"""Help lines per country, read from the package data file `feelheard/data/resources.json`.

The file ships inside the package, so the resources work offline. Which country is shown is a setting (the
caller passes it, e.g. from `Settings.country`); an unknown or missing country falls back to the
``international`` list. Every entry keeps the `source` it was taken from and says whether it still
`needs_confirmation`, so a release check can trace and verify each number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Any, Literal

ResourceKind = Literal["emergency", "crisis", "domestic_violence"]
KINDS: tuple[ResourceKind, ...] = ("emergency", "crisis", "domestic_violence")
FALLBACK_COUNTRY = "international"
_DATA_FILE = "resources.json"


class ResourceDataError(ValueError):
    """The resources data file is malformed (a missing source, an unknown kind, no way to reach a line)."""


@dataclass(frozen=True)
class Resource:
    """One way to get help.

    Attributes:
        kind: ``emergency``, ``crisis`` or ``domestic_violence``.
        name: The organisation or service, as it names itself.
        number: The phone number to call, if there is one.
        text: How to reach it by text message, if it offers that.
        url: Its website, if there is one.
        source: Where the number was taken from (the organisation's own page).
        needs_confirmation: True when the entry must be re-checked against `source` before a release.
        notes: Anything the person calling should know.
    """

    kind: ResourceKind
    name: str
    number: str | None
    text: str | None
    url: str | None
    source: str
    needs_confirmation: bool
    notes: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Returns the JSON form (absent fields are left out)."""
        out: dict[str, object] = {
            "kind": self.kind,
            "name": self.name,
            "source": self.source,
            "needs_confirmation": self.needs_confirmation,
        }
        for key in ("number", "text", "url", "notes"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True)
class CountryResources:
    """The help lines of one country (or of the ``international`` fallback)."""

    code: str
    name: str
    resources: tuple[Resource, ...]

    def of_kind(self, kind: ResourceKind) -> tuple[Resource, ...]:
        """Returns the entries of one kind, in file order."""
        return tuple(r for r in self.resources if r.kind == kind)

    def to_dict(self) -> dict[str, object]:
        """Returns the JSON form."""
        return {"code": self.code, "name": self.name, "resources": [r.to_dict() for r in self.resources]}


def _parse_resource(code: str, raw: dict[str, Any]) -> Resource:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ResourceDataError(f"{code}: unknown kind {kind!r}")
    name = raw.get("name")
    source = raw.get("source")
    if not isinstance(name, str) or not name:
        raise ResourceDataError(f"{code}: an entry has no name")
    if not isinstance(source, str) or not source:
        raise ResourceDataError(f"{code}: {name!r} has no source")
    number, text, url = raw.get("number"), raw.get("text"), raw.get("url")
    if not (number or text or url):
        raise ResourceDataError(f"{code}: {name!r} has no number, text or url")
    needs = raw.get("needs_confirmation")
    if not isinstance(needs, bool):
        raise ResourceDataError(f"{code}: {name!r} must say needs_confirmation true or false")
    return Resource(
        kind=kind,
        name=name,
        number=str(number) if number else None,
        text=str(text) if text else None,
        url=str(url) if url else None,
        source=source,
        needs_confirmation=needs,
        notes=str(raw["notes"]) if raw.get("notes") else None,
    )


@lru_cache(maxsize=1)
def _load_all() -> dict[str, CountryResources]:
    raw_text = (
        importlib_resources.files("feelheard")
        .joinpath("data")
        .joinpath(_DATA_FILE)
        .read_text(encoding="utf-8")
    )
    data = json.loads(raw_text)
    countries: dict[str, CountryResources] = {}
    for code, entry in data["countries"].items():
        resources = tuple(_parse_resource(code, item) for item in entry["resources"])
        countries[code] = CountryResources(code=code, name=str(entry["name"]), resources=resources)
    if FALLBACK_COUNTRY not in countries:
        raise ResourceDataError("the data file has no 'international' fallback")
    return countries


def _normalise_code(country: str) -> str:
    code = country.strip()
    if code.lower() in {"international", "intl", "int", ""}:
        return FALLBACK_COUNTRY
    code = code.upper()
    return "GB" if code == "UK" else code


def list_countries() -> tuple[str, ...]:
    """Returns every country code with resources, ``international`` last."""
    codes = sorted(code for code in _load_all() if code != FALLBACK_COUNTRY)
    return (*codes, FALLBACK_COUNTRY)


def load_resources(country: str | None = None) -> CountryResources:
    """Returns the help lines for `country` (an ISO 3166 code such as ``"GB"``; ``"UK"`` is accepted).

    Args:
        country: The configured country; None or an unknown code gives the ``international`` list.

    Returns:
        The country's resources, or the international fallback.
    """
    countries = _load_all()
    if country is None:
        return countries[FALLBACK_COUNTRY]
    return countries.get(_normalise_code(country), countries[FALLBACK_COUNTRY])


def load_all_resources() -> dict[str, CountryResources]:
    """Returns every country's list, so the user can browse them all."""
    return dict(_load_all())
