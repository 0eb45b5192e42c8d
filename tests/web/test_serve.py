"""`feelheard serve`: options, the printed address, and uvicorn called as the app expects."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from feelheard.cli import serve as serve_module


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.append({"app": app, **kw}))
    # setenv first so that monkeypatch restores the original (unset) state after serve() fills it in.
    monkeypatch.setenv("FEELHEARD_SECRET_KEY", "placeholder")
    monkeypatch.delenv("FEELHEARD_SECRET_KEY")
    return seen


def test_defaults_to_loopback_8000(calls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(serve_module.app, [])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/" in result.output
    (call,) = calls
    assert call["app"] == "feelheard.web.app:create_serving_app" and call["factory"] is True
    assert call["host"] == "127.0.0.1" and call["port"] == 8000


def test_host_and_port(calls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(serve_module.app, ["--host", "0.0.0.0", "--port", "9123", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:9123/" in result.output
    assert calls[0]["port"] == 9123 and calls[0]["workers"] == 2


def test_bad_port_is_refused(calls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(serve_module.app, ["--port", "70000"])
    assert result.exit_code == 2
    assert calls == []


def test_workers_share_one_csrf_key(calls: list[dict[str, Any]]) -> None:
    import os

    CliRunner().invoke(serve_module.app, [])
    assert len(os.environ.get("FEELHEARD_SECRET_KEY", "")) >= 32


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/"),
        ("::1", "http://[::1]:8000/"),
        ("localhost", "http://localhost:8000/"),
    ],
)
def test_url_for(host: str, url: str) -> None:
    assert serve_module.url_for(host, 8000) == url


@pytest.fixture
def clean_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    # setenv first so that monkeypatch puts the original (unset) state back after serve() sets it.
    monkeypatch.setenv("FEELHEARD_MODE", "placeholder")
    monkeypatch.delenv("FEELHEARD_MODE")
    monkeypatch.delenv("FEELHEARD_OPEN_REGISTRATION", raising=False)


def test_server_flag_turns_on_server_mode_and_warns_about_the_key(
    calls: list[dict[str, Any]], clean_mode: None
) -> None:
    import os

    result = CliRunner().invoke(serve_module.app, ["--server"])
    assert result.exit_code == 0, result.output
    assert os.environ["FEELHEARD_MODE"] == "server"  # the worker processes build their app from this
    assert "server mode, sign-in required" in result.output
    assert "FEELHEARD_SECRET_KEY is not set" in result.output
    assert "Anyone who can reach this server can make an account" in result.output
    assert "Accounts and saved data:" in result.output
    assert calls[0]["app"] == "feelheard.web.app:create_serving_app"


def test_server_mode_with_a_key_and_closed_registration(
    calls: list[dict[str, Any]], clean_mode: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FEELHEARD_MODE", "server")
    monkeypatch.setenv("FEELHEARD_SECRET_KEY", "k" * 64)
    monkeypatch.setenv("FEELHEARD_OPEN_REGISTRATION", "0")
    result = CliRunner().invoke(serve_module.app, [])
    assert result.exit_code == 0, result.output
    assert "FEELHEARD_SECRET_KEY is not set" not in result.output
    assert "feelheard data add-user" in result.output


def test_local_mode_beyond_loopback_suggests_server_mode(
    calls: list[dict[str, Any]], clean_mode: None
) -> None:
    result = CliRunner().invoke(serve_module.app, ["--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert "local mode" in result.output and "--server" in result.output
