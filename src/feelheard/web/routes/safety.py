"""`GET /api/v1/safety/resources?country=` and `GET /api/v1/safety/countries`: help lines, offline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from feelheard.web.deps import ConfigDep
from feelheard.web.schemas import CountriesResponse, SafetyResourcesResponse

router = APIRouter(prefix="/safety", tags=["safety"])


@router.get("/resources", summary="Help lines for a country", response_model=SafetyResourcesResponse)
def resources(
    config: ConfigDep,
    country: Annotated[
        str | None,
        Query(
            max_length=20,
            description="An ISO 3166 code such as GB; unknown codes get the international list.",
        ),
    ] = None,
) -> SafetyResourcesResponse:
    """The emergency, crisis and domestic-violence lines for one country (default: the configured one)."""
    from feelheard.safety import load_resources

    found = load_resources(country or config.country)
    return SafetyResourcesResponse.model_validate(
        {"country": found.code, "name": found.name, "resources": [r.to_dict() for r in found.resources]}
    )


@router.get("/countries", summary="Countries with help lines", response_model=CountriesResponse)
def countries() -> CountriesResponse:
    """Every country the resources cover, the international list last."""
    return CountriesResponse.model_validate({"countries": country_choices()})


def country_choices() -> list[dict[str, str]]:
    """(code, name) for every covered country, sorted by name, international last."""
    from feelheard.safety import list_countries, load_all_resources

    every = load_all_resources()
    codes = list_countries()
    named = sorted((c for c in codes if c != "international"), key=lambda c: every[c].name)
    out = [{"code": c, "name": every[c].name} for c in named]
    if "international" in every:
        out.append({"code": "international", "name": every["international"].name})
    return out
