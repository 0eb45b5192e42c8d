"""`StorageRecorder`: the web layer's `ExchangeRecorder` seam, backed by this package.

``app.state.recorder = StorageRecorder()`` keeps every analysed exchange for the local user; in server mode
the web layer passes ``user_id`` per request instead (``StorageRecorder(user_id=...)`` or `record_for`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from feelheard.result import Analysis
    from feelheard.storage.repo import ItemRecord


def is_safety_flagged(analysis: Analysis) -> bool:
    """Whether the exchange raised a safety concern; such exchanges are never kept (the quick-exit promise)."""
    return str(getattr(analysis.safety, "level", "none")) != "none"


class StorageRecorder:
    """Keeps analysed exchanges as ``analysis`` items (safety-flagged ones are dropped, never stored)."""

    def __init__(self, *, engine: Engine | None = None, user_id: int | None = None) -> None:
        self._engine = engine
        self._user_id = user_id

    def record(self, analysis: Analysis, *, source: str) -> None:
        """Keep one exchange for the recorder's user (the local user when none was given)."""
        self.record_for(analysis, source=source, user_id=self._user_id)

    def record_for(self, analysis: Analysis, *, source: str, user_id: int | None) -> ItemRecord | None:
        """Keep one exchange for `user_id` (None: the local user); returns the item, or None if it was dropped."""
        if is_safety_flagged(analysis):
            return None
        from feelheard.storage import repo
        from feelheard.storage.db import get_engine, session_scope

        with session_scope(self._engine or get_engine()) as session:
            owner = repo.local_user(session).id if user_id is None else user_id
            payload = {
                "partner": analysis.partner,
                "reply": analysis.reply,
                "source": source,
                "analysis": analysis.to_dict(),
            }
            return repo.save_analysis(session, owner_id=owner, analysis=payload)
