"""Export, import, delete everything, forget one item, encryption at rest, and owner-only files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from feelheard.errors import InputError
from feelheard.storage import crypto, repo
from feelheard.storage.db import get_engine, session_scope, sqlite_url
from feelheard.storage.export import (
    delete_all,
    export_user,
    import_user,
    read_export_file,
    scrub,
    write_export_file,
)
from feelheard.storage.orm import Item

from .conftest import People

PASS = "our long walk in march"


def _fill(engine: Engine, owner: int) -> dict[str, int]:
    with session_scope(engine) as s:
        ids = {
            "analysis": repo.save_analysis(
                s,
                owner_id=owner,
                analysis={"partner": "You never listen", "reply": "Tell me more", "score": 64},
            ).id,
            "journal": repo.save_item(
                s, owner_id=owner, kind="journal", body="plain note ✨ with unicode"
            ).id,
            "sealed": repo.save_item(
                s,
                owner_id=owner,
                kind="checkin",
                body="sealed feelings",
                payload={"mood": 4},
                encrypt=True,
                passphrase=PASS,
            ).id,
            "assessment": repo.save_item(s, owner_id=owner, kind="assessment", payload={"total": 31}).id,
        }
        repo.set_setting(s, user_id=owner, key="country", value="GB")
    return ids


def test_export_import_round_trip_across_engines(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
    _fill(engine, me)
    with session_scope(engine) as s:
        data = export_user(s, user_id=me)
    out = tmp_path / "export.json"
    write_export_file(out, data)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left behind
    assert "sealed feelings" not in out.read_text(encoding="utf-8")  # sealed text stays sealed in the file

    # Into a brand-new SQLite database (from either engine), twice: the second run changes nothing.
    target = get_engine(sqlite_url(tmp_path / "other.db"))
    loaded = read_export_file(out)
    with session_scope(target) as s:
        other = repo.local_user(s).id
        first = import_user(s, user_id=other, data=loaded)
    with session_scope(target) as s:
        second = import_user(s, user_id=other, data=loaded)
    assert (first.added, first.skipped, first.settings) == (4, 0, 1)
    assert (second.added, second.skipped) == (0, 4)
    with session_scope(target) as s:
        again = export_user(s, user_id=other)
        items = repo.list_items(s, viewer_id=other, passphrase=PASS)
        assert {i.body for i in items if i.body} == {"plain note ✨ with unicode", "sealed feelings"}
        assert repo.get_setting(s, user_id=other, key="country") == "GB"
        # The adopted passphrase set-up lets new entries be sealed with the same passphrase, and no other.
        repo.save_item(s, owner_id=other, kind="journal", body="new", encrypt=True, passphrase=PASS)
        with pytest.raises(crypto.WrongPassphrase):
            repo.save_item(s, owner_id=other, kind="journal", body="new", encrypt=True, passphrase="not it")

    def strip(d: dict[str, Any]) -> list[str]:
        return sorted(json.dumps(i, sort_keys=True) for i in d["items"])

    assert strip(again) == strip(data)


def test_import_makes_items_private_and_refuses_bad_files(engine: Engine, people: People) -> None:
    _fill(engine, people.ana)
    with session_scope(engine) as s:
        analysis = repo.list_items(s, viewer_id=people.ana, kind="analysis")[0]
        repo.set_shared(s, owner_id=people.ana, item_id=analysis.id, shared=True)
        data = export_user(s, user_id=people.ana)
    assert any(item["shared"] for item in data["items"])
    with session_scope(engine) as s:
        import_user(s, user_id=people.cam, data=data)
        assert all(not i.shared for i in repo.list_items(s, viewer_id=people.cam))
    bad_cases = [
        ([], "not a feelheard export"),
        ({"format": "other"}, "not a feelheard export"),
        ({"format": "feelheard-export", "version": 99}, "version"),
        ({"format": "feelheard-export", "version": 1, "items": [{"uid": "a", "kind": "diary"}]}, "kind"),
        (
            {
                "format": "feelheard-export",
                "version": 1,
                "items": [{"uid": "a", "kind": "journal", "body": "x", "encrypted": True}],
            },
            "sealed",
        ),
    ]
    for bad, message in bad_cases:
        with pytest.raises(InputError, match=message), session_scope(engine) as s:
            import_user(s, user_id=people.cam, data=bad)


def test_broken_import_writes_nothing(engine: Engine, people: People) -> None:
    good = {"uid": "good-1", "kind": "journal", "body": "fine"}
    data = {
        "format": "feelheard-export",
        "version": 1,
        "items": [good, {"uid": "bad", "kind": "journal", "created_at": "yesterday"}],
    }
    with pytest.raises(InputError, match="ISO 8601"), session_scope(engine) as s:
        import_user(s, user_id=people.cam, data=data)
    with session_scope(engine) as s:
        assert repo.list_items(s, viewer_id=people.cam) == []


def test_read_export_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_export_file(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON file"):
        read_export_file(broken)


def test_delete_all_touches_only_that_account(engine: Engine, people: People) -> None:
    _fill(engine, people.ana)
    _fill(engine, people.ben)
    with session_scope(engine) as s:
        report = delete_all(s, user_id=people.ana)
    assert (report.items, report.settings, report.account) == (4, 1, False)
    scrub(engine)
    with session_scope(engine) as s:
        assert repo.list_items(s, viewer_id=people.ana) == []
        assert repo.list_settings(s, user_id=people.ana) == {}
        assert repo.partner_id(s, user_id=people.ben) is None  # the link went too
        assert not repo.get_user(s, user_id=people.ana).encryption_set_up
        assert len(repo.list_items(s, viewer_id=people.ben)) == 4
        delete_all(s, user_id=people.ben, include_account=True)
    with session_scope(engine) as s:
        assert repo.find_user(s, username="ben") is None
        assert s.scalars(select(Item).where(Item.owner_id == people.ben)).all() == []


def test_forget_removes_the_text_from_the_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "feelheard.db"
    engine = get_engine(sqlite_url(path))
    marker = "a-very-distinctive-secret-sentence-42"
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        item = repo.save_item(s, owner_id=me, kind="journal", body=marker)
    with session_scope(engine) as s:
        repo.forget_item(s, owner_id=me, item_id=item.id)
    scrub(engine)
    leftovers = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("feelheard.db"))
    assert marker.encode() not in leftovers


def test_encryption_round_trip_and_wrong_passphrase(engine: Engine) -> None:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        item = repo.save_item(
            s, owner_id=me, kind="journal", body="what I didn't say", encrypt=True, passphrase=PASS
        )
        assert item.encrypted and item.body == "what I didn't say"
        stored = s.get(Item, item.id)
        assert stored is not None and stored.body is not None
        assert crypto.is_sealed(stored.body) and "didn't" not in stored.body
    with session_scope(engine) as s:
        locked = repo.get_item(s, viewer_id=me, item_id=item.id)
        assert locked.locked and locked.body is None
        assert repo.get_item(s, viewer_id=me, item_id=item.id, passphrase=PASS).body == "what I didn't say"
        with pytest.raises(crypto.WrongPassphrase, match="does not open"):
            repo.get_item(s, viewer_id=me, item_id=item.id, passphrase="guess")
        with pytest.raises(crypto.WrongPassphrase):
            repo.save_item(
                s, owner_id=me, kind="journal", body="b", encrypt=True, passphrase="a different one"
            )
        with pytest.raises(crypto.PassphraseNeeded):
            repo.update_item(s, owner_id=me, item_id=item.id, body="changed")
        updated = repo.update_item(s, owner_id=me, item_id=item.id, body="changed", passphrase=PASS)
        assert updated.body == "changed"


def test_tampered_token_is_refused() -> None:
    salt = crypto.new_salt()
    token = crypto.seal("hello", passphrase=PASS, salt=salt)
    assert crypto.unseal(token, passphrase=PASS) == "hello"
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unseal(tampered, passphrase=PASS)
    with pytest.raises(crypto.WrongPassphrase, match="damaged"):
        crypto.unseal("fh1$not-base64!", passphrase=PASS)
    with pytest.raises(InputError):
        crypto.seal("x", passphrase="", salt=salt)


def test_sqlite_file_is_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from feelheard.storage.db import database_url, describe_location

    monkeypatch.delenv("FEELHEARD_DATABASE_URL", raising=False)
    monkeypatch.setenv("FEELHEARD_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("FEELHEARD_HOME", str(tmp_path / "home"))
    old = os.umask(0o022)
    try:
        engine = get_engine()
    finally:
        os.umask(old)
    assert database_url() == sqlite_url(tmp_path / "home" / "feelheard.db")
    assert describe_location() == str(tmp_path / "home" / "feelheard.db")
    with session_scope(engine) as s:
        repo.save_item(s, owner_id=repo.local_user(s).id, kind="journal", body="x")
        for suffix in ("", "-wal", "-shm"):
            path = tmp_path / "home" / f"feelheard.db{suffix}"
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, suffix
    assert stat.S_IMODE((tmp_path / "home").stat().st_mode) == 0o700
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_database_url_from_env_and_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from feelheard.storage.db import database_url, describe_location

    config = tmp_path / "config.toml"
    config.write_text('[storage]\ndatabase_url = "postgresql://coach:pw@db.example/feelheard"\n')
    monkeypatch.setenv("FEELHEARD_CONFIG", str(config))
    monkeypatch.delenv("FEELHEARD_DATABASE_URL", raising=False)
    assert database_url() == "postgresql+psycopg://coach:pw@db.example/feelheard"
    assert "pw" not in describe_location()
    monkeypatch.setenv("FEELHEARD_DATABASE_URL", "sqlite:////tmp/elsewhere.db")
    assert database_url() == "sqlite:////tmp/elsewhere.db"
    config.write_text("database_url = [1]\n")
    monkeypatch.delenv("FEELHEARD_DATABASE_URL")
    with pytest.raises(InputError, match="must be a string"):
        database_url()
