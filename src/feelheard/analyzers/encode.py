"""Run the on-device encoder once for everything an exchange needs, and the learned heads on its output."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np

from feelheard.result import Analysis


def _partner_sentences(analysis: Analysis) -> list[str]:
    """The partner's sentences, when there is more than one (the safety head reads them one by one)."""
    doc = analysis.partner_doc
    if doc is None or len(doc.sentences) < 2:
        return []
    return [doc.text[s.start : s.end] for s in doc.sentences]


def _texts_for(analysis: Analysis) -> list[str]:
    texts: list[str] = []
    if analysis.partner_doc is not None:
        texts.append(analysis.partner_doc.text)
        texts.extend(_partner_sentences(analysis))
    if analysis.reply_doc is not None:
        texts.append(analysis.reply_doc.text)
        sentences = [analysis.reply_doc.text[s.start : s.end] for s in analysis.reply_doc.sentences]
        # A one-sentence reply is its own sentence: encode it once.
        if not (len(sentences) == 1 and sentences[0] == analysis.reply_doc.text.strip()):
            texts.extend(sentences)
    return texts


class EncodeAnalyzer:
    """Pipeline step: embeddings, emotion probabilities and head outputs into `analysis.features`."""

    name = "encode"
    requires: tuple[str, ...] = ("partner_doc", "reply_doc")
    assigns: tuple[str, ...] = ("features",)

    def __init__(self, models: Any, cache_size: int = 512) -> None:
        self.models = models
        # Recently encoded texts: verifying a suggestion re-reads the same partner message and the draft's
        # kept sentences, so those are not encoded twice.
        self._cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cache_size = cache_size

    def clear_cache(self) -> None:
        """Forget recently encoded texts (benchmarks use this so repeated inputs are not free)."""
        self._cache.clear()

    def _encode(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            encoded = self.models.encode(missing)
            for i, text in enumerate(missing):
                self._cache[text] = (encoded.embeddings[i], encoded.emotion_probs[i])
        rows = [self._cache[t] for t in texts]
        for text in texts:
            self._cache.move_to_end(text)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return np.stack([r[0] for r in rows]), np.stack([r[1] for r in rows])

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.pipe([analysis])[0]

    def pipe(self, analyses: list[Analysis]) -> list[Analysis]:
        """Encode a batch of exchanges with one encoder call (the encoder batches internally)."""
        per_item = [_texts_for(a) for a in analyses]
        flat = [t for texts in per_item for t in texts]
        if not flat:
            return analyses
        embeddings, emotion_probs = self._encode(flat)
        row = 0
        for analysis, texts in zip(analyses, per_item, strict=True):
            emb = embeddings[row : row + len(texts)]
            probs = emotion_probs[row : row + len(texts)]
            row += len(texts)
            self._assign(analysis, emb, probs)
        return analyses

    def _assign(self, analysis: Analysis, emb: np.ndarray, probs: np.ndarray) -> None:
        features = analysis.features
        i = 0
        partner_emb = None
        if analysis.partner_doc is not None:
            partner_emb = emb[0]
            extra = len(_partner_sentences(analysis))
            features["partner_embedding"] = partner_emb
            features["partner_emotion_probs"] = probs[0]
            features["partner_sentence_embeddings"] = emb[1 : 1 + extra]
            i = 1 + extra
        if analysis.reply_doc is None:
            return
        reply_emb = emb[i]
        sentence_emb = emb[i + 1 :] if len(emb) > i + 1 else emb[i : i + 1]
        features["reply_embedding"] = reply_emb
        features["sentence_embeddings"] = sentence_emb
        acts = getattr(self.models, "acts_head", None)
        if acts is not None and len(sentence_emb):
            features["acts_head"] = acts
            features["acts_probs"] = acts.predict(sentence_emb, partner_emb)
        empathy = getattr(self.models, "empathy_head", None)
        if empathy is not None:
            sentences = sentence_emb if len(sentence_emb) else reply_emb[None, :]
            features["empathy_pred"] = empathy.predict(partner_emb, reply_emb, sentences)
