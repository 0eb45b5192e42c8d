"""Assessment results in storage: kept as ``assessment`` items, read back as a history of scores.

The payload holds the assessment id and version, the answers, the score and the band id, plus the local date;
the title is made of the short title, score and band label only. A result that touches on safety is never
kept (see `AssessmentResult.savable`), so nothing on the computer shows that it was taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from feelheard.assess.content import get_assessment, load_assessments
from feelheard.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from feelheard.assess.scoring import AssessmentResult
    from feelheard.storage.repo import ItemRecord

HISTORY_LIMIT = 500


@dataclass(frozen=True)
class PastResult:
    """One kept result, for the history over time."""

    id: int
    assessment: str
    title: str
    score: int
    band: str
    band_label: str
    day: date
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "id": self.id,
            "assessment": self.assessment,
            "title": self.title,
            "score": self.score,
            "band": self.band,
            "band_label": self.band_label,
            "date": self.day.isoformat(),
            "created_at": self.created_at.isoformat(),
        }


def save_result(session: Session, *, owner_id: int, result: AssessmentResult, day: date) -> ItemRecord:
    """Keep a result as an ``assessment`` item of `owner_id`.

    Raises:
        InputError: the result touches on safety (those are never kept).
    """
    from feelheard.storage import repo

    if not result.savable:
        raise InputError("a result that touches on safety is never saved")
    title = f"{result.assessment.short_title}: {result.score}/100 ({result.band.label})"
    payload = {**result.to_payload(), "date": day.isoformat()}
    return repo.save_item(session, owner_id=owner_id, kind="assessment", payload=payload, title=title)


def past_result(item: ItemRecord) -> PastResult | None:
    """The history view of an assessment item; None when it is not a result this version understands."""
    payload = item.payload
    assessment = get_assessment(str(payload.get("assessment", "")))
    score = payload.get("score")
    if assessment is None or not isinstance(score, int) or isinstance(score, bool):
        return None
    band_id = payload.get("band")
    band = next((b for b in assessment.bands if b.id == band_id), None) or assessment.band_for(score)
    raw_day = payload.get("date")
    try:
        day = date.fromisoformat(raw_day) if isinstance(raw_day, str) else item.created_at.astimezone().date()
    except ValueError:
        day = item.created_at.astimezone().date()
    return PastResult(
        id=item.id,
        assessment=assessment.id,
        title=assessment.title,
        score=score,
        band=band.id,
        band_label=band.label,
        day=day,
        created_at=item.created_at,
    )


def list_results(session: Session, *, owner_id: int, name: str | None = None) -> list[PastResult]:
    """`owner_id`'s own kept results, newest first; only those of `name` when given.

    Raises:
        InputError: `name` is not an assessment.
    """
    from feelheard.storage import repo

    key: str | None = None
    if name is not None:
        found = get_assessment(name)
        if found is None:
            raise InputError(f"no assessment called {name!r}; choose one of: {', '.join(load_assessments())}")
        key = found.id
    items = repo.list_items(session, viewer_id=owner_id, kind="assessment", scope="mine", limit=HISTORY_LIMIT)
    results = [r for r in (past_result(item) for item in items) if r is not None]
    return [r for r in results if key is None or r.assessment == key]
