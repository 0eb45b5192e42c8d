"""The published JSON Schema of an analysis (`analysis.schema.json`)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def analysis_schema() -> dict[str, Any]:
    """The JSON Schema every `Analysis.to_dict()` validates against."""
    text = resources.files("feelheard").joinpath("schema/analysis.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
