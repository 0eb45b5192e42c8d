"""The rituals and their prompt pool, read from the package's data files and checked on the way in.

`data/rituals.json` holds the four guided flows (each a list of steps: a mood picker, free text or a choice)
and the mood words; `data/prompts.json` holds the pool of prompts, each tagged with the ritual and the step
slot it serves. `validate_rituals` and `validate_prompts` raise `RitualDataError` naming the file and the
field, so a typo in the data fails a test instead of a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from typing import Any, Literal

from feelheard import content_check

StepKind = Literal["mood", "text", "choice"]
STEP_KINDS: tuple[StepKind, ...] = ("mood", "text", "choice")
RITUALS_FILE = "rituals.json"
PROMPTS_FILE = "prompts.json"
MAX_TEXT_CHARS = 4000  # one answer; a check-in is a few sentences, not an essay


class RitualDataError(ValueError):
    """A ritual or prompt data file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Mood:
    """One point of the 1 to 5 mood picker."""

    value: int
    word: str
    hint: str


@dataclass(frozen=True)
class Option:
    """One answer of a choice step."""

    id: str
    label: str


@dataclass(frozen=True)
class Step:
    """One step of a guided flow.

    Attributes:
        id: Unique within its ritual; the key of the answer.
        kind: ``mood`` (1 to 5 with words), ``text`` (free text, the part that can be encrypted) or ``choice``.
        label: The question, as shown.
        hint: A line of guidance under it.
        required: The flow cannot be saved without an answer to it.
        prompt_slot: For text steps fed by the prompt pool: which slot of the pool.
        options: For choice steps.
    """

    id: str
    kind: StepKind
    label: str
    hint: str
    required: bool
    prompt_slot: str | None = None
    options: tuple[Option, ...] = ()

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Ritual:
    """One guided flow.

    Attributes:
        due_every_days: It is due again this many days after it was last done; None means on demand.
    """

    id: str
    name: str
    summary: str
    intro: str
    minutes: int
    due_every_days: int | None
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or None."""
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def prompt_slots(self) -> tuple[str, ...]:
        """The pool slots its steps draw prompts from, in step order."""
        return tuple(s.prompt_slot for s in self.steps if s.prompt_slot)


@dataclass(frozen=True)
class Prompt:
    """One prompt of the pool."""

    id: str
    ritual: str
    slot: str
    text: str


@dataclass(frozen=True)
class RitualBook:
    """Everything in `rituals.json`."""

    rituals: tuple[Ritual, ...]
    moods: tuple[Mood, ...]
    safety_message: str

    def get(self, ritual_id: str) -> Ritual | None:
        """The ritual with this id (``-`` and ``_`` are interchangeable), or None."""
        key = ritual_id.strip().lower().replace("-", "_")
        return next((r for r in self.rituals if r.id == key), None)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every ritual id, in file order."""
        return tuple(r.id for r in self.rituals)

    def mood(self, value: int) -> Mood | None:
        """The mood with this value, or None."""
        return next((m for m in self.moods if m.value == value), None)


# --- checking ------------------------------------------------------------------------------------------------


_fail = partial(content_check.fail, RitualDataError)
_text = partial(content_check.text, RitualDataError)
_object = partial(content_check.json_object, RitualDataError)
_list = partial(content_check.non_empty_list, RitualDataError)


def _ident(raw: dict[str, Any], source: str, where: str) -> str:
    value = _text(raw, "id", source, where)
    return content_check.identifier(RitualDataError, value, source, f"{where}.id")


def _step(raw: Any, source: str, where: str) -> Step:
    raw = _object(raw, source, where)
    step_id = _ident(raw, source, where)
    kind = raw.get("kind")
    if kind not in STEP_KINDS:
        raise _fail(source, f"{where}.kind", f"must be one of {', '.join(STEP_KINDS)}, not {kind!r}")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise _fail(source, f"{where}.required", "must be true or false")
    slot = raw.get("prompt_slot")
    if slot is not None and (kind != "text" or not isinstance(slot, str) or not slot):
        raise _fail(source, f"{where}.prompt_slot", "only text steps take a prompt slot (a non-empty string)")
    options: tuple[Option, ...] = ()
    if kind == "choice":
        raw_options = _list(raw.get("options"), source, f"{where}.options")
        options = tuple(
            Option(
                id=_ident(_object(o, source, f"{where}.options[{i}]"), source, f"{where}.options[{i}]"),
                label=_text(o, "label", source, f"{where}.options[{i}]"),
            )
            for i, o in enumerate(raw_options)
        )
        if len({o.id for o in options}) != len(options):
            raise _fail(source, f"{where}.options", "option ids must be unique")
    elif "options" in raw:
        raise _fail(source, f"{where}.options", "only choice steps have options")
    return Step(
        id=step_id,
        kind=kind,
        label=_text(raw, "label", source, where),
        hint=_text(raw, "hint", source, where, optional=True),
        required=required,
        prompt_slot=slot,
        options=options,
    )


def _ritual(raw: Any, source: str, where: str) -> Ritual:
    raw = _object(raw, source, where)
    minutes = raw.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 120:
        raise _fail(source, f"{where}.minutes", "must be a whole number of minutes from 1 to 120")
    every = raw.get("due_every_days")
    if every is not None and (not isinstance(every, int) or isinstance(every, bool) or not 1 <= every <= 60):
        raise _fail(source, f"{where}.due_every_days", "must be null (on demand) or 1 to 60 days")
    steps = tuple(
        _step(s, source, f"{where}.steps[{i}]")
        for i, s in enumerate(_list(raw.get("steps"), source, f"{where}.steps"))
    )
    if len({s.id for s in steps}) != len(steps):
        raise _fail(source, f"{where}.steps", "step ids must be unique within a ritual")
    if not any(s.required for s in steps):
        raise _fail(source, f"{where}.steps", "at least one step must be required")
    if sum(1 for s in steps if s.kind == "mood") > 1:
        raise _fail(source, f"{where}.steps", "a ritual has at most one mood step")
    return Ritual(
        id=_ident(raw, source, where),
        name=_text(raw, "name", source, where),
        summary=_text(raw, "summary", source, where),
        intro=_text(raw, "intro", source, where),
        minutes=minutes,
        due_every_days=every,
        steps=steps,
    )


def validate_rituals(raw: Any, *, source: str = RITUALS_FILE) -> RitualBook:
    """Check the parsed content of `rituals.json` and build the `RitualBook`.

    Raises:
        RitualDataError: the first problem found, naming `source` and the field.
    """
    raw = _object(raw, source, "top level")
    moods: list[Mood] = []
    for i, entry in enumerate(_list(raw.get("moods"), source, "moods")):
        where = f"moods[{i}]"
        entry = _object(entry, source, where)
        if entry.get("value") != i + 1 or isinstance(entry.get("value"), bool):
            raise _fail(source, f"{where}.value", f"must be {i + 1} (the moods are 1 to 5, in order)")
        moods.append(
            Mood(
                value=i + 1,
                word=_text(entry, "word", source, where),
                hint=_text(entry, "hint", source, where, optional=True),
            )
        )
    if len(moods) != 5:
        raise _fail(source, "moods", "must be exactly five, for the values 1 to 5")
    rituals = tuple(
        _ritual(r, source, f"rituals[{i}]")
        for i, r in enumerate(_list(raw.get("rituals"), source, "rituals"))
    )
    if len({r.id for r in rituals}) != len(rituals):
        raise _fail(source, "rituals", "ritual ids must be unique")
    return RitualBook(
        rituals=rituals, moods=tuple(moods), safety_message=_text(raw, "safety_message", source, "")
    )


def validate_prompts(raw: Any, book: RitualBook, *, source: str = PROMPTS_FILE) -> tuple[Prompt, ...]:
    """Check the parsed content of `prompts.json` against the rituals it serves.

    Every prompt needs a unique id, a ritual and slot that exist, and a text no other prompt has (compared
    without case or punctuation). Every slot a ritual uses must have prompts.

    Raises:
        RitualDataError: the first problem found, naming `source` and the field.
    """
    raw = _object(raw, source, "top level")
    slots = {(r.id, slot) for r in book.rituals for slot in r.prompt_slots}
    seen_ids: set[str] = set()
    seen_texts: dict[str, str] = {}
    prompts: list[Prompt] = []
    for i, entry in enumerate(_list(raw.get("prompts"), source, "prompts")):
        where = f"prompts[{i}]"
        entry = _object(entry, source, where)
        prompt_id = _text(entry, "id", source, where)
        if prompt_id in seen_ids:
            raise _fail(source, f"{where}.id", f"{prompt_id!r} is used twice")
        seen_ids.add(prompt_id)
        ritual, slot = _text(entry, "ritual", source, where), _text(entry, "slot", source, where)
        if (ritual, slot) not in slots:
            raise _fail(source, f"{where} ({prompt_id})", f"no ritual {ritual!r} with a prompt slot {slot!r}")
        text = _text(entry, "text", source, where)
        key = "".join(ch for ch in text.lower() if ch.isalnum())
        if key in seen_texts:
            raise _fail(source, f"{where}.text", f"repeats the text of {seen_texts[key]}")
        seen_texts[key] = prompt_id
        prompts.append(Prompt(id=prompt_id, ritual=ritual, slot=slot, text=text))
    for ritual, slot in sorted(slots):
        if not any(p.ritual == ritual and p.slot == slot for p in prompts):
            raise _fail(source, "prompts", f"the {ritual} slot {slot!r} has no prompts")
    return tuple(prompts)


# --- loading --------------------------------------------------------------------------------------------------


def _read(name: str) -> Any:
    path = resources.files("feelheard.rituals").joinpath("data").joinpath(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RitualDataError(f"{name}: cannot be read as JSON: {exc}") from exc


@cache
def load_rituals() -> RitualBook:
    """The packaged rituals, read and checked once per process."""
    return validate_rituals(_read(RITUALS_FILE))


@cache
def load_prompts() -> tuple[Prompt, ...]:
    """The packaged prompt pool, read and checked once per process."""
    return validate_prompts(_read(PROMPTS_FILE), load_rituals())


def prompt_by_id(prompt_id: str) -> Prompt | None:
    """One prompt of the pool, or None."""
    return next((p for p in load_prompts() if p.id == prompt_id), None)


def pool(ritual: str, slot: str | None = None) -> tuple[Prompt, ...]:
    """The prompts of one ritual (and slot), in file order."""
    return tuple(p for p in load_prompts() if p.ritual == ritual and (slot is None or p.slot == slot))


def validate_all() -> dict[str, int]:
    """Read and check both files afresh (not the cache); returns how many prompts each ritual has."""
    book = validate_rituals(_read(RITUALS_FILE))
    prompts = validate_prompts(_read(PROMPTS_FILE), book)
    return {r.id: sum(1 for p in prompts if p.ritual == r.id) for r in book.rituals}
