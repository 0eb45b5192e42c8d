"""What the reply leaves out, given the partner's message: the gap between what they need and what the draft does.

Each item is `{"id": ..., "message": ...}` with a plain suggestion. This reads findings; it adds none.
"""

from __future__ import annotations

import re

from feelheard.analyzers.empathy import content_words
from feelheard.analyzers.patterns import ADVICE_REQUEST, MACROS
from feelheard.result import Analysis

HURT_EMOTIONS = frozenset(
    {"sadness", "anger", "annoyance", "disappointment", "fear", "nervousness", "embarrassment", "grief",
     "disapproval", "remorse", "confusion", "disgust"}
)  # fmt: skip
PARTNER_FEELING = re.compile(
    r"\b(?:i|i'?m|im)\s+(?:feel|felt|am|'m|was)?\s*(?:so |really |very |kind of |kinda )*" + MACROS["FEEL"]
)
DIRECT_QUESTION = re.compile(r"[^.!?]*\b(?:you|u|we)\b[^.!?]*\?")
ACKNOWLEDGING = frozenset({"naming_emotion", "reflection", "validation", "apology"})
ASKING = frozenset({"open_question", "asking_need", "checking_understanding"})


def find_missing(analysis: Analysis) -> list[dict[str, str]]:
    """Gaps between what the partner's message calls for and what the reply does."""
    reply, partner = analysis.reply_doc, analysis.partner_doc
    if reply is None or partner is None:
        return []
    moves = {m.id for m in analysis.moves}
    pitfalls = {p.id for p in analysis.pitfalls}
    out: list[dict[str, str]] = []
    hurt = (
        bool({e.label for e in analysis.emotions} & HURT_EMOTIONS)
        or PARTNER_FEELING.search(partner.norm) is not None
    )
    if hurt and not moves & ACKNOWLEDGING:
        feeling = ", ".join(analysis.feelings[:2]) or "hurt"
        out.append(
            {
                "id": "acknowledge_feeling",
                "message": f"They sound {feeling}, and the reply doesn't acknowledge that yet. Name it before anything else.",
            }
        )
    question = DIRECT_QUESTION.search(partner.text)
    if question and not (content_words(question.group()) & content_words(reply.text)) and not moves & ASKING:
        out.append(
            {
                "id": "answer_question",
                "message": f"They asked \u201c{question.group().strip()}\u201d and the reply doesn't answer it.",
            }
        )
    asked_advice = ADVICE_REQUEST.search(partner.norm) is not None
    if asked_advice:
        out.append(
            {
                "id": "advice_welcome",
                "message": "They asked for ideas, so practical suggestions are welcome here.",
            }
        )
    elif hurt and "advice_giving" in pitfalls:
        out.append(
            {
                "id": "offer_choice",
                "message": "They seem to be venting. Ask first: \u201cDo you want ideas, or just someone to listen?\u201d",
            }
        )
    if hurt and not moves & ASKING and "stonewalling" not in pitfalls:
        out.append(
            {
                "id": "invite_more",
                "message": "Invite them to say more, with one open question about their side.",
            }
        )
    if "self_erasure" in pitfalls:
        out.append(
            {
                "id": "own_need",
                "message": "Your needs count too: after acknowledging theirs, say what you need with an I-statement.",
            }
        )
    return out


class MissingAnalyzer:
    """Pipeline step: `missing`."""

    name = "missing"
    requires: tuple[str, ...] = ("emotions", "moves", "pitfalls")
    assigns: tuple[str, ...] = ("missing",)

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.missing = find_missing(analysis)
        return analysis
