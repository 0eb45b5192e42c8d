"""Reading and writing what the user keeps. Every read is filtered by owner, or by an explicit share between
linked partners; nothing here returns ORM rows, only frozen records.

All functions take an open `Session` (see `db.session_scope`) and keyword-only arguments; the caller's
transaction decides when things are committed. An item that does not exist and an item the viewer may not see
raise the same `NotFound`, so ids reveal nothing about other people's data.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import and_, delete, func, or_, select, update

from feelheard.errors import InputError
from feelheard.storage import crypto
from feelheard.storage.orm import ENCRYPTABLE_KINDS, ITEM_KINDS, Item, Setting, User, utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from feelheard.result import Analysis

LOCAL_USERNAME = "local"
TITLE_CHARS = 80
Scope = Literal["all", "mine", "shared"]


class NotFound(InputError):
    """No such item, or not one this account may see (deliberately the same answer)."""


@dataclass(frozen=True)
class UserRecord:
    """An account, without its secrets."""

    id: int
    username: str
    has_password: bool
    couple_id: int | None
    encryption_set_up: bool
    created_at: datetime


@dataclass(frozen=True)
class ItemRecord:
    """One kept item as the viewer may see it.

    Attributes:
        body: The free text, decrypted when a passphrase was given; None for a sealed item read without one.
        locked: True when the item is encrypted and `body` was not opened.
        mine: True when the viewer owns it; False for an item a partner shared.
    """

    id: int
    uid: str
    owner_id: int
    kind: str
    title: str | None
    payload: dict[str, Any]
    body: str | None
    encrypted: bool
    locked: bool
    shared: bool
    mine: bool
    created_at: datetime
    updated_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (times in ISO 8601 UTC)."""
        return {
            "id": self.id,
            "uid": self.uid,
            "kind": self.kind,
            "title": self.title,
            "payload": self.payload,
            "body": self.body,
            "encrypted": self.encrypted,
            "locked": self.locked,
            "shared": self.shared,
            "mine": self.mine,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC, so say so."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def user_record(user: User) -> UserRecord:
    """The public view of an account row."""
    return UserRecord(
        id=user.id,
        username=user.username,
        has_password=user.password_hash is not None,
        couple_id=user.couple_id,
        encryption_set_up=user.key_check is not None,
        created_at=as_utc(user.created_at),
    )


def _record(item: Item, *, viewer_id: int, passphrase: str | None) -> ItemRecord:
    body = item.body
    locked = False
    if item.encrypted and body is not None:
        if passphrase:
            body = crypto.unseal(body, passphrase=passphrase)
        else:
            body, locked = None, True
    return ItemRecord(
        id=item.id,
        uid=item.uid,
        owner_id=item.owner_id,
        kind=item.kind,
        title=item.title,
        payload=dict(item.payload or {}),
        body=body,
        encrypted=item.encrypted,
        locked=locked,
        shared=item.shared,
        mine=item.owner_id == viewer_id,
        created_at=as_utc(item.created_at),
        updated_at=as_utc(item.updated_at),
    )


# --- accounts -------------------------------------------------------------------------------------------------


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise InputError(f"no account with id {user_id}")
    return user


def get_user(session: Session, *, user_id: int) -> UserRecord:
    """An account by id.

    Raises:
        InputError: no such account.
    """
    return user_record(_user(session, user_id))


def find_user(session: Session, *, username: str) -> UserRecord | None:
    """An account by name (case-insensitive), or None."""
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    return None if user is None else user_record(user)


def local_user(session: Session) -> UserRecord:
    """The single passwordless user of local mode, created on first use."""
    user = session.scalar(select(User).where(User.username == LOCAL_USERNAME))
    if user is None:
        user = User(username=LOCAL_USERNAME)
        session.add(user)
        session.flush()
    return user_record(user)


def partner_id(session: Session, *, user_id: int) -> int | None:
    """The id of the account linked to `user_id`, or None."""
    couple_id = session.scalar(select(User.couple_id).where(User.id == user_id))
    if couple_id is None:
        return None
    return session.scalar(select(User.id).where(User.couple_id == couple_id, User.id != user_id))


def _visible_to(session: Session, viewer_id: int) -> ColumnElement[bool]:
    """The one place that decides who sees what: your own items, plus what your linked partner chose to share."""
    partner = partner_id(session, user_id=viewer_id)
    mine = Item.owner_id == viewer_id
    if partner is None:
        return mine
    return or_(mine, and_(Item.owner_id == partner, Item.shared.is_(True)))


# --- encryption -----------------------------------------------------------------------------------------------


def set_up_passphrase(session: Session, *, user_id: int, passphrase: str) -> bytes:
    """Make sure the account can seal text with `passphrase`, and return its salt.

    The first call stores a salt and a sealed check value; later calls verify the passphrase against it, so a
    typo never seals an entry under a passphrase nobody knows.

    Raises:
        WrongPassphrase: the account already uses a different passphrase.
    """
    user = _user(session, user_id)
    if user.kdf_salt is None or user.key_check is None:
        salt = crypto.new_salt()
        user.kdf_salt, user.key_check = salt, crypto.make_check(passphrase, salt)
        session.flush()
        return salt
    crypto.verify_check(user.key_check, passphrase)
    return bytes(user.kdf_salt)


# --- items ----------------------------------------------------------------------------------------------------


def derive_title(kind: str, payload: dict[str, Any], body: str | None) -> str | None:
    """A short list title from the item's data; never from text that is going to be sealed."""
    title = payload.get("title")
    if not title and kind == "analysis":
        title = payload.get("partner") or payload.get("reply")
    if not title and body:
        title = body
    if not title and kind == "checkin" and isinstance(payload.get("mood"), int):
        title = f"check-in, mood {payload['mood']}/10"
    if not isinstance(title, str) or not title.strip():
        return None
    title = " ".join(title.split())
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def _check_kind(kind: str) -> None:
    if kind not in ITEM_KINDS:
        raise InputError(f"unknown item kind {kind!r}; use one of: {', '.join(ITEM_KINDS)}")


def save_item(
    session: Session,
    *,
    owner_id: int,
    kind: str,
    payload: dict[str, Any] | None = None,
    body: str | None = None,
    title: str | None = None,
    encrypt: bool = False,
    passphrase: str | None = None,
    uid: str | None = None,
    created_at: datetime | None = None,
) -> ItemRecord:
    """Keep a new item, private to `owner_id`.

    Args:
        session: Open session; the caller's transaction commits it.
        owner_id: The account that owns it.
        kind: One of `ITEM_KINDS`.
        payload: Structured data (JSON-serialisable dict).
        body: Free text (journal entry, check-in note).
        title: A list title; derived from the data when omitted (never from text being encrypted).
        encrypt: Seal `body` with `passphrase` (journal entries and check-ins only).
        passphrase: Needed when `encrypt` is set.
        uid: A stable id (import keeps the exported one); a new UUID when omitted.
        created_at: When it was made (import keeps the original time).

    Raises:
        InputError: unknown kind, or encryption asked for without a passphrase or on another kind.
        WrongPassphrase: the passphrase is not the one this account already uses.
    """
    _check_kind(kind)
    _user(session, owner_id)
    payload = dict(payload or {})
    if encrypt:
        if kind not in ENCRYPTABLE_KINDS:
            raise InputError(f"only {' and '.join(ENCRYPTABLE_KINDS)} text can be encrypted")
        if not passphrase:
            raise crypto.PassphraseNeeded("a passphrase is needed to encrypt this entry")
    if title is None:
        title = derive_title(kind, payload, None if encrypt else body)
    stored_body = body
    if encrypt and body is not None and passphrase:
        salt = set_up_passphrase(session, user_id=owner_id, passphrase=passphrase)
        stored_body = crypto.seal(body, passphrase=passphrase, salt=salt)
    now = utcnow()
    item = Item(
        uid=uid or uuid.uuid4().hex,
        owner_id=owner_id,
        kind=kind,
        title=title[:200] if title else None,
        payload=payload,
        body=stored_body,
        encrypted=bool(encrypt and body is not None),
        shared=False,
        created_at=created_at or now,
        updated_at=created_at or now,
    )
    session.add(item)
    session.flush()
    return _record(item, viewer_id=owner_id, passphrase=passphrase)


def save_analysis(
    session: Session, *, owner_id: int, analysis: Analysis | dict[str, Any], title: str | None = None
) -> ItemRecord:
    """Keep an `Analysis` as an ``analysis`` item.

    The payload is ``{"partner": <text>, "reply": <text>, "analysis": <Analysis.to_dict()>}``: the JSON contract
    does not carry the two texts, and a saved analysis is not much use without them. A dict is stored as given
    (it should have that shape).
    """
    if isinstance(analysis, dict):
        data = analysis
    else:
        data = {"partner": analysis.partner, "reply": analysis.reply, "analysis": analysis.to_dict()}
    return save_item(session, owner_id=owner_id, kind="analysis", payload=data, title=title)


def _visible_item(session: Session, viewer_id: int, item_id: int) -> Item:
    item = session.scalar(select(Item).where(Item.id == item_id, _visible_to(session, viewer_id)))
    if item is None:
        raise NotFound(f"no saved item {item_id}")
    return item


def _owned_item(session: Session, owner_id: int, item_id: int) -> Item:
    item = session.scalar(select(Item).where(Item.id == item_id, Item.owner_id == owner_id))
    if item is None:
        raise NotFound(f"no saved item {item_id}")
    return item


def get_item(session: Session, *, viewer_id: int, item_id: int, passphrase: str | None = None) -> ItemRecord:
    """One item, if `viewer_id` owns it or it is shared by their linked partner.

    Raises:
        NotFound: it does not exist or is not visible to this account.
        WrongPassphrase: a passphrase was given and does not open the item.
    """
    return _record(_visible_item(session, viewer_id, item_id), viewer_id=viewer_id, passphrase=passphrase)


def list_items(
    session: Session,
    *,
    viewer_id: int,
    kind: str | None = None,
    scope: Scope = "all",
    limit: int = 100,
    offset: int = 0,
    passphrase: str | None = None,
) -> list[ItemRecord]:
    """Items visible to `viewer_id`, newest first.

    Args:
        session: Open session.
        viewer_id: Whose view.
        kind: Only this kind.
        scope: "all" (own and partner-shared), "mine", or "shared" (only what the partner shared).
        limit: At most this many.
        offset: Skip this many (paging).
        passphrase: Opens sealed bodies; without it they come back locked.
    """
    if kind is not None:
        _check_kind(kind)
    if scope == "mine":
        condition: ColumnElement[bool] = Item.owner_id == viewer_id
    elif scope == "shared":
        condition = and_(_visible_to(session, viewer_id), Item.owner_id != viewer_id)
    elif scope == "all":
        condition = _visible_to(session, viewer_id)
    else:
        raise InputError(f"unknown scope {scope!r}")
    query = select(Item).where(condition)
    if kind is not None:
        query = query.where(Item.kind == kind)
    query = query.order_by(Item.created_at.desc(), Item.id.desc()).limit(max(0, limit)).offset(max(0, offset))
    return [_record(item, viewer_id=viewer_id, passphrase=passphrase) for item in session.scalars(query)]


def count_items(session: Session, *, owner_id: int) -> dict[str, int]:
    """How many items of each kind `owner_id` keeps."""
    rows = session.execute(
        select(Item.kind, func.count()).where(Item.owner_id == owner_id).group_by(Item.kind)
    ).all()
    return {kind: int(count) for kind, count in rows}


def update_item(
    session: Session,
    *,
    owner_id: int,
    item_id: int,
    title: str | None = None,
    payload: dict[str, Any] | None = None,
    body: str | None = None,
    passphrase: str | None = None,
) -> ItemRecord:
    """Change an item the caller owns (arguments left as None stay as they are).

    Raises:
        NotFound: not an item of `owner_id`.
        PassphraseNeeded / WrongPassphrase: new text for a sealed item needs the right passphrase.
    """
    item = _owned_item(session, owner_id, item_id)
    if title is not None:
        item.title = title[:200] or None
    if payload is not None:
        item.payload = dict(payload)
    if body is not None:
        if item.encrypted:
            if not passphrase:
                raise crypto.PassphraseNeeded("this entry is encrypted: give the passphrase to change it")
            salt = set_up_passphrase(session, user_id=owner_id, passphrase=passphrase)
            item.body = crypto.seal(body, passphrase=passphrase, salt=salt)
        else:
            item.body = body
    item.updated_at = utcnow()
    session.flush()
    return _record(item, viewer_id=owner_id, passphrase=passphrase)


def set_shared(session: Session, *, owner_id: int, item_id: int, shared: bool) -> ItemRecord:
    """Share an item with the linked partner, or take it back. Only the owner can.

    Raises:
        NotFound: not an item of `owner_id`.
        InputError: sharing needs a linked partner; sealed entries cannot be shared (the partner could not open
            them without the passphrase).
    """
    item = _owned_item(session, owner_id, item_id)
    if shared:
        if item.encrypted:
            raise InputError("an encrypted entry cannot be shared: your partner could not open it")
        if partner_id(session, user_id=owner_id) is None:
            raise InputError("link with your partner first, then you can share items")
    item.shared = shared
    item.updated_at = utcnow()
    session.flush()
    return _record(item, viewer_id=owner_id, passphrase=None)


def unshare_all(session: Session, *, owner_id: int) -> int:
    """Make every item of `owner_id` private again; returns how many were shared."""
    result = session.execute(
        update(Item).where(Item.owner_id == owner_id, Item.shared.is_(True)).values(shared=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def forget_item(session: Session, *, owner_id: int, item_id: int) -> None:
    """Delete one item for good. Only the owner can.

    Raises:
        NotFound: not an item of `owner_id`.
    """
    session.delete(_owned_item(session, owner_id, item_id))
    session.flush()


def delete_items(session: Session, *, owner_id: int) -> int:
    """Delete every item of `owner_id`; returns how many."""
    result = session.execute(delete(Item).where(Item.owner_id == owner_id))
    return int(getattr(result, "rowcount", 0) or 0)


# --- settings -------------------------------------------------------------------------------------------------


def _check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > 64:
        raise InputError("a setting name must be 1 to 64 characters")
    return key


def get_setting(session: Session, *, user_id: int, key: str, default: Any = None) -> Any:
    """One setting's value, or `default`."""
    row = session.get(Setting, (user_id, _check_key(key)))
    return default if row is None else row.value


def set_setting(session: Session, *, user_id: int, key: str, value: Any) -> None:
    """Store a setting (any JSON value)."""
    _user(session, user_id)
    key = _check_key(key)
    row = session.get(Setting, (user_id, key))
    if row is None:
        session.add(Setting(user_id=user_id, key=key, value=value, updated_at=utcnow()))
    else:
        row.value, row.updated_at = value, utcnow()
    session.flush()


def list_settings(session: Session, *, user_id: int) -> dict[str, Any]:
    """Every setting of `user_id`."""
    rows = session.scalars(select(Setting).where(Setting.user_id == user_id).order_by(Setting.key))
    return {row.key: row.value for row in rows}


def delete_setting(session: Session, *, user_id: int, key: str) -> bool:
    """Remove a setting; False if it was not set."""
    result = session.execute(
        delete(Setting).where(Setting.user_id == user_id, Setting.key == _check_key(key))
    )
    return bool(getattr(result, "rowcount", 0))
