"""Errors the user can fix. Interfaces show their message on one line (exit code 2, HTTP 4xx)."""

from __future__ import annotations


class InputError(ValueError):
    """Input that cannot be analysed: empty, too long, not text."""
