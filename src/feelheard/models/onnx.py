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


@dataclass(frozen=True)
class RawOutputs:
    """What the encoder graph returns for a list of texts, in input order."""

    embeddings: NDArray[np.float32]
    emotion_probs: NDArray[np.float32] | None


class OnnxEncoder:
    """Tokenize, run the encoder graph, and put the results back in input order."""

    def __init__(self, session: Any, tokenizer: Tokenizer) -> None:
        """Wrap an open session.

        Args:
            session: An onnxruntime session with inputs `input_ids`, `attention_mask` (int64) and outputs
                `embeddings` and optionally `emotion_probs`.
            tokenizer: Tokenizer configured by `load_tokenizer`.
        """
        self._session = session
        self._tokenizer = tokenizer
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
        """Encode each text on its own, so a text's result never depends on what else is encoded with it.

        The int8 graph quantizes activations dynamically, with one scale per tensor: in a padded batch that
        scale comes from every row, so the same text would get slightly different embeddings (and, near a
        threshold, different findings) alone, in bulk or from the cache. One text per run makes every output
        a function of its text only, and costs no padding.

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
        for i, encoding in enumerate(self._tokenizer.encode_batch(list(texts))):
            length = sum(encoding.attention_mask)
            ids = np.asarray([encoding.ids[:length]], dtype=np.int64)
            feed: dict[str, NDArray[np.int64]] = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in self._input_names:
                feed["token_type_ids"] = np.zeros_like(ids)
            results = self._session.run(self._outputs, feed)
            embeddings[i] = results[0][0]
            if len(results) > 1:
                if probs is None:
                    probs = np.zeros((n, results[1].shape[-1]), dtype=np.float32)
                probs[i] = results[1][0]
        return RawOutputs(embeddings, probs)
