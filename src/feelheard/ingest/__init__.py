"""Importing chat exports: WhatsApp (.txt/.zip, Android and iOS, any locale), Telegram JSON, Signal
(signal-export's chat.md and data.json) and generic CSV, JSON Lines or "Name: text" transcripts.

>>> from feelheard.ingest import open_transcript
>>> chat = open_transcript("WhatsApp Chat with Sam.zip")   # doctest: +SKIP
>>> for message in chat: ...                                # doctest: +SKIP
>>> chat.report.summary()                                   # doctest: +SKIP

The format is detected from the content, not the file name. Parsing streams: messages come out one at a time,
so a long history never has to fit in memory. Lines that look like messages but cannot be read are counted in
`ParseReport` with their line numbers; nothing is dropped silently.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Literal

from feelheard.errors import InputError
from feelheard.ingest._text import MAX_TEXT_BYTES, iter_lines

MessageKind = Literal["text", "media", "deleted"]

SUPPORTED = (
    "WhatsApp export (.txt or .zip, Android or iPhone, any language's date format)",
    "Telegram Desktop JSON export (result.json)",
    "Signal via signal-export (chat.md or data.json)",
    "CSV with columns for time, author and text",
    "JSON Lines with time, author and text (what 'feelheard transcript parse' writes)",
    "plain 'Name: text' lines",
)
FORMATS = ("whatsapp", "telegram", "signal", "csv", "jsonl", "lines")
MAX_EXAMPLES = 20


@dataclass(slots=True)  # not frozen: a frozen init costs a microsecond per message, a fifth of the parse
class Message:
    """One chat message.

    Attributes:
        time: Local time the message was sent, as the export shows it (None when the format has no times).
        author: The sender's name as the export writes it (a name, possibly with emoji, or a phone number).
        text: The message text; multi-line messages keep their line breaks.
        kind: "text", or "media" (a photo, voice note or file stood in for by a marker), or "deleted".
        edited: True when the export marks the message as edited.
    """

    time: datetime | None
    author: str
    text: str
    kind: MessageKind = "text"
    edited: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines form: time (ISO 8601 local time), author, text; kind and edited only when notable."""
        out: dict[str, Any] = {
            "time": self.time.isoformat() if self.time is not None else None,
            "author": self.author,
            "text": self.text,
        }
        if self.kind != "text":
            out["kind"] = self.kind
        if self.edited:
            out["edited"] = True
        return out


@dataclass
class ParseReport:
    """What happened while reading: the format found, counts, and every line that could not be read."""

    format: str = ""
    detail: str = ""
    messages: int = 0
    system_lines: int = 0
    media: int = 0
    deleted: int = 0
    damaged: int = 0
    examples: list[tuple[int, str, str]] = field(default_factory=list)  # (line, reason, excerpt)
    notes: list[str] = field(default_factory=list)

    def damage(self, line: int, reason: str, text: str) -> None:
        """Count one unreadable line; keep the first few as examples for the user."""
        self.damaged += 1
        if len(self.examples) < MAX_EXAMPLES:
            excerpt = text if len(text) <= 80 else text[:77] + "..."
            self.examples.append((line, reason, excerpt))

    def count(self, message: Message) -> None:
        self.messages += 1
        if message.kind == "media":
            self.media += 1
        elif message.kind == "deleted":
            self.deleted += 1

    def summary(self) -> str:
        """A few plain lines for the terminal."""
        lines = [
            f"format: {self.format}" + (f" ({self.detail})" if self.detail else ""),
            f"messages: {self.messages:,} (media {self.media:,}, deleted {self.deleted:,}); "
            f"system lines skipped: {self.system_lines:,}",
        ]
        if self.damaged:
            lines.append(f"damaged lines not read: {self.damaged:,}")
            lines.extend(f"  line {n:,}: {why}: {text!r}" for n, why, text in self.examples)
            if self.damaged > len(self.examples):
                lines.append(f"  ... and {self.damaged - len(self.examples):,} more")
        lines.extend(self.notes)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "detail": self.detail,
            "messages": self.messages,
            "system_lines": self.system_lines,
            "media": self.media,
            "deleted": self.deleted,
            "damaged": self.damaged,
            "damaged_examples": [{"line": n, "reason": r, "text": t} for n, r, t in self.examples],
            "notes": list(self.notes),
        }


class Source:
    """A file (or one member of a zip) that can be read more than once: detection reads it, then parsing does."""

    def __init__(self, path: Path) -> None:
        from feelheard.ingest._safezip import choose_member, is_zip

        self.path = path
        if not path.exists():
            raise InputError(f"{path} does not exist")
        if not path.is_file():
            raise InputError(f"{path} is not a file")
        self.member: tuple[str, int] | None = choose_member(path) if is_zip(path) else None
        if self.member is None and path.stat().st_size > MAX_TEXT_BYTES:
            raise InputError(
                f"{path.name} is larger than {MAX_TEXT_BYTES >> 20:,} MB; that is not a chat export"
            )
        self.name = f"{self.member[0]} inside {path.name}" if self.member else path.name
        self.suffix = Path(self.member[0] if self.member else path.name).suffix.lower()

    @contextlib.contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        """A fresh binary stream from the start."""
        if self.member is not None:
            from feelheard.ingest._safezip import open_member

            with open_member(self.path, *self.member) as stream:
                yield stream
            return
        try:
            handle = self.path.open("rb")
        except OSError as exc:
            raise InputError(f"cannot read {self.path}: {exc.strerror}") from exc
        with handle:
            yield handle

    def lines(self) -> Iterator[str]:
        """Decoded lines, streamed."""
        with self.open() as stream:
            yield from iter_lines(stream, self.name)

    def read_text(self, limit: int = 512 << 20) -> str:
        """The whole text at once (for JSON formats), refusing more than `limit` bytes."""
        with self.open() as stream:
            return "\n".join(iter_lines(stream, self.name, limit=limit))


Parser = Callable[[Source, ParseReport], Iterator[Message]]


class Transcript:
    """An opened export: iterate it for messages; `report` fills in as you go."""

    def __init__(self, source: Source, fmt: str, parser: Parser) -> None:
        self.source = source
        self.format = fmt
        self.report = ParseReport(format=fmt)
        self._parser = parser

    def __iter__(self) -> Iterator[Message]:
        for message in self._parser(self.source, self.report):
            self.report.count(message)
            yield message


def _head(source: Source, wanted: int = 200) -> list[str]:
    head: list[str] = []
    lines = source.lines()
    try:
        for line in lines:
            if line.strip():
                head.append(line)
                if len(head) >= wanted:
                    break
    finally:
        lines.close()  # type: ignore[attr-defined]
    return head


def unknown_format(name: str, why: str = "") -> InputError:
    """The error for a file we cannot read as any chat format, listing what is supported."""
    listing = "; ".join(SUPPORTED)
    reason = f" ({why})" if why else ""
    return InputError(f"could not recognise {name} as a chat export{reason}. Supported: {listing}")


def detect_format(source: Source) -> str:
    """Name the format of a source, judging by its content."""
    from feelheard.ingest import generic, signal, whatsapp

    head = _head(source)
    if not head:
        raise InputError(f"{source.name} is empty")
    first = head[0].lstrip()
    if whatsapp.looks_like(head):
        return "signal" if source.suffix == ".md" or signal.looks_like(head) else "whatsapp"
    if first.startswith(("{", "[")):
        kind = generic.json_kind(head)
        if kind is not None:
            return kind
        return "telegram"
    if generic.looks_like_csv(head):
        return "csv"
    if generic.looks_like_lines(head):
        return "lines"
    raise unknown_format(source.name)


def _parser(fmt: str) -> Parser:
    from feelheard.ingest import generic, signal, telegram, whatsapp

    parsers: dict[str, Parser] = {
        "whatsapp": whatsapp.parse,
        "signal": signal.parse_markdown,
        "signal-json": signal.parse_json,
        "telegram": telegram.parse,
        "csv": generic.parse_csv,
        "jsonl": generic.parse_jsonl,
        "lines": generic.parse_lines,
    }
    return parsers[fmt]


def open_transcript(path: str | Path, fmt: str | None = None) -> Transcript:
    """Open a chat export for streaming.

    Args:
        path: A .txt, .zip, .json, .jsonl, .csv or .md export.
        fmt: Force a format (one of `FORMATS`, or "signal-json"); detected from the content when None.

    Raises:
        InputError: If the file is missing, unreadable, binary, not UTF-8, a zip bomb or of an unknown format.
    """
    source = Source(Path(path))
    chosen = fmt or detect_format(source)
    try:
        parser = _parser(chosen)
    except KeyError:
        raise InputError(f"unknown format {chosen!r}; choose one of {', '.join(FORMATS)}") from None
    return Transcript(source, chosen, parser)


def parse_transcript(path: str | Path, report: ParseReport | None = None) -> Iterator[Message]:
    """Messages of a chat export, streamed, in the order the export lists them.

    Args:
        path: The export file.
        report: Filled in with the format, counts and damaged lines while iterating.
    """
    transcript = open_transcript(path)
    if report is not None:
        transcript.report = report
        report.format = transcript.format
    yield from transcript


__all__ = [
    "FORMATS",
    "SUPPORTED",
    "Message",
    "ParseReport",
    "Source",
    "Transcript",
    "detect_format",
    "open_transcript",
    "parse_transcript",
]
