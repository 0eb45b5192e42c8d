"""Privacy controls: export everything to one JSON file, import it back, delete everything, forget one item.

The export holds exactly what the account keeps: items (with their stable ``uid``), settings, and, when
encryption is set up, the salt and check value needed to open sealed text with the same passphrase. Sealed
text stays sealed in the file. Password hashes and the couple link are not exported: they belong to the
server and to the partner, not to the data.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from feelheard.atomic import atomic_write
from feelheard.errors import InputError
from feelheard.storage import crypto, repo
from feelheard.storage.accounts import unlink
from feelheard.storage.orm import ITEM_KINDS, Invite, Item, Setting, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

FORMAT = "feelheard-export"
VERSION = 1
MAX_IMPORT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class ImportReport:
    """What an import did: new items added, items already present skipped, settings written."""

    added: int
    skipped: int
    settings: int


@dataclass(frozen=True)
class DeleteReport:
    """What a delete-all removed."""

    items: int
    settings: int
    account: bool


def _iso(value: datetime) -> str:
    return repo.as_utc(value).isoformat()


def export_user(session: Session, *, user_id: int) -> dict[str, Any]:
    """Everything `user_id` keeps, as one JSON-ready dict (oldest item first)."""
    user = repo._user(session, user_id)
    items = session.scalars(select(Item).where(Item.owner_id == user_id).order_by(Item.created_at, Item.id))
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(),
        "account": {"username": user.username, "created_at": _iso(user.created_at)},
        "encryption": None,
        "items": [
            {
                "uid": item.uid,
                "kind": item.kind,
                "title": item.title,
                "payload": item.payload,
                "body": item.body,
                "encrypted": item.encrypted,
                "shared": item.shared,
                "created_at": _iso(item.created_at),
                "updated_at": _iso(item.updated_at),
            }
            for item in items
        ],
        "settings": repo.list_settings(session, user_id=user_id),
    }
    if user.kdf_salt is not None and user.key_check is not None:
        data["encryption"] = {
            "kdf": "scrypt",
            "salt": base64.urlsafe_b64encode(bytes(user.kdf_salt)).decode("ascii"),
            "check": user.key_check,
        }
    return data


def _time(value: Any, what: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{what} must be an ISO 8601 time")
    try:
        return repo.as_utc(datetime.fromisoformat(value))
    except ValueError as exc:
        raise InputError(f"{what} is not an ISO 8601 time: {value!r}") from exc


def _validated_items(data: dict[str, Any]) -> list[dict[str, Any]]:
    items = data.get("items", [])
    if not isinstance(items, list):
        raise InputError("'items' must be a list")
    checked: list[dict[str, Any]] = []
    for number, item in enumerate(items, 1):
        where = f"item {number}"
        if not isinstance(item, dict):
            raise InputError(f"{where} is not an object")
        uid, kind = item.get("uid"), item.get("kind")
        if not isinstance(uid, str) or not 1 <= len(uid) <= 36:
            raise InputError(f"{where} needs a 'uid' of 1 to 36 characters")
        if kind not in ITEM_KINDS:
            raise InputError(f"{where} has an unknown kind {kind!r}")
        payload = item.get("payload") or {}
        body, title = item.get("body"), item.get("title")
        if not isinstance(payload, dict):
            raise InputError(f"{where}: 'payload' must be an object")
        if body is not None and not isinstance(body, str):
            raise InputError(f"{where}: 'body' must be text")
        if title is not None and not isinstance(title, str):
            raise InputError(f"{where}: 'title' must be text")
        encrypted = bool(item.get("encrypted", False))
        if encrypted and not crypto.is_sealed(body):
            raise InputError(f"{where} says it is encrypted but its body is not a sealed value")
        checked.append(
            {
                "uid": uid,
                "kind": kind,
                "title": title,
                "payload": payload,
                "body": body,
                "encrypted": encrypted,
                "created_at": _time(item.get("created_at"), f"{where} created_at"),
                "updated_at": _time(item.get("updated_at"), f"{where} updated_at"),
            }
        )
    return checked


def import_user(session: Session, *, user_id: int, data: Any) -> ImportReport:
    """Load an export into `user_id`'s account. Safe to repeat: items already present (same uid) are skipped.

    Imported items are always private, whatever they were before: sharing is a fresh decision. Everything is
    checked before anything is written, and the caller's transaction makes it all-or-nothing.

    Raises:
        InputError: not a feelheard export, a newer format, or malformed content.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("this is not a feelheard export file")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise InputError(f"this export is format version {version!r}; this feelheard reads up to {VERSION}")
    items = _validated_items(data)
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise InputError("'settings' must be an object")
    user = repo._user(session, user_id)
    encryption = data.get("encryption")
    if isinstance(encryption, dict) and user.key_check is None:
        # Adopt the exported passphrase set-up, so new entries are sealed with the same passphrase as old ones.
        try:
            user.kdf_salt = base64.urlsafe_b64decode(str(encryption["salt"]).encode("ascii"))
            user.key_check = str(encryption["check"])
        except (KeyError, ValueError) as exc:
            raise InputError("the export's encryption section is damaged") from exc
    existing = set(session.scalars(select(Item.uid).where(Item.owner_id == user_id)))
    added = skipped = 0
    for item in items:
        if item["uid"] in existing:
            skipped += 1
            continue
        created = item["created_at"] or utcnow()
        session.add(
            Item(
                uid=item["uid"],
                owner_id=user_id,
                kind=item["kind"],
                title=(item["title"] or None) and item["title"][:200],
                payload=item["payload"],
                body=item["body"],
                encrypted=item["encrypted"],
                shared=False,
                created_at=created,
                updated_at=item["updated_at"] or created,
            )
        )
        existing.add(item["uid"])
        added += 1
    for key, value in settings.items():
        repo.set_setting(session, user_id=user_id, key=str(key), value=value)
    session.flush()
    return ImportReport(added=added, skipped=skipped, settings=len(settings))


def delete_all(session: Session, *, user_id: int, include_account: bool = False) -> DeleteReport:
    """Delete every item and setting of `user_id`, unlink any partner, drop pending invites and the passphrase
    set-up; with `include_account`, the account itself too. Irreversible once the transaction commits.
    """
    user = repo._user(session, user_id)
    unlink(session, user_id=user_id)
    items = repo.delete_items(session, owner_id=user_id)
    settings = session.execute(delete(Setting).where(Setting.user_id == user_id))
    session.execute(delete(Invite).where(Invite.inviter_id == user_id))
    user.kdf_salt = user.key_check = None
    if include_account:
        session.delete(user)
    session.flush()
    return DeleteReport(
        items=items, settings=int(getattr(settings, "rowcount", 0) or 0), account=include_account
    )


def forget_item(session: Session, *, owner_id: int, item_id: int) -> None:
    """Delete one item for good (see `repo.forget_item`)."""
    repo.forget_item(session, owner_id=owner_id, item_id=item_id)


def scrub(engine: Engine) -> None:
    """After deleting, push old pages out of SQLite's WAL file and rebuild the file, so deleted text does not
    linger on disk (secure_delete already zeroes freed pages). PostgreSQL reclaims space with autovacuum.
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    # VACUUM cannot run inside a transaction, and the engine always begins one: use the raw driver connection.
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()


def write_export_file(path: Path, data: dict[str, Any]) -> None:
    """Write `data` as JSON to `path` atomically (temp file, fsync, rename), readable by the owner only."""
    with atomic_write(path) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def read_export_file(path: Path) -> dict[str, Any]:
    """Read an export file.

    Raises:
        InputError: unreadable, too large, or not JSON.
    """
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise InputError(f"{path} is too large to be a feelheard export ({size} bytes)")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path} is not a JSON file: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError("this is not a feelheard export file")
    return data
