"""Turns an `Analysis` into plain data the templates show: highlighted segments, the diff, names and words.

Nothing here builds HTML: every piece of user text stays a plain string that Jinja escapes on output, so a
reply containing markup is shown as text, never run.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from feelheard.result import MECHANISMS, Analysis, Finding

LEVEL_WORDS: tuple[str, str, str] = ("not yet", "a little", "clearly")


@dataclass(frozen=True)
class Tip:
    """What one highlighted finding says."""

    id: str
    kind: str
    name: str
    tip: str
    why: str


@dataclass(frozen=True)
class Segment:
    """A run of the draft: plain text, or text one or more findings point at."""

    text: str
    tips: tuple[Tip, ...] = ()

    @property
    def kind(self) -> str:
        """``pitfall`` wins over ``move`` so a risky phrase is never shown as fine."""
        if not self.tips:
            return ""
        return "pitfall" if any(t.kind == "pitfall" for t in self.tips) else "move"


@dataclass(frozen=True)
class DiffPart:
    """One piece of the draft-to-suggestion diff: ``same``, ``added`` or ``removed``."""

    op: str
    text: str


@dataclass(frozen=True)
class EmpathyView:
    """One empathy mechanism, named in everyday words."""

    id: str
    name: str
    level: int
    words: str
    tip: str


@dataclass
class CoachView:
    """Everything the Coach page's results panel shows."""

    partner: str | None
    reply: str | None
    safety_level: str
    safety_message: str | None = None
    safety_categories: list[str] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    resources_country: str = ""
    feelings: list[str] = field(default_factory=list)
    empathy: list[EmpathyView] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    pitfalls: list[Tip] = field(default_factory=list)
    moves: list[Tip] = field(default_factory=list)
    missing: list[dict[str, str]] = field(default_factory=list)
    tone_advice: str | None = None
    score: int | None = None
    score_words: str = ""
    suggestion: str | None = None
    diff: list[DiffPart] = field(default_factory=list)
    changes: list[dict[str, str]] = field(default_factory=list)

    @property
    def safe(self) -> bool:
        """True when the normal coaching may be shown."""
        return self.safety_level == "none"


def _names() -> dict[str, str]:
    try:
        from feelheard.catalogue import load_catalogue

        cat = load_catalogue()
    except Exception:  # the page still works with raw ids if the catalogue cannot be read
        return {}
    return {
        key: entry.name for table in (cat.moves, cat.pitfalls, cat.empathy) for key, entry in table.items()
    }


def _tip(finding: Finding, names: dict[str, str]) -> Tip:
    return Tip(
        id=finding.id,
        kind=finding.kind,
        name=names.get(finding.id, finding.id.replace("_", " ").capitalize()),
        tip=finding.tip,
        why=finding.why,
    )


def highlight(text: str, findings: list[Finding], names: dict[str, str] | None = None) -> list[Segment]:
    """Split `text` at every finding boundary; each piece carries the tips of the findings covering it.

    Overlapping findings are all kept (a piece can carry two tips). Offsets outside the text are clipped,
    and the pieces always join back to exactly `text`.
    """
    names = names if names is not None else _names()
    n = len(text)
    spans = [(max(0, min(f.start, n)), max(0, min(f.end, n)), f) for f in findings]
    spans = [(s, e, f) for s, e, f in spans if e > s]
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        covering = tuple(_tip(f, names) for s, e, f in spans if s <= left and right <= e)
        piece = text[left:right]
        if segments and segments[-1].tips == covering:
            segments[-1] = Segment(segments[-1].text + piece, covering)
        else:
            segments.append(Segment(piece, covering))
    return segments


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> list[DiffPart]:
    """A readable diff from the draft to the suggestion.

    Word-level, but an unchanged run of fewer than three words between two changes is folded into the
    change, so a rewritten sentence reads as one removed phrase and one added phrase, not as word salad.
    """
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    parts: list[DiffPart] = []
    removed: list[str] = []
    added: list[str] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if parts and parts[-1].op == op:
            parts[-1] = DiffPart(op, parts[-1].text + text)
        else:
            parts.append(DiffPart(op, text))

    def flush() -> None:
        add("removed", "".join(removed))
        add("added", "".join(added))
        removed.clear()
        added.clear()

    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = sum(1 for token in a[i1:i2] if not token.isspace())
            between_changes = (removed or added) and index < len(opcodes) - 1
            if between_changes and words < 3:
                removed.extend(a[i1:i2])
                added.extend(b[j1:j2])
                continue
            flush()
            add("same", "".join(a[i1:i2]))
        else:
            removed.extend(a[i1:i2])
            added.extend(b[j1:j2])
    flush()
    return parts


def score_words(score: int) -> str:
    """A gentle word for a score, so the number is never the only signal."""
    if score >= 80:
        return "This will likely land warmly."
    if score >= 60:
        return "A good start; a small change could make it land better."
    if score >= 40:
        return "Some of this may come across differently than you mean it."
    return "As written, this may leave them feeling unheard."


RESOURCE_FIELDS = ("kind", "name", "number", "text", "url", "notes")


def _resource(raw: dict[str, Any]) -> dict[str, Any]:
    """Every field the template reads, present (None when the resource has no such contact)."""
    out = {key: raw.get(key) for key in RESOURCE_FIELDS}
    url = out["url"]
    # Only web links become links: anything else (e.g. a `javascript:` value) is dropped.
    if not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        out["url"] = None
    return out


def resources_for(country: str) -> tuple[str, list[dict[str, Any]]]:
    """The country's display name and help lines (unknown codes get the international list)."""
    from feelheard.safety import load_resources

    found = load_resources(country)
    return found.name, [_resource(r.to_dict()) for r in found.resources]


def coach_view(analysis: Analysis, *, country: str | None = None) -> CoachView:
    """Build the results panel for one analysis.

    Args:
        analysis: The pipeline's result.
        country: The visitor's chosen country; when given, its help lines replace the pipeline's default ones.
    """
    safety = analysis.safety
    view = CoachView(partner=analysis.partner, reply=analysis.reply, safety_level=safety.level)
    if safety.level != "none":
        # Safety first: no score, no rewrite, no highlights; a warm explanation and where to find help.
        view.safety_message = safety.message
        view.safety_categories = list(safety.categories)
        view.resources = [_resource(r) for r in safety.resources]
        if country:
            try:
                view.resources_country, view.resources = resources_for(country)
            except Exception:  # keep the pipeline's own list rather than show none
                view.resources_country = ""
        return view
    names = _names()
    view.feelings = list(analysis.feelings)
    from feelheard.catalogue import load_catalogue

    try:
        empathy_entries = load_catalogue().empathy
    except Exception:
        empathy_entries = {}
    for mech in MECHANISMS:
        level = analysis.empathy[mech].level if mech in analysis.empathy else 0
        entry = empathy_entries.get(mech)
        view.empathy.append(
            EmpathyView(
                id=mech,
                name=entry.name if entry else mech.replace("_", " ").capitalize(),
                level=level,
                words=LEVEL_WORDS[max(0, min(level, 2))],
                tip=entry.tip if entry else "",
            )
        )
    if analysis.reply is not None:
        view.segments = highlight(analysis.reply, [*analysis.pitfalls, *analysis.moves], names)
    view.pitfalls = _unique(_tip(f, names) for f in analysis.pitfalls)
    view.moves = _unique(_tip(f, names) for f in analysis.moves)
    view.missing = list(analysis.missing)
    view.tone_advice = analysis.tone.advice
    view.score = analysis.score
    view.score_words = score_words(analysis.score) if analysis.score is not None else ""
    view.suggestion = analysis.suggestion
    if analysis.suggestion and analysis.reply:
        view.diff = word_diff(analysis.reply, analysis.suggestion)
    view.changes = list(analysis.suggestion_changes)
    return view


def _unique(tips: Any) -> list[Tip]:
    seen: set[str] = set()
    out: list[Tip] = []
    for tip in tips:
        if tip.id not in seen:
            seen.add(tip.id)
            out.append(tip)
    return out
