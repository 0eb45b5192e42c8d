"""The project's own labelled exchanges (tests/data/labelled) and per-id scoring against them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from bench.common import REPO_ROOT

LABELLED_DIR = REPO_ROOT / "tests" / "data" / "labelled"


@dataclass(frozen=True)
class Example:
    id: str
    partner: str | None
    reply: str | None
    moves: tuple[tuple[str, int, int], ...]
    pitfalls: tuple[tuple[str, int, int], ...]
    hard_negative_for: tuple[str, ...]


def _spans(reply: str, items: list[dict[str, str]]) -> tuple[tuple[str, int, int], ...]:
    out = []
    cursor: dict[str, int] = {}
    for item in items:
        quote = item["quote"]
        start = reply.find(quote, cursor.get(quote, 0))
        if start < 0:
            start = reply.find(quote)
        cursor[quote] = start + 1
        out.append((item["id"], start, start + len(quote)))
    return tuple(out)


def load(split: str) -> list[Example]:
    """Read `dev` or `test`."""
    path = LABELLED_DIR / f"{split}.jsonl"
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        reply = raw.get("reply") or ""
        examples.append(
            Example(
                id=raw["id"],
                partner=raw.get("partner"),
                reply=raw.get("reply"),
                moves=_spans(reply, raw.get("moves", [])),
                pitfalls=_spans(reply, raw.get("pitfalls", [])),
                hard_negative_for=tuple(raw.get("hard_negative_for", [])),
            )
        )
    return examples


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_ids: list[str] = field(default_factory=list)
    fn_ids: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_presence(
    ids: Iterable[str], gold: dict[str, set[str]], predicted: dict[str, set[str]]
) -> dict[str, Counts]:
    """Exchange-level scoring: is the id present in the reply or not."""
    table = {i: Counts() for i in ids}
    for ex_id, gold_ids in gold.items():
        pred_ids = predicted.get(ex_id, set())
        for i, counts in table.items():
            if i in gold_ids and i in pred_ids:
                counts.tp += 1
            elif i in pred_ids:
                counts.fp += 1
                counts.fp_ids.append(ex_id)
            elif i in gold_ids:
                counts.fn += 1
                counts.fn_ids.append(ex_id)
    return table
