"""The guided first draft as a conversation with an LLM (a real server on 127.0.0.1)."""

from __future__ import annotations

import json

import pytest

from feelheard.llm.guided_chat import GuidedConversation, parse_summary
from feelheard.pipeline import Pipeline

from .fake_server import FakeLLM

GOOD_DRAFT = (
    "I keep thinking about the moment when you got home late and I snapped at you. You might be feeling hurt, "
    "and I get why. I feel sad, and I need us to talk calmly. How does that sound to you?"
)
SUMMARY = {
    "what_happened": "she got home late and I snapped at her",
    "their_feeling": "hurt",
    "my_feeling_and_need": "sad, I need us to talk calmly",
    "want_them_to_know": "I love her",
}


def summary(draft: str) -> str:
    return "Here you go:\n" + json.dumps({**SUMMARY, "draft": draft})


@pytest.fixture(scope="module")
def verifier(pipeline: Pipeline) -> Pipeline:
    return pipeline.without("suggest")


def test_a_whole_conversation(fake_llm: FakeLLM, verifier: Pipeline) -> None:
    fake_llm.script = True
    fake_llm.answers = [
        "What happened?",
        "How might she be feeling?",
        "And you, what do you need?",
        summary(GOOD_DRAFT),
    ]
    chat = GuidedConversation(fake_llm.config(), verifier=verifier)
    assert chat.start().question == "What happened?"
    assert chat.reply("she got home late and I snapped at her").question == "How might she be feeling?"
    assert chat.reply("hurt").question == "And you, what do you need?"
    turn = chat.reply("sad, I need us to talk calmly")
    chat.close()
    assert turn.question is None and turn.source == "llm"
    assert turn.draft is not None and turn.draft.text == GOOD_DRAFT
    assert turn.draft.analysis is not None and not turn.draft.analysis.pitfalls
    assert turn.answers["their_feeling"] == "hurt"
    last = fake_llm.requests[-1]["messages"]
    assert last[0]["role"] == "system"
    assert [m["content"] for m in last if m["role"] == "user"][1:] == [
        "she got home late and I snapped at her",
        "hurt",
        "sad, I need us to talk calmly",
    ]


def test_a_draft_with_a_pitfall_is_rewritten_offline(fake_llm: FakeLLM, verifier: Pipeline) -> None:
    fake_llm.script = True
    fake_llm.answers = ["What happened?", summary("You're overreacting, but I'm sorry I snapped.")]
    chat = GuidedConversation(fake_llm.config(), verifier=verifier)
    chat.start()
    turn = chat.reply("she got home late and I snapped at her")
    assert turn.source == "offline" and "did not pass" in turn.note
    assert turn.draft is not None and "overreacting" not in turn.draft.text
    assert "you got home late" in turn.draft.text
    assert turn.draft.analysis is not None and not turn.draft.analysis.pitfalls


def test_server_failure_hands_over_to_the_offline_questions(fake_llm: FakeLLM, verifier: Pipeline) -> None:
    fake_llm.answers = ["What happened?"]
    chat = GuidedConversation(fake_llm.config(), verifier=verifier)
    chat.start()
    fake_llm.mode = "error"
    fake_llm.status = 503
    turn = chat.reply("we argued about money")
    assert turn.failed and "HTTP 503" in turn.note
    assert turn.answers == {"what_happened": "we argued about money"}
    assert turn.missing == ["their_feeling", "my_feeling_and_need", "want_them_to_know"]


def test_timeout_on_the_first_question(fake_llm: FakeLLM, verifier: Pipeline) -> None:
    fake_llm.mode = "slow"
    turn = GuidedConversation(fake_llm.config(timeout=0.3), verifier=verifier).start()
    assert turn.failed and "did not answer" in turn.note and len(turn.missing) == 4


def test_endless_questions_are_cut_short(fake_llm: FakeLLM, verifier: Pipeline) -> None:
    fake_llm.answers = ["Tell me more?"]
    chat = GuidedConversation(fake_llm.config(), verifier=verifier, max_questions=2)
    chat.start()
    assert chat.reply("one").question
    turn = chat.reply("two")
    assert turn.failed and "kept asking" in turn.note
    assert "JSON" in fake_llm.requests[-1]["messages"][-1]["content"]


def test_broken_summary_json(fake_llm: FakeLLM, verifier: Pipeline) -> None:
    fake_llm.answers = ['{"what_happened": "x", "draft": "unfinished']
    turn = GuidedConversation(fake_llm.config(), verifier=verifier).start()
    assert turn.failed and "not valid JSON" in turn.note


def test_a_safety_answer_is_never_sent(fake_llm: FakeLLM, verifier: Pipeline) -> None:
    fake_llm.answers = ["What happened?"]
    chat = GuidedConversation(fake_llm.config(), verifier=verifier)
    chat.start()
    turn = chat.reply("he hit me again last night and I'm scared he'll kill me")
    assert turn.safety is not None and turn.safety.safety.level != "none"
    assert len(fake_llm.requests) == 1
    assert all("hit me" not in m["content"] for m in fake_llm.requests[0]["messages"])


def test_parse_summary() -> None:
    assert parse_summary("What happened?") is None
    assert parse_summary('```json\n{"draft": "Hi.", "their_feeling": "hurt"}\n```') == {
        "draft": "Hi.",
        "their_feeling": "hurt",
    }
    assert parse_summary('{"no_draft": 1}') is None
