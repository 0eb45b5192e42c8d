"""Request and response bodies of the REST API (`/api/v1`).

The analyze response is not modelled here on purpose: it is exactly `Analysis.to_dict()`, documented by the
published JSON Schema (`feelheard/schema/analysis.schema.json`), so the API and the CLI can never drift apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr


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


class SuggestRequest(AnalyzeRequest):
    """One exchange to suggest a kinder reply for, and whether the configured LLM may write it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "partner": "I had such an awful day, my boss yelled at me in front of everyone",
                    "reply": "You should just quit.",
                    "llm": None,
                }
            ]
        },
    )

    llm: StrictBool | None = Field(
        default=None,
        description=(
            "true: ask the configured LLM for the rewrite; false: offline composer only; null (default): use the "
            "LLM when one is configured. The LLM's rewrite is shown only if the coach's own check passes (no "
            "pitfall, no safety concern, a higher score, your key content kept); otherwise, and on any error, the "
            "offline suggestion is returned and `note` says why. The texts leave this machine only when an LLM is "
            "configured and used."
        ),
    )


class SuggestionChange(BaseModel):
    """One edit the suggestion makes to the draft, and why."""

    change: Literal["added", "removed"]
    text: str
    why: str
    pitfall: str | None = None
    move: str | None = Field(default=None, description="The helpful move an LLM rewrite added, if any.")


class SuggestResponse(BaseModel):
    """A kinder version of the draft, or the reason there is none."""

    suggestion: str | None = Field(description="The rewritten reply; null when none is offered.")
    changes: list[SuggestionChange] = Field(description="What the rewrite removed and added.")
    score: int | None = Field(description="The draft's score (0-100); null when safety comes first.")
    safety_level: Literal["none", "concern", "urgent"]
    message: str | None = Field(description="Why no suggestion is offered, in plain words.")
    source: Literal["llm", "offline"] = Field(
        default="offline",
        description="Who wrote the suggestion: the configured LLM (checked by the coach) or the offline composer.",
    )
    note: str | None = Field(
        default=None,
        description=(
            "When an LLM was asked for or used: where the suggestion came from, and why the offline one was "
            "used when the LLM's was not (it failed the coach's check, the LLM could not be reached, ...)."
        ),
    )
    suggestion_score: int | None = Field(
        default=None, description="The LLM rewrite's own score, as checked by the coach (null otherwise)."
    )


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
