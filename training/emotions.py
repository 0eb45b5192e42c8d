"""Fine-tune MiniLM's top two layers for the 28 GoEmotions labels (multi-task), on CPU.

Recipe (chosen by the comparison in MODEL_CARD.md):
1. Run the frozen pinned MiniLM once over train and dev. Keep, per text, the token states that enter
   layer 4 and the original sentence embedding (mean pooling, L2 norm).
2. Train layers 4-5 plus a linear head on [mean pool; CLS] of the last layer, one epoch, with two losses:
   binary cross-entropy on the 28 labels, and `1 - cos(new embedding, original embedding)` so the sentence
   embeddings that the other heads read stay close to all-MiniLM-L6-v2's (multi-task, weight 1.0).
   Only the top two layers move, so caching the lower four makes a CPU run affordable.
3. The caller exports the whole graph to ONNX, quantizes it, and fits one threshold per label on dev.

Everything is seeded, batches are built from a seeded permutation, and torch runs deterministic kernels
on a fixed thread count, so two runs give the same bytes.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray
from torch import nn

from training.common import SEED
from training.encoder import mean_pool

TRAIN_LAYERS = (4, 5)
EPOCHS = 1
LR = 8e-4
WEIGHT_DECAY = 0.01
BATCH = 32
DISTILL_WEIGHT = 1.0
WARMUP = 0.1
CACHE_BATCH = 64


class EmotionHead(nn.Module):
    """Linear layer over [mean pool; CLS] of the last hidden states -> 28 logits."""

    def __init__(self, hidden: int = 384, n_labels: int = 28) -> None:
        super().__init__()
        self.drop = nn.Dropout(0.1)
        self.lin = nn.Linear(2 * hidden, n_labels)

    def forward(self, hidden_states: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        feats = torch.cat([mean_pool(hidden_states, attention_mask), hidden_states[:, 0]], dim=-1)
        return self.lin(self.drop(feats))


def extended_mask(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """Additive attention mask `(b, 1, 1, t)` as BERT's eager attention expects."""
    return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


@dataclass
class Cache:
    """Frozen lower-layer outputs for one split, flat over tokens."""

    states: torch.Tensor  # (total_tokens, 384): input of layer TRAIN_LAYERS[0]
    offsets: NDArray[np.int64]  # (n + 1,) start of each text in `states`
    orig_emb: torch.Tensor  # (n, 384) original L2-normalised sentence embeddings

    def batch(self, idx: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        """Padded states `(b, t, 384)` and mask `(b, t)` for the given texts."""
        lens = [int(self.offsets[i + 1] - self.offsets[i]) for i in idx]
        t = max(lens)
        x = torch.zeros((len(idx), t, self.states.shape[1]), dtype=self.states.dtype)
        m = torch.zeros((len(idx), t), dtype=torch.long)
        for r, (i, n) in enumerate(zip(idx, lens, strict=True)):
            x[r, :n] = self.states[int(self.offsets[i]) : int(self.offsets[i]) + n]
            m[r, :n] = 1
        return x, m


def tokenize(tokenizer: Any, texts: list[str]) -> list[list[int]]:
    """Token ids (truncated to 128, no padding) for every text."""
    tokenizer.no_padding()
    return [e.ids for e in tokenizer.encode_batch(texts)]


def build_cache(bert: Any, ids: list[list[int]], log: Any = print) -> Cache:
    """Run the frozen model once; keep layer-4 inputs and the original embeddings."""
    k = TRAIN_LAYERS[0]
    n = len(ids)
    lens = np.array([len(x) for x in ids], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
    states = torch.zeros((int(offsets[-1]), bert.config.hidden_size), dtype=torch.float32)
    orig = torch.zeros((n, bert.config.hidden_size), dtype=torch.float32)
    order = sorted(range(n), key=lambda i: (len(ids[i]), i))  # length-sorted: little padding
    t0 = time.time()
    with torch.inference_mode():
        for b in range(0, n, CACHE_BATCH):
            idx = order[b : b + CACHE_BATCH]
            t = max(len(ids[i]) for i in idx)
            x = torch.zeros((len(idx), t), dtype=torch.long)
            for r, i in enumerate(idx):
                x[r, : len(ids[i])] = torch.tensor(ids[i])
            mask = (x != 0).long()
            out = bert(
                input_ids=x,
                attention_mask=mask,
                token_type_ids=torch.zeros_like(x),
                output_hidden_states=True,
            )
            h_in = out.hidden_states[k]
            pooled = mean_pool(out.last_hidden_state, mask)
            orig[idx] = pooled / pooled.norm(dim=-1, keepdim=True).clamp(min=1e-12)
            for r, i in enumerate(idx):
                states[int(offsets[i]) : int(offsets[i + 1])] = h_in[r, : len(ids[i])]
            if b % (CACHE_BATCH * 100) == 0:
                log(f"  cache {b}/{n} texts, {time.time() - t0:.0f}s")
    return Cache(states=states, offsets=offsets, orig_emb=orig)


class TopModel(nn.Module):
    """The trainable part: MiniLM layers 4-5 and the emotion head."""

    def __init__(self, bert: Any, head: EmotionHead) -> None:
        super().__init__()
        self.layers = nn.ModuleList([bert.encoder.layer[i] for i in TRAIN_LAYERS])
        self.head = head

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        ext = extended_mask(mask, x.dtype)
        for layer in self.layers:
            out = layer(x, attention_mask=ext)
            x = out[0] if isinstance(out, tuple) else out
        pooled = mean_pool(x, mask)
        emb = pooled / pooled.norm(dim=-1, keepdim=True).clamp(min=1e-12)
        return self.head(x, mask), emb


def batches(lengths: NDArray[np.int64], rng: np.random.Generator) -> list[list[int]]:
    """Seeded, length-bucketed batches: shuffle, sort chunks of 50 batches by length, shuffle batches."""
    perm = rng.permutation(len(lengths))
    chunk = BATCH * 50
    out: list[list[int]] = []
    for s in range(0, len(perm), chunk):
        part = sorted(perm[s : s + chunk].tolist(), key=lambda i: (int(lengths[i]), i))
        out.extend(part[j : j + BATCH] for j in range(0, len(part), BATCH))
    order = rng.permutation(len(out))
    return [out[i] for i in order]


def train_top(bert: Any, cache: Cache, labels: NDArray[np.float32], log: Any = print) -> EmotionHead:
    """Fine-tune layers 4-5 in place (inside `bert`) and return the trained head."""
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    head = EmotionHead(bert.config.hidden_size, labels.shape[1])
    for p in bert.parameters():
        p.requires_grad = False
    model = TopModel(bert, head)
    for p in model.parameters():
        p.requires_grad = True
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=LR, weight_decay=WEIGHT_DECAY)
    lengths = np.diff(cache.offsets)
    steps = EPOCHS * math.ceil(len(lengths) / BATCH)
    warm = max(1, int(WARMUP * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm))
    )
    bce = nn.BCEWithLogitsLoss()
    y = torch.from_numpy(labels)
    t0 = time.time()
    step = 0
    for epoch in range(EPOCHS):
        model.train()
        total = 0.0
        for idx in batches(lengths, rng):
            x, m = cache.batch(idx)
            logits, emb = model(x, m)
            loss = bce(logits, y[idx]) + DISTILL_WEIGHT * (1.0 - (emb * cache.orig_emb[idx]).sum(-1)).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach())
            step += 1
            if step % 200 == 0:
                log(f"  epoch {epoch + 1} step {step}/{steps} loss {total / 200:.4f} {time.time() - t0:.0f}s")
                total = 0.0
    model.eval()
    bert.eval()
    return head


def f1_per_label(y: NDArray[np.float32], pred: NDArray[np.bool_]) -> NDArray[np.float64]:
    """F1 of each column (0 where a label has neither true nor predicted positives)."""
    pos = y > 0
    tp = (pred & pos).sum(0)
    fp = (pred & ~pos).sum(0)
    fn = (~pred & pos).sum(0)
    return np.asarray(2 * tp / np.maximum(2 * tp + fp + fn, 1), dtype=np.float64)


THRESHOLD_GRID = np.round(np.arange(0.02, 0.951, 0.01), 2)


def fit_thresholds(y: NDArray[np.float32], probs: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per label, the grid threshold with the best F1 (lowest one on ties)."""
    best = np.zeros(y.shape[1], dtype=np.float32)
    for j in range(y.shape[1]):
        scores = [f1_per_label(y[:, j : j + 1], probs[:, j : j + 1] >= t)[0] for t in THRESHOLD_GRID]
        best[j] = THRESHOLD_GRID[int(np.argmax(scores))]
    return best


def scores(
    y: NDArray[np.float32], probs: NDArray[np.float32], thr: NDArray[np.float32] | float
) -> dict[str, float]:
    """Macro and micro F1 at the given thresholds."""
    pred = probs >= thr
    pos = y > 0
    tp, fp, fn = (pred & pos).sum(), (pred & ~pos).sum(), (~pred & pos).sum()
    return {
        "macro_f1": float(f1_per_label(y, pred).mean()),
        "micro_f1": float(2 * tp / max(2 * tp + fp + fn, 1)),
    }


def cross_fitted_macro_f1(y: NDArray[np.float32], probs: NDArray[np.float32], folds: int = 2) -> float:
    """Honest estimate: fit thresholds on one half of dev, score the other half, average."""
    idx = np.arange(len(y))
    parts = [idx[i::folds] for i in range(folds)]
    vals = []
    for i in range(folds):
        test = parts[i]
        fit = np.concatenate([parts[j] for j in range(folds) if j != i])
        thr = fit_thresholds(y[fit], probs[fit])
        vals.append(scores(y[test], probs[test], thr)["macro_f1"])
    return float(np.mean(vals))


def train_limit() -> int | None:
    """`FEELHEARD_TRAIN_LIMIT=N` trains on the first N texts only (smoke tests; never for shipping)."""
    raw = os.environ.get("FEELHEARD_TRAIN_LIMIT", "").strip()
    return int(raw) if raw else None
