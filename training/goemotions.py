"""Read the GoEmotions splits (Apache-2.0) from the shared data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from training.common import shared_data_dir


@dataclass(frozen=True)
class Split:
    """One split: texts, a `(n, 28)` multi-hot label matrix, and the label ids."""

    texts: list[str]
    labels: NDArray[np.float32]
    label_names: tuple[str, ...]


def data_dir() -> Path:
    """The GoEmotions folder."""
    return shared_data_dir() / "goemotions"


def label_names() -> tuple[str, ...]:
    """The 28 ids in labels.txt order."""
    lines = (data_dir() / "labels.txt").read_text(encoding="utf-8").split()
    return tuple(x.strip() for x in lines if x.strip())


def load_split(name: str) -> Split:
    """Load `train` or `dev` as texts and multi-hot labels (file order, which is stable)."""
    names = label_names()
    texts: list[str] = []
    rows: list[list[int]] = []
    for line in (data_dir() / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        text, ids, _cid = line.split("\t")
        texts.append(text)
        rows.append([int(i) for i in ids.split(",")])
    y = np.zeros((len(texts), len(names)), dtype=np.float32)
    for r, ids_ in enumerate(rows):
        y[r, ids_] = 1.0
    return Split(texts=texts, labels=y, label_names=names)
