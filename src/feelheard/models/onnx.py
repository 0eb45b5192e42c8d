"""One ONNX session opener, the tokenizer next to the model, and batched encoding.

onnxruntime and tokenizers are imported inside functions so that importing `feelheard` stays cheap and
has no side effects (style guide, anti-pattern 5).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from feelheard.models.store import ModelFileError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MAX_TOKENS = 128
DEFAULT_BATCH = 32
THREADS_ENV = "FEELHEARD_THREADS"

T = TypeVar("T")


def resolve_threads(threads: int | None = None) -> int:
    """Pick the intra-op thread count: the argument, else `FEELHEARD_THREADS`, else 1.

    One thread is the default because the latency targets are set for one core and the coach usually
    shares the machine with the user's other programs.

    Raises:
        ValueError: If the value is not a positive integer.
    """
    if threads is None:
        raw = os.environ.get(THREADS_ENV, "").strip()
        threads = int(raw) if raw else 1
    if threads < 1:
        raise ValueError(f"thread count must be >= 1, got {threads}")
    return threads


def open_session(model_path: Path, threads: int | None = None) -> Any:
    """Open an onnxruntime CPU session with a fixed thread count.

    Args:
        model_path: The `.onnx` file.
        threads: Intra-op threads (see `resolve_threads`).

    Returns:
        An `onnxruntime.InferenceSession`.

    Raises:
        ModelFileError: If the CPU execution provider is not available.
    """
    import onnxruntime as ort

    if "CPUExecutionProvider" not in ort.get_available_providers():
        raise ModelFileError("onnxruntime has no CPUExecutionProvider; reinstall onnxruntime")
    options = ort.SessionOptions()
    options.intra_op_num_threads = resolve_threads(threads)
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # EXTENDED fuses what this graph can use (int8 MatMul + scale); ALL only adds layout passes for
    # convolutions, which a transformer has none of, and costs about 0.1 s more at load.
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.log_severity_level = 3
    return ort.InferenceSession(str(model_path), sess_options=options, providers=["CPUExecutionProvider"])


def load_tokenizer(path: Path, max_tokens: int = MAX_TOKENS) -> Tokenizer:
    """Load `tokenizer.json` with truncation and longest-in-batch padding set.

    Args:
        path: The tokenizer file that sits next to the model.
        max_tokens: Truncation length, special tokens included.

    Raises:
        ModelFileError: If the file is missing.
    """
    if not path.is_file():
        raise ModelFileError(f"tokenizer file {path} is missing; it must sit next to the encoder model")
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(max_length=max_tokens)
    # Pad to the longest text of each batch, never to a fixed 128: most sentences are short.
    pad_id = tokenizer.token_to_id("[PAD]")
    tokenizer.enable_padding(pad_id=0 if pad_id is None else pad_id, pad_token="[PAD]")
    return tokenizer


def iter_batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Yield consecutive slices of at most `size` items."""
    if size < 1:
        raise ValueError("batch size must be >= 1")
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _buckets(order: list[int], lengths: list[int], size: int) -> Iterator[list[int]]:
    """Consecutive runs of `order` (sorted by length) whose lengths stay within ~25% of the run's first."""
    bucket: list[int] = []
    for i in order:
        if bucket and (len(bucket) >= size or lengths[i] > lengths[bucket[0]] * 1.25 + 4):
            yield bucket
            bucket = []
        bucket.append(i)
    if bucket:
        yield bucket


@dataclass(frozen=True)
class RawOutputs:
    """What the encoder graph returns for a list of texts, in input order."""

    embeddings: NDArray[np.float32]
    emotion_probs: NDArray[np.float32] | None


class OnnxEncoder:
    """Tokenize, run the encoder graph, and put the results back in input order."""

    def __init__(self, session: Any, tokenizer: Tokenizer, batch_size: int = DEFAULT_BATCH) -> None:
        """Wrap an open session.

        Args:
            session: An onnxruntime session with inputs `input_ids`, `attention_mask` (int64) and outputs
                `embeddings` and optionally `emotion_probs`.
            tokenizer: Tokenizer configured by `load_tokenizer`.
            batch_size: Texts per ONNX run.
        """
        self._session = session
        self._tokenizer = tokenizer
        self.batch_size = batch_size
        self._input_names = {i.name for i in session.get_inputs()}
        outputs = [o.name for o in session.get_outputs()]
        if "embeddings" not in outputs:
            raise ModelFileError(f"encoder graph has no 'embeddings' output (outputs: {outputs})")
        self._outputs = [name for name in ("embeddings", "emotion_probs") if name in outputs]
        self.dim = int(session.get_outputs()[outputs.index("embeddings")].shape[-1])

    @property
    def has_emotions(self) -> bool:
        """Whether the graph computes emotion probabilities."""
        return "emotion_probs" in self._outputs

    def run(self, texts: Sequence[str]) -> RawOutputs:
        """Encode texts in batches of similar length (less padding), then restore input order.

        Args:
            texts: Any number of strings (an empty list gives empty arrays).

        Returns:
            Embeddings `(n, dim)` and emotion probabilities `(n, 28)` (None if the graph has no head).
        """
        n = len(texts)
        embeddings = np.zeros((n, self.dim), dtype=np.float32)
        probs: NDArray[np.float32] | None = None
        if n == 0:
            return RawOutputs(embeddings, np.zeros((0, 0), dtype=np.float32) if self.has_emotions else None)
        # Texts are sorted by token count and cut into buckets of similar length, so little compute is spent
        # on padding (a 40-word reply and its 8-word sentences are not padded to the same length).
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = [sum(e.attention_mask) for e in encodings]
        order = sorted(range(n), key=lambda i: (lengths[i], i))
        for chunk in _buckets(order, lengths, self.batch_size):
            width = max(lengths[i] for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                ids[row, : lengths[i]] = encodings[i].ids[: lengths[i]]
                mask[row, : lengths[i]] = 1
            feed: dict[str, NDArray[np.int64]] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._input_names:
                feed["token_type_ids"] = np.zeros_like(ids)
            results = self._session.run(self._outputs, feed)
            idx = np.asarray(chunk, dtype=np.int64)
            embeddings[idx] = results[0]
            if len(results) > 1:
                if probs is None:
                    probs = np.zeros((n, results[1].shape[-1]), dtype=np.float32)
                probs[idx] = results[1]
        return RawOutputs(embeddings, probs)
