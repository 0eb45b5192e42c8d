"""Request and response bodies of the REST API (`/api/v1`).

The analyze response is not modelled here on purpose: it is exactly `Analysis.to_dict()`, documented by the
published JSON Schema (`feelheard/schema/analysis.schema.json`), so the API and the CLI can never drift apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr


class AnalyzeRequest(BaseModel):
    """One exchange: what your partner said and your draft reply (either may be left out, not both)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "partner": "I felt so alone at the party, you left me with people I didn't know",
                    "reply": "You're overreacting, I was gone ten minutes",
                }
            ]
        },
    )

    partner: StrictStr | None = Field(default=None, description="What your partner said.")
    reply: StrictStr | None = Field(default=None, description="Your draft reply.")
    id: StrictStr | StrictInt | None = Field(default=None, description="Carried into the result unchanged.")
    sent_at: datetime | None = Field(
        default=None, description="When the draft would be sent (ISO 8601), for the late-night check."
    )


class SuggestionChange(BaseModel):
    """One edit the suggestion makes to the draft, and why."""

    change: Literal["added", "removed"]
    text: str
    why: str
    pitfall: str | None = None


class SuggestResponse(BaseModel):
    """A kinder version of the draft, or the reason there is none."""

    suggestion: str | None = Field(description="The rewritten reply; null when none is offered.")
    changes: list[SuggestionChange] = Field(description="What the rewrite removed and added.")
    score: int | None = Field(description="The draft's score (0-100); null when safety comes first.")
    safety_level: Literal["none", "concern", "urgent"]
    message: str | None = Field(description="Why no suggestion is offered, in plain words.")


class SafetyResource(BaseModel):
    """One place to get help: at least one of number, text and url is given."""

    kind: Literal["emergency", "crisis", "domestic_violence"]
    name: str
    number: str | None = None
    text: str | None = Field(default=None, description="How to reach it by text message.")
    url: str | None = None
    notes: str | None = None
    source: str = Field(description="Where the contact details were taken from.")
    needs_confirmation: bool = Field(
        description="True while the entry still awaits a check against its source."
    )


class SafetyResourcesResponse(BaseModel):
    """The help lines and services for one country (unknown codes get the international list)."""

    country: str
    name: str
    resources: list[SafetyResource]


class Country(BaseModel):
    """A country the safety resources cover."""

    code: str
    name: str


class CountriesResponse(BaseModel):
    """Every country with safety resources."""

    countries: list[Country]


class ErrorResponse(BaseModel):
    """Every error: one clear message a person can act on."""

    detail: str
