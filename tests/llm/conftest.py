"""Fixtures: no LLM settings leak in from the machine, and a real chat-completions server per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .fake_server import LLM_ENV, FakeLLM, start_server


@pytest.fixture(autouse=True)
def no_llm_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test starts with no LLM settings at all, whatever the developer's machine has."""
    for name in LLM_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FEELHEARD_CONFIG", str(tmp_path / "absent-config.toml"))


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    """A chat-completions server on a free port of 127.0.0.1, stopped after the test."""
    state = FakeLLM()
    server = start_server(state)
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening (for "connection refused")."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
