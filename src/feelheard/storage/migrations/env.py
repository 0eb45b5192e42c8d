"""Alembic environment: always run with a connection handed in by feelheard.storage.migrate."""

from __future__ import annotations

from alembic import context

from feelheard.storage.orm import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded for people who run `alembic` by hand
    raise RuntimeError("run migrations through feelheard.storage.migrate (it supplies the connection)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that for us
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
