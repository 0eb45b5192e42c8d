"""The guided first draft as a conversation with the configured LLM.

The LLM asks about the same four things as the offline flow, one question at a time, then answers with a
JSON object: the four answers summed up, and a draft. The draft is checked like every suggestion (no pitfall,
no safety concern); if it fails, or the LLM fails at any point, the offline composer writes the draft from the
answers instead and the caller is told why. Each answer is checked for safety before it is sent anywhere.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from feelheard.coach.guided import QUESTIONS, GuidedDraft, guided_draft
from feelheard.llm.client import LLMClient, LLMError, Message
from feelheard.llm.config import LLMConfig
from feelheard.llm.prompts import render_prompt
from feelheard.llm.rewrite import clean_answer

if TYPE_CHECKING:
    from feelheard.pipeline import Pipeline
    from feelheard.result import Analysis

SLOTS = tuple(QUESTIONS)


@dataclass
class ChatTurn:
    """What the conversation has to show next.

    Attributes:
        question: The LLM's next question (None once the conversation is over).
        draft: The finished, checked draft (None until the end, or when coaching stopped for safety).
        source: Who wrote the draft: "llm" or "offline".
        note: Why the offline composer took over, or where the draft came from.
        failed: True when the LLM could not be used; the caller asks the `missing` questions itself.
        missing: Slots still unanswered when the LLM failed.
        answers: The answers so far, by slot (from the LLM's summary, else in the order given).
        safety: The analysis of an answer that raised a safety concern (coaching stops).
    """

    question: str | None = None
    draft: GuidedDraft | None = None
    source: Literal["llm", "offline"] = "llm"
    note: str = ""
    failed: bool = False
    missing: list[str] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)
    safety: Analysis | None = None


def parse_summary(text: str) -> dict[str, str] | None:
    """The JSON object at the end of the conversation, or None if the text is a question."""
    cleaned = clean_answer(text)
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        data = json.loads(cleaned[start : end + 1])
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("draft"), str):
        return None
    return {key: str(value) for key, value in data.items() if isinstance(value, str | int | float)}


class GuidedConversation:
    """One guided conversation. Call `start()`, then `reply(answer)` until a turn has no question.

    Args:
        config: The LLM settings.
        client: A ready client (tests); by default one is made from `config`.
        verifier: The pipeline that checks answers and the draft.
        max_questions: After this many answers the LLM is asked to finish.
        partner: The partner's message, if any (used in the check).
        partner_name: The partner's name, for the offline fallback's pronoun handling.
    """

    def __init__(
        self,
        config: LLMConfig,
        *,
        client: LLMClient | None = None,
        verifier: Pipeline | None = None,
        max_questions: int = 5,
        partner: str | None = None,
        partner_name: str | None = None,
    ) -> None:
        if verifier is None:
            from feelheard import load_pipeline

            verifier = load_pipeline().without("suggest")
        self.config = config
        self.client = client if client is not None else LLMClient(config)
        self.verifier = verifier
        self.max_questions = max_questions
        self.partner = partner
        self.partner_name = partner_name
        self.user_answers: list[str] = []
        self.messages: list[Message] = [
            {"role": "system", "content": render_prompt("guided_system")},
            {"role": "user", "content": render_prompt("guided_start")},
        ]

    def close(self) -> None:
        self.client.close()

    def _answers_by_order(self) -> dict[str, str]:
        return dict(zip(SLOTS, self.user_answers, strict=False))

    def _fail(self, reason: str) -> ChatTurn:
        answers = self._answers_by_order()
        return ChatTurn(
            source="offline",
            note=f"The LLM could not be used ({reason}); the offline questions take over from here.",
            failed=True,
            missing=[slot for slot in SLOTS if slot not in answers],
            answers=answers,
        )

    def _ask(self) -> ChatTurn:
        try:
            text = self.client.chat(self.messages, stream=self.config.stream, temperature=0.5)
        except LLMError as exc:
            return self._fail(str(exc))
        self.messages.append({"role": "assistant", "content": text})
        summary = parse_summary(text)
        if summary is not None:
            return self._finish(summary)
        if "{" in text and '"draft"' in text:
            return self._fail("its summary was not valid JSON")
        question = clean_answer(text)
        if len(self.user_answers) >= self.max_questions:
            return self._fail("it kept asking questions instead of writing the draft")
        return ChatTurn(question=question)

    def _offline(self, answers: dict[str, str], note: str) -> ChatTurn:
        draft = guided_draft(
            answers.get("what_happened"),
            answers.get("their_feeling"),
            answers.get("my_feeling_and_need"),
            answers.get("want_them_to_know"),
            partner=self.partner,
            partner_name=self.partner_name,
            verifier=self.verifier,
        )
        return ChatTurn(draft=draft, source="offline", note=note, answers=answers)

    def _finish(self, summary: dict[str, str]) -> ChatTurn:
        answers = {slot: summary.get(slot, "").strip() for slot in SLOTS}
        if not any(answers.values()):
            answers = self._answers_by_order()
        text = clean_answer(summary["draft"])
        check = self.verifier(self.partner, text) if text.strip() else None
        if check is None:
            reason = "the draft was empty"
        elif check.safety.level != "none":
            reason = "the draft raised a safety concern"
        elif check.pitfalls:
            reason = (
                "the draft had words that may backfire ("
                + ", ".join(dict.fromkeys(p.id.replace("_", " ") for p in check.pitfalls))
                + ")"
            )
        else:
            return ChatTurn(
                draft=GuidedDraft(text=text, analysis=check),
                source="llm",
                note=f"Drafted with the LLM ({self.config.model}) and checked by the coach: nothing flagged.",
                answers=answers,
            )
        if not any(answers.values()):
            return self._fail(reason)
        return self._offline(
            answers,
            f"The LLM's draft did not pass the coach's check ({reason}), so the "
            "offline composer wrote this one from your answers.",
        )

    def start(self) -> ChatTurn:
        """The LLM's first question."""
        return self._ask()

    def reply(self, answer: str) -> ChatTurn:
        """Give the user's answer; get the next question, or the finished draft."""
        answer = answer.strip()
        check = self.verifier(None, answer) if answer else None
        if check is not None and check.safety.level != "none":
            return ChatTurn(
                source="offline",
                note="Coaching stops here: that answer raised a safety concern.",
                safety=check,
            )
        self.user_answers.append(answer)
        self.messages.append({"role": "user", "content": answer or "(no answer)"})
        if len(self.user_answers) >= self.max_questions:
            self.messages.append({"role": "user", "content": render_prompt("guided_finish")})
        return self._ask()


def strip_question(text: str) -> str:
    """A question as one tidy paragraph for the terminal."""
    return re.sub(r"\s+", " ", text).strip()
