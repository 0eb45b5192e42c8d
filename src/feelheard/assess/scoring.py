"""Scoring an assessment: answers in, a 0 to 100 score, a band and specific next steps out.

Each answer is 1 to 5. It is worth ``answer - 1`` points (0 to 4), or ``5 - answer`` for a reverse-keyed item,
and the score is the share of the possible points, rounded to a whole number: ``round(100 * points / (4 *
items))``. What a high score means is the assessment's ``higher_is``: ``better`` (empathy) or ``concern``
(burnout, red flags).

A result *touches on safety* when any safety item is answered at or above its ``safety_from`` or the score
falls in a band marked ``safety``. Such a result carries the assessment's safety message and the help lines
of the person's country, and its usual recommendations are replaced by the safety ones: more empathy is not
the answer to being controlled or frightened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from feelheard.assess.content import SCALE_POINTS, Assessment, Band, Item, Recommendation
from feelheard.errors import InputError

if TYPE_CHECKING:
    from feelheard.safety.resources import CountryResources

MAX_POINTS = SCALE_POINTS - 1
FOCUS_TIPS = 3  # at most this many item tips in a result
FOCUS_FROM = 2  # an item needs at least this much "concern" (0 to 4) to get its tip


@dataclass(frozen=True)
class Focus:
    """An answer worth working on first, with the item's tip."""

    item: Item
    answer: int
    tip: Recommendation

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"item": self.item.id, "text": self.item.text, "answer": self.answer, **self.tip.to_dict()}


@dataclass(frozen=True)
class AssessmentResult:
    """One scored assessment.

    Attributes:
        answers: The answers, 1 to 5, in item order.
        score: 0 to 100.
        band: The band the score falls in.
        recommendations: What to do next (the safety ones when `touches_safety`).
        focus: The items most worth working on, with their tips (none when `touches_safety`).
        touches_safety: Some answers touch on someone's safety.
        safety_message: What to say instead of coaching, when `touches_safety`.
        resources: Help lines for the person's country, when safety is touched or the band shows them.
    """

    assessment: Assessment
    answers: tuple[int, ...]
    score: int
    band: Band
    recommendations: tuple[Recommendation, ...]
    focus: tuple[Focus, ...]
    touches_safety: bool
    safety_message: str | None
    resources: CountryResources | None

    @property
    def savable(self) -> bool:
        """False when the result touches on safety: those are never stored."""
        return not self.touches_safety

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        low, high = self.assessment.band_range(self.band)
        return {
            "assessment": self.assessment.id,
            "title": self.assessment.title,
            "version": self.assessment.version,
            "answers": list(self.answers),
            "score": self.score,
            "higher_is": self.assessment.higher_is,
            "band": {
                "id": self.band.id,
                "label": self.band.label,
                "summary": self.band.summary,
                "min": low,
                "max": high,
            },
            "recommendations": [r.to_dict() for r in self.recommendations],
            "focus": [f.to_dict() for f in self.focus],
            "touches_safety": self.touches_safety,
            "safety_message": self.safety_message,
            "resources": self.resources.to_dict() if self.resources else None,
            "disclaimer": self.assessment.disclaimer,
        }

    def to_payload(self) -> dict[str, Any]:
        """What is kept in storage: the answers and what they scored, not the words (the data file has them)."""
        return {
            "assessment": self.assessment.id,
            "version": self.assessment.version,
            "answers": list(self.answers),
            "score": self.score,
            "band": self.band.id,
        }


def check_answers(assessment: Assessment, answers: Sequence[Any]) -> tuple[int, ...]:
    """The answers as whole numbers 1 to 5, one per item.

    Raises:
        InputError: too few or too many answers, or one that is not a whole number from 1 to 5 (the message
            says which, counting from 1).
    """
    count = len(assessment.items)
    if len(answers) != count:
        raise InputError(
            f"the {assessment.title.lower()} has {count} questions, so it needs {count} answers (got {len(answers)})"
        )
    out: list[int] = []
    for number, value in enumerate(answers, 1):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= SCALE_POINTS:
            raise InputError(
                f"answer {number} must be a whole number from 1 to {SCALE_POINTS}, not {value!r}"
            )
        out.append(value)
    return tuple(out)


def points(item: Item, answer: int) -> int:
    """What one answer is worth, 0 to 4 (reverse-keyed items flipped)."""
    return SCALE_POINTS - answer if item.reverse else answer - 1


def concern(assessment: Assessment, item: Item, answer: int) -> int:
    """How much one answer points at something to work on, 0 to 4."""
    value = points(item, answer)
    return MAX_POINTS - value if assessment.higher_is == "better" else value


def score_answers(
    assessment: Assessment, answers: Sequence[Any], *, country: str | None = None
) -> AssessmentResult:
    """Score a filled-in assessment.

    Args:
        assessment: Which one.
        answers: One answer per item, 1 to 5 (digits as strings are accepted).
        country: Whose help lines to include when they are needed (None: the international list).

    Raises:
        InputError: the answers do not fit the assessment.
    """
    checked = check_answers(assessment, answers)
    total = sum(points(item, answer) for item, answer in zip(assessment.items, checked, strict=True))
    score = round(100 * total / (MAX_POINTS * len(assessment.items)))
    band = assessment.band_for(score)
    flagged = any(
        item.safety_from is not None and answer >= item.safety_from
        for item, answer in zip(assessment.items, checked, strict=True)
    )
    touches = flagged or band.safety
    recommendations = band.recommendations
    focus: tuple[Focus, ...] = ()
    message: str | None = None
    if touches and assessment.safety is not None:
        recommendations, message = assessment.safety.recommendations, assessment.safety.message
    else:
        ranked = sorted(
            (
                (concern(assessment, item, answer), index, item, answer)
                for index, (item, answer) in enumerate(zip(assessment.items, checked, strict=True))
                if item.tip is not None and concern(assessment, item, answer) >= FOCUS_FROM
            ),
            key=lambda entry: (-entry[0], entry[1]),
        )
        focus = tuple(
            Focus(item=item, answer=answer, tip=item.tip)
            for _, _, item, answer in ranked[:FOCUS_TIPS]
            if item.tip
        )
    resources = None
    if touches or band.show_resources:
        from feelheard.safety import load_resources

        resources = load_resources(country)
    return AssessmentResult(
        assessment=assessment,
        answers=checked,
        score=score,
        band=band,
        recommendations=recommendations,
        focus=focus,
        touches_safety=touches,
        safety_message=message,
        resources=resources,
    )
