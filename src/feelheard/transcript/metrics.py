"""Measuring a conversation per partner, overall and week by week.

Every text message of the two partners is analysed as a reply to what the other person said just before it
(their latest message, if it came within `CONTEXT_HOURS`), in batches through the default pipeline. The pipeline is
the only judge of empathy, moves, pitfalls, tone and safety; this module only counts what it finds and adds the
timing logic a single exchange cannot see: bids and how they were answered, repair attempts and whether the
other turned toward them, and conflict and escalation episodes. Definitions: `docs/transcripts.md`.

Results stream: only counters, per-week tallies and a few example quotes per finding are kept, never the
analyses themselves, so memory stays flat however long the chat is.
"""

from __future__ import annotations

import os
import re
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from feelheard.errors import InputError
from feelheard.ingest import Message
from feelheard.pipeline import check_text
from feelheard.result import MECHANISMS, Analysis

if TYPE_CHECKING:
    from feelheard.pipeline import Pipeline

BATCH = 64
CONTEXT_HOURS = 12  # an older message by the other person is no longer what this one answers
# The other person's latest message only. Joining their last few messages reads a little better, but every
# joined text is new to the encoder's cache, which doubles the analysis time of a chat.
CONTEXT_MESSAGES = 1
CONTEXT_CHARS = 1500
BID_WINDOW = timedelta(hours=6)
REPAIR_WINDOW = timedelta(hours=2)
CONFLICT_GAP = timedelta(minutes=60)
CONFLICT_COOLDOWN = 10  # messages without a negative one that end a conflict episode
ESCALATION_MIN_NEGATIVE = 3
INITIATION_GAP = timedelta(hours=6)
MAX_EXAMPLES = 3
MAX_EPISODES = 40
MAX_SAFETY = 50

HORSEMEN = ("criticism", "contempt", "defensiveness", "stonewalling")
# Pitfalls that make a message a negative move in conflict (Gottman's "negative interactions"). Coaching-only
# pitfalls (a cliche, unasked advice, self-erasure) are left out: they are missed chances, not hostility.
CONFLICT_NEGATIVE = frozenset(
    {
        "criticism",
        "contempt",
        "defensiveness",
        "stonewalling",
        "invalidating",
        "minimizing",
        "non_apology",
        "guilt_trip",
        "gaslighting",
        "heated_tone",
    }
)
TURN_AGAINST = frozenset(
    {"criticism", "contempt", "invalidating", "minimizing", "gaslighting", "guilt_trip", "heated_tone"}
)
UNDERSTANDING_MOVES = frozenset({"validation", "reflection", "naming_emotion", "checking_understanding"})
REPAIR_MOVES = frozenset({"repair_attempt", "apology"})
_BID_OPENERS = re.compile(
    r"^(?:look|guess what|did you see|have you seen|check (?:this|it) out|want to|wanna|shall we|let'?s|"
    r"can we|could we|do you want|i miss you|i love you|thinking (?:of|about) you|you won'?t believe|"
    r"omg|so today|today i|i just)\b",
    re.IGNORECASE,
)


def is_bid(text: str) -> bool:
    """A bid for attention: a question, an invitation, or an opener that shares something."""
    return "?" in text or bool(_BID_OPENERS.match(text.lstrip()))


def week_of(when: datetime) -> date:
    """The Monday starting the week of `when`."""
    day = when.date()
    return day - timedelta(days=day.weekday())


def is_late_night(when: datetime | None) -> bool:
    return when is not None and (when.hour >= 23 or when.hour < 5)


@dataclass
class Example:
    """A quote that illustrates a finding."""

    time: str | None
    author: str
    quote: str
    context: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"time": self.time, "author": self.author, "quote": self.quote, "context": self.context}


@dataclass
class WeekStats:
    """One partner's tallies for one week."""

    messages: int = 0
    words: int = 0
    analysed: int = 0
    empathy_sum: int = 0
    emotional_moments: int = 0
    replies: int = 0
    replies_with_empathy: int = 0
    moves: int = 0
    pitfalls: int = 0
    horsemen: int = 0
    heated: int = 0
    understanding: int = 0
    conflict_positive: int = 0
    conflict_negative: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class PersonStats:
    """One partner's tallies for the whole chat."""

    name: str
    messages: int = 0
    words: int = 0
    media: int = 0
    deleted: int = 0
    analysed: int = 0
    initiations: int = 0
    late_night: int = 0
    empathy_levels: Counter[str] = field(default_factory=Counter)  # mechanism -> sum of levels
    empathy_any: int = 0
    replies: int = 0  # analysed with the other person's message as context
    empathy_in_replies: int = 0
    emotional_moments: int = 0
    empathy_in_moments: int = 0  # emotional moments answered with any empathy (level >= 1)
    empathy_sum_in_moments: int = 0
    moves: Counter[str] = field(default_factory=Counter)
    pitfalls: Counter[str] = field(default_factory=Counter)
    heated: int = 0
    understanding_given: int = 0
    conflict_positive: int = 0
    conflict_negative: int = 0
    repairs: int = 0
    repairs_accepted: int = 0
    repairs_rejected: int = 0
    repairs_unanswered: int = 0
    bids: int = 0
    bids_toward: int = 0
    bids_against: int = 0
    bids_away: int = 0
    response_seconds: array[float] = field(
        default_factory=lambda: array("f")
    )  # their answers to the other's bids
    safety_flags: int = 0
    scores: int = 0
    score_sum: int = 0


@dataclass
class Episode:
    """A stretch of conflict: from a negative message until the talk calms down or pauses."""

    start: datetime | None
    end: datetime | None = None
    messages: int = 0
    negative: Counter[str] = field(default_factory=Counter)  # author -> negative messages
    positive: Counter[str] = field(default_factory=Counter)  # author -> positive events
    negative_events: Counter[str] = field(default_factory=Counter)  # author -> negative events
    heated: int = 0
    late_night: bool = False
    started_by: str = ""
    repaired: bool = False
    quiet_run: int = 0
    first_quote: str = ""

    @property
    def escalated(self) -> bool:
        return sum(self.negative.values()) >= ESCALATION_MIN_NEGATIVE and len(self.negative) >= 2

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "minutes": round((self.end - self.start).total_seconds() / 60, 1)
            if self.start and self.end
            else None,
            "messages": self.messages,
            "negative_messages": dict(self.negative),
            "positive_events": dict(self.positive),
            "negative_events": dict(self.negative_events),
            "heated_messages": self.heated,
            "late_night": self.late_night,
            "started_by": self.started_by,
            "ended_with_accepted_repair": self.repaired,
            "first_quote": self.first_quote,
        }


@dataclass
class _Pending:
    """A bid or repair waiting for the other person's next message."""

    author: str
    time: datetime | None


@dataclass(slots=True)
class Judgement:
    """What the review needs from one `Analysis`: small and picklable, so worker processes can send it back."""

    partner: str | None
    emotional: bool
    empathy: dict[str, int]
    moves: list[tuple[str, str]]  # (id, quote)
    pitfalls: list[tuple[str, str]]
    heated: bool
    score: int | None
    safety_level: str
    safety_findings: list[dict[str, Any]]
    resources: list[Any]

    @classmethod
    def of(cls, analysis: Analysis) -> Judgement:
        safety = analysis.safety
        return cls(
            partner=analysis.partner,
            emotional=any(e.label != "neutral" for e in analysis.emotions),
            empathy={m: analysis.empathy[m].level for m in MECHANISMS},
            moves=[(f.id, f.quote) for f in analysis.moves],
            pitfalls=[(f.id, f.quote) for f in analysis.pitfalls],
            heated=analysis.tone.heated,
            score=analysis.score,
            safety_level=safety.level,
            safety_findings=list(safety.findings) if safety.level != "none" else [],
            resources=list(safety.resources) if safety.level != "none" else [],
        )


def participants(messages: Iterable[Message], me: str | None = None) -> tuple[list[str], Counter[str]]:
    """The two partners (most active first, or `me` first) and every author's message count.

    Raises:
        InputError: If fewer than two people wrote, or `me` is not one of the authors.
    """
    counts: Counter[str] = Counter(m.author for m in messages)
    if len(counts) < 2:
        raise InputError(
            "this chat has "
            + ("no messages" if not counts else f"only one author ({next(iter(counts))})")
            + "; a review needs two people talking"
        )
    ranked = [name for name, _ in counts.most_common()]
    if me is not None:
        chosen = resolve_name(me, ranked)
        other = next(name for name in ranked if name != chosen)
        return [chosen, other], counts
    return ranked[:2], counts


def resolve_name(name: str, authors: list[str]) -> str:
    """The author matching `name` exactly, ignoring case, or as a unique prefix.

    Raises:
        InputError: Naming the authors when none (or several) match.
    """
    if name in authors:
        return name
    folded = [a for a in authors if a.casefold() == name.casefold()]
    if len(folded) == 1:
        return folded[0]
    prefixed = [a for a in authors if a.casefold().startswith(name.casefold())]
    if len(prefixed) == 1:
        return prefixed[0]
    listing = ", ".join(repr(a) for a in authors[:8])
    raise InputError(f"--me {name!r} is not one of the authors in this chat: {listing}")


class ChatMetrics:
    """Accumulates the measures over a stream of messages and their analyses."""

    def __init__(self, people: list[str], me: str | None = None) -> None:
        self.people = people
        self.me = me
        self.stats = {p: PersonStats(p) for p in people}
        self.weeks: dict[date, dict[str, WeekStats]] = {}
        self.examples: dict[str, dict[str, list[Example]]] = {p: {} for p in people}
        self.episodes: list[Episode] = []
        self.episode_count = 0
        self.escalation_count = 0
        self.conflict_messages = 0
        self.safety: list[dict[str, Any]] = []
        self.resources: list[str] = []
        self.others = 0
        self.not_analysed = 0
        self.first: datetime | None = None
        self.last: datetime | None = None
        self._last_time: datetime | None = None
        self._last_author: str | None = None
        self._bid: _Pending | None = None
        self._repair: _Pending | None = None
        self._episode: Episode | None = None

    def other(self, person: str) -> str:
        return self.people[1] if person == self.people[0] else self.people[0]

    def _week(self, when: datetime | None, person: str) -> WeekStats | None:
        if when is None:
            return None
        week = self.weeks.setdefault(week_of(when), {p: WeekStats() for p in self.people})
        return week[person]

    def _example(self, person: str, key: str, message: Message, quote: str, context: str | None) -> None:
        bucket = self.examples[person].setdefault(key, [])
        if len(bucket) < MAX_EXAMPLES:
            when = message.time.isoformat(sep=" ", timespec="minutes") if message.time else None
            short = context if context is None or len(context) <= 200 else context[:197] + "..."
            bucket.append(Example(when, person, quote[:300], short))

    # -- one message ---------------------------------------------------------------------------------------
    def add(self, message: Message, analysis: Judgement | None) -> None:
        """Count one message (with the pipeline's judgement when it was analysed), in chat order."""
        person = message.author
        if person not in self.stats:
            self.others += 1
            return
        when = message.time
        if when is not None:
            self.first = self.first or when
            self.last = when
        stats = self.stats[person]
        week = self._week(when, person)
        words = len(message.text.split()) if message.kind == "text" else 0
        stats.messages += 1
        stats.words += words
        if week is not None:
            week.messages += 1
            week.words += words
        if message.kind == "media":
            stats.media += 1
        elif message.kind == "deleted":
            stats.deleted += 1
        if is_late_night(when):
            stats.late_night += 1
        if self._last_time is None or (when is not None and when - self._last_time >= INITIATION_GAP):
            stats.initiations += 1
        self._expire(when)
        answering = person != self._last_author
        negative_ids: set[str] = set()
        positive = 0
        if analysis is not None:
            negative_ids, positive = self._count_analysis(message, analysis, stats, week)
        elif message.kind == "text":
            self.not_analysed += 1
        if answering:
            self._resolve(person, message, negative_ids, analysis)
        self._conflict(message, negative_ids, positive, analysis)
        # One pending bid (and one pending repair) per turn: several questions in a row are one bid.
        if (
            message.kind == "text"
            and is_bid(message.text)
            and (self._bid is None or self._bid.author != person)
        ):
            self._bid = _Pending(person, when)
            stats.bids += 1
        repairing = analysis is not None and bool(REPAIR_MOVES & {m for m, _ in analysis.moves})
        if repairing and (self._repair is None or self._repair.author != person):
            self._repair = _Pending(person, when)
            stats.repairs += 1
        self._last_time = when if when is not None else self._last_time
        self._last_author = person

    def _count_analysis(
        self, message: Message, analysis: Judgement, stats: PersonStats, week: WeekStats | None
    ) -> tuple[set[str], int]:
        person = message.author
        stats.analysed += 1
        levels = analysis.empathy
        total = sum(levels.values())
        for mechanism, level in levels.items():
            stats.empathy_levels[mechanism] += level
        if total:
            stats.empathy_any += 1
        if analysis.partner is not None:
            stats.replies += 1
            stats.empathy_in_replies += int(total > 0)
        emotional = analysis.partner is not None and analysis.emotional
        if emotional:
            stats.emotional_moments += 1
            stats.empathy_sum_in_moments += total
            if total:
                stats.empathy_in_moments += 1
        move_ids = {m for m, _ in analysis.moves}
        pitfall_ids = {p for p, _ in analysis.pitfalls}
        if analysis.heated:
            pitfall_ids.add("heated_tone")
            stats.heated += 1
        for finding_id, quote in analysis.moves + analysis.pitfalls:
            self._example(person, finding_id, message, quote or message.text, analysis.partner)
        if analysis.heated and not any(p == "heated_tone" for p, _ in analysis.pitfalls):
            self._example(person, "heated_tone", message, message.text, analysis.partner)
        stats.moves.update(move_ids)
        stats.pitfalls.update(pitfall_ids)
        understanding = bool(UNDERSTANDING_MOVES & move_ids)
        if understanding:
            stats.understanding_given += 1
        if analysis.score is not None:
            stats.scores += 1
            stats.score_sum += analysis.score
        # A safety finding belongs to the message it was found in: the partner's text is flagged when it is
        # analysed as a reply itself, so only findings in this message count for this person.
        own = [
            f for f in analysis.safety_findings if isinstance(f, dict) and f.get("text", "reply") == "reply"
        ]
        if analysis.safety_level != "none" and own:
            stats.safety_flags += 1
            if not self.resources:
                self.resources = [_resource_line(r) for r in analysis.resources]
            if len(self.safety) < MAX_SAFETY:
                own_levels = [str(f.get("level", analysis.safety_level)) for f in own]
                self.safety.append(
                    {
                        "time": message.time.isoformat(sep=" ", timespec="minutes") if message.time else None,
                        "author": person,
                        "level": "urgent" if "urgent" in own_levels else "concern",
                        "categories": sorted({str(f.get("category")) for f in own if f.get("category")}),
                        "quote": message.text[:300],
                    }
                )
        if week is not None:
            week.analysed += 1
            if analysis.partner is not None:
                week.replies += 1
                week.replies_with_empathy += int(total > 0)
            if emotional:
                week.emotional_moments += 1
                week.empathy_sum += total
            week.moves += len(move_ids)
            week.pitfalls += len(pitfall_ids)
            week.horsemen += len(pitfall_ids & set(HORSEMEN))
            week.heated += int(analysis.heated)
            week.understanding += int(understanding)
        return pitfall_ids & CONFLICT_NEGATIVE, len(move_ids)

    # -- bids and repairs ----------------------------------------------------------------------------------
    def _expire(self, when: datetime | None) -> None:
        """Bids and repairs left unanswered past their window count as turned away / unanswered."""
        if when is None:
            return
        if self._bid is not None and self._bid.time is not None and when - self._bid.time > BID_WINDOW:
            self.stats[self._bid.author].bids_away += 1
            self._bid = None
        if (
            self._repair is not None
            and self._repair.time is not None
            and when - self._repair.time > REPAIR_WINDOW
        ):
            self.stats[self._repair.author].repairs_unanswered += 1
            self._repair = None

    def _resolve(self, person: str, message: Message, negative: set[str], analysis: Judgement | None) -> None:
        """`person` answers the other's pending bid and repair with `message`."""
        ids = negative | ({p for p, _ in analysis.pitfalls} if analysis is not None else set())
        if self._bid is not None and self._bid.author != person:
            asker = self.stats[self._bid.author]
            if ids & TURN_AGAINST:
                asker.bids_against += 1
            elif "stonewalling" in ids:
                asker.bids_away += 1
            else:
                asker.bids_toward += 1
            if self._bid.time is not None and message.time is not None:
                seconds = max(0.0, (message.time - self._bid.time).total_seconds())
                self.stats[person].response_seconds.append(seconds)
            self._bid = None
        if self._repair is not None and self._repair.author != person:
            repairer = self.stats[self._repair.author]
            if negative:
                repairer.repairs_rejected += 1
            else:
                repairer.repairs_accepted += 1
                if self._episode is not None:
                    self._episode.repaired = True
            self._repair = None

    # -- conflict episodes ---------------------------------------------------------------------------------
    def _conflict(
        self, message: Message, negative: set[str], positive: int, analysis: Judgement | None
    ) -> None:
        episode = self._episode
        when = message.time
        if (
            episode is not None
            and episode.end is not None
            and when is not None
            and when - episode.end > CONFLICT_GAP
        ):
            self._close()
            episode = None
        if episode is None:
            if not negative:
                return
            episode = self._episode = Episode(
                start=when, started_by=message.author, first_quote=message.text[:200]
            )
        person = message.author
        stats = self.stats[person]
        episode.messages += 1
        episode.end = when or episode.end
        episode.late_night = episode.late_night or is_late_night(when)
        self.conflict_messages += 1
        week = self._week(when, person)
        if negative:
            episode.negative[person] += 1
            episode.negative_events[person] += len(negative)
            episode.quiet_run = 0
            stats.conflict_negative += len(negative)
            if week is not None:
                week.conflict_negative += len(negative)
        else:
            episode.quiet_run += 1
        if analysis is not None and analysis.heated:
            episode.heated += 1
        if positive:
            episode.positive[person] += positive
            stats.conflict_positive += positive
            if week is not None:
                week.conflict_positive += positive
        if episode.quiet_run >= CONFLICT_COOLDOWN:
            self._close()

    def _close(self) -> None:
        episode = self._episode
        self._episode = None
        if episode is None:
            return
        self.episode_count += 1
        if episode.escalated:
            self.escalation_count += 1
            self.episodes.append(episode)
            if len(self.episodes) > MAX_EPISODES:
                # Keep the most intense episodes: most negative messages first.
                self.episodes.sort(key=lambda e: -sum(e.negative.values()))
                self.episodes.pop()

    def finish(self) -> None:
        """Close what is still open at the end of the chat."""
        self._close()
        if self._bid is not None:
            self.stats[self._bid.author].bids_away += 1
            self._bid = None
        if self._repair is not None:
            self.stats[self._repair.author].repairs_unanswered += 1
            self._repair = None

    # -- output --------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """All measures as plain JSON-ready data (the `--json` output)."""
        total_messages = sum(s.messages for s in self.stats.values()) or 1
        total_words = sum(s.words for s in self.stats.values()) or 1
        people: dict[str, Any] = {}
        for name, s in self.stats.items():
            other = self.stats[self.other(name)]
            answered = sorted(s.response_seconds)
            analysed = s.analysed or 1
            people[name] = {
                "messages": s.messages,
                "words": s.words,
                "media": s.media,
                "deleted": s.deleted,
                "analysed": s.analysed,
                "message_share": round(s.messages / total_messages, 3),
                "word_share": round(s.words / total_words, 3),
                "initiations": s.initiations,
                "late_night_messages": s.late_night,
                "empathy": {
                    "mean_level": {m: round(s.empathy_levels[m] / analysed, 3) for m in MECHANISMS},
                    "messages_with_any": s.empathy_any,
                    "replies": s.replies,
                    "share_of_replies_with_empathy": _ratio(s.empathy_in_replies, s.replies),
                    "emotional_moments_answered": s.emotional_moments,
                    "share_of_moments_met_with_empathy": _ratio(s.empathy_in_moments, s.emotional_moments),
                    "mean_total_in_moments": _ratio(s.empathy_sum_in_moments, s.emotional_moments),
                },
                "moves": dict(s.moves.most_common()),
                "pitfalls": dict(s.pitfalls.most_common()),
                "horsemen": {h: s.pitfalls[h] for h in HORSEMEN},
                "moves_per_100": round(100 * sum(s.moves.values()) / analysed, 1),
                "pitfalls_per_100": round(100 * sum(s.pitfalls.values()) / analysed, 1),
                "heated_messages": s.heated,
                "conflict": {
                    "positive": s.conflict_positive,
                    "negative": s.conflict_negative,
                    "ratio": _ratio(s.conflict_positive, s.conflict_negative),
                },
                "repairs": {
                    "attempts": s.repairs,
                    "accepted": s.repairs_accepted,
                    "rejected": s.repairs_rejected,
                    "unanswered": s.repairs_unanswered,
                },
                "bids": {
                    "made": s.bids,
                    "turned_toward": s.bids_toward,
                    "turned_against": s.bids_against,
                    "turned_away": s.bids_away,
                    "toward_share": _ratio(s.bids_toward, s.bids_toward + s.bids_against + s.bids_away),
                },
                "response_to_bids_minutes": {
                    "answered": len(answered),
                    "median": round(answered[len(answered) // 2] / 60, 1) if answered else None,
                    "within_5_minutes": _ratio(sum(1 for x in answered if x <= 300), len(answered)),
                },
                "understanding": {"given": s.understanding_given, "received": other.understanding_given},
                "safety_flags": s.safety_flags,
                "mean_score": _ratio(s.score_sum, s.scores),
            }
        return {
            "people": self.people,
            "me": self.me,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "messages_by_others": self.others,
            "text_messages_not_analysed": self.not_analysed,
            "per_person": people,
            "conflict": {
                "episodes": self.episode_count,
                "messages_in_conflict": self.conflict_messages,
                "escalations": self.escalation_count,
                "escalation_details": [
                    e.to_dict() for e in sorted(self.episodes, key=lambda e: e.start or datetime.min)
                ],
            },
            "safety": self.safety,
            "weeks": [
                {"week": week.isoformat(), "per_person": {p: s.to_dict() for p, s in tallies.items()}}
                for week, tallies in sorted(self.weeks.items())
            ],
            "examples": {
                p: {k: [e.to_dict() for e in v] for k, v in sorted(found.items())}
                for p, found in self.examples.items()
            },
        }


def _resource_line(resource: Any) -> str:
    """One help line as text, whatever shape the safety layer gives it."""
    if isinstance(resource, dict):
        keys = ("name", "number", "phone", "text", "sms", "url", "hours")
        parts = [str(resource[k]) for k in keys if resource.get(k)]
        return " · ".join(parts) if parts else str(resource)
    return str(resource)


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


# -- driving the pipeline ----------------------------------------------------------------------------------
def _context(turn: deque[Message], message: Message) -> str | None:
    """The other person's latest turn, keeping only what is recent enough to be what `message` answers."""
    window = timedelta(hours=CONTEXT_HOURS)
    recent = [
        m.text for m in turn if message.time is None or m.time is None or message.time - m.time <= window
    ]
    if not recent:
        return None
    return "\n".join(recent)[-CONTEXT_CHARS:]


Payload = tuple[str | None, str, datetime | None]  # (the other's message, this message, when it was sent)


def exchanges(
    messages: Iterable[Message], people: list[str], max_chars: int
) -> Iterator[tuple[list[Message], Payload | None]]:
    """The exchanges to analyse, each carrying the messages since the previous one (itself last).

    Yields (messages, payload) so the caller keeps chat order while the pipeline batches: the messages before
    the last were not analysed (media, other authors, text that cannot be analysed). The final pair may have
    no payload: the messages after the last analysed one.
    """
    turns: dict[str, deque[Message]] = {p: deque(maxlen=CONTEXT_MESSAGES) for p in people}
    last_author: str | None = None
    waiting: list[Message] = []
    for message in messages:
        waiting.append(message)
        author = message.author
        if author not in turns:
            continue
        if author != last_author:
            turns[author].clear()
        last_author = author
        other = people[1] if author == people[0] else people[0]
        context = _context(turns[other], message)
        if message.kind == "text":
            turns[author].append(message)
        if message.kind != "text" or not message.text.strip():
            continue
        try:
            # The pipeline's own validation, done here so that worker processes never meet a bad text.
            reply = check_text(message.text[:max_chars], "reply", max_chars)
            partner = check_text(context[-max_chars:], "partner", max_chars) if context else None
        except InputError:
            continue  # counted as "not analysed" by ChatMetrics
        assert reply is not None
        yield waiting, (partner, reply, message.time)
        waiting = []
    if waiting:
        yield waiting, None


def _worker_init() -> None:
    # Each worker is one core's worth of work: the parallelism comes from the processes, not from threads.
    os.environ["FEELHEARD_THREADS"] = "1"


def _judge_batch(batch: list[Payload]) -> list[Judgement]:
    """Analyse a batch in a worker process (the pipeline loads once per worker)."""
    from feelheard import load_pipeline

    pipeline = load_pipeline(suggest=False)
    made = [pipeline.make(partner, reply, sent_at=when) for partner, reply, when in batch]
    return [Judgement.of(a) for a in pipeline.pipe(made)]


def default_workers() -> int:
    """Worker processes for a long chat: two when the machine has two cores or more (each holds its own models,
    about 150 MB), else none."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def measure(
    messages: Iterable[Message],
    people: list[str],
    *,
    me: str | None = None,
    pipeline: Pipeline | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> ChatMetrics:
    """Analyse a chat and return its measures.

    Args:
        messages: The chat, in order (a stream is fine; it is read once).
        people: The two partners; other authors are counted but not analysed.
        me: Which partner is the person reading the report (or None).
        pipeline: The pipeline to use; the default one without suggestions when None.
        progress: Called with the number of messages just handled.
        workers: Analyse in this many processes (only with the default pipeline); 1 analyses in this process.
    """
    from feelheard.config import get_settings

    metrics = ChatMetrics(people, me)
    max_chars = pipeline.max_chars if pipeline is not None else get_settings().max_chars
    prepared = exchanges(messages, people, max_chars)

    def count(carried: list[Message], judgement: Judgement | None) -> None:
        for earlier in carried[:-1] if judgement is not None else carried:
            metrics.add(earlier, None)
        if judgement is not None:
            metrics.add(carried[-1], judgement)
        if progress is not None:
            progress(len(carried))

    if pipeline is None and workers > 1:
        _measure_in_workers(prepared, count, workers)
    else:
        if pipeline is None:
            from feelheard import load_pipeline

            pipeline = load_pipeline(suggest=False)
        _measure_here(prepared, count, pipeline)
    metrics.finish()
    return metrics


def _measure_here(
    prepared: Iterator[tuple[list[Message], Payload | None]],
    count: Callable[[list[Message], Judgement | None], None],
    pipeline: Pipeline,
) -> None:
    tail: list[Message] = []

    def analyses() -> Iterator[Analysis]:
        for carried, payload in prepared:
            if payload is None:
                tail.extend(carried)
            else:
                partner, reply, when = payload
                yield pipeline.make(partner, reply, id=carried, sent_at=when)

    for analysis in pipeline.pipe(analyses()):
        count(analysis.id, Judgement.of(analysis))
        analysis.features.clear()  # embeddings are large; drop them as soon as the message is counted
    if tail:
        count(tail, None)


def _measure_in_workers(
    prepared: Iterator[tuple[list[Message], Payload | None]],
    count: Callable[[list[Message], Judgement | None], None],
    workers: int,
) -> None:
    """Batches go to worker processes; at most two per worker are in flight, so memory stays bounded."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    pending: deque[tuple[list[list[Message]], Future[list[Judgement]]]] = deque()

    def collect() -> None:
        carried_batch, future = pending.popleft()
        for carried, judgement in zip(carried_batch, future.result(), strict=True):
            count(carried, judgement)

    context = multiprocessing.get_context("spawn")  # never fork a process that may hold onnxruntime threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init) as pool:
        carried_batch: list[list[Message]] = []
        payloads: list[Payload] = []
        tail: list[Message] = []
        for carried, payload in prepared:
            if payload is None:
                tail = carried
                continue
            carried_batch.append(carried)
            payloads.append(payload)
            if len(payloads) == BATCH:
                pending.append((carried_batch, pool.submit(_judge_batch, payloads)))
                carried_batch, payloads = [], []
                while len(pending) > 2 * workers:
                    collect()
        if payloads:
            pending.append((carried_batch, pool.submit(_judge_batch, payloads)))
        while pending:
            collect()
        if tail:
            count(tail, None)
