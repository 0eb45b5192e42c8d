"""What is due, how long the streak is, and which prompt comes next: pure functions over past records.

Nothing here reads a clock or a database. Callers pass `today` (the user's local date) and the records they
loaded, so every answer is reproducible and the tests need no time travel.

* **Due.** A ritual with ``due_every_days = n`` is due when it was never done, or last done ``n`` or more days
  before `today`: the daily check-in is due when there is none today, the gratitude swap when there was none
  in the last 3 days, the weekly connection when there was none in the last 7. The debrief (no interval) is
  done on demand and is never due.
* **Streak.** The days with at least one daily check-in. The current streak is the run of consecutive days
  ending today, or ending yesterday when today's check-in is still to come (a streak only breaks once a whole
  day passes without one). The longest is the longest run ever. Records after `today` are ignored.
* **Prompts.** `pick_prompt` never returns a prompt used in the last `window_days` (28 by default) while the
  pool still has others; it prefers prompts never used at all, and when everything was used recently it
  takes the one used longest ago. The pick is random but seeded by the seed, ritual, slot and date, so the
  same day shows the same prompt on every device and every reload.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from feelheard.errors import InputError
from feelheard.rituals.content import Prompt, RitualBook, load_rituals, pool

DAILY = "daily_checkin"
PROMPT_WINDOW_DAYS = 28


@dataclass(frozen=True)
class RitualRecord:
    """One ritual done on one day, as far as scheduling cares.

    Attributes:
        ritual: The ritual's id.
        day: The user's local date it counts for.
        prompt_ids: The prompts it showed.
    """

    ritual: str
    day: date
    prompt_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class DueItem:
    """Where one ritual stands today.

    Attributes:
        due: True when it is time to do it.
        last_done: The last day it was done (on or before today), or None.
        next_due: The day it is next due (today when `due`), or None for on-demand rituals.
        every_days: Its interval, or None for on demand.
    """

    ritual: str
    name: str
    due: bool
    last_done: date | None
    next_due: date | None
    every_days: int | None

    def to_dict(self) -> dict[str, object]:
        """The JSON form (dates as ISO strings)."""
        return {
            "ritual": self.ritual,
            "name": self.name,
            "due": self.due,
            "last_done": self.last_done.isoformat() if self.last_done else None,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "every_days": self.every_days,
        }


@dataclass(frozen=True)
class Streak:
    """Consecutive days with a daily check-in."""

    current: int
    longest: int
    done_today: bool

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {"current": self.current, "longest": self.longest, "done_today": self.done_today}


def _past(history: Iterable[RitualRecord], today: date) -> list[RitualRecord]:
    return [r for r in history if r.day <= today]


def due_items(
    history: Iterable[RitualRecord], today: date, *, book: RitualBook | None = None
) -> list[DueItem]:
    """Every ritual's state on `today`, in the order of the rituals file."""
    book = book or load_rituals()
    past = _past(history, today)
    out: list[DueItem] = []
    for ritual in book.rituals:
        days = [r.day for r in past if r.ritual == ritual.id]
        last = max(days) if days else None
        every = ritual.due_every_days
        if every is None:
            due, next_due = False, None
        elif last is None or (today - last).days >= every:
            due, next_due = True, today
        else:
            due, next_due = False, last + timedelta(days=every)
        out.append(
            DueItem(
                ritual=ritual.id,
                name=ritual.name,
                due=due,
                last_done=last,
                next_due=next_due,
                every_days=every,
            )
        )
    return out


def streaks(history: Iterable[RitualRecord], today: date, *, ritual: str = DAILY) -> Streak:
    """The current and longest run of consecutive days with `ritual` (the daily check-in)."""
    days = sorted({r.day for r in _past(history, today) if r.ritual == ritual})
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    done_today = bool(days) and days[-1] == today
    alive = bool(days) and (today - days[-1]).days <= 1
    return Streak(current=run if alive else 0, longest=longest, done_today=done_today)


def pick_prompt(
    history: Iterable[RitualRecord],
    today: date,
    ritual: str,
    rng_seed: int | str,
    *,
    slot: str | None = None,
    window_days: int = PROMPT_WINDOW_DAYS,
    prompts: Sequence[Prompt] | None = None,
) -> Prompt:
    """The prompt to show for `ritual` (and `slot`) on `today`.

    Args:
        history: Past records; the prompts they showed are what must not repeat.
        today: The user's local date.
        ritual: The ritual's id.
        rng_seed: Makes the pick differ between people while staying stable for one person and day.
        slot: The pool slot; None means the ritual's first prompt slot.
        window_days: No prompt used in this many days (today included) comes back while others remain.
        prompts: The pool to draw from (default: the packaged pool of that ritual and slot).

    Raises:
        InputError: the ritual has no prompts for that slot.
    """
    if slot is None:
        found = load_rituals().get(ritual)
        slots = found.prompt_slots if found else ()
        slot = slots[0] if slots else ""
    candidates = list(prompts) if prompts is not None else list(pool(ritual, slot))
    if not candidates:
        raise InputError(f"the ritual {ritual!r} has no prompts for {slot!r}")
    ids = {p.id for p in candidates}
    last_used: dict[str, date] = {}
    for record in _past(history, today):
        for prompt_id in record.prompt_ids:
            if prompt_id in ids and (prompt_id not in last_used or record.day > last_used[prompt_id]):
                last_used[prompt_id] = record.day
    never = [p for p in candidates if p.id not in last_used]
    rested = [p for p in candidates if p.id in last_used and (today - last_used[p.id]).days >= window_days]
    if never:
        choices = never
    elif rested:
        choices = rested
    else:
        oldest = min(last_used.values())
        choices = [p for p in candidates if last_used[p.id] == oldest]
    rng = random.Random(f"{rng_seed}|{ritual}|{slot}|{today.isoformat()}")
    return rng.choice(sorted(choices, key=lambda p: p.id))


def pick_prompts(
    history: Iterable[RitualRecord], today: date, ritual: str, rng_seed: int | str
) -> dict[str, Prompt]:
    """One prompt for each prompt slot of `ritual`, keyed by slot (empty for rituals without prompts)."""
    found = load_rituals().get(ritual)
    if found is None:
        raise InputError(f"no ritual called {ritual!r}")
    records = list(history)
    return {slot: pick_prompt(records, today, found.id, rng_seed, slot=slot) for slot in found.prompt_slots}
