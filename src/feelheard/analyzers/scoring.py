"""One number for the reply, 0-100, built from parts the card can explain.

50 is a neutral reply. Empathy and moves that work add; pitfalls subtract by how much damage they tend to
do (contempt most). No score is given when safety is not `none`: coaching stops there.
"""

from __future__ import annotations

from feelheard.result import Analysis

PITFALL_COST: dict[str, float] = {
    "contempt": 26, "gaslighting": 22, "criticism": 18, "invalidating": 18, "guilt_trip": 16,
    "stonewalling": 16, "defensiveness": 12, "minimizing": 12, "non_apology": 12, "self_focus": 10,
    "heated_tone": 10, "advice_giving": 8, "self_erasure": 8, "cliche": 5,
}  # fmt: skip
MOVE_GAIN: dict[str, float] = {
    "reflection": 7, "naming_emotion": 7, "validation": 7, "apology": 7, "open_question": 6,
    "checking_understanding": 4, "asking_need": 5, "i_statement": 3, "repair_attempt": 5, "reassurance": 4,
    "self_disclosure": 2, "appreciation": 4,
}  # fmt: skip
EMPATHY_GAIN = {"emotional_reactions": 4.0, "interpretations": 5.0, "explorations": 4.0}


def score(analysis: Analysis) -> tuple[int | None, dict[str, float]]:
    """The score and the parts it is made of."""
    if analysis.reply_doc is None or analysis.safety.level != "none":
        return None, {}
    empathy = sum(EMPATHY_GAIN[m] * e.level for m, e in analysis.empathy.items())
    moves = min(28.0, sum(MOVE_GAIN.get(i, 0.0) for i in {f.id for f in analysis.moves}))
    pitfalls = 0.0
    for pitfall_id in {f.id for f in analysis.pitfalls}:
        repeats = sum(1 for f in analysis.pitfalls if f.id == pitfall_id)
        pitfalls += PITFALL_COST.get(pitfall_id, 8.0) * (1 + 0.25 * (repeats - 1))
    total = 50.0 + empathy + moves - pitfalls
    parts = {"base": 50.0, "empathy": empathy, "moves": moves, "pitfalls": -pitfalls}
    return round(max(0.0, min(100.0, total))), parts


class ScoringAnalyzer:
    """Pipeline step: `score`."""

    name = "scoring"
    requires: tuple[str, ...] = ("empathy", "moves", "pitfalls", "safety")
    assigns: tuple[str, ...] = ("score", "score_parts")

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.score, analysis.score_parts = score(analysis)
        return analysis
