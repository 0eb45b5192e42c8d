"""The on-device encoder runtime: shapes, normalisation, thresholds, file checks, and a few sanity cases."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from feelheard.models import EMOTION_LABELS, Encoded, Models, load_models, open_models
from feelheard.models.catalog import EMOTIONS_FILE, ENCODER_FILE, MANIFEST_NAME, TOKENIZER_FILE, read_manifest
from feelheard.models.feelings import FEELING_WORDS, feeling_phrase, feeling_word
from feelheard.models.onnx import RawOutputs, iter_batches, resolve_threads
from feelheard.models.store import ModelFileError, files_dir, locate, sha256_of

SHIPPED = files_dir()
HAS_EMOTIONS = (SHIPPED / EMOTIONS_FILE).is_file()


@pytest.fixture(scope="module")
def models() -> Models:
    return load_models()


class _FakeEncoder:
    """Stands in for OnnxEncoder so post-processing is tested without onnxruntime."""

    dim = 4

    def __init__(self, probs: np.ndarray | None) -> None:
        self.probs = probs

    def run(self, texts: Sequence[str]) -> RawOutputs:
        emb = np.ones((len(texts), self.dim), dtype=np.float32) / 2.0
        return RawOutputs(emb, None if self.probs is None else self.probs[: len(texts)])


def _fake_models(probs: np.ndarray | None = None, threshold: float = 0.5) -> Models:
    thr = np.full(len(EMOTION_LABELS), threshold, dtype=np.float32)
    return Models(_FakeEncoder(probs), EMOTION_LABELS, thr)  # type: ignore[arg-type]


def test_encode_shapes_and_dtypes(models: Models) -> None:
    out = models.encode(["I feel like you never listen to me.", "Thanks for dinner!", "ok"])
    assert isinstance(out, Encoded)
    assert out.embeddings.shape == (3, models.embedding_dim) == (3, 384)
    assert out.emotion_probs.shape == (3, 28)
    assert out.embeddings.dtype == np.float32 and out.emotion_probs.dtype == np.float32


def test_embeddings_are_unit_length(models: Models) -> None:
    out = models.encode(["a short one", "a somewhat longer sentence about the weekend and my mother", ""])
    np.testing.assert_allclose(np.linalg.norm(out.embeddings, axis=1), 1.0, atol=1e-4)


def test_probabilities_in_range(models: Models) -> None:
    probs = models.encode(["I am so angry right now", "That is wonderful news"]).emotion_probs
    assert np.all(probs >= 0.0) and np.all(probs <= 1.0)


def test_empty_list_gives_empty_arrays(models: Models) -> None:
    out = models.encode([])
    assert out.embeddings.shape == (0, 384)
    assert out.emotion_probs.shape == (0, 28)


def test_single_string_is_rejected(models: Models) -> None:
    with pytest.raises(TypeError):
        models.encode("not a list")


def test_results_follow_input_order_across_batches(models: Models) -> None:
    texts = [f"sentence number {i} about {'work ' * (i % 7)}" for i in range(70)]  # > 2 internal batches
    forward = models.encode(texts).embeddings
    backward = models.encode(texts[::-1]).embeddings[::-1]
    # int8 activations are quantized per batch, so neighbours shift the last digits, not the meaning.
    assert float(np.min(np.sum(forward * backward, axis=1))) > 0.97


def test_long_text_is_truncated_not_rejected(models: Models) -> None:
    out = models.encode(["word " * 2000])
    assert out.embeddings.shape == (1, 384)


def test_similar_sentences_are_closer_than_unrelated(models: Models) -> None:
    e = models.encode(
        [
            "I feel ignored when you are on your phone",
            "You never pay attention to me",
            "The train leaves at noon",
        ]
    ).embeddings
    assert float(e[0] @ e[1]) > float(e[0] @ e[2])


def test_load_models_is_cached() -> None:
    assert load_models() is load_models()


def test_labels_and_thresholds(models: Models) -> None:
    assert models.emotion_labels == EMOTION_LABELS
    assert models.emotion_thresholds.shape == (28,)
    assert EMOTION_LABELS[0] == "admiration" and EMOTION_LABELS[-1] == "neutral"


def test_predicted_emotions_apply_thresholds_best_first() -> None:
    m = _fake_models(threshold=0.5)
    row = np.zeros(28, dtype=np.float32)
    row[EMOTION_LABELS.index("sadness")] = 0.9
    row[EMOTION_LABELS.index("grief")] = 0.5  # exactly at the threshold counts
    row[EMOTION_LABELS.index("anger")] = 0.49
    got = m.predicted_emotions(row)
    assert [label for label, _ in got] == ["sadness", "grief"]
    assert got[0][1] == pytest.approx(0.9)


def test_per_label_thresholds_are_used() -> None:
    m = _fake_models(threshold=0.5)
    thr = m.emotion_thresholds.copy()
    thr[EMOTION_LABELS.index("fear")] = 0.1
    m2 = Models(_FakeEncoder(None), EMOTION_LABELS, thr)  # type: ignore[arg-type]
    row = np.full(28, 0.2, dtype=np.float32)
    assert m2.predicted_emotions(row) == [("fear", pytest.approx(0.2))]


def test_predicted_emotions_rejects_wrong_width() -> None:
    with pytest.raises(ValueError):
        _fake_models().predicted_emotions(np.zeros(5, dtype=np.float32))


def test_graph_without_emotion_head_gives_zero_probs() -> None:
    out = _fake_models(probs=None).encode(["x", "y"])
    assert out.emotion_probs.shape == (2, 28) and not out.emotion_probs.any()


def test_threads_from_argument_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FEELHEARD_THREADS", raising=False)
    assert resolve_threads() == 1
    assert resolve_threads(3) == 3
    monkeypatch.setenv("FEELHEARD_THREADS", "2")
    assert resolve_threads() == 2
    with pytest.raises(ValueError):
        resolve_threads(0)


def test_iter_batches() -> None:
    assert [list(b) for b in iter_batches([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]
    assert list(iter_batches([], 4)) == []


def _copy_files(tmp_path: Path) -> Path:
    dst = tmp_path / "files"
    shutil.copytree(SHIPPED, dst)
    return dst


def _ensure_manifest(folder: Path) -> None:
    """Write a manifest for the encoder if the build has none yet."""
    if read_manifest(folder / MANIFEST_NAME).get(ENCODER_FILE) is not None:
        return
    path = folder / ENCODER_FILE
    entry = {"name": ENCODER_FILE, "sha256": sha256_of(path), "size": path.stat().st_size,
             "licence": "Apache-2.0", "source": "test"}  # fmt: skip
    (folder / MANIFEST_NAME).write_text(json.dumps({"files": [entry], "build": {}}), encoding="utf-8")


def test_shipped_files_match_manifest() -> None:
    manifest = read_manifest(SHIPPED / MANIFEST_NAME)
    for entry in manifest.files:
        assert locate(entry.name) == SHIPPED / entry.name
    assert manifest.total_size <= 40_000_000


def test_corrupted_copy_fails_sha256(tmp_path: Path) -> None:
    folder = _copy_files(tmp_path)
    _ensure_manifest(folder)
    assert locate(ENCODER_FILE, directory=folder).is_file()
    data = bytearray((folder / ENCODER_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte flipped
    (folder / ENCODER_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="does not match"):
        locate(ENCODER_FILE, directory=folder)
    with pytest.raises(ModelFileError):
        open_models(folder, heads=False)


def test_missing_tokenizer_is_a_clear_error(tmp_path: Path) -> None:
    folder = _copy_files(tmp_path)
    (folder / TOKENIZER_FILE).unlink()
    with pytest.raises(ModelFileError, match=r"tokenizer\.json"):
        open_models(folder, heads=False)


def test_missing_encoder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="make model"):
        open_models(tmp_path, heads=False)


@pytest.mark.skipif(not HAS_EMOTIONS, reason="emotion model not built yet (make model)")
def test_sad_text_gets_sad_emotions(models: Models) -> None:
    probs = models.encode(["My grandmother passed away last night and I can't stop crying."]).emotion_probs[0]
    labels = [label for label, _ in models.predicted_emotions(probs)]
    assert {"sadness", "grief"} & set(labels[:3])


@pytest.mark.skipif(not HAS_EMOTIONS, reason="emotion model not built yet (make model)")
def test_grateful_and_angry_texts(models: Models) -> None:
    out = models.encode(
        [
            "Thank you so much for picking me up, that really helped.",
            "I am furious that you lied to me again!",
        ]
    )
    assert models.predicted_emotions(out.emotion_probs[0])[0][0] == "gratitude"
    assert {"anger", "annoyance"} & {label for label, _ in models.predicted_emotions(out.emotion_probs[1])}


def test_feeling_words_cover_every_label() -> None:
    assert set(FEELING_WORDS) == set(EMOTION_LABELS)
    assert all(words and all(w.strip() for w in words) for words in FEELING_WORDS.values())
    assert feeling_word("sadness") == "sad"
    assert feeling_phrase(["sadness", "disappointment"]) == "sad and let down"
    assert feeling_phrase(["neutral", "anger"]) == "angry"
    assert feeling_phrase(["neutral"]) == "calm"
    assert feeling_phrase([]) == ""
    assert feeling_phrase(["sadness", "fear", "anger"], limit=3) == "sad, scared and angry"
