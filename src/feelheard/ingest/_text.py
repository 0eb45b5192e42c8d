"""Reading an export safely: size limits, binary sniffing, strict UTF-8, bounded line length.

Every refusal is an `InputError` whose message says what was wrong and what to do instead, because the person
running the command is usually holding a file their phone produced and cannot inspect it themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO

from feelheard.errors import InputError

# A 100,000-message chat is about 10 MB of text; these limits leave generous room while refusing runaway input.
MAX_TEXT_BYTES = 1 << 30  # 1 GiB of decompressed chat text
MAX_LINE_BYTES = 1 << 20  # 1 MiB on one line: no phone writes that; it is a damaged or hostile file
CHUNK_BYTES = 1 << 22  # read 4 MiB at a time: large enough to be fast, small enough to stream

# Magic numbers of files people attach by mistake, with a hint for each.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (
        b"SQLite format 3",
        "a SQLite database (Signal and iMessage keep their chats this way; export it with a tool "
        "such as signal-export first)",
    ),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive (unpack it, or export the chat as a .zip or .txt)"),
    (b"Rar!", "a RAR archive (export the chat as a .zip or .txt)"),
    (b"7z\xbc\xaf", "a 7-Zip archive (export the chat as a .zip or .txt)"),
    (b"bplist", "a binary property list"),
)


def sniff(head: bytes, name: str) -> None:
    """Refuse data that is clearly not a UTF-8 text export, judging by its first bytes."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(f"{name} is {what}, not a chat export")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{name} is UTF-16 text; feelheard reads UTF-8 exports. Re-export the chat from the app, or save the "
            "file as UTF-8 in a text editor"
        )
    if b"\x00" in head:
        raise InputError(f"{name} looks like a binary file, not a text chat export")


def iter_lines(stream: IO[bytes], name: str, *, limit: int = MAX_TEXT_BYTES) -> Iterator[str]:
    """Decoded lines of a UTF-8 stream, without line endings, read in chunks.

    Args:
        stream: A binary stream positioned at the start.
        name: How to call the file in messages.
        limit: Most bytes accepted in total.

    Raises:
        InputError: On binary data, invalid UTF-8, a line over 1 MiB, or more than `limit` bytes.
    """
    pending = b""
    total = 0
    line_number = 0
    first = True
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise InputError(
                f"{name} holds more than {limit // (1 << 20):,} MB of text; that is not a chat export"
            )
        if first:
            if chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]
            sniff(chunk[:8192], name)
            first = False
        data = pending + chunk
        cut = data.rfind(b"\n")
        if cut < 0:
            if len(data) > MAX_LINE_BYTES:
                raise _long_line(name, line_number + 1)
            pending = data
            continue
        block, pending = data[: cut + 1], data[cut + 1 :]
        if len(pending) > MAX_LINE_BYTES:
            raise _long_line(name, line_number + block.count(b"\n") + 1)
        lines = _decode(block, name, line_number).split("\n")
        lines.pop()  # the block ends with "\n"
        for line in lines:
            if len(line) > MAX_LINE_BYTES:
                raise _long_line(name, line_number + 1)
            line_number += 1
            yield line[:-1] if line.endswith("\r") else line
    if pending:
        line = _decode(pending, name, line_number)
        yield line[:-1] if line.endswith("\r") else line


def _decode(block: bytes, name: str, lines_before: int) -> str:
    if b"\x00" in block:
        where = lines_before + block[: block.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            f"{name} contains binary data (a NUL byte on line {where:,}); it is not a text export"
        )
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = lines_before + block[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name} is not valid UTF-8 (line {where:,}); it may use another encoding such as Windows-1252. "
            "Re-export the chat from the app, or save the file as UTF-8"
        ) from exc


def _long_line(name: str, number: int) -> InputError:
    return InputError(
        f"{name} has a line longer than {MAX_LINE_BYTES // (1 << 20)} MB near line {number:,}; "
        "it is damaged or not a chat export"
    )


LineSource = Callable[[], Iterator[str]]
"""Something that can be read more than once (format detection reads the whole file, then parsing does)."""
