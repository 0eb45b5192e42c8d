"""Signal chats, as the community tool signal-export writes them.

Signal has no built-in per-chat export; most people use signal-export (`sigexport`), which writes each chat as
`chat.md` (one `[2024-01-31 21:41:05] Sam: text` line per message, reactions as `(- Name: emoji -)`, stickers
as `(( emoji ))`, attachments as Markdown links, and `> ` quotes) and as `data.json` (one JSON object per line
with `date`, `sender`, `body`, `quote`, `reactions`, `attachments`, `deleted`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime

from feelheard.ingest import Message, ParseReport, Source, whatsapp

_REACTIONS = re.compile(r"\n?\(- .* -\)\s*$")
_STICKER = re.compile(r"\n?\(\( (.*) \)\)\s*$")
_ATTACHMENT = re.compile(r"!?\[[^\]]*\]\([^)]*\)\s*")
_QUOTE = re.compile(r"^(?:> .*\n)+")
_DELETED = "(This message was deleted)"


def looks_like(head: list[str]) -> bool:
    """True when the head shows signal-export's own markers (reactions or stickers)."""
    return any(line.startswith("(- ") and line.rstrip().endswith(" -)") for line in head) or any(
        line.startswith("(( ") for line in head
    )


def _clean(message: Message) -> Message:
    text = message.text
    if text.strip() == _DELETED:
        return Message(message.time, message.author, "", "deleted", message.edited)
    text = _REACTIONS.sub("", text)
    sticker = _STICKER.search(text)
    text = _STICKER.sub("", text)
    text = _QUOTE.sub("", text)
    stripped = _ATTACHMENT.sub("", text).strip()
    if not stripped:
        media = text.strip() or (sticker.group(1) if sticker else "")
        return Message(message.time, message.author, media or "<attachment>", "media", message.edited)
    return Message(message.time, message.author, stripped, "text", message.edited)


def parse_markdown(source: Source, report: ParseReport) -> Iterator[Message]:
    """Stream the messages of signal-export's chat.md."""
    for message in whatsapp.parse(source, report):
        yield _clean(message)
    report.detail = "signal-export Markdown; " + report.detail


def parse_json(source: Source, report: ParseReport) -> Iterator[Message]:
    """Stream the messages of signal-export's data.json (JSON Lines)."""
    report.detail = "signal-export JSON Lines"
    for number, line in enumerate(source.lines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            when = datetime.fromisoformat(str(item["date"]))
            author = str(item["sender"]).strip()
            body = item.get("body") or ""
            if not isinstance(body, str) or not author:
                raise ValueError("sender or body missing")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            report.damage(number, f"not a signal-export message ({exc.__class__.__name__})", line)
            continue
        when = when.replace(tzinfo=None) if when.tzinfo is not None else when
        if item.get("deleted"):
            yield Message(when, author, "", "deleted")
        elif body.strip():
            yield Message(when, author, body.strip(), "text")
        elif item.get("attachments") or item.get("sticker"):
            yield Message(when, author, "<attachment>", "media")
        else:
            report.system_lines += 1
