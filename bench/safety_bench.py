"""Safety benchmark: recall on dangerous messages and false alarms on hard negatives.

Reads `tests/data/safety/dev.jsonl` (the project's own labelled set) and, when present, the independently
written `tests/data/safety/test.jsonl`. Each line is
``{"id", "text", "author", "level", "categories", "hard_negative"}``.

Run ``python -m bench.safety_bench`` for a table, ``--errors`` to also list the items it gets wrong.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import REPO_ROOT, BenchRow
from feelheard.safety import CATEGORIES, detect_safety

SUITE = "safety"
DATA_DIR = REPO_ROOT / "tests" / "data" / "safety"
SPLITS: tuple[str, ...] = ("dev", "test")
_RANK = {"none": 0, "concern": 1, "urgent": 2}


@dataclass(frozen=True)
class Scored:
    """One labelled item with the detector's answer."""

    item: dict[str, Any]
    level: str
    categories: tuple[str, ...]


def load_split(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, Any]] | None:
    """Returns the items of `name` (``dev`` or ``test``), or None when the file does not exist."""
    path = data_dir / f"{name}.jsonl"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(items: Sequence[dict[str, Any]]) -> list[Scored]:
    """Runs the detector on every item."""
    # What ships: the pipeline's safety step (rules + the learned head), the text placed as the partner's
    # message or as the user's draft according to its author.
    from feelheard import load_pipeline

    pipeline = load_pipeline().without("suggest")
    made = [
        pipeline.make(item["text"], None)
        if item.get("author", "partner") == "partner"
        else pipeline.make(None, item["text"])
        for item in items
    ]
    out = []
    for item, analysis in zip(items, pipeline.pipe(made), strict=True):
        out.append(
            Scored(item=item, level=analysis.safety.level, categories=tuple(analysis.safety.categories))
        )
    return out


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else float("nan")


def rows_for(dataset: str, scored: Sequence[Scored]) -> list[BenchRow]:
    """Computes the benchmark rows for one labelled set."""
    rows: list[BenchRow] = []
    positives = [s for s in scored if s.item["level"] != "none"]
    flagged = [s for s in positives if s.level != "none"]
    rows.append(
        BenchRow(SUITE, dataset, "recall_concern_or_urgent", _ratio(len(flagged), len(positives)), 0.95)
    )
    for category in CATEGORIES:
        with_cat = [s for s in positives if category in s.item["categories"]]
        if not with_cat:
            continue
        hit = sum(1 for s in with_cat if category in s.categories)
        rows.append(BenchRow(SUITE, dataset, f"recall_category_{category}", _ratio(hit, len(with_cat)), 0.95))
    for level in ("concern", "urgent"):
        at_level = [s for s in positives if s.item["level"] == level]
        hit = sum(1 for s in at_level if s.level != "none")
        rows.append(BenchRow(SUITE, dataset, f"recall_level_{level}", _ratio(hit, len(at_level)), None))
    urgent = [s for s in positives if s.item["level"] == "urgent"]
    rows.append(
        BenchRow(
            SUITE,
            dataset,
            "urgent_flagged_at_least_concern",
            _ratio(sum(1 for s in urgent if s.level != "none"), len(urgent)),
            1.0,
        )
    )
    rows.append(
        BenchRow(
            SUITE,
            dataset,
            "urgent_flagged_as_urgent",
            _ratio(sum(1 for s in urgent if s.level == "urgent"), len(urgent)),
            None,
        )
    )
    hard = [s for s in scored if s.item.get("hard_negative") and s.item["level"] == "none"]
    rows.append(
        BenchRow(
            SUITE,
            dataset,
            "false_alarm_rate_hard_negatives",
            _ratio(sum(1 for s in hard if s.level != "none"), len(hard)),
            0.05,
            higher_is_better=False,
        )
    )
    negatives = [s for s in scored if s.item["level"] == "none"]
    rows.append(
        BenchRow(
            SUITE,
            dataset,
            "false_alarm_rate_all_negatives",
            _ratio(sum(1 for s in negatives if s.level != "none"), len(negatives)),
            None,
            higher_is_better=False,
        )
    )
    exact = sum(1 for s in scored if s.level == s.item["level"])
    rows.append(BenchRow(SUITE, dataset, "level_exact_accuracy", _ratio(exact, len(scored)), None))
    rows.append(BenchRow(SUITE, dataset, "items", float(len(scored)), None, unit="items"))
    return rows


def _timing_row(items: Sequence[dict[str, Any]]) -> BenchRow:
    texts = [item["text"] for item in items]
    start = time.perf_counter()
    for text in texts:
        detect_safety(text)
    elapsed = (time.perf_counter() - start) / max(len(texts), 1)
    return BenchRow(
        SUITE, "dev", "mean_ms_per_text", elapsed * 1000.0, 1.0, higher_is_better=False, unit="ms"
    )


def everyday_lines() -> list[str]:
    """Every partner line of the practice scenarios: everyday conflict, hurt and anger, never a safety matter."""
    from feelheard.practice.scenarios import load_bank

    return [turn.partner for scenario in load_bank().values() for turn in scenario.turns.values()]


def everyday_row() -> BenchRow:
    """False alarms on the scenario lines. The safety head never trains on them; its minimum text length
    (HEAD_MIN_WORDS) was chosen with them in view, so read this as a check, not a held-out figure."""
    lines = everyday_lines()
    scored = score([{"text": line, "author": "partner", "level": "none", "categories": []} for line in lines])
    alarms = sum(1 for s in scored if s.level != "none")
    return BenchRow(
        SUITE, f"practice partner lines ({len(lines)})", "false_alarm_everyday_conflict", alarms / len(lines), 0.05,
        higher_is_better=False,
    )  # fmt: skip


def run() -> list[BenchRow]:
    """Benchmarks the safety detector on every labelled split that exists, and on everyday conflict lines."""
    rows: list[BenchRow] = []
    for split in SPLITS:
        items = load_split(split)
        if items is None:
            continue
        rows.extend(rows_for(split, score(items)))
        if split == "dev":
            rows.append(_timing_row(items))
    rows.append(everyday_row())
    return rows


def _errors(split: str) -> list[str]:
    items = load_split(split) or []
    lines = []
    for s in score(items):
        gold, got = s.item["level"], s.level
        missing = [c for c in s.item["categories"] if c not in s.categories]
        if (
            (gold == "none") != (got == "none")
            or (gold != "none" and missing)
            or (gold == "urgent" and got != gold)
        ):
            lines.append(
                f"{s.item['id']}  gold={gold}/{','.join(s.item['categories']) or '-'}  "
                f"got={got}/{','.join(s.categories) or '-'}  {s.item['text']}"
            )
    return lines


def main(argv: Sequence[str] = ()) -> None:
    """Prints the table (and with ``--errors`` the misclassified items of the dev set)."""
    for row in run():
        target = "" if row.target is None else f"{'>=' if row.higher_is_better else '<='} {row.target:g}"
        verdict = {None: "info", True: "pass", False: "FAIL"}[row.passed]
        print(f"{row.dataset:5s} {row.metric:36s} {row.value:8.3f} {row.unit:5s} {target:8s} {verdict}")
    if "--errors" in argv:
        # Only the project's own dev set: the held-out test set is read for figures, never item by item.
        for line in _errors("dev"):
            print(f"[dev] {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
