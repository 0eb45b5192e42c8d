"""The pipeline: a printable list of named analyzers run in order over one `Analysis`.

Like spaCy's `Language`, it checks when built that every analyzer's `requires` is assigned by an earlier one,
and it batches: analyzers with a `pipe` method get whole batches (one encoder run for many exchanges).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from feelheard.analyzers.base import Analyzer
from feelheard.errors import InputError
from feelheard.result import Analysis
from feelheard.text import parse

# Fields an Analysis has before any analyzer runs.
INITIAL_FIELDS = frozenset({"id", "partner", "reply", "partner_doc", "reply_doc", "features"})


def check_text(value: object, field: str, max_chars: int) -> str | None:
    """Validate one input text; None means "not given"."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{field} must be a string or null, not {type(value).__name__}")
    if not value.strip():
        raise InputError(f"{field} is empty or only whitespace")
    if len(value) > max_chars:
        raise InputError(f"{field} is {len(value):,} characters long; the limit is {max_chars:,}")
    if "\x00" in value:
        raise InputError(f"{field} contains binary data (a NUL byte)")
    return value


class Pipeline:
    """Named analyzers in order."""

    def __init__(self, steps: Sequence[Analyzer], *, max_chars: int = 20_000, batch_size: int = 64) -> None:
        available = set(INITIAL_FIELDS)
        for step in steps:
            missing = [f for f in step.requires if f not in available]
            if missing:
                raise ValueError(
                    f"analyzer {step.name!r} requires {missing}, which no earlier analyzer assigns"
                )
            available.update(step.assigns)
        self.steps = list(steps)
        self.max_chars = max_chars
        self.batch_size = batch_size

    @property
    def pipe_names(self) -> list[str]:
        return [step.name for step in self.steps]

    def with_max_chars(self, max_chars: int) -> Pipeline:
        """The same analyzers with another input limit (the shared pipeline itself is never changed)."""
        return Pipeline(self.steps, max_chars=max_chars, batch_size=self.batch_size)

    def get(self, name: str) -> Analyzer:
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(name)

    def without(self, *names: str) -> Pipeline:
        """The same pipeline minus some steps (e.g. to verify a suggestion without suggesting again)."""
        return Pipeline(
            [s for s in self.steps if s.name not in names],
            max_chars=self.max_chars,
            batch_size=self.batch_size,
        )

    def make(
        self, partner: object = None, reply: object = None, *, id: Any = None, sent_at: datetime | None = None
    ) -> Analysis:
        """Validate the texts and build the empty `Analysis` the analyzers fill in."""
        partner_text = check_text(partner, "partner", self.max_chars)
        reply_text = check_text(reply, "reply", self.max_chars)
        if partner_text is None and reply_text is None:
            raise InputError("give a partner message, a reply, or both")
        analysis = Analysis(
            id=id,
            partner=partner_text,
            reply=reply_text,
            partner_doc=parse(partner_text) if partner_text is not None else None,
            reply_doc=parse(reply_text) if reply_text is not None else None,
        )
        if sent_at is not None:
            analysis.features["sent_at"] = sent_at
        return analysis

    def __call__(
        self, partner: object = None, reply: object = None, *, id: Any = None, sent_at: datetime | None = None
    ) -> Analysis:
        analysis = self.make(partner, reply, id=id, sent_at=sent_at)
        for step in self.steps:
            analysis = step(analysis)
        return analysis

    def run_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        """Run every step over prepared analyses, giving batch-capable steps the whole batch."""
        for step in self.steps:
            pipe = getattr(step, "pipe", None)
            analyses = pipe(analyses) if callable(pipe) else [step(a) for a in analyses]
        return analyses

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        """Analyse prepared analyses lazily, in batches, keeping input order."""
        iterator = iter(analyses)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self.run_batch(batch)
