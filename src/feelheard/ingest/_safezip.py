"""Opening a chat export packed as a .zip without trusting it.

WhatsApp packs the chat text with any attached photos; Telegram and signal-export folders get zipped by hand.
A zip can lie about its sizes or expand a few kilobytes into gigabytes (a "zip bomb"), so we look only at the
one member holding the chat, check its declared size and compression ratio, and cap the bytes actually read.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from feelheard.errors import InputError
from feelheard.ingest._text import MAX_TEXT_BYTES

MAX_MEMBERS = 50_000  # a chat with years of attached media still has far fewer files than this
MAX_RATIO = 200  # chat text compresses about 3-10x; hundreds-fold expansion means a crafted archive
RATIO_FLOOR = 8 << 20  # small members may compress extremely well (repeated lines) and are harmless

# Names of the member holding the chat, best first.
_PREFERRED = ("_chat.txt", "result.json", "chat.md", "data.json")
_TEXT_SUFFIXES = (".txt", ".json", ".jsonl", ".csv", ".md")


def is_zip(path: Path) -> bool:
    """True when the file starts like a zip archive (whatever its name)."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) in (b"PK\x03\x04", b"PK\x05\x06")
    except OSError:
        return False


def _candidates(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    usable = [
        info
        for info in infos
        if not info.is_dir()
        and "__MACOSX" not in info.filename
        and not PurePosixPath(info.filename).name.startswith(".")
        and info.filename.lower().endswith(_TEXT_SUFFIXES)
    ]
    for wanted in _PREFERRED:
        hits = [i for i in usable if PurePosixPath(i.filename).name == wanted]
        if hits:
            return hits
    chats = [i for i in usable if PurePosixPath(i.filename).name.lower().startswith("whatsapp chat")]
    return chats or usable


def choose_member(path: Path) -> tuple[str, int]:
    """The name and size of the member that holds the chat.

    Raises:
        InputError: If the archive is damaged, encrypted, a zip bomb, or holds no (or several) chats.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"{path.name} is not a readable zip archive ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{path.name} holds {len(infos):,} files; a chat export has far fewer. Refusing it")
    found = _candidates(infos)
    if not found:
        raise InputError(
            f"{path.name} holds no chat text (.txt, .json, .csv or .md); export the chat again with "
            "'Export chat' in the app"
        )
    if len(found) > 1:
        names = ", ".join(i.filename for i in found[:5])
        raise InputError(f"{path.name} holds several possible chats ({names}); unzip it and pass one file")
    info = found[0]
    if info.flag_bits & 0x1:
        raise InputError(f"{info.filename} inside {path.name} is password-protected; unzip it first")
    if info.file_size > MAX_TEXT_BYTES:
        raise InputError(
            f"{info.filename} inside {path.name} would expand to {info.file_size / (1 << 20):,.0f} MB; "
            "that is not a chat export (a possible zip bomb). Refusing it"
        )
    ratio = info.file_size / max(1, info.compress_size)
    if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        raise InputError(
            f"{info.filename} inside {path.name} expands {ratio:,.0f}-fold; that is a zip bomb, not a chat export. "
            "Refusing it"
        )
    return info.filename, info.file_size


class _Capped:
    """A read-only stream that fails once more than `cap` bytes come out (sizes in a zip can lie)."""

    def __init__(self, inner: IO[bytes], cap: int, name: str) -> None:
        self.inner = inner
        self.left = cap
        self.name = name

    def read(self, size: int = -1) -> bytes:
        try:
            data = self.inner.read(size)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InputError(f"{self.name} is damaged ({exc})") from exc
        self.left -= len(data)
        if self.left < 0:
            raise InputError(f"{self.name} expands beyond its declared size; it is damaged or a zip bomb")
        return data


@contextlib.contextmanager
def open_member(path: Path, member: str, declared: int) -> Iterator[IO[bytes]]:
    """A capped binary stream of one member; the archive closes when the block ends."""
    try:
        archive = zipfile.ZipFile(path)
        raw = archive.open(member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise InputError(f"cannot read {member} inside {path.name}: {exc}") from exc
    with archive, raw:
        yield _Capped(raw, min(declared, MAX_TEXT_BYTES), f"{member} inside {path.name}")  # type: ignore[misc]
