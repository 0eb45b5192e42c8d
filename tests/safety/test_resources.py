"""The help lines data file: every country required, every entry traceable, works offline."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from feelheard.safety import list_countries, load_all_resources, load_resources
from feelheard.safety.resources import KINDS

REQUIRED = ("US", "GB", "CA", "AU", "IE", "NZ", "DE", "FR", "ES", "IN", "international")


def test_required_countries_present() -> None:
    codes = list_countries()
    for code in REQUIRED:
        assert code in codes
    assert codes[-1] == "international"


@pytest.mark.parametrize("code", REQUIRED)
def test_each_country_has_every_kind_and_a_source(code: str) -> None:
    country = load_resources(code)
    assert country.code == code
    for kind in KINDS:
        assert country.of_kind(kind), f"{code} has no {kind} entry"
    for entry in country.resources:
        assert entry.source.startswith("https://")
        assert entry.number or entry.url or entry.text
        assert isinstance(entry.needs_confirmation, bool)


def test_fallbacks_and_aliases() -> None:
    assert load_resources(None).code == "international"
    assert load_resources("zz").code == "international"
    assert load_resources("uk").code == "GB"
    assert load_resources(" us ").code == "US"


def test_all_countries_browsable_and_serialisable() -> None:
    everything = load_all_resources()
    assert set(REQUIRED) <= set(everything)
    json.dumps({code: c.to_dict() for code, c in everything.items()})


def test_raw_file_entries_all_declare_confirmation() -> None:
    raw = json.loads(
        resources.files("feelheard").joinpath("data").joinpath("resources.json").read_text("utf-8")
    )
    for code, country in raw["countries"].items():
        for entry in country["resources"]:
            assert "needs_confirmation" in entry, code
            assert entry["kind"] in KINDS
