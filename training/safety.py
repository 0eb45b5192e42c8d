"""Train the safety head: logistic regressions over the shipped encoder's embeddings.

Trained only on the project's own labelled safety set (`tests/data/safety/dev.jsonl`); the independently written
`test.jsonl` is never read here. The decision threshold is fitted on dev by 5-fold cross-validation so that about
3% of dev's harmless messages would be flagged, leaving room under the 5% false-alarm target.
Writes `src/feelheard/models/files/safety.npz`.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from training.common import FILES_DIR, REPO_ROOT, SEED

CATEGORIES = ("self_harm", "violence", "abuse", "coercive_control")
DEV_FALSE_ALARM = 0.03


def _items() -> list[dict[str, Any]]:
    path = REPO_ROOT / "tests" / "data" / "safety" / "dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


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

    # At run time the head scores a text and each of its sentences and keeps the highest; the threshold is
    # fitted on held-out folds scored the same way.
    from feelheard.text import parse

    rows: list[np.ndarray] = []
    for it, whole in zip(items, x, strict=True):
        doc = parse(it["text"])
        sentences = [it["text"][s.start : s.end] for s in doc.sentences] if len(doc.sentences) > 1 else []
        extra = (
            models.encode(sentences).embeddings.astype(np.float64) if sentences else np.zeros((0, x.shape[1]))
        )
        rows.append(np.vstack([whole[None, :], extra]))
    cv = np.zeros(len(items))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for train_idx, held_idx in folds.split(x, risky):
        clf = fresh().fit(x[train_idx], risky[train_idx])
        for i in held_idx:
            cv[i] = clf.predict_proba(rows[i])[:, 1].max()
    threshold = float(np.quantile(cv[~risky], 1.0 - DEV_FALSE_ALARM))
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
    return {"threshold": threshold, "dev_cv_recall": recall_cv, "dev_cv_false_alarm": DEV_FALSE_ALARM}


if __name__ == "__main__":
    print(main())
