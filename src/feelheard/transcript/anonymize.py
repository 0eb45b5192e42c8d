"""Replacing names, phone numbers and email addresses consistently, before anything is analysed or shown.

The same person is always the same alias ("Person A"), in the author field and inside message texts, including
their first name alone; every distinct phone number or email gets its own numbered placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from feelheard.ingest import Message

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()./-]{6,}\d(?!\w)")
_WORD = re.compile(r"[^\W\d_]{3,}")  # name parts worth replacing: letters only, three or more
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _alias(index: int) -> str:
    return f"Person {_LETTERS[index]}" if index < len(_LETTERS) else f"Person {index + 1}"


class Anonymizer:
    """A consistent mapping from real names, numbers and addresses to placeholders.

    Args:
        authors: Every author, most important first (the first becomes "Person A").
    """

    def __init__(self, authors: Iterable[str]) -> None:
        self.names: dict[str, str] = {}
        self.phones: dict[str, str] = {}
        self.emails: dict[str, str] = {}
        parts: dict[str, str] = {}
        for index, author in enumerate(authors):
            alias = _alias(index)
            self.names[author] = alias
            for word in _WORD.findall(author):
                parts.setdefault(word.casefold(), alias)
        # Longest first so "Sam Lee" wins over "Sam"; whole words only, any case.
        words = sorted({*parts, *(a.casefold() for a in self.names)}, key=len, reverse=True)
        lookup = {**parts, **{a.casefold(): alias for a, alias in self.names.items()}}
        self._lookup = lookup
        self._names = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
            if words
            else None
        )

    def _digits(self, number: str) -> str:
        return re.sub(r"\D", "", number)

    def phone(self, match: re.Match[str]) -> str:
        key = self._digits(match.group(0))
        if len(key) < 7:
            return match.group(0)
        if key not in self.phones:
            self.phones[key] = f"[phone {len(self.phones) + 1}]"
        return self.phones[key]

    def email(self, match: re.Match[str]) -> str:
        key = match.group(0).casefold()
        if key not in self.emails:
            self.emails[key] = f"[email {len(self.emails) + 1}]"
        return self.emails[key]

    def author(self, name: str) -> str:
        if name not in self.names:
            self.names[name] = _alias(len(self.names))
        return self.names[name]

    def text(self, text: str) -> str:
        """The text with emails, phone numbers and known names replaced."""
        text = _EMAIL.sub(self.email, text)
        text = _PHONE.sub(self.phone, text)
        if self._names is not None:
            text = self._names.sub(lambda m: self._lookup.get(m.group(0).casefold(), m.group(0)), text)
        return text

    def message(self, message: Message) -> Message:
        return Message(
            message.time, self.author(message.author), self.text(message.text), message.kind, message.edited
        )

    def stream(self, messages: Iterable[Message]) -> Iterator[Message]:
        for message in messages:
            yield self.message(message)
