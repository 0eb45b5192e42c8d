"""Shared pieces for `make bench`: one row per measured figure, printed beside its target."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """Where the public research data lives (never copied into the repo)."""
    env = os.environ.get("FEELHEARD_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class BenchRow:
    """One figure of the benchmark table.

    `higher_is_better` decides how `value` is compared with `target`; a row with no target
    is informational (printed, never failed).
    """

    suite: str
    dataset: str
    metric: str
    value: float
    target: float | None = None
    higher_is_better: bool = True
    unit: str = ""

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target
