"""Benchmark of the learned heads: EPITOME empathy levels, ESConv strategies, labelled test set (info).

EPITOME and ESConv are evaluation-only: this module reads them to measure, never to train or to fit a
threshold. Decision rules, fixed in advance:

- EPITOME: the reply's sentences (package segmenter) are scored by the empathy head; the level is the
  head's own prediction (strongest level any sentence shows, stored thresholds 0.5).
- ESConv: for each supporter turn whose strategy is one of the six mapped ones, the acts head scores each
  sentence of the turn; each strategy gets the largest probability among its catalogue ids and sentences;
  the prediction is the strategy with the largest score (argmax, no threshold, nothing fitted).
  The partner text is the seeker's turns just before the supporter turn.

Run: ``python -m bench.heads_bench`` (prints a table; about a minute on one core).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import REPO_ROOT, BenchRow, shared_data_dir

SUITE = "heads"
MECH_FILES = {
    "emotional_reactions": "emotional-reactions-dev.csv",
    "interpretations": "interpretations-dev.csv",
    "explorations": "explorations-dev.csv",
}
ESCONV_MAP: dict[str, tuple[str, ...]] = {
    "Question": ("open_question", "checking_understanding", "asking_need"),
    "Restatement or Paraphrasing": ("reflection",),
    "Reflection of feelings": ("naming_emotion",),
    "Affirmation and Reassurance": ("validation", "reassurance"),
    "Self-disclosure": ("self_disclosure",),
    "Providing Suggestions": ("advice_giving",),
}
TEST_LABELLED = REPO_ROOT / "tests" / "data" / "labelled" / "test.jsonl"


def _f1(tp: int, fp: int, fn: int) -> float:
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def _per_class_f1(gold: Sequence[Any], pred: Sequence[Any], classes: Sequence[Any]) -> dict[Any, float]:
    out = {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        out[c] = _f1(tp, fp, fn)
    return out


class _Scorer:
    """Encoder plus both heads, loaded once; sentences split with the package segmenter."""

    def __init__(self) -> None:
        from feelheard.models import open_models
        from feelheard.models.heads import load_acts_head, load_empathy_head

        self.models = open_models(heads=False)
        # verify=False: the training run measures its fresh files before build_all rewrites the manifest.
        self.empathy = load_empathy_head(verify=False)
        self.acts = load_acts_head(verify=False)
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._cache})
        if missing:
            for t, e in zip(missing, self.models.encode(missing).embeddings, strict=True):
                self._cache[t] = e
        if not texts:
            return np.zeros((0, self.models.embedding_dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


def _sentences(text: str) -> list[str]:
    from feelheard.text.segment import parse

    out = [text[s.start : s.end].strip() for s in parse(text).sentences]
    return [s for s in out if s] or [text]


def epitome_rows(scorer: _Scorer, data: Path) -> list[BenchRow]:
    """Macro-F1 over levels 0/1/2 per mechanism, and their mean (target 0.60)."""
    assert scorer.empathy is not None
    rows: list[BenchRow] = []
    f1s: list[float] = []
    for mech, fname in MECH_FILES.items():
        path = data / "epitome-dev" / fname
        with path.open(encoding="utf-8", newline="") as fh:
            items = list(csv.DictReader(fh))
        sents = [_sentences(r["response_post"]) for r in items]
        scorer.embed(
            [r["seeker_post"] for r in items]
            + [r["response_post"] for r in items]
            + [s for ss in sents for s in ss]
        )
        gold, pred = [], []
        for r, ss in zip(items, sents, strict=True):
            out = scorer.empathy.predict(
                scorer.embed([r["seeker_post"]])[0], scorer.embed([r["response_post"]])[0], scorer.embed(ss)
            )
            gold.append(int(r["level"]))
            pred.append(out[mech][0])
        per = _per_class_f1(gold, pred, [0, 1, 2])
        macro = float(np.mean(list(per.values())))
        f1s.append(macro)
        rows.append(BenchRow(SUITE, "epitome-dev", f"{mech} macro-F1", macro))
        for c in (0, 1, 2):
            rows.append(BenchRow(SUITE, "epitome-dev", f"{mech} F1 level {c}", per[c]))
    rows.insert(
        0, BenchRow(SUITE, "epitome-dev", "empathy macro-F1 (mean of 3)", float(np.mean(f1s)), target=0.60)
    )
    return rows


def esconv_rows(scorer: _Scorer, data: Path) -> list[BenchRow]:
    """Macro-F1 over the six mapped strategies (target 0.60), plus per-strategy F1 (info)."""
    assert scorer.acts is not None
    labels = scorer.acts.labels
    groups = {s: [labels.index(i) for i in ids if i in labels] for s, ids in ESCONV_MAP.items()}
    turns: list[tuple[str, str, str]] = []  # (partner, text, gold strategy)
    with (data / "esconv-dev" / "valid.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            conv = json.loads(line)
            seeker: list[str] = []
            last_seeker = ""
            for t in conv["dialog"]:
                if t["speaker"] == "usr":
                    seeker.append(t["text"])
                    continue
                if seeker:
                    last_seeker = " ".join(seeker)
                    seeker = []
                if t.get("strategy") in ESCONV_MAP:
                    turns.append((last_seeker, t["text"], t["strategy"]))
    sents = [_sentences(t[1]) for t in turns]
    scorer.embed([s for ss in sents for s in ss])
    names = list(ESCONV_MAP)
    gold, pred = [], []
    for (_partner, _text, strat), ss in zip(turns, sents, strict=True):
        probs = scorer.acts.predict(scorer.embed(ss), None).max(axis=0)
        scores = [max((float(probs[j]) for j in groups[s]), default=0.0) for s in names]
        gold.append(strat)
        pred.append(names[int(np.argmax(scores))])
    per = _per_class_f1(gold, pred, names)
    macro = float(np.mean(list(per.values())))
    acc = float(np.mean([g == p for g, p in zip(gold, pred, strict=True)]))
    rows = [BenchRow(SUITE, "esconv-dev", "strategy macro-F1 (6 mapped)", macro, target=0.60)]
    rows.append(BenchRow(SUITE, "esconv-dev", "strategy accuracy (6 mapped)", acc))
    rows += [BenchRow(SUITE, "esconv-dev", f"F1 {s}", per[s]) for s in names]
    return rows


def labelled_rows(scorer: _Scorer, path: Path) -> list[BenchRow]:
    """Reply-level per-id F1 of the acts head on the project's held-out labelled set (info only)."""
    assert scorer.acts is not None
    items = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    labels = scorer.acts.labels
    counts = {lab: [0, 0, 0] for lab in labels}
    for item in items:
        reply = item.get("reply") or ""
        if not reply:
            continue
        gold = {str(f.get("id") or f.get("label")) for k in ("moves", "pitfalls") for f in item.get(k) or []}
        probs = scorer.acts.predict(scorer.embed(_sentences(reply)), None)
        hit = scorer.acts.decide(probs).any(axis=0)
        for j, lab in enumerate(labels):
            g, p = lab in gold, bool(hit[j])
            counts[lab][0] += int(g and p)
            counts[lab][1] += int(p and not g)
            counts[lab][2] += int(g and not p)
    rows: list[BenchRow] = []
    f1s = []
    for lab, (tp, fp, fn) in counts.items():
        if tp + fn == 0:
            continue
        f = _f1(tp, fp, fn)
        f1s.append(f)
        rows.append(BenchRow(SUITE, "labelled-test", f"acts F1 {lab}", f))
    if f1s:
        rows.insert(0, BenchRow(SUITE, "labelled-test", "acts macro-F1 (ids present)", float(np.mean(f1s))))
    return rows


def run() -> list[BenchRow]:
    """All rows; a missing data set or head file simply yields no rows for it."""
    from feelheard.models.store import ModelFileError

    try:
        scorer = _Scorer()
    except ModelFileError:
        return []
    data = shared_data_dir()
    rows: list[BenchRow] = []
    if scorer.empathy is not None and (data / "epitome-dev").is_dir():
        rows += epitome_rows(scorer, data)
    if scorer.acts is not None and (data / "esconv-dev" / "valid.jsonl").is_file():
        rows += esconv_rows(scorer, data)
    if scorer.acts is not None and TEST_LABELLED.is_file():
        rows += labelled_rows(scorer, TEST_LABELLED)
    return rows


def main() -> None:
    """Print the table."""
    for r in run():
        target = "" if r.target is None else f"target {r.target:.2f} {'PASS' if r.passed else 'MISS'}"
        print(f"{r.dataset:14s} {r.metric:42s} {r.value:6.3f}  {target}")


if __name__ == "__main__":
    main()
