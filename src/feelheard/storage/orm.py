"""The schema, as SQLAlchemy 2 typed models. One schema for SQLite and PostgreSQL; Alembic migrations build it.

Tables:
    users     one row per account; in local mode a single passwordless user named ``local``.
    couples   a link between two accounts; ``users.couple_id`` points here, so a person is in one couple at most.
    invites   one-time codes that link two accounts (only a SHA-256 of the code is kept; used codes are deleted).
    items     everything the user chose to keep: analyses, practice results, assessments, check-ins, journal
              entries. Private to ``owner_id`` unless ``shared`` is set by the owner.
    settings  per-account preferences, one JSON value per key.

Only this package touches these classes; callers get plain records from `feelheard.storage.repo`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so migrations can alter them the same way on both engines.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ITEM_KINDS = ("analysis", "practice", "assessment", "checkin", "journal")
ENCRYPTABLE_KINDS = ("checkin", "journal")


def utcnow() -> datetime:
    """Now, in UTC, timezone-aware."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with the project's constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class Couple(Base):
    """Two linked accounts (the members are the users whose ``couple_id`` is this id)."""

    __tablename__ = "couples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    """An account. ``password_hash`` is an argon2 hash, or None for the local passwordless user."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), default=None, index=True
    )
    # Encryption at rest: the account's scrypt salt and a sealed check value (see crypto.py); never the key.
    kdf_salt: Mapped[bytes | None] = mapped_column(LargeBinary(32), default=None)
    key_check: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Invite(Base):
    """A one-time code to link two accounts; deleted when used."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    inviter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class Item(Base):
    """One thing the user kept.

    ``payload`` holds the structured data (an analysis's JSON, a practice score); ``body`` the free text of a
    journal entry or check-in, sealed by crypto.py when ``encrypted`` is set. ``uid`` is stable across export
    and import, which is what makes import idempotent.
    """

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("owner_id", "uid", name="uq_items_owner_uid"),
        Index("ix_items_owner_kind_created", "owner_id", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(200), default=None)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    body: Mapped[str | None] = mapped_column(Text, default=None)
    encrypted: Mapped[bool] = mapped_column(Boolean, default=False)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Added by revision 0002 (backfilled from created_at).
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Setting(Base):
    """One preference of one account."""

    __tablename__ = "settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
