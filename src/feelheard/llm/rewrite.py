"""Ask the configured LLM to rewrite the user's draft, then check the rewrite like any other suggestion.

The rewrite is shown only if the analyzer finds no pitfall in it, no safety concern, a higher score than the
draft, and the user's key content kept (`feelheard.coach.content`). Otherwise, and on any error, the offline
suggestion already in the analysis is used, with a note saying why. The LLM is never asked when the exchange
raises a safety concern, and nothing is sent anywhere when no LLM is configured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from feelheard.coach.content import content_kept, key_content
from feelheard.errors import InputError
from feelheard.llm.client import LLMClient, LLMError, Message
from feelheard.llm.config import LLMConfig, load_llm_config
from feelheard.llm.prompts import render_prompt
from feelheard.result import Analysis

if TYPE_CHECKING:
    from feelheard.pipeline import Pipeline

GOOD_ENOUGH = 85  # the offline composer leaves drafts this good (and pitfall-free) alone; so do we
MAX_ATTEMPTS = 2  # a second try, told what was wrong, only after a failed check or a malformed answer


@dataclass(frozen=True)
class RewriteResult:
    """The suggestion to show and where it came from.

    Attributes:
        text: The suggested reply, or None when there is nothing to show.
        source: "llm" when the LLM's rewrite passed the check, else "offline".
        note: One or two sentences for the user: where the suggestion came from, and why.
        changes: Explained changes ({change, text, why}); for offline results, the composer's own.
        score: The suggestion's score when it was checked here (LLM rewrites), else None.
    """

    text: str | None
    source: Literal["llm", "offline"]
    note: str
    changes: list[dict[str, str]] = field(default_factory=list)
    score: int | None = None


@dataclass(frozen=True)
class Verdict:
    """Whether one rewrite passed the check, and why not."""

    ok: bool
    reason: str
    check: Analysis | None = None


def clean_answer(text: str) -> str:
    """The reply inside an LLM answer: drop reasoning blocks, code fences, a lead-in line and wrapping quotes."""
    text = re.sub(r"<think>.*?</think>", "", text, flags=re.DOTALL | re.IGNORECASE)
    text = re.sub(r"^\s*```[a-z]*\s*\n?|\n?```\s*$", "", text.strip(), flags=re.IGNORECASE)
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) > 1 and lines[0].endswith(":") and len(lines[0].split()) <= 8:
        lines = lines[1:]  # "Here is a kinder version:"
    text = "\n".join(line for line in lines).strip()
    text = re.sub(r"^(?:rewritten|improved|suggested) reply:\s*", "", text, flags=re.IGNORECASE)
    pairs = {'"': '"', "\u201c": "\u201d", "'": "'"}
    if len(text) >= 2 and text[0] in pairs and text[-1] == pairs[text[0]] and text.count(text[0]) <= 2:
        text = text[1:-1].strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _pitfall_spans(analysis: Analysis) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in analysis.pitfalls if p.id != "heated_tone"]


def verify_rewrite(analysis: Analysis, text: str, verifier: Pipeline) -> Verdict:
    """Check a rewrite the way every suggestion is checked, plus the key-content rule."""
    assert analysis.reply is not None and analysis.score is not None
    if not text.strip():
        return Verdict(False, "it was empty")
    if text.strip() == analysis.reply.strip():
        return Verdict(False, "it did not change the draft")
    words = len(text.split())
    if words > 3 * len(analysis.reply.split()) + 80:
        return Verdict(False, f"it was much longer than your draft ({words} words)")
    try:
        check = verifier(analysis.partner, text)
    except InputError as exc:
        return Verdict(False, str(exc))
    if check.safety.level != "none":
        return Verdict(False, "it raised a safety concern", check)
    if check.pitfalls:
        found = ", ".join(dict.fromkeys(p.id.replace("_", " ") for p in check.pitfalls))
        return Verdict(False, f"it still had words that may backfire ({found})", check)
    if check.score is None or check.score <= analysis.score:
        return Verdict(False, f"it scored {check.score} against your draft's {analysis.score}", check)
    kept = content_kept(analysis.reply, text, _pitfall_spans(analysis))
    if not kept.kept:
        return Verdict(False, kept.reason(), check)
    return Verdict(True, "", check)


def _bullets(items: list[str], empty: str) -> str:
    return "\n".join(f"- {item}" for item in items) if items else f"- {empty}"


def build_messages(analysis: Analysis, feedback: str = "") -> list[Message]:
    """The chat messages asking for a rewrite, from the prompt files."""
    assert analysis.reply is not None
    pitfalls = [
        f"{p.id.replace('_', ' ')}: \u201c{p.quote}\u201d ({p.why or p.tip})" for p in analysis.pitfalls
    ]
    missing = [str(m.get("message") or m.get("id", "")) for m in analysis.missing]
    if analysis.feelings:
        missing.append("They may feel " + ", ".join(analysis.feelings) + ".")
    content = key_content(analysis.reply, _pitfall_spans(analysis))
    keep = (
        ", ".join(dict.fromkeys([*content.facts.values(), *content.words.values()])) or "(nothing specific)"
    )
    user = render_prompt(
        "rewrite_user",
        partner=analysis.partner or "(no message given)",
        draft=analysis.reply,
        pitfalls=_bullets(pitfalls, "nothing flagged"),
        missing=_bullets(missing, "nothing in particular"),
        keep=keep,
        feedback="\n" + render_prompt("retry_feedback", reason=feedback) + "\n" if feedback else "",
    )
    return [{"role": "system", "content": render_prompt("rewrite_system")}, {"role": "user", "content": user}]


def explain_changes(analysis: Analysis, check: Analysis) -> list[dict[str, str]]:
    """What the rewrite changed, in the same form as the offline composer's changes."""
    from feelheard.catalogue import load_catalogue

    catalogue = load_catalogue()
    changes: list[dict[str, str]] = []
    for pitfall in analysis.pitfalls:
        changes.append(
            {
                "change": "removed",
                "text": pitfall.quote,
                "why": pitfall.why or pitfall.tip,
                "pitfall": pitfall.id,
            }
        )
    had = {m.id for m in analysis.moves}
    for move in check.moves:
        if move.id in had:
            continue
        had.add(move.id)
        entry = catalogue.moves.get(move.id)
        why = (entry.tip if entry else "") or "It helps them feel heard."
        changes.append({"change": "added", "text": move.quote, "why": why, "move": move.id})
    return changes


def offline_result(analysis: Analysis, note: str) -> RewriteResult:
    """The offline composer's suggestion, with `note` saying why it is the one shown."""
    nothing_passed = analysis.suggestion is None and analysis.reply is not None
    if (
        nothing_passed
        and analysis.safety.level == "none"
        and (analysis.pitfalls or (analysis.score or 0) < GOOD_ENOUGH)
    ):
        note += " The offline composer had nothing that passed its own check either; the tips still apply."
    return RewriteResult(
        text=analysis.suggestion, source="offline", note=note, changes=list(analysis.suggestion_changes)
    )


def llm_rewrite(
    analysis: Analysis,
    *,
    config: LLMConfig | Literal["auto"] | None = "auto",
    verifier: Pipeline | None = None,
    client: LLMClient | None = None,
) -> RewriteResult:
    """The LLM's checked rewrite of the draft, or the offline suggestion and why.

    Args:
        analysis: The analysed exchange (from the default pipeline, so it holds the offline suggestion).
        config: LLM settings; "auto" (default) reads them with `load_llm_config()`; None means "no LLM".
        verifier: The pipeline that checks rewrites (default: the default pipeline without "suggest").
        client: A ready client (tests); by default one is made from `config` and closed afterwards.
    """
    if analysis.reply is None:
        return offline_result(analysis, "There is no draft to rewrite.")
    if analysis.safety.level != "none":
        return RewriteResult(
            text=None,
            source="offline",
            note="The LLM was not asked: this exchange raised a safety concern, and coaching stops there.",
        )
    if analysis.score is None:
        return offline_result(analysis, "There is no score for this draft, so nothing to improve on.")
    settings = load_llm_config() if config == "auto" else config
    if settings is None:
        return offline_result(
            analysis,
            "No LLM is configured, so this comes from the offline composer (nothing left this computer).",
        )
    if not analysis.pitfalls and analysis.score >= GOOD_ENOUGH:
        return offline_result(analysis, "Your draft already works well, so the LLM was not asked.")
    if verifier is None:
        from feelheard import load_pipeline

        verifier = load_pipeline().without("suggest")
    own_client = client is None
    active = client if client is not None else LLMClient(settings)
    try:
        feedback = ""
        reason = ""
        for _attempt in range(MAX_ATTEMPTS):
            try:
                answer = active.chat(build_messages(analysis, feedback), stream=settings.stream)
            except LLMError as exc:
                if exc.kind != "malformed" or _attempt + 1 == MAX_ATTEMPTS:
                    return offline_result(
                        analysis,
                        f"The LLM could not be used ({exc}), so this comes from the offline composer.",
                    )
                reason = str(exc)
                feedback = "the answer could not be read"
                continue
            text = clean_answer(answer)
            verdict = verify_rewrite(analysis, text, verifier)
            if verdict.ok and verdict.check is not None:
                return RewriteResult(
                    text=text,
                    source="llm",
                    note=(
                        f"Rewritten by the LLM ({settings.model} at {settings.host}) and checked by the coach: "
                        f"score {analysis.score} \u2192 {verdict.check.score}, nothing flagged, your key content kept."
                    ),
                    changes=explain_changes(analysis, verdict.check),
                    score=verdict.check.score,
                )
            reason = verdict.reason
            feedback = verdict.reason
        return offline_result(
            analysis,
            f"The LLM's rewrite did not pass the coach's check ({reason}), so this comes from the offline composer.",
        )
    finally:
        if own_client:
            active.close()
