"""Everyday feeling words for the 28 GoEmotions labels, for coaching text.

The labels stay the contract (`emotions[].label`); these words are only for sentences a person reads,
such as "They may be feeling hurt and let down." Each label maps to a few words, the most common first;
the later ones are what such a feeling often sits on top of in a couple's argument (feeling unimportant,
alone, overwhelmed), which is what a reply can speak to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

_WORDS: dict[str, tuple[str, ...]] = {
    "admiration": ("impressed", "proud of you", "appreciative"),
    "amusement": ("amused", "playful", "light-hearted"),
    "anger": ("angry", "furious", "fed up", "disrespected"),
    "annoyance": ("irritated", "frustrated", "worn thin"),
    "approval": ("on board", "supportive", "in agreement"),
    "caring": ("caring", "protective", "concerned for you"),
    "confusion": ("confused", "unsure", "lost"),
    "curiosity": ("curious", "interested", "wanting to understand"),
    "desire": ("longing", "wanting", "hopeful for more"),
    "disappointment": ("let down", "disappointed", "unimportant"),
    "disapproval": ("unhappy with this", "critical", "not okay with it"),
    "disgust": ("repelled", "appalled", "put off"),
    "embarrassment": ("embarrassed", "exposed", "self-conscious"),
    "excitement": ("excited", "eager", "thrilled"),
    "fear": ("scared", "afraid", "unsafe"),
    "gratitude": ("grateful", "thankful", "touched"),
    "grief": ("grieving", "heartbroken", "bereft"),
    "joy": ("happy", "delighted", "glad"),
    "love": ("loving", "affectionate", "close to you"),
    "nervousness": ("anxious", "nervous", "overwhelmed"),
    "optimism": ("hopeful", "encouraged", "positive"),
    "pride": ("proud", "accomplished", "confident"),
    "realization": ("struck by something", "newly aware", "clear-eyed"),
    "relief": ("relieved", "at ease", "lighter"),
    "remorse": ("sorry", "guilty", "regretful"),
    "sadness": ("sad", "hurt", "lonely"),
    "surprise": ("surprised", "caught off guard", "taken aback"),
    "neutral": ("calm", "matter-of-fact", "even"),
}

FEELING_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(_WORDS)

# Labels that usually call for acknowledgement before anything else in a reply.
DIFFICULT: frozenset[str] = frozenset(
    {
        "anger", "annoyance", "confusion", "disappointment", "disapproval", "disgust", "embarrassment",
        "fear", "grief", "nervousness", "remorse", "sadness",
    }
)  # fmt: skip


def feeling_words(label: str) -> tuple[str, ...]:
    """Everyday words for one label, most common first.

    Raises:
        KeyError: If `label` is not one of the 28 GoEmotions ids.
    """
    return FEELING_WORDS[label]


def feeling_word(label: str) -> str:
    """The single most common everyday word for a label."""
    return FEELING_WORDS[label][0]


def feeling_phrase(labels: Iterable[str], limit: int = 2) -> str:
    """Join the main words of up to `limit` labels: "hurt", "hurt and let down", "sad, scared and let down".

    `neutral` is skipped when any other label is present; unknown labels are ignored. An empty result is "".
    """
    seen: list[str] = []
    ordered = [x for x in labels if x in FEELING_WORDS]
    if any(x != "neutral" for x in ordered):
        ordered = [x for x in ordered if x != "neutral"]
    for label in ordered:
        word = feeling_word(label)
        if word not in seen:
            seen.append(word)
        if len(seen) == limit:
            break
    if len(seen) <= 1:
        return "".join(seen)
    return f"{', '.join(seen[:-1])} and {seen[-1]}"
