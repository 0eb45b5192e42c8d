"""Empathy in the reply, after EPITOME's three mechanisms, each 0 (none), 1 (weak) or 2 (strong) with spans.

Spans come from the moves the rules found (they are precise); the learned head reads the whole reply and can
raise a level the rules missed. A rule span is "strong" when it is specific: long enough to carry content, or
sharing content words with the partner's message.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from feelheard.analyzers.patterns import expand
from feelheard.result import MECHANISMS, Analysis, EmpathyLevel, Finding
from feelheard.text import TextModel

MECHANISM_OF: dict[str, str] = {
    "apology": "emotional_reactions",
    "reassurance": "emotional_reactions",
    "appreciation": "emotional_reactions",
    "reflection": "interpretations",
    "naming_emotion": "interpretations",
    "validation": "interpretations",
    "self_disclosure": "interpretations",
    "open_question": "explorations",
    "checking_understanding": "explorations",
    "asking_need": "explorations",
}
# Warmth that is not a move of its own ("that's awful", "hugs", a heart).
WARMTH = re.compile(
    expand(
        r"\b(?:{SORRY} (?:to hear|about|for|that)|i hate that|my heart (?:goes out|breaks|hurts)|i wish (?:i|that|you)|"
        r"(?:big |sending )?hugs?\b|that'?s (?:so |really )?(?:awful|terrible|horrible|heartbreaking|rough|sad|hard)|"
        r"(?:ugh|oh no|aw+),? (?:that|babe|hun|love|honey|i'?m)|i(?:'m| am) (?:so |really )?(?:sad|upset|worried) (?:for|about) {YOU}|"
        r"i care about {YOU}|{YOU} deserve(?:d)? better|poor (?:thing|baby|you)(?! (?:thing|baby|you)[.!]* ?\U0001F644))"
    )
    + r"|[\u2764\U0001F495\U0001F497\U0001F49C\U0001F499\U0001F49A\U0001F49B\U0001FA77\U0001F917\U0001F97A]"
)
_STOP = frozenset(
    "i you me my your the a an and or but to of in on at for with that this it is was were be been am are so "
    "just really very do did not no what when how why im i'm you're it's that's about from have had has".split()
)


def content_words(text: str) -> set[str]:
    """Lowercased words of three or more letters, minus function words."""
    return {w for w in re.findall(r"[a-z']{3,}", text.lower()) if w not in _STOP}


def _is_specific(quote: str, partner_words: set[str]) -> bool:
    words = content_words(quote)
    return len(quote.split()) >= 7 or bool(words & partner_words)


def rule_levels(reply: TextModel, moves: list[Finding], partner: TextModel | None) -> dict[str, EmpathyLevel]:
    """Levels and spans that the rules support on their own."""
    partner_words = content_words(partner.text) if partner is not None else set()
    out = {m: EmpathyLevel() for m in MECHANISMS}
    for move in moves:
        mechanism = MECHANISM_OF.get(move.id)
        if mechanism is None:
            continue
        level = 2 if _is_specific(move.quote, partner_words) else 1
        if move.id in ("checking_understanding", "asking_need", "appreciation", "reassurance"):
            level = 1
        if move.id in ("reflection", "naming_emotion") and level == 1 and len(move.quote.split()) >= 4:
            level = 2
        slot = out[mechanism]
        slot.level = max(slot.level, level)
        slot.spans.append((move.start, move.end))
        slot.confidence = max(slot.confidence, move.confidence)
    for match in WARMTH.finditer(reply.norm):
        if reply.negated_before(match.start()):
            continue
        slot = out["emotional_reactions"]
        slot.level = max(slot.level, 1)
        slot.spans.append((match.start(), match.end()))
        slot.confidence = max(slot.confidence, 0.8)
    for slot in out.values():
        slot.spans = sorted(set(slot.spans))
    return out


def _merge_head(levels: dict[str, EmpathyLevel], pred: dict[str, Any], reply: TextModel) -> None:
    for mechanism in MECHANISMS:
        if mechanism not in pred:
            continue
        head_level, probs, evidence = pred[mechanism]
        slot = levels[mechanism]
        if int(head_level) > slot.level:
            slot.level = int(head_level)
            slot.confidence = float(np.max(probs))
            if not slot.spans and len(evidence) and len(reply.sentences):
                best = int(np.argmax(evidence))
                if best < len(reply.sentences):
                    sentence = reply.sentences[best]
                    slot.spans = [(sentence.start, sentence.end)]


class EmpathyAnalyzer:
    """Pipeline step: the `empathy` block."""

    name = "empathy"
    requires: tuple[str, ...] = ("reply_doc", "moves", "features")
    assigns: tuple[str, ...] = ("empathy",)

    def __init__(self, use_head: bool = True) -> None:
        self.use_head = use_head

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.reply_doc is None:
            return analysis
        levels = rule_levels(analysis.reply_doc, analysis.moves, analysis.partner_doc)
        pred = analysis.features.get("empathy_pred")
        if self.use_head and pred is not None:
            _merge_head(levels, pred, analysis.reply_doc)
        analysis.empathy = levels
        return analysis
