"""`feelheard suggest` and `feelheard draft` through Typer's CliRunner, offline and with a real local LLM server."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from feelheard.cli.coach import app, word_diff
from feelheard.errors import InputError
from feelheard.llm.config import LLMConfigError

from .fake_server import FakeLLM
from .test_rewrite import DRAFT, GOOD, PARTNER, WITH_PITFALL

WIDE = {"COLUMNS": "200"}


def invoke(args: list[str], input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, args, input=input, env=WIDE)


@pytest.fixture
def llm_env(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> FakeLLM:
    monkeypatch.setenv("FEELHEARD_LLM_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("FEELHEARD_LLM_MODEL", "cli-model")
    monkeypatch.setenv("FEELHEARD_LLM_TIMEOUT", "5")
    return fake_llm


def test_suggest_offline_card() -> None:
    result = invoke(["suggest", "--partner", PARTNER, "--reply", DRAFT])
    assert result.exit_code == 0, result.output
    for words in (
        "Suggested reply",
        "What changed",
        "Why",
        "offline composer",
        "No LLM is configured",
        "You should just quit",
        "Draft 42/100",
    ):
        assert words in result.output


def test_suggest_offline_json() -> None:
    result = invoke(["suggest", "--partner", PARTNER, "--reply", DRAFT, "--json"])
    data = json.loads(result.output)
    assert data["source"] == "offline"
    assert data["suggestion"] and data["score_after"] > data["score_before"]
    assert any(c["change"] == "removed" for c in data["changes"])


def test_suggest_with_the_llm(llm_env: FakeLLM) -> None:
    llm_env.answers = [GOOD]
    data = json.loads(invoke(["suggest", "-p", PARTNER, "-r", DRAFT, "--json"]).output)
    assert data["source"] == "llm" and data["suggestion"] == GOOD
    assert data["score_after"] > data["score_before"]
    assert "cli-model" in data["note"]
    card = invoke(["suggest", "-p", PARTNER, "-r", DRAFT, "--llm"]).output
    assert "the LLM (checked by the coach)" in card and "What changed" in card


def test_suggest_llm_rewrite_with_a_pitfall_falls_back(llm_env: FakeLLM) -> None:
    llm_env.answers = [WITH_PITFALL]
    data = json.loads(invoke(["suggest", "-p", PARTNER, "-r", DRAFT, "--json"]).output)
    assert data["source"] == "offline" and "did not pass" in data["note"]
    assert data["suggestion"] != WITH_PITFALL


def test_suggest_no_llm_flag_sends_nothing(llm_env: FakeLLM) -> None:
    data = json.loads(invoke(["suggest", "-p", PARTNER, "-r", DRAFT, "--no-llm", "--json"]).output)
    assert data["source"] == "offline" and "--no-llm" in data["note"]
    assert llm_env.requests == []


def test_suggest_llm_flag_without_configuration() -> None:
    data = json.loads(invoke(["suggest", "-p", PARTNER, "-r", DRAFT, "--llm", "--json"]).output)
    assert data["source"] == "offline" and "no LLM is configured" in data["note"]


def test_suggest_stops_for_safety(llm_env: FakeLLM) -> None:
    result = invoke(["suggest", "-p", "I don't want to be alive anymore, I have the pills ready", "-r", "ok"])
    assert "Safety first" in result.output
    assert llm_env.requests == []


def test_suggest_needs_a_draft() -> None:
    result = invoke(["suggest", "-p", PARTNER])
    assert isinstance(result.exception, InputError)


def test_half_configured_llm_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEELHEARD_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    result = invoke(["suggest", "-p", PARTNER, "-r", DRAFT])
    assert isinstance(result.exception, LLMConfigError) and "no model" in str(result.exception)


def test_draft_from_options() -> None:
    result = invoke(
        [
            "draft",
            "--what",
            "she got home late and I snapped at her",
            "--their-feeling",
            "hurt",
            "--my-feeling",
            "sad, I need us to talk calmly",
            "--know",
            "I love her",
            "--json",
        ]
    )
    data = json.loads(result.output)
    assert "you got home late and I snapped at you" in data["draft"]
    assert data["source"] == "offline" and data["score"] >= 70 and data["notes"] == []


def test_draft_interactive_offline() -> None:
    result = invoke(["draft"], input="we argued about money\nscared\nworried, I want a plan\nwe're a team\n")
    assert result.exit_code == 0, result.output
    for words in (
        "What happened?",
        "What might they be feeling",
        "Your first draft",
        "money",
        "Score",
        "offline composer",
    ):
        assert words in result.output


def test_draft_shows_what_was_left_out() -> None:
    result = invoke(["draft", "--what", "you never listen to me", "--my-feeling", "I need you to hear me"])
    assert "Left out" in result.output and "never listen" in result.output


def test_draft_everything_empty() -> None:
    result = invoke(["draft", "--what", ""])
    assert isinstance(result.exception, InputError)


def test_draft_conversation_with_the_llm(llm_env: FakeLLM) -> None:
    from .test_guided_chat import GOOD_DRAFT, summary

    llm_env.script = True
    llm_env.answers = ["What happened between you?", "How might they feel?", summary(GOOD_DRAFT)]
    result = invoke(["draft"], input="she got home late and I snapped at her\nhurt\n")
    assert result.exit_code == 0, result.output
    assert "What happened between you?" in result.output
    assert "the LLM (checked by the coach)" in result.output
    assert "I keep thinking about the moment" in result.output


def test_draft_conversation_failure_falls_back_to_offline_questions(llm_env: FakeLLM) -> None:
    llm_env.mode = "error"
    llm_env.status = 500
    result = invoke(["draft"], input="we argued about money\nscared\nworried, I want a plan\nwe're a team\n")
    assert result.exit_code == 0, result.output
    assert "could not be used" in result.output and "HTTP 500" in result.output
    assert "What happened?" in result.output and "money" in result.output
    assert "offline composer" in result.output


def test_word_diff_marks_removed_and_added_words() -> None:
    text = word_diff("You should just quit. Let's eat.", "That sounds hard. Let's eat.")
    assert text.plain == "You should just quit. That sounds hard. Let's eat."
    styles = {str(span.style) for span in text.spans}
    assert "red strike" in styles and "green" in styles
