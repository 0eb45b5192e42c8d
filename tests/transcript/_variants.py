"""An independent generator of WhatsApp export variants (locales, clocks, separators, platforms).

It writes exports the way the phones do, from a list of (time, author, text, kind) messages, so the parser can be
checked against the known truth. It shares no code with `feelheard.ingest`.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import datetime

AMPM_STYLES = ("AM", "am", "a.m.", "a. m.", "\u202fAM")


@dataclass(frozen=True)
class Variant:
    platform: str  # android | ios
    order: str  # DMY | MDY | YMD
    sep: str  # / . -
    year4: bool
    clock: int  # 12 | 24
    ampm: str
    seconds: bool
    comma: bool
    pad: bool  # zero-padded day and month
    ambiguous: bool  # every day <= 12, so only time order can settle the date order

    @property
    def id(self) -> str:
        return (
            f"{self.platform}-{self.order}-{'slash' if self.sep == '/' else 'dot' if self.sep == '.' else 'dash'}"
            f"-y{4 if self.year4 else 2}-{self.clock}h-{self.ampm.strip().replace(' ', '') if self.clock == 12 else ''}"
            f"-{'s' if self.seconds else 'nos'}-{'comma' if self.comma else 'nocomma'}-{'pad' if self.pad else 'nopad'}"
            f"{'-ambiguous' if self.ambiguous else ''}"
        )

    def stamp(self, when: datetime) -> str:
        day = f"{when.day:02d}" if self.pad else str(when.day)
        month = f"{when.month:02d}" if self.pad else str(when.month)
        year = f"{when.year}" if self.year4 else f"{when.year % 100:02d}"
        parts = {"DMY": (day, month, year), "MDY": (month, day, year), "YMD": (year, month, day)}[self.order]
        date = self.sep.join(parts)
        if self.clock == 24:
            hour = f"{when.hour:02d}"
            suffix = ""
        else:
            hour = str(when.hour % 12 or 12)
            marker = self.ampm if when.hour < 12 else self.ampm.replace("A", "P").replace("a", "p")
            suffix = marker if marker.startswith("\u202f") else " " + marker
        clock = f"{hour}:{when.minute:02d}" + (f":{when.second:02d}" if self.seconds else "") + suffix
        joined = f"{date}, {clock}" if self.comma else f"{date} {clock}"
        return f"[{joined}]" if self.platform == "ios" else joined

    def line(self, when: datetime, author: str | None, text: str) -> str:
        stamp = self.stamp(when)
        who = f"{author}: " if author is not None else ""
        if self.platform == "ios":
            return f"{stamp} {who}{text}"
        return f"{stamp} - {who}{text}"


# The format dimensions a variant varies along; every value of each appears at least once.
DIMENSIONS = ("platform", "order", "sep", "year4", "clock", "ampm", "seconds", "comma", "pad", "ambiguous")


def all_variants(count: int = 100, seed: int = 8) -> list[Variant]:
    """`count` distinct variants, covering every value of every dimension."""
    grid = [
        Variant(p, o, s, y4, c, a, sec, comma, pad, amb)
        for p, o, s, y4, c, a, sec, comma, pad, amb in itertools.product(
            ("android", "ios"),
            ("DMY", "MDY", "YMD"),
            ("/", ".", "-"),
            (False, True),
            (12, 24),
            AMPM_STYLES,
            (False, True),
            (True, False),
            (True, False),
            (False, True),
        )
        if not (o == "YMD" and not y4)  # year-first locales always write four digits
        and not (c == 24 and a != "AM")  # the marker style only matters on a 12-hour clock
    ]
    rng = random.Random(seed)
    rng.shuffle(grid)
    chosen: list[Variant] = []
    # First one variant per value of each dimension, then fill up at random.
    for attr in DIMENSIONS:
        for value in sorted({getattr(v, attr) for v in grid}, key=repr):
            pick = next(v for v in grid if getattr(v, attr) == value)
            if pick not in chosen:
                chosen.append(pick)
    for v in grid:
        if len(chosen) >= count:
            break
        if v not in chosen:
            chosen.append(v)
    return chosen[:count]


# (time, author, text, kind); author None is a system line.
def conversation(ambiguous: bool) -> list[tuple[datetime, str | None, str, str]]:
    if ambiguous:  # days never above 12; months move forward so only time order settles the date order
        days = [(2021, 1, 3), (2021, 2, 5), (2021, 3, 7), (2021, 4, 2), (2021, 5, 9), (2021, 6, 11)]
    else:
        days = [(2021, 1, 13), (2021, 2, 25), (2021, 3, 7), (2021, 4, 30), (2021, 11, 19), (2022, 12, 31)]
    d = [datetime(y, m, dd) for y, m, dd in days]
    return [
        (d[0].replace(hour=0, minute=5, second=1), None, "system", "system"),
        (d[0].replace(hour=0, minute=6, second=2), "Alex 🌙", "Good morning! Did you sleep ok?", "text"),
        (
            d[1].replace(hour=9, minute=41, second=3),
            "+1 555 010 7788",
            "Not really.\nKept thinking about work\n\nand you",
            "text",
        ),
        (d[2].replace(hour=12, minute=0, second=4), "Alex 🌙", "media", "media"),
        (d[3].replace(hour=12, minute=30, second=59), "+1 555 010 7788", "Deal: dinner at 8? 😊", "text"),
        (d[4].replace(hour=23, minute=59, second=0), "Alex 🌙", "deleted", "deleted"),
        (d[5].replace(hour=13, minute=7, second=0), "María-José", "ok: see you then", "text"),
    ]


def render(variant: Variant) -> tuple[str, list[tuple[datetime, str, str, str]]]:
    """The export text and the messages a correct parser returns."""
    lines: list[str] = []
    expected: list[tuple[datetime, str, str, str]] = []
    for when, author, text, kind in conversation(variant.ambiguous):
        shown = when if variant.seconds else when.replace(second=0)
        if kind == "system":
            if variant.platform == "ios":
                lines.append(
                    "\u200e"
                    + variant.line(
                        when,
                        "Alex 🌙",
                        "\u200eMessages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
                    )
                )
            else:
                lines.append(
                    variant.line(
                        when,
                        None,
                        "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
                    )
                )
            continue
        assert author is not None
        if kind == "media":
            body = "\u200eimage omitted" if variant.platform == "ios" else "<Media omitted>"
            prefix = "\u200e" if variant.platform == "ios" else ""
            lines.append(prefix + variant.line(when, author, body))
            expected.append((shown, author, body.lstrip("\u200e"), "media"))
        elif kind == "deleted":
            body = (
                "\u200eThis message was deleted." if variant.platform == "ios" else "This message was deleted"
            )
            lines.append(variant.line(when, author, body))
            expected.append((shown, author, body.lstrip("\u200e"), "deleted"))
        else:
            lines.append(variant.line(when, author, text))
            expected.append((shown, author, text, "text"))
    return "\n".join(lines) + "\n", expected
