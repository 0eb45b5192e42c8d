"""What the partner may be feeling: the emotion labels the model predicts, and everyday words for them."""

from __future__ import annotations

from typing import Any

from feelheard.result import Analysis, Emotion


def _feeling_words(labels: list[str]) -> list[str]:
    try:
        from feelheard.models import feelings
    except ImportError:  # pragma: no cover - the module ships with the package
        return []
    words: list[str] = []
    for label in labels:
        for word in feelings.feeling_words(label):
            if word not in words:
                words.append(word)
    return words[:6]


class EmotionsAnalyzer:
    """Pipeline step: `emotions` and `feelings` from the partner's message."""

    name = "emotions"
    requires: tuple[str, ...] = ("features",)
    assigns: tuple[str, ...] = ("emotions", "feelings")

    def __init__(self, models: Any) -> None:
        self.models = models

    def __call__(self, analysis: Analysis) -> Analysis:
        probs = analysis.features.get("partner_emotion_probs")
        if probs is None:
            return analysis
        predicted = self.models.predicted_emotions(probs)
        analysis.emotions = [Emotion(label, score) for label, score in predicted]
        analysis.feelings = _feeling_words([e.label for e in analysis.emotions if e.label != "neutral"])
        return analysis
