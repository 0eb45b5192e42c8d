"""One settings object: every tunable and every path is derived here, from `FEELHEARD_*` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """Runtime settings.

    Attributes:
        max_chars: Longest text accepted, in characters (`FEELHEARD_MAX_CHARS`, default 20,000).
        threads: onnxruntime intra-op threads (`FEELHEARD_THREADS`, default 1).
        country: Country code for safety resources (`FEELHEARD_COUNTRY`, default "US").

    Storage paths (`FEELHEARD_HOME`, `FEELHEARD_DATABASE_URL`) are resolved in `feelheard.storage.db`, the LLM
    server (`FEELHEARD_LLM_*`) in `feelheard.llm.config`, and web secrets in `feelheard.web.deps`.
    """

    max_chars: int = 20_000
    threads: int = 1
    country: str = "US"

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            max_chars=max(1, _int("FEELHEARD_MAX_CHARS", 20_000)),
            threads=max(1, _int("FEELHEARD_THREADS", 1)),
            country=(os.environ.get("FEELHEARD_COUNTRY") or "US").upper(),
        )


def get_settings() -> Settings:
    """Settings read from the environment now (cheap; call where needed rather than at import time)."""
    return Settings.from_env()
