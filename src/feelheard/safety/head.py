"""A learned safety check over sentence embeddings: it adds recall for phrasings the rules never saw.

The rules stay in charge of spans, levels and explanations; the head can only raise a message from `none`
to `concern` (never to `urgent`), and it is trained on the project's own safety set (see training/safety.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from feelheard.models.store import files_dir, find_optional


@dataclass(frozen=True)
class SafetyHead:
    """Row 0 of `weights` scores any risk; rows 1.. score each category, given risk."""

    weights: NDArray[np.float32]
    biases: NDArray[np.float32]
    threshold: float
    categories: tuple[str, ...]

    def risk(self, embeddings: NDArray[np.float32]) -> float:
        """The highest risk probability over the rows (a whole text and, if given, its sentences)."""
        if not len(embeddings):
            return 0.0
        z = embeddings @ self.weights[0] + self.biases[0]
        return float(np.max(1.0 / (1.0 + np.exp(-z))))

    def categories_for(self, embeddings: NDArray[np.float32]) -> tuple[str, ...]:
        """The likeliest categories (each above 0.5, or the single best one)."""
        z = embeddings @ self.weights[1:].T + self.biases[1:]
        probs = (1.0 / (1.0 + np.exp(-z))).max(axis=0)
        chosen = tuple(c for c, p in zip(self.categories, probs, strict=True) if p >= 0.5)
        return chosen or (self.categories[int(np.argmax(probs))],)


@cache
def load_safety_head() -> SafetyHead | None:
    """The shipped head, or None when `safety.npz` is absent."""
    path = find_optional("safety.npz", directory=files_dir())
    if path is None:
        return None
    with np.load(path, allow_pickle=False) as data:
        return SafetyHead(
            weights=data["weights"].astype(np.float32),
            biases=data["biases"].astype(np.float32),
            threshold=float(data["threshold"]),
            categories=tuple(str(c) for c in data["categories"]),
        )
