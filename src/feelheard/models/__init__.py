"""On-device models: one MiniLM encoder (int8 ONNX) with the partner-emotion head in the same graph.

`load_models()` opens everything once per process; `Models.encode` gives the sentence embeddings that every
other head uses, plus the 28 emotion probabilities.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from feelheard.models.catalog import EMOTIONS_FILE, ENCODER_FILE, TOKENIZER_FILE
from feelheard.models.onnx import OnnxEncoder, load_tokenizer, open_session
from feelheard.models.store import ModelFileError, files_dir, find_optional, locate

if TYPE_CHECKING:
    from feelheard.models.heads import ActsHead, EmpathyHead

__all__ = ["EMOTION_LABELS", "Encoded", "ModelFileError", "Models", "load_models", "open_models"]

EMOTION_LABELS: tuple[str, ...] = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity",
    "desire", "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear",
    "gratitude", "grief", "joy", "love", "nervousness", "optimism", "pride", "realization", "relief",
    "remorse", "sadness", "surprise", "neutral",
)  # fmt: skip


@dataclass(frozen=True)
class Encoded:
    """Encoder outputs for a list of texts, in input order.

    Attributes:
        embeddings: `(n, d)` L2-normalised sentence embeddings (mean-pooled MiniLM), used by all heads.
        emotion_probs: `(n, 28)` emotion probabilities in `EMOTION_LABELS` order.
    """

    embeddings: NDArray[np.float32]
    emotion_probs: NDArray[np.float32]


class Models:
    """The loaded models of one process. Build it with `load_models()`, not directly."""

    def __init__(
        self,
        encoder: OnnxEncoder,
        emotion_labels: tuple[str, ...],
        emotion_thresholds: NDArray[np.float32],
        empathy_head: EmpathyHead | None = None,
        acts_head: ActsHead | None = None,
    ) -> None:
        """Keep the loaded parts together.

        Args:
            encoder: The ONNX encoder wrapper.
            emotion_labels: The 28 label ids in output order.
            emotion_thresholds: One decision threshold per label, shape `(28,)`.
            empathy_head: Numpy head trained on the embeddings, if shipped.
            acts_head: Numpy head trained on the embeddings, if shipped.
        """
        if emotion_thresholds.shape != (len(emotion_labels),):
            raise ValueError("one threshold per emotion label is required")
        self._encoder = encoder
        self.emotion_labels = emotion_labels
        self.emotion_thresholds = emotion_thresholds
        self.empathy_head = empathy_head
        self.acts_head = acts_head

    @property
    def embedding_dim(self) -> int:
        """Width `d` of the sentence embeddings."""
        return self._encoder.dim

    def encode(self, texts: Sequence[str]) -> Encoded:
        """Embed texts and score the 28 emotions; one ONNX run per internal batch.

        Args:
            texts: The texts (a list, not a single string).

        Returns:
            Embeddings and emotion probabilities, row i for `texts[i]`.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts; wrap a single text in a list")
        raw = self._encoder.run(texts)
        n_labels = len(self.emotion_labels)
        probs = raw.emotion_probs
        if probs is None or probs.shape[-1] != n_labels:
            # A graph without the emotion head (early builds): no emotion ever passes its threshold.
            probs = np.zeros((len(texts), n_labels), dtype=np.float32)
        return Encoded(embeddings=raw.embeddings, emotion_probs=probs.astype(np.float32, copy=False))

    def predicted_emotions(self, probs: NDArray[np.float32]) -> list[tuple[str, float]]:
        """Labels whose probability reaches their own threshold, highest probability first.

        Args:
            probs: One row of `Encoded.emotion_probs`, shape `(28,)`.

        Returns:
            `(label, probability)` pairs.
        """
        row = np.asarray(probs, dtype=np.float32).reshape(-1)
        if row.shape[0] != len(self.emotion_labels):
            raise ValueError(f"expected {len(self.emotion_labels)} probabilities, got {row.shape[0]}")
        hits = [i for i in range(row.shape[0]) if row[i] >= self.emotion_thresholds[i]]
        hits.sort(key=lambda i: (-float(row[i]), i))
        return [(self.emotion_labels[i], float(row[i])) for i in hits]


def _read_emotion_meta(path: Path | None) -> tuple[tuple[str, ...], NDArray[np.float32]]:
    """Labels and thresholds from `emotions.json`; without it nothing is predicted (thresholds above 1)."""
    if path is None:
        return EMOTION_LABELS, np.full(len(EMOTION_LABELS), 1.01, dtype=np.float32)
    meta = json.loads(path.read_text(encoding="utf-8"))
    labels = tuple(str(x) for x in meta["labels"])
    thresholds = np.asarray(meta["thresholds"], dtype=np.float32)
    if labels != EMOTION_LABELS:
        raise ModelFileError(f"{path} lists labels that differ from the GoEmotions order")
    return labels, thresholds


def _load_heads() -> tuple[Any, Any]:
    """Load the optional numpy heads that another module trains on our embeddings."""
    try:
        from feelheard.models import heads
    except ImportError:
        return None, None
    empathy = heads.load_empathy_head() if hasattr(heads, "load_empathy_head") else None
    acts = heads.load_acts_head() if hasattr(heads, "load_acts_head") else None
    return empathy, acts


def open_models(directory: Path | None = None, threads: int | None = None, *, heads: bool = True) -> Models:
    """Open the models in `directory` (uncached; most code wants `load_models`).

    Args:
        directory: Model folder; default `files_dir()`.
        threads: onnxruntime intra-op threads (default: `FEELHEARD_THREADS` or 1).
        heads: Also load the optional empathy and acts heads.

    Raises:
        ModelFileError: If a required file is missing or fails its sha256 check.
    """
    folder = directory or files_dir()
    encoder_path = locate(ENCODER_FILE, directory=folder)
    tokenizer_path = locate(TOKENIZER_FILE, directory=folder)
    labels, thresholds = _read_emotion_meta(find_optional(EMOTIONS_FILE, directory=folder))
    encoder = OnnxEncoder(open_session(encoder_path, threads), load_tokenizer(tokenizer_path))
    empathy, acts = _load_heads() if heads else (None, None)
    return Models(encoder, labels, thresholds, empathy_head=empathy, acts_head=acts)


@functools.cache
def load_models() -> Models:
    """Return the process-wide models, loading them on the first call."""
    return open_models()
