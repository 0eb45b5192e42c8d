"""The typed result of analysing one exchange, and its JSON form (see `schema/analysis.schema.json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from feelheard.text import TextModel

SafetyLevel = Literal["none", "concern", "urgent"]
MECHANISMS: tuple[str, str, str] = ("emotional_reactions", "interpretations", "explorations")


@dataclass(frozen=True)
class Emotion:
    label: str
    score: float


@dataclass
class Finding:
    """A move or pitfall found in the reply: `start`/`end` are character offsets into the reply."""

    id: str
    kind: Literal["move", "pitfall"]
    start: int
    end: int
    quote: str
    tip: str
    source: Literal["rule", "model", "context"] = "rule"
    confidence: float = 0.9
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "tip": self.tip,
            "source": self.source,
            "confidence": round(self.confidence, 3),
        }
        if self.why:
            out["why"] = self.why
        return out


@dataclass
class EmpathyLevel:
    level: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "spans": [list(s) for s in self.spans],
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class ToneSignal:
    id: str  # shouting, exclamations, profanity, insult, sarcasm, emoji_only, late_night, wall_of_text
    start: int
    end: int
    quote: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "detail": self.detail,
        }


@dataclass
class Tone:
    heated: bool = False
    signals: list[ToneSignal] = field(default_factory=list)
    advice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"heated": self.heated, "signals": [s.to_dict() for s in self.signals], "advice": self.advice}


@dataclass
class Safety:
    level: SafetyLevel = "none"
    categories: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None
    resources: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "level": self.level,
            "categories": list(self.categories),
            "findings": self.findings,
        }
        if self.message:
            out["message"] = self.message
        if self.resources:
            out["resources"] = self.resources
        return out


@dataclass
class Analysis:
    """Everything the coach found in one exchange. Analyzers fill it in; interfaces only read it."""

    id: Any
    partner: str | None
    reply: str | None
    partner_doc: TextModel | None = None
    reply_doc: TextModel | None = None
    emotions: list[Emotion] = field(default_factory=list)
    feelings: list[str] = field(default_factory=list)
    empathy: dict[str, EmpathyLevel] = field(default_factory=lambda: {m: EmpathyLevel() for m in MECHANISMS})
    moves: list[Finding] = field(default_factory=list)
    pitfalls: list[Finding] = field(default_factory=list)
    missing: list[dict[str, str]] = field(default_factory=list)
    tone: Tone = field(default_factory=Tone)
    safety: Safety = field(default_factory=Safety)
    score: int | None = None
    score_parts: dict[str, float] = field(default_factory=dict)
    suggestion: str | None = None
    suggestion_changes: list[dict[str, str]] = field(default_factory=list)
    # Working state shared between analyzers (embeddings, per-sentence model scores); never serialised.
    features: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON contract."""
        from feelheard import __version__

        return {
            "id": self.id,
            "version": __version__,
            "emotions": [{"label": e.label, "score": round(e.score, 4)} for e in self.emotions],
            "feelings": list(self.feelings),
            "empathy": {m: self.empathy[m].to_dict() for m in MECHANISMS},
            "moves": [f.to_dict() for f in self.moves],
            "pitfalls": [f.to_dict() for f in self.pitfalls],
            "missing": list(self.missing),
            "tone": self.tone.to_dict(),
            "safety": self.safety.to_dict(),
            "score": self.score,
            "score_parts": {k: round(v, 2) for k, v in self.score_parts.items()},
            "suggestion": self.suggestion,
            "suggestion_changes": list(self.suggestion_changes),
        }
