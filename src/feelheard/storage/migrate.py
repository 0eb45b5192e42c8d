"""Schema migrations: `upgrade_to_head` brings any older database up to date in place, keeping its data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed number: the PostgreSQL advisory lock that serialises migrations across processes.
_PG_LOCK_ID = 0x6665656C


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the packaged migrations (no alembic.ini needed), optionally bound to `connection`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision id shipped with this version."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision` in one transaction (all of it, or none of it), with other migrators locked out."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    with engine.connect().execution_options(feelheard_immediate=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_ID})")
        # Checked again under the lock: another process may have just done it.
        if revision == "head" and MigrationContext.configure(conn).get_current_revision() == head_revision():
            return
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate down to `revision` (for tests and emergencies; data in dropped columns is lost)."""
    from alembic import command

    with engine.connect().execution_options(feelheard_immediate=True) as conn, conn.begin():
        command.downgrade(alembic_config(conn), revision)


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest schema; a cheap no-op when it is already there."""
    if current_revision(engine) == head_revision():
        return
    upgrade(engine, "head")
