"""Practice branching: does the simulated partner react the way a person would to typical replies?

Reads the sample replies written with the scenarios (`tests/data/practice/samples_*.jsonl`: a good, a defensive
and a dismissive reply to each opening line, labelled by their authors) and plays each one as the first reply.
The landing rules were written before these samples existed and are not tuned on them.

Figures: agreement with the authors' label, per label, and the harmful confusion (a defensive or dismissive
reply landing as "heard", which would teach the wrong lesson).
Usage alone: python -m bench.practice_bench
"""

from __future__ import annotations

import json
from collections import Counter

from bench.common import REPO_ROOT, BenchRow

SUITE = "practice"
SAMPLES = REPO_ROOT / "tests" / "data" / "practice"


def load_samples() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(SAMPLES.glob("samples_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def measure() -> tuple[dict[str, float], Counter[tuple[str, str]]]:
    from feelheard import load_pipeline
    from feelheard.practice import engine

    pipeline = load_pipeline()
    confusion: Counter[tuple[str, str]] = Counter()
    for sample in load_samples():
        state = engine.start(sample["scenario"])
        result = engine.answer(state, sample["reply"], pipeline)
        confusion[(sample["expect"], result.outcome or "safety")] += 1
    total = sum(confusion.values())
    figures: dict[str, float] = {"samples": float(total)}
    figures["agreement"] = sum(n for (e, o), n in confusion.items() if e == o) / max(total, 1)
    for label in ("heard", "escalates", "withdraws"):
        n = sum(v for (e, _), v in confusion.items() if e == label)
        figures[f"{label} agreement"] = confusion[(label, label)] / max(n, 1)
    # A good reply that only half lands is a soft miss; a bad reply that lands as heard is the harmful one.
    good = sum(v for (e, _), v in confusion.items() if e == "heard")
    figures["good reply lands heard or partly"] = (
        confusion[("heard", "heard")] + confusion[("heard", "partly")]
    ) / max(good, 1)
    bad = sum(v for (e, _), v in confusion.items() if e != "heard")
    figures["bad reply lands as heard"] = sum(
        v for (e, o), v in confusion.items() if e != "heard" and o == "heard"
    ) / max(bad, 1)
    bad_pushback = sum(
        v for (e, o), v in confusion.items() if e != "heard" and o in {"escalates", "withdraws"}
    )
    figures["bad reply gets push-back (escalates or withdraws)"] = bad_pushback / max(bad, 1)
    return figures, confusion


def run() -> list[BenchRow]:
    figures, _ = measure()
    dataset = f"practice samples ({int(figures['samples'])})"
    return [
        BenchRow(SUITE, dataset, "outcome agreement with the authors' label", figures["agreement"], 0.70),
        BenchRow(
            SUITE,
            dataset,
            "good reply lands heard or partly",
            figures["good reply lands heard or partly"],
            0.90,
        ),
        BenchRow(SUITE, dataset, "good reply lands heard", figures["heard agreement"]),
        BenchRow(
            SUITE,
            dataset,
            "bad reply gets push-back (escalates or withdraws)",
            figures["bad reply gets push-back (escalates or withdraws)"],
            0.90,
        ),
        BenchRow(
            SUITE,
            dataset,
            "bad reply lands as heard (harmful)",
            figures["bad reply lands as heard"],
            0.02,
            False,
        ),
        BenchRow(SUITE, dataset, "defensive reply escalates", figures["escalates agreement"]),
        BenchRow(SUITE, dataset, "dismissive reply withdraws", figures["withdraws agreement"]),
    ]


if __name__ == "__main__":
    figures, confusion = measure()
    for key, value in figures.items():
        print(f"{key:50} {value:.3f}")
    for (expected, got), n in sorted(confusion.items()):
        print(f"  expected {expected:10} got {got:10} {n}")
