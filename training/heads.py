"""Train the empathy-level and moves/pitfalls ("acts") heads on top of the shipped sentence encoder.

Inputs (all written by the project or allowed to train shipped models):
- ``training/data/empathy_train.jsonl`` and ``training/data/acts_train.jsonl`` from ``training/data_gen.py``
  (templates and slot fillers in our own words, plus GoEmotions filler sentences, Apache-2.0);
- ``tests/data/labelled/dev.jsonl`` when it exists (the project's own labelled replies; never ``test.jsonl``).

Features are computed through ``load_models().encode`` (the same int8 ONNX encoder that ships), so the heads
see exactly the embeddings they will see at run time. EPITOME and ESConv are never read for training or for
fitting thresholds; after training, ``bench.heads_bench`` only measures the result.

Outputs: ``src/feelheard/models/files/{empathy,acts}.npz`` and ``training/work/heads_metrics.json``.

Run: ``.venv-train/bin/python -m training.heads`` (a few minutes on 2 CPU cores).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training.common import FILES_DIR, REPO_ROOT, WORK_DIR, seed_everything

SEED = 1234
DATA_DIR = REPO_ROOT / "training" / "data"
DEV_LABELLED = REPO_ROOT / "tests" / "data" / "labelled" / "dev.jsonl"
CACHE = WORK_DIR / "heads_emb_cache.npz"
METRICS = WORK_DIR / "heads_metrics.json"

USE_PARTNER_EMPATHY = False
USE_PARTNER_ACTS = False
HIDDEN = int(
    os.environ.get("FEELHEARD_HEADS_HIDDEN", "256")
)  # 0 gives a plain (multinomial) logistic regression

# Catalogue ids whose sentences we can also use as empathy examples (levels er, ip, ex), because the id
# fixes the level under the EPITOME definitions. Mixed ids (open_question, validation, cliche) are left out.
ACT_TO_EMPATHY: dict[str, tuple[int, int, int]] = {
    "reflection": (0, 2, 0),
    "naming_emotion": (0, 2, 0),
    "self_disclosure": (0, 2, 0),
    "reassurance": (1, 0, 0),
    "advice_giving": (0, 0, 0),
    "minimizing": (0, 0, 0),
    "invalidating": (0, 0, 0),
    "defensiveness": (0, 0, 0),
    "criticism": (0, 0, 0),
    "contempt": (0, 0, 0),
    "stonewalling": (0, 0, 0),
    "self_focus": (0, 0, 0),
    "gaslighting": (0, 0, 0),
    "guilt_trip": (0, 0, 0),
    "heated_tone": (0, 0, 0),
    "i_statement": (0, 0, 0),
    "repair_attempt": (0, 0, 0),
}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Embedder:
    """Encode texts with the shipped encoder, caching by (encoder sha256, text) in ``training/work``."""

    def __init__(self) -> None:
        from feelheard.models import open_models
        from feelheard.models.store import sha256_of

        self._models = open_models(heads=False)
        self._key = sha256_of(FILES_DIR / "encoder.onnx")[:16]
        # Keyed by a digest of the text: storing the texts themselves as a numpy string array would pad every
        # entry to the longest one.
        self._cache: dict[str, np.ndarray] = {}
        if CACHE.exists():
            with np.load(CACHE, allow_pickle=False) as data:
                if str(data["key"]) == self._key:
                    for h, e in zip(data["hashes"].tolist(), data["embs"], strict=True):
                        self._cache[h] = e
        self._dirty = False

    @staticmethod
    def _h(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        hashes = [self._h(t) for t in texts]
        missing = sorted({t for t, h in zip(texts, hashes, strict=True) if h not in self._cache})
        if missing:
            embs = self._models.encode(missing).embeddings
            for t, e in zip(missing, embs, strict=True):
                self._cache[self._h(t)] = e
            self._dirty = True
        dim = self._models.embedding_dim
        if not texts:
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([self._cache[h] for h in hashes]).astype(np.float32)

    def save(self) -> None:
        if not self._dirty:
            return
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        hashes = list(self._cache)
        np.savez(
            CACHE,
            key=np.array(self._key),
            hashes=np.array(hashes),
            embs=np.stack([self._cache[h] for h in hashes]).astype(np.float32),
        )


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, with the package's own segmenter (the same one the analyzers use)."""
    from feelheard.text.segment import parse

    model = parse(text)
    out = [text[s.start : s.end].strip() for s in model.sentences]
    return [s for s in out if s] or [text.strip() or text]


# ------------------------------------------------------------------------------------------------------
# A small torch trainer; the result is exported as numpy arrays.
# ------------------------------------------------------------------------------------------------------
def _train(
    x: np.ndarray,
    y: np.ndarray,
    *,
    multilabel: bool,
    hidden: int = HIDDEN,
    epochs: int = 60,
    weight_decay: float = 1e-4,
    sample_weight: np.ndarray | None = None,
    seed: int = SEED,
) -> dict[str, np.ndarray]:
    """Train a linear or one-hidden-layer network with Adam, minibatches, fixed seed.

    ``y`` is ``(n,)`` class ids (softmax) or ``(n, L)`` 0/1 targets (sigmoid). Returns numpy weights named
    ``hid_w, hid_b, out_w, out_b`` (the first two only when ``hidden > 0``).
    """
    import torch

    seed_everything(seed)
    n_out = y.shape[1] if multilabel else int(y.max()) + 1
    xt = torch.from_numpy(x.astype(np.float32))
    if multilabel:
        yt = torch.from_numpy(y.astype(np.float32))
        pos = y.sum(0)
        # Up-weight the rarer positives (capped) so small ids are not drowned by the negatives.
        pw = torch.from_numpy(np.clip((len(y) - pos) / np.maximum(pos, 1.0), 1.0, 8.0).astype(np.float32))
        loss_fn: Any = torch.nn.BCEWithLogitsLoss(pos_weight=pw, reduction="none")
    else:
        yt = torch.from_numpy(y.astype(np.int64))
        counts = np.bincount(y, minlength=n_out).astype(np.float64)
        cw = torch.from_numpy((len(y) / (n_out * np.maximum(counts, 1.0))).astype(np.float32))
        loss_fn = torch.nn.CrossEntropyLoss(weight=cw, reduction="none")
    sw = torch.from_numpy(
        (sample_weight if sample_weight is not None else np.ones(len(x))).astype(np.float32)
    )
    layers: list[torch.nn.Module] = []
    if hidden:
        layers += [torch.nn.Linear(x.shape[1], hidden), torch.nn.ReLU(), torch.nn.Dropout(0.2)]
        layers += [torch.nn.Linear(hidden, n_out)]
    else:
        layers += [torch.nn.Linear(x.shape[1], n_out)]
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=weight_decay)
    gen = torch.Generator().manual_seed(seed)
    batch = 128
    for _ in range(epochs):
        net.train()
        perm = torch.randperm(len(xt), generator=gen)
        for i in range(0, len(perm), batch):
            idx = perm[i : i + batch]
            # Input noise on the unit-sphere embeddings: a cheap guard against memorising our templates.
            xb = xt[idx] + 0.02 * torch.randn(len(idx), xt.shape[1], generator=gen)
            loss = loss_fn(net(xb), yt[idx])
            if multilabel:
                loss = loss.mean(1)
            loss = (loss * sw[idx]).sum() / sw[idx].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    lin = [m for m in net if isinstance(m, torch.nn.Linear)]
    out: dict[str, np.ndarray] = {}
    if hidden:
        out["hid_w"] = lin[0].weight.detach().numpy().T.copy()
        out["hid_b"] = lin[0].bias.detach().numpy().copy()
    out["out_w"] = lin[-1].weight.detach().numpy().T.copy()
    out["out_b"] = lin[-1].bias.detach().numpy().copy()
    return {k: v.astype(np.float32) for k, v in out.items()}


def _logits(w: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    h = x
    if "hid_w" in w:
        h = np.maximum(x @ w["hid_w"] + w["hid_b"], 0.0)
    return h @ w["out_w"] + w["out_b"]


def _folds(keys: Sequence[str], k: int, seed: int) -> np.ndarray:
    """Deterministic fold id per example, grouped by key (a stable hash, no RNG state involved)."""
    return np.array([int(hashlib.md5(f"{seed}:{key}".encode()).hexdigest(), 16) % k for key in keys])


def _f1(tp: float, fp: float, fn: float) -> float:
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def _macro_f1(y: np.ndarray, p: np.ndarray, n: int) -> float:
    return float(
        np.mean(
            [
                _f1(((p == c) & (y == c)).sum(), ((p == c) & (y != c)).sum(), ((p != c) & (y == c)).sum())
                for c in range(n)
            ]
        )
    )


# ------------------------------------------------------------------------------------------------------
# Empathy head
# ------------------------------------------------------------------------------------------------------
def _empathy_sentence_set(emb: Embedder) -> tuple[list[str], list[str], np.ndarray]:
    """Unique (sentence, partner) pairs with their (er, ip, ex) levels."""
    seen: dict[tuple[str, str], tuple[int, int, int]] = {}
    for row in _read_jsonl(DATA_DIR / "empathy_train.jsonl"):
        for s, lv in zip(row["sentences"], row["sent_levels"], strict=True):
            key = (s, row["partner"] if USE_PARTNER_EMPATHY else "")
            old = seen.get(key, (0, 0, 0))
            seen[key] = (max(old[0], lv[0]), max(old[1], lv[1]), max(old[2], lv[2]))
    for row in _read_jsonl(DATA_DIR / "acts_train.jsonl"):
        labels = row["labels"]
        if not labels or any(lab not in ACT_TO_EMPATHY for lab in labels):
            continue
        lv = tuple(max(ACT_TO_EMPATHY[lab][i] for lab in labels) for i in range(3))
        key = (row["text"], row["partner"] if USE_PARTNER_EMPATHY else "")
        seen.setdefault(key, lv)  # type: ignore[arg-type]
    texts = [k[0] for k in seen]
    partners = [k[1] for k in seen]
    return texts, partners, np.array(list(seen.values()), dtype=np.int64)


def train_empathy(emb: Embedder) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    from feelheard.models.heads import sentence_features

    texts, partners, levels = _empathy_sentence_set(emb)
    s = emb(texts)
    p = emb(partners) if USE_PARTNER_EMPATHY else None
    x = _features(s, p, USE_PARTNER_EMPATHY, sentence_features)
    arrays: dict[str, np.ndarray] = {}
    metrics: dict[str, Any] = {"sentences": len(texts), "level_counts": {}}
    folds = _folds(texts, 5, SEED)
    for m in range(3):
        y = levels[:, m]
        metrics["level_counts"][str(m)] = np.bincount(y, minlength=3).tolist()
        # Out-of-fold check on our own data (optimistic: templates repeat across folds).
        oof = np.zeros(len(y), dtype=np.int64)
        for f in range(1):
            tr, te = folds != f, folds == f
            w = _train(x[tr], y[tr], multilabel=False, seed=SEED + m)
            oof[te] = _logits(w, x[te]).argmax(1)
        mask = folds < 1
        metrics[f"sentence_oof_macro_f1_m{m}"] = _macro_f1(y[mask], oof[mask], 3)
        w = _train(x, y, multilabel=False, seed=SEED + m)
        for k, v in w.items():
            arrays[f"m{m}_{k}"] = v
    arrays["thresholds"] = np.full((3, 2), 0.5, dtype=np.float32)
    arrays["use_partner"] = np.array(USE_PARTNER_EMPATHY)
    return arrays, metrics


def _features(s: np.ndarray, p: np.ndarray | None, use_partner: bool, fn: Any) -> np.ndarray:
    if not use_partner or p is None:
        return np.asarray(fn(s, None, use_partner))
    return np.concatenate([fn(s[i : i + 1], p[i], True) for i in range(len(s))]) if len(s) else s


# ------------------------------------------------------------------------------------------------------
# Acts head
# ------------------------------------------------------------------------------------------------------
def _labelled_dev_sentences() -> list[dict[str, Any]]:
    """Sentence-level rows from the project's labelled dev set: a sentence gets every id whose quote
    overlaps it. Returns [] when the file does not exist yet."""
    if not DEV_LABELLED.exists():
        return []
    from feelheard.text.segment import parse

    rows: list[dict[str, Any]] = []
    for item in _read_jsonl(DEV_LABELLED):
        reply = item.get("reply") or ""
        if not reply:
            continue
        spans: list[tuple[int, int, str]] = []
        for key in ("moves", "pitfalls"):
            for f in item.get(key) or []:
                fid = f.get("id") or f.get("label")
                quote = f.get("quote") or ""
                start = f.get("start")
                if start is None and quote:
                    start = reply.find(quote)
                if fid and start is not None and start >= 0:
                    spans.append((int(start), int(start) + len(quote), str(fid)))
        for sent in parse(reply).sentences:
            labels = sorted({fid for a, b, fid in spans if a < sent.end and b > sent.start})
            text = reply[sent.start : sent.end].strip()
            if text:
                rows.append(
                    {"text": text, "partner": item.get("partner") or "", "labels": labels, "dev": True}
                )
    return rows


def train_acts(emb: Embedder) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    from feelheard.models.heads import sentence_features

    sys.path.insert(0, str(REPO_ROOT / "training"))
    from data_gen import ACT_LABELS

    rows = _read_jsonl(DATA_DIR / "acts_train.jsonl")
    dev_rows = _labelled_dev_sentences()
    labels = list(ACT_LABELS)
    rows_all = rows + dev_rows
    idx = {lab: i for i, lab in enumerate(labels)}
    y = np.zeros((len(rows_all), len(labels)), dtype=np.float32)
    for r, row in enumerate(rows_all):
        for lab in row["labels"]:
            if lab in idx:
                y[r, idx[lab]] = 1.0
    s = emb([r["text"] for r in rows_all])
    p = emb([r["partner"] for r in rows_all]) if USE_PARTNER_ACTS else None
    x = _features(s, p, USE_PARTNER_ACTS, sentence_features)
    # The hand-labelled sentences are real replies: weigh them above the templated ones.
    sw = np.array([3.0 if r.get("dev") else 1.0 for r in rows_all])
    folds = _folds([r["text"] for r in rows_all], 3, SEED)
    oof = np.zeros_like(y)
    for f in range(3):
        tr, te = folds != f, folds == f
        w = _train(x[tr], y[tr], multilabel=True, sample_weight=sw[tr], seed=SEED)
        oof[te] = 1.0 / (1.0 + np.exp(-_logits(w, x[te])))
    thresholds = np.zeros(len(labels), dtype=np.float32)
    metrics: dict[str, Any] = {"sentences": len(rows_all), "dev_sentences": len(dev_rows), "oof_f1": {}}
    grid = np.linspace(0.2, 0.8, 25)
    for j, lab in enumerate(labels):
        # Threshold per id: best out-of-fold F1 on project data, kept within [0.2, 0.8].
        yy = y[:, j] > 0.5
        best = (0.0, 0.5)
        for t in grid:
            pp = oof[:, j] >= t
            f1 = _f1(float((pp & yy).sum()), float((pp & ~yy).sum()), float((~pp & yy).sum()))
            if f1 > best[0] + 1e-9:
                best = (f1, float(t))
        thresholds[j] = best[1]
        metrics["oof_f1"][lab] = round(best[0], 4)
    metrics["oof_macro_f1"] = float(np.mean(list(metrics["oof_f1"].values())))
    w = _train(x, y, multilabel=True, sample_weight=sw, seed=SEED)
    arrays = dict(w)
    arrays["labels"] = np.array(labels)
    arrays["thresholds"] = thresholds
    arrays["use_partner"] = np.array(USE_PARTNER_ACTS)
    return arrays, metrics


def main(evaluate: bool = True) -> dict[str, Any]:
    """Train both heads, write the ``.npz`` files and the metrics JSON; return the metrics."""
    sys.path.insert(0, str(REPO_ROOT / "training"))
    import data_gen

    data_gen.main()  # deterministic: regenerating keeps the corpora in step with the generator
    emb = Embedder()
    emp_arrays, emp_metrics = train_empathy(emb)
    acts_arrays, acts_metrics = train_acts(emb)
    emb.save()
    FILES_DIR.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(FILES_DIR / "empathy.npz", **emp_arrays)
    np.savez_compressed(FILES_DIR / "acts.npz", **acts_arrays)
    metrics: dict[str, Any] = {
        "training_sources": [
            "training/data (project-written templates; training/data_gen.py)",
            "GoEmotions train.tsv filler sentences (Apache-2.0)",
            *(["tests/data/labelled/dev.jsonl (project-written)"] if DEV_LABELLED.exists() else []),
        ],
        "empathy": emp_metrics,
        "acts": acts_metrics,
        "files": {n: (FILES_DIR / n).stat().st_size for n in ("empathy.npz", "acts.npz")},
    }
    if evaluate:
        sys.path.insert(0, str(REPO_ROOT))
        from bench import heads_bench

        rows = heads_bench.run()
        metrics["bench"] = [
            {"dataset": r.dataset, "metric": r.metric, "value": round(r.value, 4), "target": r.target}
            for r in rows
        ]
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    METRICS.write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    print(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    main(evaluate="--no-eval" not in sys.argv)
