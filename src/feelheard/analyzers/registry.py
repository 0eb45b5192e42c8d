"""Where the built-in analyzers are put together, in order. Add a new analyzer here."""

from __future__ import annotations

from typing import Any

from feelheard.analyzers.acts import ActsAnalyzer
from feelheard.analyzers.emotions import EmotionsAnalyzer
from feelheard.analyzers.empathy import EmpathyAnalyzer
from feelheard.analyzers.encode import EncodeAnalyzer
from feelheard.analyzers.missing import MissingAnalyzer
from feelheard.analyzers.safety import SafetyAnalyzer
from feelheard.analyzers.scoring import ScoringAnalyzer
from feelheard.analyzers.suggest import SuggestAnalyzer
from feelheard.analyzers.tone import ToneAnalyzer
from feelheard.pipeline import Pipeline


def build_pipeline(
    models: Any, *, max_chars: int = 20_000, country: str | None = None, suggest: bool = True
) -> Pipeline:
    """The default pipeline: encode -> emotions -> acts -> tone -> empathy -> missing -> safety -> scoring -> suggest."""
    steps: list[Any] = [
        EncodeAnalyzer(models),
        EmotionsAnalyzer(models),
        ActsAnalyzer(),
        ToneAnalyzer(),
        EmpathyAnalyzer(),
        MissingAnalyzer(),
        SafetyAnalyzer(country),
        ScoringAnalyzer(),
    ]
    pipeline = Pipeline(steps, max_chars=max_chars)
    if suggest:
        pipeline = Pipeline([*steps, SuggestAnalyzer(verifier=pipeline)], max_chars=max_chars)
    return pipeline
