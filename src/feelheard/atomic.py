"""Writing files so that a crash or a bad input never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from feelheard.errors import InputError


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[IO[str]]:
    """Write text to a temporary file next to `path` (owner-only), fsync it, and rename it into place.

    If the block raises (or the process is interrupted), the temporary file is removed and any existing
    `path` is left untouched.

    Raises:
        InputError: If the folder does not exist.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"folder {directory} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
