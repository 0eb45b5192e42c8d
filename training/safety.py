"""Train the safety head: logistic regressions over the shipped encoder's embeddings.

Trained only on the project's own data: the labelled safety set (`tests/data/safety/dev.jsonl`) and, as more
harmless examples, the partner messages of the labelled coaching set (`tests/data/labelled/dev.jsonl`: everyday
complaints, hurt and anger, none of them a safety matter). Without those the head read curt everyday lines
("Just go.", "Do what you want with it.") as risk. The independently written `tests/data/safety/test.jsonl` and
the practice scenarios (the benchmark's everyday-conflict check) are never read here.

The decision threshold is fitted by 5-fold cross-validation: the lowest threshold at which at most 3% of the
safety set's harmless messages and at most 1% of the everyday messages would be flagged. Rows are scored as at
run time (the whole text and each sentence, only those of at least `HEAD_MIN_WORDS` words).
Writes `src/feelheard/models/files/safety.npz`.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from training.common import FILES_DIR, REPO_ROOT, SEED

CATEGORIES = ("self_harm", "violence", "abuse", "coercive_control")
DEV_FALSE_ALARM = 0.03
EVERYDAY_FALSE_ALARM = 0.01


def _items() -> list[dict[str, Any]]:
    path = REPO_ROOT / "tests" / "data" / "safety" / "dev.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen = {it["text"] for it in items}
    everyday = REPO_ROOT / "tests" / "data" / "labelled" / "dev.jsonl"
    for line in everyday.read_text(encoding="utf-8").splitlines():
        partner = json.loads(line).get("partner") if line.strip() else None
        if partner and partner not in seen:
            seen.add(partner)
            items.append({"text": partner, "level": "none", "categories": [], "everyday": True})
    return items


def main() -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from feelheard.models import open_models

    models = open_models(heads=False)
    items = _items()
    x = models.encode([it["text"] for it in items]).embeddings.astype(np.float64)
    risky = np.array([it["level"] != "none" for it in items])

    def fresh() -> LogisticRegression:
        return LogisticRegression(C=2.0, max_iter=5000, class_weight="balanced", random_state=SEED)

    # At run time the head scores a text and each of its sentences (those long enough) and keeps the highest;
    # the threshold is fitted on held-out folds scored the same way.
    from feelheard.analyzers.safety import HEAD_MIN_WORDS, _words
    from feelheard.text import parse

    rows: list[np.ndarray] = []
    for it, whole in zip(items, x, strict=True):
        doc = parse(it["text"])
        sentences = [it["text"][s.start : s.end] for s in doc.sentences] if len(doc.sentences) > 1 else []
        sentences = [t for t in sentences if _words(t) >= HEAD_MIN_WORDS]
        extra = (
            models.encode(sentences).embeddings.astype(np.float64) if sentences else np.zeros((0, x.shape[1]))
        )
        parts = [whole[None, :]] if _words(it["text"]) >= HEAD_MIN_WORDS else []
        rows.append(np.vstack([*parts, extra]) if parts or len(extra) else np.zeros((0, x.shape[1])))
    cv = np.zeros(len(items))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for train_idx, held_idx in folds.split(x, risky):
        clf = fresh().fit(x[train_idx], risky[train_idx])
        for i in held_idx:
            cv[i] = clf.predict_proba(rows[i])[:, 1].max() if len(rows[i]) else 0.0
    everyday = np.array([bool(it.get("everyday")) for it in items])
    threshold = max(
        float(np.quantile(cv[~risky & ~everyday], 1.0 - DEV_FALSE_ALARM)),
        float(np.quantile(cv[everyday], 1.0 - EVERYDAY_FALSE_ALARM)),
    )
    any_risk = fresh().fit(x, risky)
    weights = [any_risk.coef_[0]]
    biases = [any_risk.intercept_[0]]
    positives = x[risky]
    for category in CATEGORIES:
        labels = np.array([category in it["categories"] for it in items])[risky]
        clf = fresh().fit(positives, labels)
        weights.append(clf.coef_[0])
        biases.append(clf.intercept_[0])
    FILES_DIR.mkdir(parents=True, exist_ok=True)
    np.savez(
        FILES_DIR / "safety.npz",
        weights=np.asarray(weights, dtype=np.float32),
        biases=np.asarray(biases, dtype=np.float32),
        threshold=np.float32(threshold),
        categories=np.asarray(CATEGORIES),
    )
    recall_cv = float(((cv >= threshold) & risky).sum() / risky.sum())
    return {
        "threshold": threshold,
        "dev_cv_recall": recall_cv,
        "dev_cv_false_alarm": float((cv[~risky & ~everyday] >= threshold).mean()),
        "everyday_cv_false_alarm": float((cv[everyday] >= threshold).mean()),
    }


if __name__ == "__main__":
    print(main())
