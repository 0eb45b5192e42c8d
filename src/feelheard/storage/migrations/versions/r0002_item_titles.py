"""Items get a short title for lists and an updated_at time; existing rows are filled in from their data.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

TITLE_CHARS = 80


def derive_title(kind: str, payload: Any) -> str | None:
    """A list title from an item's structured data (never from its free text, which may be sealed).

    Kept here, frozen with this revision, so the migration gives the same result whatever repo.py later does.
    """
    if not isinstance(payload, dict):
        return None
    title = payload.get("title")
    if not title and kind == "analysis":
        title = payload.get("partner") or payload.get("reply")
    if not isinstance(title, str) or not title.strip():
        return None
    title = " ".join(title.split())
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def upgrade() -> None:
    """Add the columns, fill them in for existing rows, then make updated_at required."""
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("title", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))

    items = sa.table(
        "items",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("payload", sa.JSON()),
        sa.column("title", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    bind = op.get_bind()
    bind.execute(sa.update(items).values(updated_at=items.c.created_at))
    rows = bind.execute(sa.select(items.c.id, items.c.kind, items.c.payload)).all()
    for row_id, kind, payload in rows:
        title = derive_title(kind, payload)
        if title is not None:
            bind.execute(sa.update(items).where(items.c.id == row_id).values(title=title))

    with op.batch_alter_table("items") as batch:
        batch.alter_column("updated_at", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    """Drop the two columns (titles and edit times are lost; nothing else is)."""
    with op.batch_alter_table("items") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("title")
