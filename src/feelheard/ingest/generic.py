"""Generic transcripts: CSV with a header, JSON Lines, and plain "Name: text" lines.

CSV columns are found by name (case-insensitive): the time from `time`, `timestamp`, `datetime`, `date`
(or `date` and `time` together), the author from `author`, `sender`, `from`, `name`, `speaker`, `user`, the text
from `text`, `message`, `body`, `content`. Times may be ISO 8601, Unix seconds or milliseconds, or
`YYYY-MM-DD HH:MM[:SS]`. "Name: text" lines carry no time; lines without a name continue the message above.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from feelheard.errors import InputError
from feelheard.ingest import Message, ParseReport, Source

TIME_COLUMNS = ("time", "timestamp", "datetime", "date_time", "sent_at", "sent", "date")
AUTHOR_COLUMNS = ("author", "sender", "from", "name", "speaker", "user", "who")
TEXT_COLUMNS = ("text", "message", "body", "content", "msg")
_LINE = re.compile(r"^([^:\n]{1,40}?):\s(.*)$")


def json_kind(head: list[str]) -> str | None:
    """'jsonl' or 'signal-json' when the first line is one message object; None otherwise."""
    try:
        first = json.loads(head[0])
    except json.JSONDecodeError:
        return None
    if isinstance(first, dict):
        if {"sender", "date"} <= first.keys() and "body" in first:
            return "signal-json"
        if {"author", "text"} <= first.keys():
            return "jsonl"
    return None


def _columns(header: list[str]) -> tuple[int | None, int | None, int, int] | None:
    names = [h.strip().lower().lstrip("\ufeff") for h in header]

    def find(options: tuple[str, ...]) -> int | None:
        for option in options:
            if option in names:
                return names.index(option)
        return None

    author, text = find(AUTHOR_COLUMNS), find(TEXT_COLUMNS)
    if author is None or text is None:
        return None
    when = find(TIME_COLUMNS)
    clock = names.index("time") if "date" in names and "time" in names else None
    if clock is not None:
        when = names.index("date")
    return when, clock, author, text


def _dialect(first: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def looks_like_csv(head: list[str]) -> bool:
    """True when the first line is a header naming an author and a text column."""
    rows = list(csv.reader(head[:1], _dialect(head[0])))
    return bool(rows) and len(rows[0]) >= 2 and _columns(rows[0]) is not None


def looks_like_lines(head: list[str]) -> bool:
    """True when most lines read "Name: text" and a handful of names recur."""
    names = [m.group(1) for line in head if (m := _LINE.match(line))]
    return len(names) >= max(2, 0.5 * len(head)) and len(set(names)) <= max(6, len(names) // 3)


def parse_time(value: str) -> datetime:
    """A time as CSV and JSON exports tend to write it (naive local time)."""
    value = value.strip()
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", value):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        return datetime.fromtimestamp(seconds)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed.replace(tzinfo=None) if parsed.tzinfo is not None else parsed


def parse_csv(source: Source, report: ParseReport) -> Iterator[Message]:
    """Stream the rows of a CSV transcript."""
    lines = source.lines()
    first = next(lines, "")
    dialect = _dialect(first)
    header = next(csv.reader([first], dialect))
    columns = _columns(header)
    if columns is None:
        raise InputError(f"{source.name}: the CSV header needs an author and a text column, found {header}")
    when_i, clock_i, author_i, text_i = columns
    report.detail = "CSV columns: " + ", ".join(
        header[i] for i in (when_i, clock_i, author_i, text_i) if i is not None
    )
    need = max(i for i in columns if i is not None) + 1
    # The reader needs the line ends back to keep line breaks inside quoted fields.
    rows = csv.reader((line + "\n" for line in lines), dialect)
    for row_number, row in enumerate(rows, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < need:
            report.damage(row_number, f"row has {len(row)} columns, expected {len(header)}", ",".join(row))
            continue
        author = row[author_i].strip()
        text = row[text_i].strip()
        when: datetime | None = None
        if when_i is not None and row[when_i].strip():
            raw = row[when_i] + (" " + row[clock_i] if clock_i is not None else "")
            try:
                when = parse_time(raw)
            except (ValueError, OverflowError, OSError):
                report.damage(row_number, "time could not be read", ",".join(row))
                continue
        if not author:
            report.damage(row_number, "row without an author", ",".join(row))
            continue
        if not text:
            report.system_lines += 1
            continue
        yield Message(when, author, text)


def parse_jsonl(source: Source, report: ParseReport) -> Iterator[Message]:
    """Stream JSON Lines of {"time", "author", "text"} (the output of `feelheard transcript parse`)."""
    report.detail = "JSON Lines"
    for number, line in enumerate(source.lines(), start=1):
        if not line.strip():
            continue
        try:
            item: Any = json.loads(line)
            author = str(item["author"]).strip()
            text = item["text"]
            if not isinstance(text, str) or not author:
                raise ValueError("author or text missing")
            raw_time = item.get("time")
            when = parse_time(str(raw_time)) if raw_time not in (None, "") else None
            kind = item.get("kind", "text")
            if kind not in ("text", "media", "deleted"):
                raise ValueError(f"unknown kind {kind!r}")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
            report.damage(number, f"not a message line ({exc.__class__.__name__})", line)
            continue
        yield Message(when, author, text, kind, bool(item.get("edited")))


def parse_lines(source: Source, report: ParseReport) -> Iterator[Message]:
    """Stream "Name: text" lines (no times); other lines continue the message above."""
    report.detail = "Name: text lines, without times"
    author: str | None = None
    parts: list[str] = []
    for number, line in enumerate(source.lines(), start=1):
        m = _LINE.match(line)
        if m:
            if author is not None:
                yield Message(None, author, "\n".join(parts).strip())
            author, parts = m.group(1).strip(), [m.group(2)]
        elif author is not None:
            parts.append(line)
        elif line.strip():
            report.damage(number, "text before the first 'Name: text' line", line)
    if author is not None:
        yield Message(None, author, "\n".join(parts).strip())
