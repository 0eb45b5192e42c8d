"""Check-ins in storage: checking a filled-in flow, keeping it as a ``checkin`` item, and reading them back.

A check-in item keeps its structured parts in the payload (``ritual``, the local ``date``, ``mood`` on the
1 to 5 scale with ``mood_scale: 5``, the ``choices``, the ``prompt_ids`` shown) and its free text in the body,
as a JSON object ``{step id: text}``, so that the text alone can be sealed with a passphrase. Check-ins kept
with `feelheard data add checkin` (no ``ritual``) count as daily check-ins on the day they were made.

Free text is screened with the safety rules first: a check-in that touches on someone's safety is never
stored, the same promise the coach makes for exchanges.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from feelheard.errors import InputError
from feelheard.rituals.content import MAX_TEXT_CHARS, Ritual, load_rituals, prompt_by_id
from feelheard.rituals.schedule import DAILY, RitualRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from feelheard.storage.repo import ItemRecord

MOOD_SCALE = 5
# How far a check-in's date may be from the server's own date: time zones reach 14 hours either side.
DATE_SLACK_DAYS = 1
# How many check-ins are read to work out streaks, due items and fresh prompts (about three years of daily use).
HISTORY_LIMIT = 1200


@dataclass(frozen=True)
class Filled:
    """A flow's answers, checked against its ritual.

    Attributes:
        mood: The mood step's value (1 to 5), if the ritual has one and it was answered.
        texts: Free-text answers by step id (blank ones left out).
        choices: Choice answers by step id (option ids).
        prompt_ids: The prompts shown, by slot.
    """

    ritual: Ritual
    day: date
    mood: int | None = None
    texts: dict[str, str] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)
    prompt_ids: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckinEntry:
    """One kept check-in as the faces show it."""

    id: int
    ritual: str
    ritual_name: str
    day: date
    mood: int | None
    mood_word: str | None
    texts: dict[str, str]
    choices: dict[str, str]
    prompt_ids: tuple[str, ...]
    locked: bool
    shared: bool
    mine: bool
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "id": self.id,
            "ritual": self.ritual,
            "ritual_name": self.ritual_name,
            "date": self.day.isoformat(),
            "mood": self.mood,
            "mood_word": self.mood_word,
            "answers": self.texts,
            "choices": self.choices,
            "prompt_ids": list(self.prompt_ids),
            "locked": self.locked,
            "shared": self.shared,
            "mine": self.mine,
            "created_at": self.created_at.isoformat(),
        }


def check_day(day: date, today: date) -> date:
    """A check-in's date must be the user's today: at most a day either side of the server's (time zones).

    Raises:
        InputError: the date is further away.
    """
    if abs((day - today).days) > DATE_SLACK_DAYS:
        raise InputError(f"a check-in is for today ({today.isoformat()}), give or take a day for time zones")
    return day


def fill(
    ritual_id: str,
    answers: dict[str, Any],
    *,
    day: date,
    prompt_ids: dict[str, str] | None = None,
) -> Filled:
    """Check a flow's answers against its ritual.

    Args:
        ritual_id: Which ritual.
        answers: Step id to answer: an int 1 to 5 (or its digit) for the mood, text for text steps, an option
            id for choices. Blank answers count as not given.
        day: The local date it counts for.
        prompt_ids: Slot to prompt id, for the prompts that were shown.

    Raises:
        InputError: unknown ritual, step or option, a mood out of range, a required answer missing, a text
            too long, or a prompt that does not belong to the ritual's slot. The message says which.
    """
    book = load_rituals()
    ritual = book.get(ritual_id)
    if ritual is None:
        raise InputError(f"no ritual called {ritual_id!r}; choose one of: {', '.join(book.ids)}")
    mood: int | None = None
    texts: dict[str, str] = {}
    choices: dict[str, str] = {}
    for key, value in answers.items():
        step = ritual.step(key)
        if step is None:
            raise InputError(
                f"{ritual.name} has no step {key!r}; its steps are: {', '.join(s.id for s in ritual.steps)}"
            )
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if step.kind == "mood":
            number = value if isinstance(value, int) and not isinstance(value, bool) else None
            if isinstance(value, str) and value.strip().isdigit():
                number = int(value.strip())
            if number is None or not 1 <= number <= MOOD_SCALE:
                raise InputError(f"{step.id}: the mood is a number from 1 to {MOOD_SCALE}")
            mood = number
        elif step.kind == "text":
            if not isinstance(value, str):
                raise InputError(f"{step.id}: the answer must be text")
            text = value.strip()
            if len(text) > MAX_TEXT_CHARS:
                raise InputError(f"{step.id}: please keep it under {MAX_TEXT_CHARS} characters")
            texts[step.id] = text
        else:
            if not isinstance(value, str) or step.option(value.strip()) is None:
                options = ", ".join(o.id for o in step.options)
                raise InputError(f"{step.id}: choose one of: {options}")
            choices[step.id] = value.strip()
    missing = [
        s.label
        for s in ritual.steps
        if s.required and s.id not in texts and s.id not in choices and not (s.kind == "mood" and mood)
    ]
    if missing:
        raise InputError(f"{ritual.name} needs an answer to: {'; '.join(missing)}")
    shown: dict[str, str] = {}
    for slot, prompt_id in (prompt_ids or {}).items():
        prompt = prompt_by_id(prompt_id)
        if prompt is None or prompt.ritual != ritual.id or prompt.slot != slot:
            raise InputError(f"prompt {prompt_id!r} does not belong to {ritual.name} ({slot})")
        shown[slot] = prompt_id
    return Filled(ritual=ritual, day=day, mood=mood, texts=texts, choices=choices, prompt_ids=shown)


def touches_safety(filled: Filled) -> bool:
    """True when any free text of the check-in raises a safety concern (the rules only, no model)."""
    from feelheard.safety import detect_safety

    return any(detect_safety(text, author="user").level != "none" for text in filled.texts.values())


def title_of(filled: Filled) -> str:
    """A list title made only of structured parts (never the free text, which may be sealed)."""
    title = f"{filled.ritual.name}, {filled.day.isoformat()}"
    if filled.mood is not None:
        mood = load_rituals().mood(filled.mood)
        title += f", mood {filled.mood}/{MOOD_SCALE}" + (f" ({mood.word.lower()})" if mood else "")
    return title


def save_checkin(
    session: Session,
    *,
    owner_id: int,
    filled: Filled,
    encrypt: bool = False,
    passphrase: str | None = None,
    share: bool = False,
) -> ItemRecord:
    """Keep a filled-in flow as a ``checkin`` item of `owner_id` (one transaction with the caller's).

    Raises:
        InputError: sharing asked for with encryption, or without a linked partner (nothing is kept then).
        PassphraseNeeded / WrongPassphrase: from encryption.
    """
    from feelheard.storage import repo

    if share and encrypt:
        raise InputError("an encrypted check-in cannot be shared: your partner could not open it")
    if share and repo.partner_id(session, user_id=owner_id) is None:
        raise InputError("link with your partner first, then you can share check-ins")
    payload: dict[str, Any] = {
        "ritual": filled.ritual.id,
        "date": filled.day.isoformat(),
        "choices": dict(filled.choices),
        "prompt_ids": dict(filled.prompt_ids),
        "steps": sorted(filled.texts),
    }
    if filled.mood is not None:
        payload.update(mood=filled.mood, mood_scale=MOOD_SCALE)
    body = json.dumps(filled.texts, ensure_ascii=False) if filled.texts else None
    item = repo.save_item(
        session,
        owner_id=owner_id,
        kind="checkin",
        payload=payload,
        body=body,
        title=title_of(filled),
        encrypt=encrypt and body is not None,
        passphrase=passphrase,
    )
    if share:
        item = repo.set_shared(session, owner_id=owner_id, item_id=item.id, shared=True)
    return item


# --- reading back ----------------------------------------------------------------------------------------------


def _day_of(item: ItemRecord) -> date:
    raw = item.payload.get("date")
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return item.created_at.astimezone().date()


def _prompt_ids(item: ItemRecord) -> tuple[str, ...]:
    raw = item.payload.get("prompt_ids")
    if isinstance(raw, dict):
        return tuple(str(v) for v in raw.values() if isinstance(v, str))
    if isinstance(raw, list):
        return tuple(str(v) for v in raw if isinstance(v, str))
    return ()


def _ritual_of(item: ItemRecord) -> str:
    ritual = item.payload.get("ritual")
    return ritual if isinstance(ritual, str) and ritual else DAILY


def record_of(item: ItemRecord) -> RitualRecord:
    """The scheduling view of a check-in item."""
    return RitualRecord(ritual=_ritual_of(item), day=_day_of(item), prompt_ids=_prompt_ids(item))


def entry_of(item: ItemRecord) -> CheckinEntry:
    """The display view of a check-in item (free text only when it was readable)."""
    book = load_rituals()
    ritual_id = _ritual_of(item)
    ritual = book.get(ritual_id)
    texts: dict[str, str] = {}
    if item.body and not item.locked:
        try:
            parsed = json.loads(item.body)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            texts = {str(k): str(v) for k, v in parsed.items() if isinstance(v, str)}
        else:
            texts = {"note": item.body}
    raw_mood = item.payload.get("mood")
    mood: int | None = None
    if isinstance(raw_mood, int) and not isinstance(raw_mood, bool):
        scale = item.payload.get("mood_scale", 10)
        # Check-ins from `feelheard data add` use a 1 to 10 scale; show them on ours.
        mood = raw_mood if scale == MOOD_SCALE else max(1, min(MOOD_SCALE, round(raw_mood / 2)))
    mood_entry = book.mood(mood) if mood is not None else None
    raw_choices = item.payload.get("choices")
    choices = (
        {str(k): str(v) for k, v in raw_choices.items() if isinstance(v, str)}
        if isinstance(raw_choices, dict)
        else {}
    )
    return CheckinEntry(
        id=item.id,
        ritual=ritual_id,
        ritual_name=ritual.name if ritual else ritual_id.replace("_", " "),
        day=_day_of(item),
        mood=mood,
        mood_word=mood_entry.word if mood_entry else None,
        texts=texts,
        choices=choices,
        prompt_ids=_prompt_ids(item),
        locked=item.locked,
        shared=item.shared,
        mine=item.mine,
        created_at=item.created_at,
    )


def own_records(session: Session, *, owner_id: int, limit: int = HISTORY_LIMIT) -> list[RitualRecord]:
    """The scheduling records of `owner_id`'s own check-ins, newest first."""
    from feelheard.storage import repo

    items = repo.list_items(session, viewer_id=owner_id, kind="checkin", scope="mine", limit=limit)
    return [record_of(item) for item in items]


def list_entries(
    session: Session,
    *,
    viewer_id: int,
    ritual: str | None = None,
    limit: int = 20,
    offset: int = 0,
    passphrase: str | None = None,
) -> list[CheckinEntry]:
    """Check-ins `viewer_id` may see (their own and what a linked partner shared), newest first."""
    from feelheard.storage import repo

    if ritual is not None and load_rituals().get(ritual) is None:
        raise InputError(f"no ritual called {ritual!r}; choose one of: {', '.join(load_rituals().ids)}")
    key = ritual.strip().lower().replace("-", "_") if ritual else None
    if key is None:
        items = repo.list_items(
            session, viewer_id=viewer_id, kind="checkin", limit=limit, offset=offset, passphrase=passphrase
        )
        return [entry_of(item) for item in items]
    # The ritual lives in the payload: filter after reading (a person's check-ins number in the hundreds).
    items = repo.list_items(
        session, viewer_id=viewer_id, kind="checkin", limit=HISTORY_LIMIT, passphrase=passphrase
    )
    chosen = [entry_of(item) for item in items if _ritual_of(item) == key]
    return chosen[offset : offset + limit]


def local_today(now: datetime | None = None) -> date:
    """The local date of this machine (the user's, in local mode)."""
    return (now or datetime.now().astimezone()).date()
