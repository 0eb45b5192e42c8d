"""Upgrading an older database migrates its data in place; the newest schema is exactly what the code expects."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from feelheard.storage import repo
from feelheard.storage.db import create_engine_for, get_engine, session_scope
from feelheard.storage.migrate import current_revision, downgrade, head_revision, upgrade, upgrade_to_head

from .conftest import ENGINES

# The tables as revision 0001 made them (no items.title, no items.updated_at): written independently of orm.py
# on purpose, so this test keeps describing the old schema after the models move on.
OLD = sa.MetaData()
old_users = sa.Table(
    "users",
    OLD,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(64)),
    sa.Column("password_hash", sa.String(255)),
    sa.Column("created_at", sa.DateTime(timezone=True)),
)
old_items = sa.Table(
    "items",
    OLD,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uid", sa.String(36)),
    sa.Column("owner_id", sa.Integer),
    sa.Column("kind", sa.String(32)),
    sa.Column("payload", sa.JSON),
    sa.Column("body", sa.Text),
    sa.Column("encrypted", sa.Boolean),
    sa.Column("shared", sa.Boolean),
    sa.Column("created_at", sa.DateTime(timezone=True)),
)
old_settings = sa.Table(
    "settings",
    OLD,
    sa.Column("user_id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.JSON),
    sa.Column("updated_at", sa.DateTime(timezone=True)),
)
WHEN = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
LONG = "When you booked the trip without asking me first I felt like my opinion did not matter at all to you"


def _seed_old(url: str) -> None:
    engine = create_engine_for(url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as conn:
        # No explicit ids: PostgreSQL's sequences must stay in step, as they would in a real old database.
        conn.execute(old_users.insert(), [{"username": "local", "password_hash": None, "created_at": WHEN}])
        conn.execute(
            old_items.insert(),
            [
                {
                    "uid": "u1",
                    "owner_id": 1,
                    "kind": "analysis",
                    "payload": {"partner": LONG, "score": 55},
                    "body": None,
                    "encrypted": False,
                    "shared": False,
                    "created_at": WHEN,
                },
                {
                    "uid": "u2",
                    "owner_id": 1,
                    "kind": "journal",
                    "payload": {"title": "Sunday"},
                    "body": "we laughed again",
                    "encrypted": False,
                    "shared": False,
                    "created_at": WHEN,
                },
                {
                    "uid": "u3",
                    "owner_id": 1,
                    "kind": "practice",
                    "payload": {"score": 80},
                    "body": None,
                    "encrypted": False,
                    "shared": False,
                    "created_at": WHEN,
                },
            ],
        )
        conn.execute(
            old_settings.insert(), [{"user_id": 1, "key": "country", "value": "NZ", "updated_at": WHEN}]
        )
    engine.dispose()


@pytest.mark.parametrize("blank_db_url", ENGINES, indirect=True)
def test_old_database_is_upgraded_in_place_on_first_use(blank_db_url: str) -> None:
    _seed_old(blank_db_url)
    engine = get_engine(blank_db_url)  # first use migrates
    assert current_revision(engine) == head_revision() == "0002"
    with session_scope(engine) as s:
        me = repo.local_user(s)
        assert me.id == 1
        items = {i.uid: i for i in repo.list_items(s, viewer_id=me.id)}
        assert set(items) == {"u1", "u2", "u3"}
        assert items["u1"].title is not None and items["u1"].title.startswith("When you booked the trip")
        assert len(items["u1"].title) <= 80 and items["u1"].title.endswith("…")
        assert items["u1"].payload == {"partner": LONG, "score": 55}
        assert items["u2"].title == "Sunday" and items["u2"].body == "we laughed again"
        assert items["u3"].title is None
        assert all(i.updated_at == i.created_at == WHEN for i in items.values())
        assert repo.get_setting(s, user_id=me.id, key="country") == "NZ"
        # The migrated database is fully usable.
        repo.save_item(s, owner_id=me.id, kind="journal", body="after the upgrade")
    with session_scope(engine) as s:
        assert len(repo.list_items(s, viewer_id=1)) == 4


@pytest.mark.parametrize("blank_db_url", ENGINES, indirect=True)
def test_head_schema_matches_the_models_and_downgrade_round_trips(blank_db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from feelheard.storage.orm import Base

    engine = create_engine_for(blank_db_url)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert (
            compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
            == []
        )
    with session_scope(engine) as s:
        repo.save_item(s, owner_id=repo.local_user(s).id, kind="journal", body="kept", payload={"title": "T"})
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    upgrade_to_head(engine)
    upgrade_to_head(engine)  # a no-op the second time
    with session_scope(engine) as s:
        (item,) = repo.list_items(s, viewer_id=repo.local_user(s).id)
        assert item.body == "kept" and item.title == "T"
    engine.dispose()
