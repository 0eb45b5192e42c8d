"""Progress over time, from what the user kept: practice, assessments, check-ins and saved analyses.

`collect` reads the items once; `build_progress` turns them into plain series (by week, by date) and a short
summary in words: what improved and what to practise next. The CLI draws the series as terminal bars and the
web app as plotly charts; both use this one computation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from feelheard.storage.repo import ItemRecord

# Fewer finished conversations than this in each half and no trend is claimed.
MIN_FOR_TREND = 2
# A change smaller than this many points is noise, not progress.
TREND_POINTS = 5


def week_of(moment: date) -> str:
    """The ISO week a day falls in, as a label such as ``2026-W47``."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Progress:
    """Everything the progress views show.

    Attributes:
        practice: Finished practice conversations, oldest first: date, scenario, title, level, score, ending.
        moves_by_week: For each week, how often each helpful move appeared in practice replies.
        pitfalls_by_week: For each week, how often each pitfall appeared in practice replies and saved analyses.
        assessments: Scores by assessment name, oldest first: date, score, band.
        moods: Daily check-in moods, oldest first: date, mood (1-5).
        streak: Current and longest run of days with a daily check-in.
        summary: Plain sentences: what improved, what to practise next.
        next_scenarios: Scenario ids worth trying next.
    """

    practice: list[dict[str, Any]] = field(default_factory=list)
    moves_by_week: dict[str, dict[str, int]] = field(default_factory=dict)
    pitfalls_by_week: dict[str, dict[str, int]] = field(default_factory=dict)
    assessments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    moods: list[dict[str, Any]] = field(default_factory=list)
    streak: dict[str, int] = field(default_factory=lambda: {"current": 0, "longest": 0})
    summary: list[str] = field(default_factory=list)
    next_scenarios: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.practice or self.assessments or self.moods or self.pitfalls_by_week)

    def to_dict(self) -> dict[str, Any]:
        return {
            "practice": self.practice,
            "moves_by_week": self.moves_by_week,
            "pitfalls_by_week": self.pitfalls_by_week,
            "assessments": self.assessments,
            "moods": self.moods,
            "streak": self.streak,
            "summary": self.summary,
            "next_scenarios": self.next_scenarios,
        }


def collect(session: Session, *, owner_id: int, limit: int = 5000) -> list[ItemRecord]:
    """The owner's own items of every kind progress reads (newest first; sealed text stays sealed)."""
    from feelheard.storage import repo

    items: list[ItemRecord] = []
    for kind in ("practice", "assessment", "checkin", "analysis"):
        items.extend(repo.list_items(session, viewer_id=owner_id, kind=kind, scope="mine", limit=limit))
    return items


def _day(item: ItemRecord) -> date:
    return item.created_at.date()


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ids(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _practice_rows(items: list[ItemRecord]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        p = item.payload
        if item.kind != "practice" or not p.get("finished") or p.get("stopped_for_safety"):
            continue
        score = _int(p.get("score"))
        if score is None:
            continue
        rows.append(
            {
                "date": _day(item).isoformat(),
                "scenario": str(p.get("scenario", "")),
                "title": str(p.get("title", "")),
                "level": _int(p.get("level")) or 1,
                "score": score,
                "ending": str(p.get("ending") or ""),
                "moves": [
                    m for e in p.get("exchanges") or [] if isinstance(e, dict) for m in _ids(e.get("moves"))
                ],
                "pitfalls": [
                    x
                    for e in p.get("exchanges") or []
                    if isinstance(e, dict)
                    for x in _ids(e.get("pitfalls"))
                ],
            }
        )
    return sorted(rows, key=lambda r: r["date"])


def _analysis_pitfalls(item: ItemRecord) -> list[str]:
    analysis = item.payload.get("analysis")
    if not isinstance(analysis, dict):
        return []
    return [str(f["id"]) for f in analysis.get("pitfalls") or [] if isinstance(f, dict) and "id" in f]


def _by_week(pairs: list[tuple[date, list[str]]]) -> dict[str, dict[str, int]]:
    weeks: dict[str, Counter[str]] = defaultdict(Counter)
    for day, ids in pairs:
        weeks[week_of(day)].update(ids)
    return {w: dict(sorted(c.items())) for w, c in sorted(weeks.items())}


def _assessment_rows(items: list[ItemRecord]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        if item.kind != "assessment":
            continue
        p = item.payload
        name = p.get("assessment") or p.get("name") or p.get("id")
        score = _int(p.get("score"))
        if not isinstance(name, str) or score is None:
            continue
        band = p.get("band")
        label = band.get("label") or band.get("id") if isinstance(band, dict) else band
        day = p.get("date") if isinstance(p.get("date"), str) else _day(item).isoformat()
        found[name].append({"date": str(day)[:10], "score": score, "band": label if label else None})
    return {k: sorted(v, key=lambda r: r["date"]) for k, v in sorted(found.items())}


def _daily_entries(items: list[ItemRecord]) -> list[tuple[date, int | None]]:
    """Each daily check-in's day and mood (1-5), read the way the rituals read them."""
    from feelheard.rituals.schedule import DAILY
    from feelheard.rituals.store import entry_of

    out = []
    for item in items:
        if item.kind == "checkin":
            entry = entry_of(item)
            if entry.ritual == DAILY:
                out.append((entry.day, entry.mood))
    return out


def _halves(scores: list[int]) -> tuple[float, float] | None:
    if len(scores) < 2 * MIN_FOR_TREND:
        return None
    mid = len(scores) // 2
    early, late = scores[:mid], scores[mid:]
    return sum(early) / len(early), sum(late) / len(late)


def _name(kind: str, key: str) -> str:
    try:
        from feelheard.catalogue import load_catalogue

        cat = load_catalogue()
        table = cat.pitfalls if kind == "pitfall" else cat.moves
        if key in table:
            return table[key].name.lower()
    except Exception:  # a name is a nicety; the id still reads
        pass
    return key.replace("_", " ")


def _summary(
    progress: Progress, practice_pitfalls: list[tuple[date, list[str]]]
) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    scores = [r["score"] for r in progress.practice]
    halves = _halves(scores)
    if halves is not None:
        early, late = halves
        if late - early >= TREND_POINTS:
            lines.append(f"Your practice replies improved: from {early:.0f} to {late:.0f} on average.")
        elif early - late >= TREND_POINTS:
            lines.append(
                f"Your practice scores dipped from {early:.0f} to {late:.0f} on average; harder scenarios can do "
                "that, so compare like with like."
            )
        else:
            lines.append(f"Your practice scores are steady at about {late:.0f}.")
    elif scores:
        lines.append(
            f"You have finished {len(scores)} practice conversation{'s' * (len(scores) != 1)} so far."
        )
    # Pitfalls: compare the earlier half of the record with the later half.
    ordered = sorted(practice_pitfalls, key=lambda p: p[0])
    if len(ordered) >= 2 * MIN_FOR_TREND:
        mid = len(ordered) // 2
        before = Counter(x for _, ids in ordered[:mid] for x in ids)
        after = Counter(x for _, ids in ordered[mid:] for x in ids)
        dropped = [k for k in before if before[k] >= 2 and after[k] <= before[k] // 2]
        for key in sorted(dropped, key=lambda k: -before[k])[:2]:
            lines.append(
                f"You fall into {_name('pitfall', key)} much less than before ({before[key]} → {after[key]})."
            )
    from feelheard.practice.service import choose

    next_ids: list[str] = []
    done = {r["scenario"] for r in progress.practice}
    # "Lately" is the later half of the record once there is enough of it, else everything so far.
    recent_records = ordered[len(ordered) // 2 :] if len(ordered) >= 2 * MIN_FOR_TREND else ordered
    recent = Counter(x for _, ids in recent_records for x in ids)
    if recent:
        top, _ = recent.most_common(1)[0]
        lines.append(f"Worth practising next: {_name('pitfall', top)}, the slip that shows up most lately.")
        next_ids = [s.id for s in choose(trap=top, exclude=done)[:3]]
    elif progress.practice:
        # No slip lately: a step up in difficulty is the next stretch.
        level = min(3, max(r["level"] for r in progress.practice) + 1)
        lines.append(f"No slips in your recent replies: try a level {level} scenario next.")
        next_ids = [s.id for s in choose(level=level, exclude=done)[:3]]
    if progress.streak["current"] >= 2:
        lines.append(f"You have checked in {progress.streak['current']} days in a row.")
    moods = [m["mood"] for m in progress.moods]
    mood_halves = _halves(moods)
    if mood_halves is not None and abs(mood_halves[1] - mood_halves[0]) >= 0.5:
        direction = "brighter" if mood_halves[1] > mood_halves[0] else "lower"
        lines.append(
            f"Your check-in moods are {direction} lately ({mood_halves[0]:.1f} → {mood_halves[1]:.1f} out of 5)."
        )
    if not lines:
        lines.append(
            "Nothing to compare yet: practise a scenario or do a check-in, and come back in a few days."
        )
    return lines, next_ids


def build_progress(items: list[ItemRecord], *, today: date | None = None) -> Progress:
    """The progress views' data from the user's items (any order).

    Args:
        items: Items from `collect` (other users' items must not be passed in).
        today: The user's local date, for the streak (defaults to today in UTC).
    """
    today = today or datetime.now().date()
    progress = Progress()
    progress.practice = _practice_rows(items)
    practice_days = [(date.fromisoformat(r["date"]), r["moves"]) for r in progress.practice]
    progress.moves_by_week = _by_week(practice_days)
    pitfall_pairs = [(date.fromisoformat(r["date"]), r["pitfalls"]) for r in progress.practice]
    pitfall_pairs += [(_day(i), _analysis_pitfalls(i)) for i in items if i.kind == "analysis"]
    progress.pitfalls_by_week = {w: c for w, c in _by_week(pitfall_pairs).items() if c}
    progress.assessments = _assessment_rows(items)
    from feelheard.rituals.schedule import DAILY, RitualRecord, streaks

    daily = _daily_entries(items)
    progress.moods = sorted(
        ({"date": day.isoformat(), "mood": mood} for day, mood in daily if mood is not None),
        key=lambda m: m["date"],
    )
    streak = streaks([RitualRecord(ritual=DAILY, day=day) for day, _ in daily], today)
    progress.streak = {"current": streak.current, "longest": streak.longest}
    progress.summary, progress.next_scenarios = _summary(progress, pitfall_pairs)
    for row in progress.practice:  # the per-reply lists served the summary; the series need not repeat them
        row.pop("moves", None)
        row.pop("pitfalls", None)
    return progress
