"""Empathy levels as the coach reports them (rules + head, the shipped pipeline) on EPITOME's dev slice.

EPITOME is evaluation-only: nothing here trains or fits anything. Each CSV row is (seeker post, response, level);
the seeker post is the partner's message and the response is the reply.
"""

from __future__ import annotations

import csv
import sys

from bench.common import BenchRow, shared_data_dir

FILES = {
    "emotional_reactions": "emotional-reactions-dev.csv",
    "interpretations": "interpretations-dev.csv",
    "explorations": "explorations-dev.csv",
}


def _macro_f1(gold: list[int], pred: list[int]) -> float:
    scores = []
    for level in (0, 1, 2):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == level)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == level != g)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == level != p)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 3


def measure(use_head: bool = True) -> dict[str, float]:
    from feelheard import load_pipeline
    from feelheard.analyzers.empathy import EmpathyAnalyzer

    base = load_pipeline().without("suggest", "safety", "scoring", "missing")
    steps = [s if s.name != "empathy" else EmpathyAnalyzer(use_head=use_head) for s in base.steps]
    from feelheard.pipeline import Pipeline

    pipeline = Pipeline(steps, max_chars=100_000)
    out: dict[str, float] = {}
    for mechanism, name in FILES.items():
        with (shared_data_dir() / "epitome-dev" / name).open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["response_post"].strip()]
        made = [
            pipeline.make(r["seeker_post"] if r["seeker_post"].strip() else None, r["response_post"])
            for r in rows
        ]
        pred = [a.empathy[mechanism].level for a in pipeline.pipe(made)]
        out[mechanism] = _macro_f1([int(r["level"]) for r in rows], pred)
    out["mean"] = sum(out[m] for m in FILES) / 3
    return out


def run() -> list[BenchRow]:
    scores = measure()
    rows = [
        BenchRow("empathy", "EPITOME dev (pipeline)", "mean macro-F1, 3 mechanisms", scores["mean"], 0.60)
    ]
    rows += [BenchRow("empathy", "EPITOME dev (pipeline)", f"macro-F1 {m}", scores[m]) for m in FILES]
    return rows


if __name__ == "__main__":
    print(measure(use_head="--rules-only" not in sys.argv))
