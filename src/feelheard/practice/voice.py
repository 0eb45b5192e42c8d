"""An LLM voices the simulated partner when one is configured; the scenario's script is always the fallback.

The LLM only rewords the scripted line for the branch the engine chose, so the conversation's shape (and
its scoring) stays the same offline and online. A line is used only when it is short, non-empty and raises no
safety concern; otherwise the script's line is used and the reason is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from feelheard.llm.client import LLMClient, LLMError
from feelheard.llm.prompts import render_prompt
from feelheard.llm.rewrite import clean_answer

if TYPE_CHECKING:
    from feelheard.llm.config import LLMConfig
    from feelheard.pipeline import Pipeline
    from feelheard.practice.engine import PracticeState

MAX_LINE_CHARS = 400
LANDED = {
    "heard": "made you feel heard: soften and say a little more of what is underneath.",
    "partly": "only half landed: stay guarded and repeat what matters most to you.",
    "escalates": "stung: push back, more hurt or annoyed.",
    "withdraws": "brushed you off: pull back and go quiet.",
}


@dataclass
class Voiced:
    """The partner's line and who wrote it ("llm" or "script"), with the reason when the script was used."""

    text: str
    source: str
    note: str = ""


def _history(state: PracticeState) -> str:
    lines = []
    for exchange in state.exchanges:
        lines.append(f"You: {exchange.partner}")
        lines.append(f"User: {exchange.reply}")
    return "\n".join(lines)


def partner_line(state: PracticeState, config: LLMConfig, checker: Pipeline) -> Voiced:
    """The partner's line for the turn `state` is now at, worded by the LLM when it can be trusted."""
    scripted = state.scenario.turns[state.turn].partner
    scenario = state.scenario
    landed = (
        LANDED.get(state.exchanges[-1].outcome, LANDED["partly"])
        if state.exchanges
        else "is not written yet."
    )
    messages = [
        {
            "role": "system",
            "content": render_prompt(
                "partner_system", context=scenario.context, underneath=scenario.underneath
            ),
        },
        {
            "role": "user",
            "content": render_prompt(
                "partner_turn", history=_history(state), landed=landed, scripted=scripted
            ),
        },
    ]
    try:
        with LLMClient(config) as client:
            raw = client.chat(messages, temperature=0.8, max_tokens=160)
    except LLMError as exc:
        return Voiced(scripted, "script", f"the LLM could not be used ({exc}); the scenario's line is shown")
    text = clean_answer(raw).strip()
    if not text:
        return Voiced(scripted, "script", "the LLM sent an empty line; the scenario's line is shown")
    if len(text) > MAX_LINE_CHARS:
        return Voiced(scripted, "script", "the LLM's line was too long; the scenario's line is shown")
    if checker(text, None).safety.level != "none":
        return Voiced(
            scripted, "script", "the LLM's line raised a safety concern; the scenario's line is shown"
        )
    return Voiced(text, "llm")


def voice_current_turn(state: PracticeState, config: LLMConfig | None, checker: Pipeline) -> Voiced | None:
    """Let the LLM word the line at the current turn (not the opening, which sets the scene as written).

    Returns None when no LLM is configured or nothing is left to say.
    """
    if config is None or not state.exchanges or state.stopped_for_safety:
        return None
    voiced = partner_line(state, config, checker)
    if voiced.source == "llm":
        state.spoken[state.turn] = voiced.text
        state.voice = "llm"
    return voiced
