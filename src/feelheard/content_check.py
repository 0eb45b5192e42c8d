"""Checks shared by the readers of the package's JSON content files (assessments, rituals).

Each reader raises its own error class, so every check takes that class first; a reader binds it once with
`functools.partial`. Messages read ``<file>: <field>: <problem>``.
"""

from __future__ import annotations

from typing import Any, TypeVar

ErrorT = TypeVar("ErrorT", bound=ValueError)


def fail(error: type[ErrorT], source: str, where: str, problem: str) -> ErrorT:
    """The error to raise for a problem at `where` in the file `source`."""
    return error(f"{source}: {where}: {problem}")


def text(
    error: type[ValueError], raw: dict[str, Any], key: str, source: str, where: str, *, optional: bool = False
) -> str:
    """`raw[key]` as a non-empty, stripped string; "" when it is optional and missing."""
    value = raw.get(key)
    if optional and value is None:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise fail(error, source, f"{where}.{key}" if where else key, "must be a non-empty string")
    return value.strip()


def json_object(error: type[ValueError], value: Any, source: str, where: str) -> dict[str, Any]:
    """`value`, checked to be a JSON object."""
    if not isinstance(value, dict):
        raise fail(error, source, where, "must be an object")
    return value


def non_empty_list(error: type[ValueError], value: Any, source: str, where: str) -> list[Any]:
    """`value`, checked to be a JSON list with at least one entry."""
    if not isinstance(value, list) or not value:
        raise fail(error, source, where, "must be a non-empty list")
    return value


def identifier(error: type[ValueError], value: Any, source: str, where: str) -> str:
    """`value`, checked to be an id: lower case letters, digits and underscores."""
    if (
        not isinstance(value, str)
        or not value
        or not value.replace("_", "").isalnum()
        or value != value.lower()
    ):
        raise fail(error, source, where, f"{value!r} must be lower case letters, digits and underscores")
    return value
