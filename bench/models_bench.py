"""Benchmark of the on-device models: emotion accuracy on GoEmotions dev, encoder latency, load time, size.

- Emotions: the shipped int8 graph and the shipped per-label thresholds on GoEmotions `dev.tsv`. The
  thresholds were fitted on this same split (the issue asks for that), so the figure is in-sample; the
  model card also gives a 2-fold cross-fitted figure.
- Latency: one ~12-word sentence per call through `Models.encode`, onnxruntime with one intra-op thread,
  median of 200 calls after 20 warm-up calls (tokenization and Python overhead included).
- Load time: a fresh Python process times `import feelheard.models` + `open_models()` (sha256 checks,
  tokenizer, ONNX session, heads), median of 3 processes.
- Size: every file in `feelheard/models/files/`.

Run: ``python -m bench.models_bench``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import numpy as np

from bench.common import BenchRow, shared_data_dir

SUITE = "models"
SENTENCE = "I feel like you never really listen to me when I talk about work."
_LOAD_SNIPPET = (
    "import time; t = time.perf_counter(); from feelheard.models import open_models; open_models(threads=1); "
    "print(time.perf_counter() - t)"
)


def _goemotions_dev() -> tuple[list[str], np.ndarray]:
    folder = shared_data_dir() / "goemotions"
    labels = [x for x in (folder / "labels.txt").read_text(encoding="utf-8").split() if x]
    texts: list[str] = []
    y_rows: list[list[int]] = []
    for line in (folder / "dev.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            text, ids, _ = line.split("\t")
            texts.append(text)
            y_rows.append([int(i) for i in ids.split(",")])
    y = np.zeros((len(texts), len(labels)), dtype=bool)
    for r, ids_ in enumerate(y_rows):
        y[r, ids_] = True
    return texts, y


def emotion_scores() -> tuple[float, float]:
    """Macro- and micro-F1 of the shipped model on GoEmotions dev."""
    from feelheard.models import open_models

    models = open_models(threads=1, heads=False)
    texts, y = _goemotions_dev()
    probs = models.encode(texts).emotion_probs
    pred = probs >= models.emotion_thresholds[None, :]
    tp = (pred & y).sum(0)
    fp = (pred & ~y).sum(0)
    fn = (~pred & y).sum(0)
    macro = float(np.mean(2 * tp / np.maximum(2 * tp + fp + fn, 1)))
    micro = float(2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1))
    return macro, micro


def encoder_latency_ms(calls: int = 200) -> float:
    """Median ms for one sentence through `Models.encode` on one thread."""
    from feelheard.models import open_models

    models = open_models(threads=1, heads=False)
    for _ in range(20):
        models.encode([SENTENCE])
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        models.encode([SENTENCE])
        times.append(time.perf_counter() - t0)
    return 1000.0 * statistics.median(times)


def load_time_s(runs: int = 3) -> float:
    """Median seconds to import and open the models in a fresh process."""
    values = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_SNIPPET], capture_output=True, text=True, check=True
        )
        values.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(values)


def artifact_size_mb() -> float:
    """Total size of the shipped model files in MB (10^6 bytes)."""
    from feelheard.models.store import files_dir

    return sum(p.stat().st_size for p in files_dir().iterdir() if p.is_file()) / 1e6


def run() -> list[BenchRow]:
    """All rows of this suite."""
    macro, micro = emotion_scores()
    return [
        BenchRow(SUITE, "goemotions-dev", "emotions_macro_f1", round(macro, 4), 0.46, True),
        BenchRow(SUITE, "goemotions-dev", "emotions_micro_f1", round(micro, 4), None, True),
        BenchRow(
            SUITE,
            "typical-sentence",
            "encoder_latency_1thread",
            round(encoder_latency_ms(), 3),
            2.0,
            False,
            "ms",
        ),
        BenchRow(SUITE, "package", "model_load_time", round(load_time_s(), 3), 0.5, False, "s"),
        BenchRow(SUITE, "package", "artifact_size", round(artifact_size_mb(), 2), 40.0, False, "MB"),
    ]


if __name__ == "__main__":
    for row in run():
        print(
            f"{row.suite:8} {row.dataset:18} {row.metric:26} {row.value:>9} {row.unit:3} target {row.target} "
            f"{'PASS' if row.passed else ('-' if row.passed is None else 'FAIL')}"
        )
