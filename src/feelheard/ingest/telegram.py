"""Telegram Desktop's JSON export ("Export chat history" with the JSON option writes `result.json`).

A single-chat export is an object with `name`, `type` and a `messages` list; a whole-account export nests chats
under `chats.list`. Each message has `type` "message" or "service", a local `date` (ISO 8601), `from`, and
`text`, which is either a string or a list mixing strings and formatted pieces `{"type": ..., "text": ...}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from feelheard.errors import InputError
from feelheard.ingest import Message, ParseReport, Source, unknown_format

MAX_JSON_BYTES = 512 << 20


def flatten(text: Any) -> str:
    """Telegram's text field as plain text."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in text
            if isinstance(part, (str, dict))
        )
    return ""


def _chat(data: Any, name: str) -> dict[str, Any]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return data
    if isinstance(data, dict) and isinstance(data.get("chats"), dict):
        chats = [c for c in data["chats"].get("list", []) if isinstance(c, dict)]
        if len(chats) == 1:
            return chats[0]
        names = ", ".join(str(c.get("name")) for c in chats[:8])
        raise InputError(
            f"{name} is a whole-account Telegram export with {len(chats)} chats ({names}); export the one chat "
            "you want (open it, then Export chat history, format JSON)"
        )
    raise unknown_format(name, "JSON without a Telegram 'messages' list")


def parse(source: Source, report: ParseReport) -> Iterator[Message]:
    """Messages of a Telegram JSON export (the JSON is read whole; Telegram exports are modest in size)."""
    text = source.read_text(MAX_JSON_BYTES)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source.name} is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    del text
    chat = _chat(data, source.name)
    report.detail = f"Telegram chat {chat.get('name')!r}" if chat.get("name") else "Telegram chat"
    for index, item in enumerate(chat["messages"], start=1):
        if not isinstance(item, dict):
            report.damage(index, "not a message object", str(item)[:80])
            continue
        if item.get("type") != "message":
            report.system_lines += 1
            continue
        try:
            when = datetime.fromisoformat(str(item["date"]))
        except (KeyError, ValueError):
            report.damage(index, "message without a readable date", json.dumps(item, ensure_ascii=False)[:80])
            continue
        author = str(item.get("from") or "Deleted Account").strip()
        body = flatten(item.get("text")).strip()
        edited = bool(item.get("edited"))
        if body:
            yield Message(when.replace(tzinfo=None), author, body, "text", edited)
        elif any(
            key in item
            for key in ("photo", "file", "media_type", "sticker_emoji", "poll", "location_information")
        ):
            yield Message(
                when.replace(tzinfo=None), author, str(item.get("media_type") or "photo"), "media", edited
            )
        else:
            report.system_lines += 1
