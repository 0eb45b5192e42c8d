"""Numpy-only learned heads on top of the shared sentence encoder: empathy levels and moves/pitfalls.

Both heads read the L2-normalised sentence embeddings that `Models.encode` returns, so they add no second
transformer run. Their weights are small `.npz` files written by `training/heads.py`, trained only on
examples the project wrote itself plus filler sentences from GoEmotions (Apache-2.0); EPITOME and ESConv
only ever measure them (`bench/heads_bench.py`).

Each head is a per-sentence scorer (a linear layer, optionally after one ReLU hidden layer). A reply's
empathy level is the strongest level any of its sentences shows, which is how EPITOME defines the levels:
one strong sentence makes a strong reply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from feelheard.models.store import files_dir, find_optional

__all__ = [
    "ACTS_FILE",
    "EMPATHY_FILE",
    "ActsHead",
    "EmpathyHead",
    "load_acts_head",
    "load_empathy_head",
    "sentence_features",
]

EMPATHY_FILE = "empathy.npz"
ACTS_FILE = "acts.npz"

F32 = NDArray[np.float32]


def sentence_features(sentences: NDArray[Any], partner: NDArray[Any] | None, use_partner: bool) -> F32:
    """Build the per-sentence feature matrix the heads were trained on.

    Args:
        sentences: `(k, d)` sentence embeddings.
        partner: `(d,)` embedding of the partner's message, or None when there is none.
        use_partner: Append the element-wise product with the partner embedding (zeros without a partner),
            which lets a head see whether a sentence is about what the partner said.

    Returns:
        `(k, d)` or `(k, 2d)` float32 features.
    """
    s = np.asarray(sentences, dtype=np.float32)
    if s.ndim == 1:
        s = s[None, :]
    if not use_partner:
        return s
    if partner is None:
        inter = np.zeros_like(s)
    else:
        # Scaled so that the product has roughly the spread of the embedding itself (both are unit vectors).
        inter = s * np.asarray(partner, dtype=np.float32).reshape(1, -1) * np.float32(np.sqrt(s.shape[1]))
    return np.concatenate([s, inter], axis=1).astype(np.float32, copy=False)


class _Mlp:
    """A linear layer, optionally after one ReLU hidden layer; weights come from an `.npz`."""

    def __init__(self, out_w: F32, out_b: F32, hid_w: F32 | None = None, hid_b: F32 | None = None) -> None:
        self.out_w = out_w
        self.out_b = out_b
        self.hid_w = hid_w
        self.hid_b = hid_b

    def logits(self, x: F32) -> F32:
        h = x
        if self.hid_w is not None and self.hid_b is not None:
            h = np.maximum(x @ self.hid_w + self.hid_b, np.float32(0.0))
        return (h @ self.out_w + self.out_b).astype(np.float32, copy=False)


def _softmax(z: F32) -> F32:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out: F32 = (e / e.sum(axis=-1, keepdims=True)).astype(np.float32, copy=False)
    return out


def _sigmoid(z: F32) -> F32:
    out: F32 = (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).astype(np.float32, copy=False)
    return out


def _mlp_from(data: Any, prefix: str) -> _Mlp:
    # NpzFile is a Mapping (numpy >= 1.26), so .get works for the optional hidden layer.
    hid_w = data.get(f"{prefix}hid_w", None)
    hid_b = data.get(f"{prefix}hid_b", None)
    return _Mlp(
        np.asarray(data[f"{prefix}out_w"], dtype=np.float32),
        np.asarray(data[f"{prefix}out_b"], dtype=np.float32),
        None if hid_w is None else np.asarray(hid_w, dtype=np.float32),
        None if hid_b is None else np.asarray(hid_b, dtype=np.float32),
    )


class EmpathyHead:
    """EPITOME-style empathy levels (0 none, 1 weak, 2 strong) for three mechanisms.

    Each sentence gets probabilities for levels 0/1/2 per mechanism. The reply's probability of showing the
    mechanism at all is the largest per-sentence probability of level >= 1, and likewise for level 2; the
    level is 2, 1 or 0 by comparing those with the stored thresholds.
    """

    mechanisms: tuple[str, str, str] = ("emotional_reactions", "interpretations", "explorations")

    def __init__(self, scorers: list[_Mlp], thresholds: F32, use_partner: bool) -> None:
        """Keep the weights.

        Args:
            scorers: One sentence scorer per mechanism, each giving 3 logits.
            thresholds: `(3, 2)`: per mechanism, the threshold on P(level >= 1) and on P(level = 2).
            use_partner: Whether features include the partner interaction block.
        """
        if len(scorers) != 3 or thresholds.shape != (3, 2):
            raise ValueError("the empathy head needs 3 scorers and (3, 2) thresholds")
        self._scorers = scorers
        self.thresholds = thresholds
        self.use_partner = use_partner

    def sentence_probs(self, sentences: NDArray[Any], partner: NDArray[Any] | None) -> F32:
        """Per-sentence level probabilities, shape `(3, k, 3)`: mechanism, sentence, level."""
        x = sentence_features(sentences, partner, self.use_partner)
        return np.stack([_softmax(sc.logits(x)) for sc in self._scorers]).astype(np.float32, copy=False)

    def predict(
        self, partner: NDArray[Any] | None, reply: NDArray[Any], sentences: NDArray[Any]
    ) -> dict[str, tuple[int, F32, F32]]:
        """Score one reply.

        Args:
            partner: `(d,)` embedding of the partner's message, or None.
            reply: `(d,)` embedding of the whole reply; used only when `sentences` is empty.
            sentences: `(k, d)` embeddings of the reply's sentences.

        Returns:
            `{mechanism: (level, class probabilities (3,), per-sentence evidence (k,))}`; the evidence is
            each sentence's probability of showing the mechanism at level 1 or 2.
        """
        sents = np.asarray(sentences, dtype=np.float32).reshape(-1, np.asarray(reply).shape[-1])
        k = sents.shape[0]
        rows = sents if k else np.asarray(reply, dtype=np.float32).reshape(1, -1)
        probs = self.sentence_probs(rows, partner)
        out: dict[str, tuple[int, F32, F32]] = {}
        for m, name in enumerate(self.mechanisms):
            p = probs[m]
            ge1 = p[:, 1] + p[:, 2]
            p_any = float(ge1.max())
            p_strong = float(p[:, 2].max())
            cls = np.array([1.0 - p_any, max(p_any - p_strong, 0.0), p_strong], dtype=np.float32)
            cls /= cls.sum()
            t_any, t_strong = float(self.thresholds[m, 0]), float(self.thresholds[m, 1])
            level = 2 if p_strong >= t_strong else (1 if p_any >= t_any else 0)
            evidence = ge1.astype(np.float32) if k else np.zeros(0, dtype=np.float32)
            out[name] = (level, cls, evidence)
        return out


class ActsHead:
    """Per-sentence probabilities of catalogue moves and pitfalls (one-vs-rest, sigmoid outputs)."""

    def __init__(self, labels: tuple[str, ...], scorer: _Mlp, thresholds: F32, use_partner: bool) -> None:
        """Keep the weights.

        Args:
            labels: Catalogue ids, in output order.
            scorer: Sentence scorer giving one logit per label.
            thresholds: `(len(labels),)` decision thresholds, fitted on project data only.
            use_partner: Whether features include the partner interaction block.
        """
        if thresholds.shape != (len(labels),):
            raise ValueError("one threshold per label is required")
        self.labels = labels
        self._scorer = scorer
        self.thresholds = thresholds
        self.use_partner = use_partner

    def predict(self, sentences: NDArray[Any], partner: NDArray[Any] | None) -> F32:
        """Probabilities `(k, len(labels))` for `(k, d)` sentence embeddings (k may be 0)."""
        s = np.asarray(sentences, dtype=np.float32)
        if s.ndim == 1:
            s = s[None, :]
        if s.shape[0] == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return _sigmoid(self._scorer.logits(sentence_features(s, partner, self.use_partner)))

    def decide(self, probs: NDArray[Any]) -> NDArray[np.bool_]:
        """Which labels pass their own threshold, same shape as `probs`."""
        return np.asarray(probs) >= self.thresholds


def _open(name: str, directory: Path | None, verify: bool) -> Any:
    path = find_optional(name, directory=directory or files_dir(), verify=verify)
    if path is None:
        return None
    return np.load(path, allow_pickle=False)


def load_empathy_head(directory: Path | None = None, *, verify: bool = True) -> EmpathyHead | None:
    """Load `empathy.npz`; None when the file is absent (the coach then relies on its rules).

    Args:
        directory: Model folder; default `files_dir()`.
        verify: Check the file against the manifest (training turns this off before the manifest is rewritten).
    """
    data = _open(EMPATHY_FILE, directory, verify)
    if data is None:
        return None
    with data:
        scorers = [_mlp_from(data, f"m{m}_") for m in range(3)]
        thresholds = np.asarray(data["thresholds"], dtype=np.float32)
        use_partner = bool(np.asarray(data["use_partner"]).item())
    return EmpathyHead(scorers, thresholds, use_partner)


def load_acts_head(directory: Path | None = None, *, verify: bool = True) -> ActsHead | None:
    """Load `acts.npz`; None when the file is absent.

    Args:
        directory: Model folder; default `files_dir()`.
        verify: Check the file against the manifest.
    """
    data = _open(ACTS_FILE, directory, verify)
    if data is None:
        return None
    with data:
        labels = tuple(str(x) for x in data["labels"])
        scorer = _mlp_from(data, "")
        thresholds = np.asarray(data["thresholds"], dtype=np.float32)
        use_partner = bool(np.asarray(data["use_partner"]).item())
    return ActsHead(labels, scorer, thresholds, use_partner)
