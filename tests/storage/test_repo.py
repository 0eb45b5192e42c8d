"""Saving, listing, showing, changing and forgetting items and settings, on both engines."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from feelheard.errors import InputError
from feelheard.storage import repo
from feelheard.storage.db import session_scope

ANALYSIS = {
    "partner": "I felt so alone at the party last night when you left me with your friends",
    "reply": "I'm sorry, that sounds lonely. What was the hardest part?",
    "score": 82,
    "moves": [{"id": "apology"}],
}


def test_local_user_is_created_once(session: Session) -> None:
    first = repo.local_user(session)
    again = repo.local_user(session)
    assert first.id == again.id and first.username == "local" and not first.has_password


def test_save_list_show_update_forget(engine: Engine) -> None:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        saved = repo.save_analysis(s, owner_id=me, analysis=ANALYSIS)
        note = repo.save_item(s, owner_id=me, kind="journal", body="We walked by the river and it helped.")
        repo.save_item(s, owner_id=me, kind="practice", payload={"scenario": "late-dinner", "score": 70})
    assert saved.title is not None and saved.title.startswith("I felt so alone")
    assert saved.created_at.tzinfo is not None

    with session_scope(engine) as s:
        items = repo.list_items(s, viewer_id=me)
        assert [i.kind for i in items] == ["practice", "journal", "analysis"]
        assert all(i.mine and not i.shared for i in items)
        assert [i.id for i in repo.list_items(s, viewer_id=me, kind="journal")] == [note.id]
        assert len(repo.list_items(s, viewer_id=me, limit=2)) == 2
        assert len(repo.list_items(s, viewer_id=me, limit=2, offset=2)) == 1
        shown = repo.get_item(s, viewer_id=me, item_id=saved.id)
        assert shown.payload == ANALYSIS and shown.uid == saved.uid
        assert shown.created_at.tzinfo == UTC
        assert repo.count_items(s, owner_id=me) == {"analysis": 1, "journal": 1, "practice": 1}

    with session_scope(engine) as s:
        changed = repo.update_item(s, owner_id=me, item_id=note.id, body="Edited.", title="River walk")
        assert changed.body == "Edited." and changed.title == "River walk"
        assert changed.updated_at >= changed.created_at

    with session_scope(engine) as s:
        repo.forget_item(s, owner_id=me, item_id=note.id)
    with session_scope(engine) as s, pytest.raises(repo.NotFound):
        repo.get_item(s, viewer_id=me, item_id=note.id)


def test_rollback_keeps_nothing(engine: Engine) -> None:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
    with pytest.raises(RuntimeError), session_scope(engine) as s:
        repo.save_item(s, owner_id=me, kind="journal", body="half a thought")
        raise RuntimeError("crash before commit")
    with session_scope(engine) as s:
        assert repo.list_items(s, viewer_id=me) == []


def test_bad_input_is_refused(session: Session) -> None:
    me = repo.local_user(session).id
    with pytest.raises(InputError, match="unknown item kind"):
        repo.save_item(session, owner_id=me, kind="diary")
    with pytest.raises(InputError, match="only checkin and journal"):
        repo.save_item(session, owner_id=me, kind="analysis", payload=ANALYSIS, encrypt=True, passphrase="x")
    with pytest.raises(InputError, match="passphrase"):
        repo.save_item(session, owner_id=me, kind="journal", body="x", encrypt=True)
    with pytest.raises(repo.NotFound):
        repo.get_item(session, viewer_id=me, item_id=999_999)


def test_settings(session: Session) -> None:
    me = repo.local_user(session).id
    assert repo.get_setting(session, user_id=me, key="country", default="US") == "US"
    repo.set_setting(session, user_id=me, key="country", value="GB")
    repo.set_setting(session, user_id=me, key="reminders", value={"daily": True, "hour": 20})
    repo.set_setting(session, user_id=me, key="country", value="IE")
    assert repo.list_settings(session, user_id=me) == {
        "country": "IE",
        "reminders": {"daily": True, "hour": 20},
    }
    assert repo.delete_setting(session, user_id=me, key="country")
    assert not repo.delete_setting(session, user_id=me, key="country")
