"""WhatsApp chat exports (Android and iPhone, with or without media, in any locale's date format).

A message starts with a timestamp and the author: Android writes `31/12/2020, 21:41 - Sam: text`, the iPhone
`[31/12/2020, 21:41:05] Sam: text`. Locales change the order of day and month, the separator (`/ . -`), the
year's length, the clock (12 or 24 hours, with `AM`, `a.m.`, `p. m.`), and whether seconds appear. A single
timestamp such as `03/04/21` cannot say whether it is March or April, so the whole file is read once to decide:
a first field above 12 proves day-first, a second field above 12 proves month-first, and when no date settles
it, the order that keeps the messages in time order wins.

Lines without a timestamp continue the previous message (multi-line messages). System lines (encryption notice,
joins, subject changes, missed calls) are counted and skipped; media placeholders and deleted messages are kept
as messages of kind "media" / "deleted" because they still show who was talking when.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from feelheard.ingest import Message, MessageKind, ParseReport, Source

_MARKS = "\u200e\u200f\u202a\u202b\u202c\u2068\u2069\ufeff"
_HEADER = re.compile(
    rf"[{_MARKS}]*\[?"
    r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\.?"  # date: three numbers, one separator used twice
    r",?\s*(?:um |à |kl\. |klo |alle |a las |às |om )?"  # some locales put a word before the time
    r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?"  # time, with or without seconds
    r"(?:[\s\u202f\u00a0]*([AaPp])\.?\s?[Mm]\.?)?"  # 12-hour clock marker: AM, pm, a.m., p. m.
    r"(?:\]\s?| ?[-–] )"  # iPhone closes the bracket; Android uses a dash
    r"(.*)",
)
# A line that starts like a timestamp but does not parse is damaged, not a continuation of the last message.
_LOOKS_LIKE_HEADER = re.compile(rf"[{_MARKS}]*\[?\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}},?\s*\d{{1,2}}[:.]\d")

_MEDIA = re.compile(
    r"^(?:<(?:Media omitted|Medien ausgeschlossen|Multimedia omitido|Médias omis|Media weggelaten|"
    r"Media omessi|Mídia oculta|Arquivo de mídia oculto|Медиафайл отсутствует|attached: [^>]*)>"
    r"|(?:image|video|audio|sticker|GIF|document|Contact card|voice message) omitted"
    r"|.+ \(file attached\)|.+\.(?:jpg|jpeg|png|webp|opus|mp4|pdf|vcf) \(.+\)"
    r"|null|location: https?://\S+|Live location shared)$",
    re.IGNORECASE,
)
_DELETED = re.compile(
    r"^(?:This message was deleted\.?|You deleted this message\.?|Diese Nachricht wurde gelöscht\.?|"
    r"Du hast diese Nachricht gelöscht\.?|Se eliminó este mensaje\.?|Eliminaste este mensaje\.?|"
    r"Ce message a été supprimé\.?|Vous avez supprimé ce message\.?|Dit bericht is verwijderd\.?|"
    r"Questo messaggio è stato eliminato\.?|Mensagem apagada|Esta mensagem foi apagada\.?)$",
    re.IGNORECASE,
)
_EDITED = re.compile(
    r"\s*[\u200e]?<(?:This message was edited|Diese Nachricht wurde bearbeitet|Se editó este mensaje|Ce message a été modifié)>$"
)
# System notices, either on their own (Android) or attributed to the chat's name (iPhone).
_SYSTEM = re.compile(
    r"(?:end-to-end encrypted|Ende-zu-Ende-verschlüsselt|cifrados de extremo a extremo|chiffrés de bout en bout|"
    r"security code (?:with .+ )?changed|Sicherheitsnummer|Missed (?:voice|video|group) call|"
    r"(?:Voice|Video) call, |created (?:group|this group)|changed the (?:subject|group description|group name)|"
    r"changed this group's icon|changed (?:their|his|her) phone number|changed to \+?\d|joined using this group's invite link|"
    r"^.{1,60} (?:added|removed|left|joined)(?: .{0,60})?$|blocked this contact|unblocked this contact|"
    r"disappearing messages|This chat is with a business account|is a contact\.?$|Tap to (?:learn more|change)|"
    r"pinned a message|turned (?:on|off) admin approval|You're now an admin|now an admin)",
    re.IGNORECASE,
)


@dataclass
class DateOrder:
    """How to read the three numbers of a date: indexes of (year, month, day) in the match groups 1, 3, 4."""

    name: str
    year: int
    month: int
    day: int


DMY = DateOrder("day/month/year", 4, 3, 1)
MDY = DateOrder("month/day/year", 4, 1, 3)
YMD = DateOrder("year-month-day", 1, 3, 4)


def looks_like(head: list[str]) -> bool:
    """True when most of the first lines that carry a timestamp parse as WhatsApp message headers."""
    hits = sum(1 for line in head if _HEADER.match(line))
    return hits >= 1 and hits >= 0.2 * len(head)


@dataclass
class _Survey:
    headers: int = 0
    twelve_hour: int = 0
    first_over_12: int = 0
    second_over_12: int = 0
    first_is_year: int = 0
    back_dmy: int = 0
    back_mdy: int = 0
    separators: str = ""


def survey(source: Source) -> _Survey:
    """One pass over the whole file, collecting what decides the date order."""
    found = _Survey()
    seps: set[str] = set()
    prev_dmy: tuple[int, int, int] | None = None
    prev_mdy: tuple[int, int, int] | None = None
    match = _HEADER.match
    headers = first_is_year = first_over = second_over = twelve = 0
    for line in source.lines():
        m = match(line)
        if m is None:
            continue
        headers += 1
        a, sep, b, c = m.group(1, 2, 3, 4)
        if len(a) == 4:
            first_is_year += 1
            continue
        seps.add(sep)
        # Two-digit strings compare like numbers; one digit is never above 12.
        if len(a) == 2 and a > "12":
            first_over += 1
        if len(b) == 2 and b > "12":
            second_over += 1
        if m.group(8):
            twelve += 1
        if not (first_over or second_over):
            # Only needed while no date has settled the order: do whole days go backwards under each reading?
            ia, ib, ic = int(a), int(b), int(c)
            key_dmy, key_mdy = (ic, ib, ia), (ic, ia, ib)
            if prev_dmy is not None and key_dmy < prev_dmy:
                found.back_dmy += 1
            if prev_mdy is not None and key_mdy < prev_mdy:
                found.back_mdy += 1
            prev_dmy, prev_mdy = key_dmy, key_mdy
    found.headers, found.first_is_year = headers, first_is_year
    found.first_over_12, found.second_over_12, found.twelve_hour = first_over, second_over, twelve
    found.separators = "".join(sorted(seps))
    return found


def choose_order(found: _Survey) -> tuple[DateOrder, str]:
    """Decide the date order from the survey, with the reason in words."""
    if found.first_is_year > found.headers / 2:
        return YMD, "year first"
    if found.first_over_12 and not found.second_over_12:
        return DMY, "a first number above 12 proves day-first"
    if found.second_over_12 and not found.first_over_12:
        return MDY, "a second number above 12 proves month-first"
    if found.first_over_12 and found.second_over_12:
        # Mixed: trust the reading under which more dates are possible; the rest are reported as damaged.
        if found.first_over_12 >= found.second_over_12:
            return DMY, "mixed dates; day-first fits more of them"
        return MDY, "mixed dates; month-first fits more of them"
    if found.back_dmy != found.back_mdy:
        if found.back_dmy < found.back_mdy:
            return DMY, "no date settles it; day-first keeps the messages in time order"
        return MDY, "no date settles it; month-first keeps the messages in time order"
    if found.twelve_hour > found.headers / 2 and "/" in found.separators:
        return MDY, "no date settles it; a 12-hour clock with slashes suggests the US month-first style"
    return DMY, "no date settles it; assuming day-first, the most common order"


class _Pending:
    __slots__ = ("author", "parts", "time")

    def __init__(self, time: datetime, author: str, first: str) -> None:
        self.time = time
        self.author = author
        self.parts = [first]


_STRIP = _MARKS + " "
_MEDIA_HINTS = ("omitted", "(file attached)", "attached:", "location")


def _finish(pending: _Pending, report: ParseReport) -> Message | None:
    first = pending.parts[0]
    text = first if len(pending.parts) == 1 else "\n".join(pending.parts)
    text = text.strip(_STRIP)
    edited = False
    if text.endswith(">"):
        marker = _EDITED.search(text)
        if marker:
            edited = True
            text = text[: marker.start()].rstrip()
    kind: MessageKind = "text"
    # Cheap tests first: almost every message is plain text, and the full patterns cost more than the rest.
    if (
        text[:1] == "<" or text.endswith(")") or text == "null" or any(hint in text for hint in _MEDIA_HINTS)
    ) and _MEDIA.match(text):
        kind = "media"
    elif len(text) < 60 and _DELETED.match(text):
        kind = "deleted"
    elif first[:1] in ("\u200e", "") and len(text) < 200 and _SYSTEM.search(text):
        # iPhone attributes system notices to the chat's name and marks them with an invisible LRM.
        report.system_lines += 1
        return None
    return Message(pending.time, pending.author, text, kind, edited)


def parse(source: Source, report: ParseReport) -> Iterator[Message]:
    """Stream the messages of a WhatsApp export (reads the file twice: once to learn its date order)."""
    found = survey(source)
    order, why = choose_order(found)
    report.detail = f"dates read as {order.name}: {why}"
    yi, mi, di = order.year, order.month, order.day
    match = _HEADER.match
    pending: _Pending | None = None
    days: dict[tuple[str, str, str], tuple[int, ...]] = {}
    authors: dict[str, str] = {}
    for number, line in enumerate(source.lines(), start=1):
        m = match(line)
        if m is None:
            if _LOOKS_LIKE_HEADER.match(line):
                report.damage(number, "timestamp could not be read", line)
            elif pending is not None:
                pending.parts.append(line)
            elif line.strip(_MARKS + " "):
                report.damage(number, "text before the first message", line)
            continue
        if pending is not None:
            message = _finish(pending, report)
            pending = None
            if message is not None:
                yield message
        g = m.groups()
        try:
            # Most messages share their date with the one before: cache the validated (year, month, day).
            key = (g[0], g[2], g[3])
            day = days.get(key)
            if day is None:
                year = int(g[yi - 1])
                if year < 100:
                    year += 2000
                day = days[key] = date(year, int(g[mi - 1]), int(g[di - 1])).timetuple()[:3]
            hour = int(g[4])
            if g[7]:
                if hour > 12:
                    raise ValueError("hour above 12 on a 12-hour clock")
                hour = hour % 12 + (12 if g[7] in "Pp" else 0)
            time = datetime(day[0], day[1], day[2], hour, int(g[5]), int(g[6] or 0))
        except ValueError:
            report.damage(number, f"impossible date or time for {order.name}", line)
            continue
        rest = g[8]
        author, sep, text = rest.partition(": ")
        if not sep:
            if rest.endswith(":") and 0 < len(rest) <= 61:
                author, text = rest[:-1], ""
            else:
                # Android writes system notices with no author: encryption notice, joins, subject changes.
                report.system_lines += 1
                continue
        elif len(author) > 60 or '"' in author or "\u201c" in author:
            report.system_lines += 1
            continue
        clean = authors.get(author)
        if clean is None:
            clean = authors[author] = author.strip(_MARKS + " ~\u202f")
        author = clean
        if not author:
            report.damage(number, "message without an author", line)
            continue
        pending = _Pending(time, author, text)
    if pending is not None:
        message = _finish(pending, report)
        if message is not None:
            yield message
    if found.headers == 0:
        report.notes.append("no WhatsApp timestamps found")
