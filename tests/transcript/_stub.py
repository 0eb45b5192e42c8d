"""A stand-in pipeline with known answers, so metric logic is tested apart from the models' judgement."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from feelheard.result import Analysis, Emotion, EmpathyLevel, Finding


class StubPipeline:
    """Fills each analysis from a table keyed by the reply text; records the partner context it saw."""

    max_chars = 20_000

    def __init__(self, table: dict[str, dict[str, Any]], emotional: set[str]) -> None:
        self.table = table
        self.emotional = emotional
        self.seen: dict[str, str | None] = {}

    def make(
        self,
        partner: str | None = None,
        reply: str | None = None,
        *,
        id: Any = None,
        sent_at: datetime | None = None,
    ) -> Analysis:
        return Analysis(id=id, partner=partner, reply=reply)

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        for a in analyses:
            assert a.reply is not None
            self.seen[a.reply] = a.partner
            row = self.table.get(a.reply, {})
            if a.partner in self.emotional:
                a.emotions = [Emotion("sadness", 0.9)]
            a.moves = [Finding(m, "move", 0, len(a.reply), a.reply, "") for m in row.get("moves", [])]
            a.pitfalls = [
                Finding(p, "pitfall", 0, len(a.reply), a.reply, "") for p in row.get("pitfalls", [])
            ]
            for mechanism, level in row.get("empathy", {}).items():
                a.empathy[mechanism] = EmpathyLevel(level)
            a.tone.heated = bool(row.get("heated"))
            if row.get("safety"):
                a.safety.level = row["safety"]
                a.safety.categories = ["self_harm"]
                a.safety.findings = [{"text": "reply", "category": "self_harm", "level": row["safety"]}]
            a.score = None if row.get("safety") else 50
            yield a
