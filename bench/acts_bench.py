"""Moves and pitfalls on the project's own labelled exchanges: per-id precision, recall and F1.

`dev` is the set the rules were developed against; `test` was written independently and is the figure that
counts. Run `python -m bench.acts_bench [dev|test] [--errors ID]` for the table (and the misses of one id).
"""

from __future__ import annotations

import sys
from typing import Any

from bench.common import BenchRow
from bench.labelled import Counts, load, score_presence


class _WithoutActsHead:
    """The shipped models with the acts head switched off, to measure the rules alone."""

    def __init__(self, models: Any) -> None:
        self._models = models
        self.acts_head = None
        self.empathy_head = models.empathy_head

    def __getattr__(self, name: str) -> Any:
        return getattr(self._models, name)


def predict(
    split: str, *, use_model: bool = True
) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, Any]]:
    from feelheard.analyzers.acts import ActsAnalyzer
    from feelheard.analyzers.emotions import EmotionsAnalyzer
    from feelheard.analyzers.encode import EncodeAnalyzer
    from feelheard.analyzers.tone import ToneAnalyzer
    from feelheard.models import load_models
    from feelheard.pipeline import Pipeline

    models = load_models() if use_model else _WithoutActsHead(load_models())
    pipeline = Pipeline([EncodeAnalyzer(models), EmotionsAnalyzer(models), ActsAnalyzer(), ToneAnalyzer()])
    examples = [e for e in load(split) if e.reply]
    gold = {e.id: {i for i, _, _ in (*e.moves, *e.pitfalls)} for e in examples}
    prepared = [pipeline.make(e.partner, e.reply, id=e.id) for e in examples]
    predicted: dict[str, set[str]] = {}
    details: dict[str, Any] = {}
    for analysis in pipeline.pipe(prepared):
        predicted[analysis.id] = {f.id for f in (*analysis.moves, *analysis.pitfalls)}
        details[analysis.id] = analysis
    return gold, predicted, details


def table(split: str) -> dict[str, Counts]:
    from feelheard.catalogue import load_catalogue

    gold, predicted, _ = predict(split)
    return score_presence(load_catalogue().act_ids, gold, predicted)


def run() -> list[BenchRow]:
    rows: list[BenchRow] = []
    for split in ("dev", "test"):
        counts = table(split)
        macro = sum(c.f1 for c in counts.values()) / len(counts)
        rows.append(
            BenchRow(
                "acts",
                f"labelled/{split}",
                "macro-F1 (26 ids, exchange level)",
                macro,
                0.70 if split == "test" else None,
            )
        )
        if split == "test":
            for label, c in counts.items():
                rows.append(
                    BenchRow(
                        "acts", "labelled/test", f"F1 {label} (P {c.precision:.2f} R {c.recall:.2f})", c.f1
                    )
                )
    return rows


def main(argv: list[str]) -> None:
    split = argv[0] if argv else "dev"
    gold, predicted, details = predict(split, use_model="--rules-only" not in argv)
    from feelheard.catalogue import load_catalogue

    counts = score_presence(load_catalogue().act_ids, gold, predicted)
    print(f"{'id':24} {'P':>5} {'R':>5} {'F1':>5}  tp fp fn")
    for label, c in counts.items():
        print(f"{label:24} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}  {c.tp:3d} {c.fp:3d} {c.fn:3d}")
    macro = sum(c.f1 for c in counts.values()) / len(counts)
    print(f"{'macro':24} {'':5} {'':5} {macro:5.3f}")
    if "--errors" in argv:
        wanted = argv[argv.index("--errors") + 1]
        examples = {e.id: e for e in load(split)}
        c = counts[wanted]
        for kind, ids in (("FP", c.fp_ids), ("FN", c.fn_ids)):
            for ex_id in ids:
                e = examples[ex_id]
                a = details[ex_id]
                got = [(f.id, f.quote) for f in (*a.moves, *a.pitfalls) if f.id == wanted]
                gold_q = [e.reply[s:t] for i, s, t in (*e.moves, *e.pitfalls) if i == wanted and e.reply]
                print(f"{kind} {ex_id}: {e.reply!r}\n    partner={e.partner!r}\n    gold={gold_q} got={got}")


if __name__ == "__main__":
    main(sys.argv[1:])
