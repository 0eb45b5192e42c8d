"""feelheard: a local-first empathy coach for couples.

>>> from feelheard import analyze
>>> result = analyze(partner="I felt so alone at the party", reply="You're overreacting")
>>> [p.id for p in result.pitfalls]
['invalidating']
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from feelheard.errors import InputError as InputError
from feelheard.result import Analysis as Analysis

if TYPE_CHECKING:
    from feelheard.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["Analysis", "InputError", "__version__", "analyze", "load_pipeline"]


@cache
def load_pipeline(*, suggest: bool = True) -> Pipeline:
    """The default pipeline, built once per process (models load on first use)."""
    from feelheard.analyzers.registry import build_pipeline
    from feelheard.config import get_settings
    from feelheard.models import load_models

    settings = get_settings()
    return build_pipeline(
        load_models(), max_chars=settings.max_chars, country=settings.country, suggest=suggest
    )


def analyze(
    partner: str | None = None, reply: str | None = None, *, id: Any = None, sent_at: datetime | None = None
) -> Analysis:
    """Analyse one exchange: what the partner may feel and how the draft reply will land.

    Args:
        partner: What the partner said (may be None).
        reply: The user's draft reply (may be None).
        id: Carried into the result unchanged.
        sent_at: When the draft would be sent, for the late-night check.

    Raises:
        InputError: If both texts are missing, or a text is empty, too long or not text.
    """
    return load_pipeline()(partner, reply, id=id, sent_at=sent_at)
