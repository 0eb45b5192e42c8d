"""The offline composer: minimal edits in the user's voice, verified before they are shown."""

from __future__ import annotations

from feelheard import analyze
from feelheard.analyzers.suggest import RECENT, swap_person
from feelheard.pipeline import Pipeline


def test_swap_person() -> None:
    assert swap_person("you left me with people I didn't know") == "I left you with people you didn't know"
    assert swap_person("I felt so alone") == "you felt so alone"


def test_suggestion_keeps_the_users_apology_and_plan(pipeline: Pipeline) -> None:
    partner = "You forgot to pick up Mia from practice and she waited for an hour."
    reply = (
        "I'm sorry I forgot Mia. I'll set a reminder for Thursdays. But you're overreacting, she was fine."
    )
    result = analyze(partner, reply)
    assert result.suggestion is not None
    assert "I'll set a reminder for Thursdays" in result.suggestion
    assert "overreacting" not in result.suggestion
    removed = [c for c in result.suggestion_changes if c["change"] == "removed"]
    assert any("overreacting" in c["text"] for c in removed)
    check = pipeline.without("suggest")(partner, result.suggestion)
    assert not check.pitfalls


def test_texting_register_is_kept() -> None:
    result = analyze("u didnt even text me back all day", "ur overreacting lol i was busy")
    assert result.suggestion is not None
    assert result.suggestion == result.suggestion.lower()


def test_no_suggestion_when_safety_is_not_none() -> None:
    result = analyze("he hit me again last night and took my phone", "you should calm down")
    assert result.safety.level != "none"
    assert result.suggestion is None and result.score is None


def test_good_reply_needs_no_suggestion() -> None:
    result = analyze(
        "I'm so stressed about the move",
        "That sounds like so much at once, and it makes sense you're stressed. I'm here. "
        "What part is weighing on you most right now?",
    )
    assert not result.pitfalls
    assert result.suggestion is None or result.score is not None


def test_stock_phrases_vary_between_suggestions() -> None:
    RECENT.clear()
    first = analyze("I had an awful day at work", "You should just quit.").suggestion
    second = analyze("I had an awful day at work", "You should just quit!").suggestion
    assert first and second and first != second
