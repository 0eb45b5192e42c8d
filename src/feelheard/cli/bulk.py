"""JSON Lines in, JSON Lines out, in input order, with bad lines named by number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from feelheard.cli.io import decode
from feelheard.errors import InputError
from feelheard.pipeline import Pipeline
from feelheard.result import Analysis


@dataclass
class BulkReport:
    written: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


def _parse_line(raw: bytes, number: int, pipeline: Pipeline) -> Analysis:
    text = decode(raw, f"line {number}")
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not valid JSON ({exc.msg})") from exc
    if not isinstance(item, dict):
        raise InputError(f"line {number}: expected a JSON object with id, partner and reply")
    unknown = set(item) - {"id", "partner", "reply", "sent_at"}
    if unknown:
        raise InputError(f"line {number}: unknown field(s) {', '.join(sorted(unknown))}")
    try:
        return pipeline.make(item.get("partner"), item.get("reply"), id=item.get("id"))
    except InputError as exc:
        raise InputError(f"line {number}: {exc}") from exc


def _prepared(
    lines: Iterator[bytes], pipeline: Pipeline, skip_invalid: bool, report: BulkReport
) -> Iterator[Analysis]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield _parse_line(raw, number, pipeline)
        except InputError as exc:
            if not skip_invalid:
                raise
            report.skipped.append((number, str(exc)))


def run_bulk(lines: Iterator[bytes], out: IO[str], pipeline: Pipeline, *, skip_invalid: bool) -> BulkReport:
    """Analyse every line and write one JSON object per line, same order as the input."""
    report = BulkReport()
    for analysis in pipeline.pipe(_prepared(lines, pipeline, skip_invalid, report)):
        out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
        report.written += 1
    return report
