"""Changing one table of the TOML config file without disturbing the rest of it.

The config file (`FEELHEARD_CONFIG`, else ``config.toml`` in the user config folder) may hold several tables:
``[llm]`` (`feelheard.llm.config`), ``[storage]`` (`feelheard.storage.db`) and whatever a person added by hand.
`set_table` replaces or removes one of them. It keeps the rest of the text as it was written, comments
included, whenever it can check that the result reads back exactly as intended; otherwise it writes the whole
document afresh from what `tomllib` read (the values all survive; only comments and layout are lost). Either
way the file is written atomically and readable by its owner only (`feelheard.atomic.atomic_write`).

There is no TOML writer in the standard library, so `dumps` writes the subset `tomllib` reads back: strings,
integers, floats, booleans, dates and times, arrays and tables.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from feelheard.atomic import atomic_write
from feelheard.errors import InputError

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_HEADER = re.compile(r"^\s*\[\[?(?P<key>[^\]]*)\]\]?\s*(?:#.*)?$")
_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_write_lock = threading.Lock()


class ConfigFileError(InputError):
    """The config file cannot be read or written (the message says which file and why)."""


# --- writing TOML -----------------------------------------------------------------------------------------------


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: quotes, backslashes and control characters escaped.

    Raises:
        ValueError: If the text holds a lone surrogate, which no TOML (or UTF-8) file can hold.
    """
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            raise ValueError("the text holds a character that cannot be saved (a lone surrogate)")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def toml_key(key: str) -> str:
    """A key as written in TOML: bare when it can be, else quoted."""
    return key if _BARE_KEY.match(key) else toml_string(key)


def _float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    text = repr(value)
    return text if any(c in text for c in ".en") else text + ".0"


def toml_value(value: Any) -> str:
    """One value written inline (tables inside arrays become inline tables).

    Raises:
        TypeError: For a value TOML has no way to write (None, bytes, objects).
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{toml_key(str(k))} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"TOML cannot hold a value of type {type(value).__name__}")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _emit(table: Mapping[str, Any], path: list[str], lines: list[str], header: str | None) -> None:
    if header is not None:
        lines.extend(["", header])
    for key, value in table.items():
        if not isinstance(value, Mapping) and not _is_table_array(value):
            lines.append(f"{toml_key(key)} = {toml_value(value)}")
    for key, value in table.items():
        inner = [*path, key]
        dotted = ".".join(toml_key(k) for k in inner)
        if isinstance(value, Mapping):
            _emit(value, inner, lines, f"[{dotted}]")
        elif _is_table_array(value):
            for item in value:
                _emit(item, inner, lines, f"[[{dotted}]]")


def dumps(data: Mapping[str, Any]) -> str:
    """A TOML document that `tomllib.loads` reads back as `data`."""
    lines: list[str] = []
    _emit(data, [], lines, None)
    text = "\n".join(lines).strip("\n")
    return text + "\n" if text else ""


# --- one table of a document ------------------------------------------------------------------------------------


def _first_key(header_key: str) -> str:
    """The first part of a table header's dotted key (`llm` for `[llm]`, `[ "llm" ]` and `[llm.extra]`)."""
    key = header_key.strip()
    if key[:1] in ('"', "'"):
        quote = key[0]
        end = key.find(quote, 1)
        while quote == '"' and end > 0 and key[end - 1] == "\\":
            end = key.find(quote, end + 1)
        if end < 0:
            return key
        if quote == "'":
            return key[1:end]
        return str(tomllib.loads(f"k = {key[: end + 1]}")["k"])
    return key.split(".", 1)[0].strip()


def _text_without(text: str, name: str) -> str:
    """The document's text with every `[name]`, `[name.*]` and `[[name...]]` section cut out (lines only)."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        header = _HEADER.match(line)
        if header:
            try:
                skipping = _first_key(header.group("key")) == name
            except tomllib.TOMLDecodeError:
                skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


def _same(a: Any, b: Any) -> bool:
    """Equality that counts NaN as equal to NaN (so a document with one still checks out)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


def _reads_as(text: str, expected: Mapping[str, Any]) -> bool:
    try:
        return _same(tomllib.loads(text), expected)
    except tomllib.TOMLDecodeError:
        return False


def with_table(text: str, name: str, table: Mapping[str, Any] | None) -> str:
    """The document `text` with table `name` replaced by `table` (or removed when None), the rest kept.

    Raises:
        ConfigFileError: If `text` is not valid TOML.
        TypeError, ValueError: If `table` holds a value TOML cannot write.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"it is not valid TOML ({exc})") from exc
    expected: dict[str, Any] = {k: v for k, v in data.items() if k != name}
    if table is not None:
        expected[name] = dict(table)
    rest = _text_without(text, name).rstrip()
    addition = dumps({name: dict(table)}) if table is not None else ""
    candidate = (
        (rest + "\n\n" + addition if rest else addition) if addition else (rest + "\n" if rest else "")
    )
    if _reads_as(candidate, expected):
        return candidate
    fresh = dumps(expected)
    if not _reads_as(fresh, expected):  # pragma: no cover - dumps writes only what tomllib reads back
        raise ConfigFileError("the new settings could not be written as TOML")
    return fresh


def read_document(path: Path) -> tuple[str, dict[str, Any]]:
    """The config file's text and what it says ("" and {} when there is no file).

    Raises:
        ConfigFileError: If the file cannot be read or is not valid TOML.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return "", {}
    except UnicodeDecodeError as exc:
        raise ConfigFileError(f"config file {path} is not UTF-8 text") from exc
    except OSError as exc:
        raise ConfigFileError(f"cannot read config file {path}: {exc.strerror or exc}") from exc
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"config file {path} is not valid TOML ({exc})") from exc


def set_table(path: Path, name: str, table: Mapping[str, Any] | None) -> bool:
    """Replace table `name` of the config file at `path` with `table`, or remove it (None).

    Every other table is kept. The folder is created (owner-only) when missing; a file left empty by a removal
    is deleted. A symbolic link is followed, so the file it points at is the one changed.

    Returns:
        Whether the file changed.

    Raises:
        ConfigFileError: If the file cannot be read, is not valid TOML (it is then left alone), or cannot be
            written.
    """
    with _write_lock:
        target = path.resolve() if path.is_symlink() else path
        text, data = read_document(target)
        if table is None and name not in data:
            return False
        try:
            new_text = with_table(text, name, table)
        except ConfigFileError as exc:
            raise ConfigFileError(f"config file {target}: {exc}") from exc
        if new_text == text:
            return False
        try:
            if not new_text.strip():
                target.unlink(missing_ok=True)
                return True
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with atomic_write(target) as handle:
                handle.write(new_text)
        except OSError as exc:
            raise ConfigFileError(f"cannot write config file {target}: {exc.strerror or exc}") from exc
        return True
