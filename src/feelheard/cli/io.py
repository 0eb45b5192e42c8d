"""Reading texts and writing output files safely: strict UTF-8, and write-to-temp-then-rename."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from feelheard.atomic import atomic_write
from feelheard.errors import InputError


def decode(data: bytes, what: str) -> str:
    """Strict UTF-8 (a BOM is dropped); binary data is refused."""
    if b"\x00" in data:
        raise InputError(f"{what} looks like binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not valid UTF-8 text (byte {exc.start})") from exc


def read_text_arg(value: str | None, what: str) -> str | None:
    """A text given on the command line: literal text, a path to a file, or '-' for standard input."""
    if value is None:
        return None
    if value == "-":
        return decode(sys.stdin.buffer.read(), f"{what} (standard input)")
    if "\n" not in value and len(value) < 1024:
        path = Path(value)
        try:
            is_file = path.is_file()
        except OSError:
            is_file = False
        if is_file:
            try:
                return decode(path.read_bytes(), f"{what} file {value}")
            except OSError as exc:
                raise InputError(f"cannot read {what} file {value}: {exc.strerror}") from exc
    return value


@contextlib.contextmanager
def atomic_output(target: str) -> Iterator[IO[str]]:
    """Write to `target` atomically (see `feelheard.atomic`); '-' is standard output."""
    if target == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_write(Path(target)) as handle:
        yield handle


def open_input_lines(source: str) -> Iterator[bytes]:
    """Raw lines of a JSONL input ('-' is standard input)."""
    if source == "-":
        yield from sys.stdin.buffer
        return
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed below, generator-scoped
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from exc
    with handle:
        yield from handle
