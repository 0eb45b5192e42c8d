"""Local mode answers only to loopback host names, so a page re-pointed at 127.0.0.1 (DNS rebinding) gets
nothing; server mode and explicit settings decide for themselves."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from feelheard.pipeline import Pipeline
from feelheard.web import WebConfig, create_app
from feelheard.web.deps import LOOPBACK_HOSTS, allowed_hosts_from_env, get_pipeline


def _client(pipeline: Pipeline, hosts: tuple[str, ...], base: str) -> TestClient:
    app = create_app(WebConfig(allowed_hosts=hosts))
    app.dependency_overrides[get_pipeline] = lambda: pipeline
    return TestClient(app, base_url=base)


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000", "http://localhost:8000"])
def test_loopback_names_are_served(pipeline: Pipeline, base: str) -> None:
    client = _client(pipeline, LOOPBACK_HOSTS, base)
    assert client.get("/").status_code == 200
    answer = client.post(
        "/api/v1/analyze", json={"partner": "I had a long day.", "reply": "Tell me about it."}
    )
    assert answer.status_code == 200


@pytest.mark.parametrize("base", ["http://attacker.example:8000", "http://192.168.1.20:8000"])
def test_other_host_names_are_refused(pipeline: Pipeline, base: str) -> None:
    client = _client(pipeline, LOOPBACK_HOSTS, base)
    assert client.get("/").status_code == 400
    assert client.get("/api/v1/llm").status_code == 400
    assert client.post("/api/v1/delete-all", json={"confirm": "delete everything"}).status_code == 400


def test_allowed_hosts_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FEELHEARD_ALLOWED_HOSTS", raising=False)
    assert allowed_hosts_from_env("local") == LOOPBACK_HOSTS
    assert allowed_hosts_from_env("server") == ()
    monkeypatch.setenv("FEELHEARD_ALLOWED_HOSTS", "Coach.example, 10.0.0.5")
    assert allowed_hosts_from_env("server") == ("coach.example", "10.0.0.5")
    monkeypatch.setenv("FEELHEARD_ALLOWED_HOSTS", "*")
    assert allowed_hosts_from_env("local") == ()
    monkeypatch.delenv("FEELHEARD_ALLOWED_HOSTS")
    monkeypatch.delenv("FEELHEARD_MODE", raising=False)
    assert WebConfig.from_env().allowed_hosts == LOOPBACK_HOSTS
