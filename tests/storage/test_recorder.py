"""The web layer's recorder seam keeps ordinary exchanges and never keeps safety-flagged ones."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from feelheard import analyze
from feelheard.storage import repo
from feelheard.storage.db import session_scope
from feelheard.storage.recorder import StorageRecorder


def test_recorder_keeps_ordinary_exchanges_only(engine: Engine) -> None:
    recorder = StorageRecorder(engine=engine)
    recorder.record(
        analyze("You forgot my birthday again", "I'm so sorry. That must have hurt."), source="web"
    )
    recorder.record(analyze("I want to kill myself tonight", "ok"), source="web")
    with session_scope(engine) as s:
        (item,) = repo.list_items(s, viewer_id=repo.local_user(s).id)
    assert item.kind == "analysis" and item.payload["source"] == "web"
    assert item.payload["partner"] == "You forgot my birthday again"
    assert item.title == "You forgot my birthday again"
    assert item.payload["analysis"]["safety"]["level"] == "none"
