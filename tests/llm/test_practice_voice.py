"""The LLM voices the practice partner through a real HTTP server; the script is the fallback for every failure."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from feelheard.pipeline import Pipeline
from feelheard.practice import engine
from feelheard.practice.voice import MAX_LINE_CHARS, voice_current_turn

from .fake_server import FakeLLM

SCENARIO = "dishes-after-double-shift"


def _after_one_reply(pipeline: Pipeline) -> engine.PracticeState:
    state = engine.start(SCENARIO)
    engine.answer(state, "I was busy too, you know. You never notice what I do.", pipeline)
    return state


def test_llm_words_the_partner_line(fake_llm: FakeLLM, pipeline: Pipeline) -> None:
    fake_llm.answers = ["Wow. So this is somehow my fault now?"]
    state = _after_one_reply(pipeline)
    voiced = voice_current_turn(state, fake_llm.config(), pipeline)
    assert voiced is not None and voiced.source == "llm"
    assert state.partner_line() == "Wow. So this is somehow my fault now?"
    assert state.voice == "llm"
    # The prompt carries the scenario, the conversation and the branch's scripted line.
    sent = fake_llm.requests[-1]["messages"]
    assert state.scenario.context in sent[0]["content"]
    assert "You never notice what I do" in sent[1]["content"]
    assert state.scenario.turns["flare"].partner in sent[1]["content"]
    assert "stung" in sent[1]["content"]
    # The state keeps the wording, so a later request (web) shows the same line.
    assert engine.PracticeState.from_dict(state.to_dict()).partner_line() == voiced.text


@pytest.mark.parametrize(
    ("setup", "note"),
    [
        ({"answers": ["   "]}, "empty"),
        ({"answers": ["x" * (MAX_LINE_CHARS + 5)]}, "too long"),
        ({"answers": ["I'm going to kill you when you get home."]}, "safety"),
        ({"mode": "error", "status": 503}, "could not be used"),
        ({"mode": "malformed"}, "could not be used"),
    ],
)
def test_fallbacks_use_the_script(
    fake_llm: FakeLLM, pipeline: Pipeline, setup: dict[str, Any], note: str
) -> None:
    for key, value in setup.items():
        setattr(fake_llm, key, value)
    state = _after_one_reply(pipeline)
    voiced = voice_current_turn(state, fake_llm.config(), pipeline)
    assert voiced is not None and voiced.source == "script"
    assert note in voiced.note
    assert state.partner_line() == state.scenario.turns[state.turn].partner


def test_no_llm_no_voice(pipeline: Pipeline) -> None:
    state = _after_one_reply(pipeline)
    assert voice_current_turn(state, None, pipeline) is None


def test_cli_practice_with_llm(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    from feelheard.cli.app import app
    from feelheard.storage.db import dispose_engines

    monkeypatch.setenv("FEELHEARD_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FEELHEARD_LLM_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("FEELHEARD_LLM_MODEL", "test-model")
    fake_llm.answers = ["Honestly? It's the feeling that I'm doing this alone."]
    dispose_engines()
    result = CliRunner().invoke(
        app,
        [
            "practice",
            "start",
            SCENARIO,
            "--no-save",
            "-r",
            "I'm so sorry, you must be exhausted. That was on me.",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "doing this alone" in result.output
    dispose_engines()
