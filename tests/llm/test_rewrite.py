"""The LLM rewrite: checked like every suggestion, and the offline composer whenever anything goes wrong."""

from __future__ import annotations

import socket

import pytest

from feelheard.coach.content import content_kept, key_content, stem
from feelheard.llm.prompts import load_prompt, render_prompt
from feelheard.llm.rewrite import build_messages, clean_answer, llm_rewrite
from feelheard.pipeline import Pipeline

from .fake_server import FakeLLM

PARTNER = "I had such an awful day, my boss yelled at me in front of everyone"
DRAFT = "You should just quit. Let's get pizza with Sam tonight at 7."
GOOD = (
    "That sounds awful. Being yelled at in front of everyone must have felt humiliating, and it makes sense "
    "that you're upset. What was the hardest part of it? If you want, let's get pizza with Sam tonight at 7."
)
WITH_PITFALL = "You're overreacting, but let's get pizza with Sam tonight at 7."
DROPS_CONTENT = "That sounds awful, and it makes sense you're upset. What was the hardest part?"


@pytest.fixture
def analysis(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    result = pipeline(PARTNER, DRAFT)
    assert [p.id for p in result.pitfalls] == ["advice_giving"]
    return result


def test_good_rewrite_is_used(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    fake_llm.answers = [GOOD]
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.source == "llm"
    assert result.text == GOOD
    assert result.score is not None and result.score > analysis.score
    assert "test-model" in result.note and f"127.0.0.1:{fake_llm.port}" in result.note
    removed = [c for c in result.changes if c["change"] == "removed"]
    assert removed[0]["text"] == "You should just quit" and removed[0]["why"]
    assert any(c["change"] == "added" and c["why"] for c in result.changes)
    assert len(fake_llm.requests) == 1
    system, user = fake_llm.requests[0]["messages"]
    assert system["role"] == "system" and "partner" in system["content"]
    for expected in (PARTNER, DRAFT, "advice giving", "You should just quit", "Sam", "tonight", "7"):
        assert expected in user["content"]


def test_streamed_rewrite(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    fake_llm.mode = "stream"
    fake_llm.answers = [GOOD]
    result = llm_rewrite(analysis, config=fake_llm.config(stream=True))
    assert result.source == "llm" and result.text == GOOD
    assert fake_llm.requests[0]["stream"] is True


def test_answer_wrapping_is_cleaned(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    fake_llm.answers = [
        f"<think>They need warmth first.</think>\nHere is a kinder version:\n\u201c{GOOD}\u201d"
    ]
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.source == "llm" and result.text == GOOD


def test_rewrite_with_a_pitfall_falls_back(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    fake_llm.answers = [WITH_PITFALL]
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.source == "offline"
    assert result.text == analysis.suggestion
    assert result.changes == analysis.suggestion_changes
    assert "did not pass" in result.note and "invalidating" in result.note
    # One retry, told what was wrong.
    assert len(fake_llm.requests) == 2
    assert "not usable" in fake_llm.requests[1]["messages"][1]["content"]


def test_rewrite_that_drops_content_falls_back(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    fake_llm.answers = [DROPS_CONTENT]
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.source == "offline"
    assert "left out" in result.note and "Sam" in result.note and "tonight" in result.note


def test_second_attempt_can_succeed(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    fake_llm.script = True
    fake_llm.answers = [WITH_PITFALL, GOOD]
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.source == "llm" and result.text == GOOD


def test_rewrite_that_scores_no_higher_falls_back(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    analysis.score = 99  # pretend the draft already scored higher than any rewrite can
    fake_llm.answers = [GOOD]
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.source == "offline"
    assert "scored 95 against your draft's 99" in result.note


def test_identical_rewrite_falls_back(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    fake_llm.answers = [DRAFT]
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.source == "offline" and "did not change" in result.note


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("slow", "did not answer within"),
        ("malformed", "not JSON"),
        ("no_choices", "no choices"),
        ("error", "HTTP 500"),
    ],
)
def test_server_failures_fall_back(fake_llm: FakeLLM, analysis, mode: str, words: str) -> None:  # type: ignore[no-untyped-def]
    fake_llm.mode = mode
    result = llm_rewrite(analysis, config=fake_llm.config(timeout=0.3))
    assert result.source == "offline"
    assert result.text == analysis.suggestion
    assert "could not be used" in result.note and words in result.note


def test_http_error_message_reaches_the_note(fake_llm: FakeLLM, analysis) -> None:  # type: ignore[no-untyped-def]
    fake_llm.mode = "error"
    fake_llm.status = 429
    fake_llm.error_body = b'{"error": {"message": "Too many requests, slow down"}}'
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert "HTTP 429" in result.note and "Too many requests, slow down" in result.note
    assert len(fake_llm.requests) == 1  # no retry on HTTP errors


def test_connection_refused_falls_back(free_port: int, analysis) -> None:  # type: ignore[no-untyped-def]
    from feelheard.llm.config import LLMConfig

    config = LLMConfig(base_url=f"http://127.0.0.1:{free_port}/v1", model="m", timeout=2)
    result = llm_rewrite(analysis, config=config)
    assert result.source == "offline" and "cannot connect" in result.note


def test_nothing_is_contacted_without_configuration(
    fake_llm: FakeLLM,
    analysis,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = llm_rewrite(analysis)  # reads the (empty) configuration
    assert result.source == "offline"
    assert "No LLM is configured" in result.note and "nothing left this computer" in result.note
    assert fake_llm.requests == []


def test_environment_configuration_is_used(
    fake_llm: FakeLLM,
    analysis,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("FEELHEARD_LLM_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("FEELHEARD_LLM_MODEL", "env-model")
    fake_llm.answers = [GOOD]
    result = llm_rewrite(analysis)
    assert result.source == "llm"
    assert fake_llm.requests[0]["model"] == "env-model"


def test_never_asked_when_safety_is_not_none(fake_llm: FakeLLM, pipeline: Pipeline) -> None:
    analysis = pipeline("I don't want to be alive anymore, I have the pills ready", "You're overreacting")
    assert analysis.safety.level != "none"
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.text is None and result.source == "offline"
    assert "safety" in result.note
    assert fake_llm.requests == []


def test_good_draft_is_left_alone(fake_llm: FakeLLM, pipeline: Pipeline) -> None:
    analysis = pipeline(PARTNER, GOOD)
    assert not analysis.pitfalls and analysis.score is not None and analysis.score >= 85
    result = llm_rewrite(analysis, config=fake_llm.config())
    assert result.source == "offline" and "already works well" in result.note
    assert fake_llm.requests == []


def test_no_draft(fake_llm: FakeLLM, pipeline: Pipeline) -> None:
    result = llm_rewrite(pipeline(PARTNER, None), config=fake_llm.config())
    assert result.text is None and "no draft" in result.note
    assert fake_llm.requests == []


def test_prompts_come_from_files(analysis) -> None:  # type: ignore[no-untyped-def]
    for name in ("rewrite_system", "rewrite_user", "retry_feedback", "guided_system", "guided_start"):
        assert load_prompt(name).template.strip()
    with pytest.raises(FileNotFoundError):
        load_prompt("no_such_prompt")
    messages = build_messages(analysis, feedback="it was too long")
    assert "$" not in messages[1]["content"]
    assert "it was too long" in messages[1]["content"]
    assert "$" not in render_prompt("rewrite_system")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Plain reply.", "Plain reply."),
        ('"Quoted reply."', "Quoted reply."),
        ("```\nFenced reply.\n```", "Fenced reply."),
        ("Rewritten reply: Labelled.", "Labelled."),
        ("<think>hmm\nlong</think>Thought first.", "Thought first."),
        ('He said "no" and "yes".', 'He said "no" and "yes".'),
    ],
)
def test_clean_answer(raw: str, clean: str) -> None:
    assert clean_answer(raw) == clean


# --- the key-content rule -------------------------------------------------------------------------------


def test_key_content_finds_facts_and_words() -> None:
    content = key_content("I was gone ten minutes. We met Alex at 7:30pm on Friday, near the bakery.")
    assert set(content.facts) == {"10", "7:30pm", "friday", "alex"}
    assert {"gone", "minutes", "bakery", "met"} <= set(content.words.values())


def test_excluded_spans_are_not_required() -> None:
    draft = "You're overreacting, the bakery was closed anyway."
    check = content_kept(draft, "I'm sorry. The bakery was closed anyway.", exclude=[(0, 19)])
    assert check.kept
    assert "overreacting" not in key_content(draft, [(0, 19)]).words.values()


@pytest.mark.parametrize(
    ("rewrite", "kept"),
    [
        ("I was gone about 10 minutes. We met Alex at 7:30 pm on Friday, by the bakery.", True),
        ("I was gone for ten minutes. We met Alex on Friday at 7.30pm near the bakery.", True),
        ("I was gone ten minutes. We met at 7:30pm on Friday, near the bakery.", False),  # Alex dropped
        ("I was gone a while. We met Alex at 7:30pm on Friday, near the bakery.", False),  # ten dropped
        ("Alex, 10, Friday, 7:30pm.", False),  # facts without the words
    ],
)
def test_content_kept(rewrite: str, kept: bool) -> None:
    draft = "I was gone ten minutes. We met Alex at 7:30pm on Friday, near the bakery."
    assert content_kept(draft, rewrite).kept is kept


def test_short_drafts_only_need_their_facts() -> None:
    assert content_kept("ok fine", "I hear you, and I'm here.").kept
    assert not content_kept("See you at 6", "I'll see you soon.").kept


def test_stems_match_inflections() -> None:
    assert stem("worried") == stem("worry")
    assert stem("minutes") == stem("minute")
    assert stem("texting") == stem("texts")
