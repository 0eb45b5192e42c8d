"""The learned safety head in the pipeline: it adds recall on longer texts and leaves curt everyday lines alone."""

from __future__ import annotations

import pytest

from feelheard.analyzers.safety import HEAD_MIN_WORDS, _words
from feelheard.pipeline import Pipeline
from feelheard.safety import detect_safety


@pytest.mark.parametrize(
    "line",
    [
        "Whatever. Do what you want with it.",
        "Just go.",
        "Don't.",
        "Forget it. Go to your dinner.",
        "Go without me, then.",
        "Fine. I'll stay out of it.",
        "I don't have anything left for this tonight.",
        "Okay. Forget it. It'll be fine. Pass the salt.",
        "Come here. Next time borrow someone's phone.",
        "I kept checking my phone all afternoon thinking you hated it.",
    ],
)
def test_everyday_curt_lines_are_not_safety_concerns(pipeline: Pipeline, line: str) -> None:
    assert pipeline(line, None).safety.level == "none"


def test_real_monitoring_is_still_flagged() -> None:
    assert detect_safety("He keeps checking my phone every night.", author="partner").level == "concern"


def test_short_sentences_never_reach_the_head(pipeline: Pipeline) -> None:
    from feelheard.safety import head

    read: list[int] = []
    loaded = head.load_safety_head()
    assert loaded is not None
    original = type(loaded).risk

    def spy(self: head.SafetyHead, rows: object) -> float:
        read.append(len(rows))  # type: ignore[arg-type]
        return original(self, rows)  # type: ignore[arg-type]

    mp = pytest.MonkeyPatch()
    mp.setattr(type(loaded), "risk", spy)
    try:
        pipeline("Fine. Whatever.", None)
        pipeline("I have been thinking about everything you said last night. It stayed with me.", None)
    finally:
        mp.undo()
    # The first text has no part of HEAD_MIN_WORDS words, so the head was not asked at all; of the second it
    # read the whole text and the long sentence, not "It stayed with me."
    assert read == [2]
    assert (
        _words("It stayed with me.")
        < HEAD_MIN_WORDS
        <= _words("I have been thinking about everything you said")
    )


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("We were catching up, that's all. I'm allowed to talk to people.", "none"),
        ("I'm only allowed to see my family on Sundays.", "concern"),
        ("I'm still not allowed to go out.", "concern"),
        ("After what I did, that must have hit you hard. I'm so sorry.", "none"),
        ("He must have hit you hard.", "concern"),
    ],
)
def test_freedom_claims_and_idioms(text: str, level: str) -> None:
    assert detect_safety(text, author="user").level == level
