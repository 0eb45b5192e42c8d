"""Practice results in storage: a conversation is one ``practice`` item, updated after every round.

Keeping the unfinished state in the item (not in the browser) lets the web app continue a conversation across
requests and tabs, and makes progress count every finished conversation exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from feelheard.errors import InputError
from feelheard.practice.engine import PracticeState
from feelheard.practice.scenarios import Scenario, load_bank

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from feelheard.storage.repo import ItemRecord

KIND = "practice"


def title_of(state: PracticeState) -> str:
    """The list title of a practice item."""
    return f"Practice: {state.scenario.title}"


def save(session: Session, *, owner_id: int, state: PracticeState, item_id: int | None = None) -> ItemRecord:
    """Keep the conversation as a new practice item, or update the one it already is (`item_id`)."""
    from feelheard.storage import repo

    payload = state.to_dict()
    if item_id is None:
        return repo.save_item(session, owner_id=owner_id, kind=KIND, payload=payload, title=title_of(state))
    return repo.update_item(
        session, owner_id=owner_id, item_id=item_id, payload=payload, title=title_of(state)
    )


def load(session: Session, *, owner_id: int, item_id: int) -> tuple[ItemRecord, PracticeState]:
    """One of the owner's practice conversations: the stored item and its state.

    Raises:
        repo.NotFound: no practice item `item_id` of this owner (a partner's shared one included).
        InputError: the stored conversation is damaged or names a scenario no longer in the bank.
    """
    from feelheard.storage import repo

    item = repo.get_item(session, viewer_id=owner_id, item_id=item_id)
    if item.kind != KIND or not item.mine:
        raise repo.NotFound(f"there is no practice session {item_id}")
    return item, PracticeState.from_dict(item.payload)


def results(session: Session, *, owner_id: int, limit: int = 500, offset: int = 0) -> list[ItemRecord]:
    """The owner's practice items, newest first."""
    from feelheard.storage import repo

    return repo.list_items(session, viewer_id=owner_id, kind=KIND, scope="mine", limit=limit, offset=offset)


def choose(
    *,
    topic: str | None = None,
    level: int | None = None,
    trap: str | None = None,
    exclude: Iterable[str] = (),
) -> list[Scenario]:
    """Scenarios matching the filters, easiest first and then by title.

    Raises:
        InputError: a filter value that no scenario could ever match.
    """
    from feelheard.practice.scenarios import LEVELS, TOPICS

    if topic is not None and topic not in TOPICS:
        raise InputError(f"unknown topic {topic!r}; topics: {', '.join(TOPICS)}")
    if level is not None and level not in LEVELS:
        raise InputError("the level must be 1 (gentle), 2 (charged) or 3 (hard)")
    skip = set(exclude)
    found = [
        s
        for s in load_bank().values()
        if (topic is None or s.topic == topic)
        and (level is None or s.level == level)
        and (trap is None or trap in s.traps)
        and s.id not in skip
    ]
    return sorted(found, key=lambda s: (s.level, s.title))
