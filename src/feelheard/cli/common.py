"""What the command groups that work on stored data share: options, the database session, whose data it is,
and the passphrase for encrypted text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from feelheard.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from feelheard.storage.repo import UserRecord

UserOpt = Annotated[
    str | None, typer.Option("--user", "-u", help="A server account name (default: the local user).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@contextmanager
def open_session() -> Iterator[Session]:
    """A transaction on the configured database (committed when the block ends without an error)."""
    from feelheard.storage.db import session_scope

    with session_scope() as session:
        yield session


def who(session: Session, user: str | None) -> UserRecord:
    """The local user, or the server account named `user`.

    Raises:
        InputError: there is no such account.
    """
    from feelheard.storage import repo

    if user is None:
        return repo.local_user(session)
    found = repo.find_user(session, username=user)
    if found is None:
        raise InputError(f"no account named {user!r}")
    return found


def ask_passphrase(ask: bool, *, confirm: bool = False) -> str | None:
    """FEELHEARD_PASSPHRASE, else (when `ask`) a hidden prompt, else None."""
    env = os.environ.get("FEELHEARD_PASSPHRASE")
    if env:
        return env
    if not ask:
        return None
    value: str = typer.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm, err=True)
    return value
