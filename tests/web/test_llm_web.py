"""The optional LLM in the web app, against a real chat-completions server on 127.0.0.1 (never a mock).

Settings (status, save, remove, test; environment override; server mode), the API (`/api/v1/llm`, `suggest`
with `llm`), the Coach's "Ask the LLM for another version" and Practice voiced by the LLM.
"""

from __future__ import annotations

import html as htmllib
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from feelheard.pipeline import Pipeline
from feelheard.practice.scenarios import load_bank
from feelheard.storage import repo
from feelheard.storage.db import dispose_engines, get_engine, session_scope, sqlite_url
from llm import conftest as llm_fixtures
from llm.fake_server import LLM_ENV, FakeLLM

from .conftest import make_app
from .server import register, server_app, token

TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
KEY = "sk-very-secret-key-4711"
PARTNER = "I had such an awful day, my boss yelled at me in front of everyone"
DRAFT = "You should just quit. Let's get pizza with Sam tonight at 7."
GOOD = (
    "That sounds awful. Being yelled at in front of everyone must have felt humiliating, and it makes sense "
    "that you're upset. What was the hardest part of it? If you want, let's get pizza with Sam tonight at 7."
)
WITH_PITFALL = "You're overreacting, but let's get pizza with Sam tonight at 7."
DANGER = "He hit me again last night and I'm scared to go home"
SCENARIO = "dishes-after-double-shift"
COLD = "I was busy too, you know. You never notice what I do."
VOICED = "Wow. So this is somehow my fault now?"
STORAGE = '# where the data lives\n[storage]\ndatabase_url = "sqlite:////nonexistent/feelheard-test.sqlite"  # kept\n'


# --- fixtures -----------------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def config_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No LLM settings from the machine, and a config file of this test's own (never the developer's)."""
    for name in LLM_ENV:
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("FEELHEARD_CONFIG", str(path))
    return path


# The LLM tests' real chat-completions server on 127.0.0.1, and a port with nothing listening.
fake_llm = llm_fixtures.fake_llm
free_port = llm_fixtures.free_port


@pytest.fixture(scope="module")
def local_app(pipeline: Pipeline) -> FastAPI:
    return make_app(pipeline)


@pytest.fixture
def client(local_app: FastAPI, tmp_path: Path) -> Iterator[TestClient]:
    engine = get_engine(sqlite_url(tmp_path / "llm-web.sqlite"))
    local_app.state.storage_engine = engine
    with TestClient(local_app) as test_client:
        yield test_client
    local_app.state.storage_engine = None
    engine.dispose()


def _grab(pattern: str, html: str) -> tuple[str, ...]:
    """The groups of the first match, unescaped as a browser shows them (the test fails when there is none)."""
    found = re.search(pattern, html)
    assert found, f"nothing matches {pattern!r}"
    return tuple(htmllib.unescape(g) for g in found.groups())


def _token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def _use_env(monkeypatch: pytest.MonkeyPatch, fake_llm: FakeLLM) -> None:
    monkeypatch.setenv("FEELHEARD_LLM_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("FEELHEARD_LLM_MODEL", "test-model")


def _save_form(client: TestClient, **fields: str) -> Any:
    page = client.get("/settings")
    data = {"csrf_token": _token(page.text), **fields}
    return client.post("/settings/llm", data=data, follow_redirects=False)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- Settings: status, save, remove ---------------------------------------------------------------------------


def test_settings_say_no_llm_is_configured(client: TestClient) -> None:
    page = client.get("/settings")
    assert page.status_code == 200
    assert "Writing help from an LLM (optional)" in page.text
    assert "Not configured: nothing is sent anywhere." in page.text
    assert 'id="llm-form"' in page.text and 'id="llm-remove"' not in page.text
    assert 'id="llm-test"' not in page.text  # nothing to test
    status = client.get("/api/v1/llm").json()
    assert status["configured"] is False and status["editable"] is True
    assert status["api_key_set"] is False and status["environment_overrides"] == []


def test_settings_form_saves_the_llm_table_owner_only_and_keeps_the_rest(
    client: TestClient, config_path: Path, fake_llm: FakeLLM
) -> None:
    config_path.parent.mkdir()
    config_path.write_text(STORAGE, encoding="utf-8")
    os.chmod(config_path, 0o644)
    saved = _save_form(client, base_url=fake_llm.base_url, model="test-model", api_key=KEY, timeout="7.5")
    assert saved.status_code == 303 and saved.headers["location"] == "/settings?llm=saved#llm"
    assert _mode(config_path) == 0o600
    text = config_path.read_text(encoding="utf-8")
    assert text.startswith(STORAGE)  # the other table, its comments included, as it was
    data = tomllib.loads(text)
    assert data["storage"] == {"database_url": "sqlite:////nonexistent/feelheard-test.sqlite"}
    assert data["llm"] == {
        "base_url": fake_llm.base_url,
        "model": "test-model",
        "api_key": KEY,
        "timeout": 7.5,
    }

    page = client.get("/settings?llm=saved")
    assert "Saved. The LLM is used from now on" in page.text
    assert f"127.0.0.1:{fake_llm.port}" in page.text and "test-model" in page.text
    assert "A key is set." in page.text and "the config file" in page.text
    assert KEY not in page.text  # never echoed, not even in the password box
    assert 'id="llm-remove"' in page.text and 'id="llm-test"' in page.text
    api = client.get("/api/v1/llm")
    assert KEY not in api.text
    status = api.json()
    assert status["configured"] and status["api_key_set"] and status["source"] == "config file"
    assert status["host"] == f"127.0.0.1:{fake_llm.port}" and status["model"] == "test-model"
    assert status["timeout"] == 7.5 and status["config_file"] == str(config_path)


def test_a_blank_key_keeps_the_saved_one_and_forget_removes_it(
    client: TestClient, config_path: Path, fake_llm: FakeLLM
) -> None:
    assert _save_form(client, base_url=fake_llm.base_url, model="m1", api_key=KEY).status_code == 303
    assert _save_form(client, base_url=fake_llm.base_url, model="m2", api_key="").status_code == 303
    table = tomllib.loads(config_path.read_text(encoding="utf-8"))["llm"]
    assert table == {"base_url": fake_llm.base_url, "model": "m2", "api_key": KEY}
    page = client.get("/settings").text
    assert "A key is set. Leave this empty to keep it." in page and 'name="forget_key"' in page
    assert _save_form(client, base_url=fake_llm.base_url, model="m2", forget_key="1").status_code == 303
    assert "api_key" not in tomllib.loads(config_path.read_text(encoding="utf-8"))["llm"]
    assert client.get("/api/v1/llm").json()["api_key_set"] is False


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"base_url": "", "model": "m"}, "server's address"),
        ({"base_url": "ftp://example.com/v1", "model": "m"}, "http:// or https://"),
        ({"base_url": "http://exa mple.com/v1", "model": "m"}, "spaces"),
        ({"base_url": "http://127.0.0.1:99999/v1", "model": "m"}, "port"),
        ({"base_url": "http://127.0.0.1:1/v1", "model": ""}, "model name"),
        ({"base_url": "http://127.0.0.1:1/v1", "model": "m", "timeout": "soon"}, "number of seconds"),
        ({"base_url": "http://127.0.0.1:1/v1", "model": "m", "timeout": "0"}, "between 0 and 3600"),
        ({"base_url": "http://127.0.0.1:1/v1", "model": "m", "api_key": "two words"}, "API key"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(
    client: TestClient, config_path: Path, fields: dict[str, str], needle: str
) -> None:
    response = _save_form(client, **fields, **({"api_key": KEY} if "api_key" not in fields else {}))
    assert response.status_code == 422
    (error,) = _grab(r'id="llm-error">([^<]+)<', response.text)
    assert needle in error
    assert KEY not in response.text and "two words" not in response.text  # a key is never sent back
    if fields["base_url"]:
        assert fields["base_url"] in response.text  # the other values are kept in the form
    assert not config_path.exists()
    payload: dict[str, Any] = {k: v for k, v in fields.items() if k != "timeout"}
    if "timeout" in fields:
        payload["timeout"] = 0 if fields["timeout"] == "0" else fields["timeout"]
    api = client.put("/api/v1/llm", json=payload)
    assert api.status_code == 422 and api.json()["detail"].endswith(".")
    assert not config_path.exists()


def test_the_form_needs_its_csrf_token(client: TestClient, config_path: Path) -> None:
    client.get("/settings")
    refused = client.post(
        "/settings/llm", data={"csrf_token": "0" * 64, "base_url": "http://127.0.0.1:1/v1", "model": "m"}
    )
    assert refused.status_code == 403 and "needed a refresh" in refused.text
    assert 'value="http://127.0.0.1:1/v1"' in refused.text
    assert client.post("/settings/llm/remove", data={"csrf_token": "x"}).status_code == 403
    assert client.post("/settings/llm/test", data={"csrf_token": "x"}).status_code == 403
    assert not config_path.exists()


def test_remove_keeps_the_other_tables(client: TestClient, config_path: Path, fake_llm: FakeLLM) -> None:
    config_path.parent.mkdir()
    config_path.write_text(STORAGE, encoding="utf-8")
    assert _save_form(client, base_url=fake_llm.base_url, model="m", api_key=KEY).status_code == 303
    page = client.get("/settings")
    removed = client.post(
        "/settings/llm/remove", data={"csrf_token": _token(page.text)}, follow_redirects=False
    )
    assert removed.status_code == 303 and removed.headers["location"] == "/settings?llm=removed#llm"
    assert config_path.read_text(encoding="utf-8") == STORAGE
    after = client.get("/settings?llm=removed").text
    assert "Removed. No LLM is used now" in after and "Not configured" in after
    assert client.get("/api/v1/llm").json()["configured"] is False


def test_remove_deletes_a_file_that_held_only_the_llm(
    client: TestClient, config_path: Path, fake_llm: FakeLLM
) -> None:
    assert client.put("/api/v1/llm", json={"base_url": fake_llm.base_url, "model": "m"}).status_code == 200
    assert config_path.exists() and _mode(config_path) == 0o600
    assert _mode(config_path.parent) == 0o700  # the folder it made is the owner's only
    gone = client.delete("/api/v1/llm")
    assert gone.status_code == 200 and gone.json()["configured"] is False
    assert not config_path.exists()
    assert client.delete("/api/v1/llm").status_code == 200  # nothing left to remove is fine


def test_an_unreadable_config_file_is_left_alone(client: TestClient, config_path: Path) -> None:
    config_path.parent.mkdir()
    config_path.write_text("[storage\nbroken =", encoding="utf-8")
    response = _save_form(client, base_url="http://127.0.0.1:1/v1", model="m")
    assert response.status_code == 422 and "not valid TOML" in response.text
    assert config_path.read_text(encoding="utf-8") == "[storage\nbroken ="
    status = client.get("/api/v1/llm").json()
    assert status["configured"] is False and "not valid TOML" in status["error"]


# --- Settings: test connection -------------------------------------------------------------------------------------


def test_test_connection_says_it_works(client: TestClient, fake_llm: FakeLLM) -> None:
    assert _save_form(client, base_url=fake_llm.base_url, model="test-model", api_key=KEY).status_code == 303
    page = client.get("/settings")
    tested = client.post("/settings/llm/test", data={"csrf_token": _token(page.text)})
    assert tested.status_code == 200
    ok, message = _grab(r'id="llm-test-result" data-ok="(\w+)">([^<]+)<', tested.text)
    assert ok == "true" and "It works" in message
    assert len(fake_llm.requests) == 1
    sent = fake_llm.requests[0]
    assert sent["model"] == "test-model" and sent["max_tokens"] <= 32
    assert fake_llm.headers[0]["authorization"] == f"Bearer {KEY}"  # the saved key is the one used
    api = client.post("/api/v1/llm/test")
    assert api.status_code == 200 and api.json()["ok"] is True


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        ({"mode": "error", "status": 401, "error_body": b'{"error": {"message": "bad key"}}'}, "HTTP 401"),
        ({"mode": "malformed"}, "not JSON"),
    ],
)
def test_test_connection_says_why_not(
    client: TestClient, fake_llm: FakeLLM, setup: dict[str, Any], needle: str
) -> None:
    for key, value in setup.items():
        setattr(fake_llm, key, value)
    assert client.put("/api/v1/llm", json={"base_url": fake_llm.base_url, "model": "m"}).status_code == 200
    page = client.get("/settings")
    tested = client.post("/settings/llm/test", data={"csrf_token": _token(page.text)})
    ok, message = _grab(r'id="llm-test-result" data-ok="(\w+)">([^<]+)<', tested.text)
    assert ok == "false" and "It did not work" in message and needle in message
    body = client.post("/api/v1/llm/test").json()
    assert body["ok"] is False and needle in body["message"]


def test_test_connection_when_the_server_is_down(client: TestClient, free_port: int) -> None:
    url = f"http://127.0.0.1:{free_port}/v1"
    assert client.put("/api/v1/llm", json={"base_url": url, "model": "m", "timeout": 2}).status_code == 200
    body = client.post("/api/v1/llm/test").json()
    assert body["ok"] is False and "cannot connect" in body["message"]


def test_test_connection_with_nothing_configured(client: TestClient) -> None:
    body = client.post("/api/v1/llm/test").json()
    assert body == {"ok": False, "message": "No LLM is configured, so there is nothing to test."}


# --- Settings: the environment wins, and the API -----------------------------------------------------------------


def test_environment_variables_make_the_settings_read_only(
    client: TestClient, config_path: Path, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    monkeypatch.setenv("FEELHEARD_LLM_API_KEY", KEY)
    page = client.get("/settings")
    assert (
        "Environment variables are set (FEELHEARD_LLM_BASE_URL, FEELHEARD_LLM_MODEL, FEELHEARD_LLM_API_KEY)"
        in (page.text)
    )
    assert "<fieldset disabled>" in page.text and "environment variables" in page.text
    assert "A key is set." in page.text and KEY not in page.text
    status = client.get("/api/v1/llm").json()
    assert status["source"] == "environment" and status["editable"] is False and status["api_key_set"]
    assert status["environment_overrides"] == [
        "FEELHEARD_LLM_BASE_URL",
        "FEELHEARD_LLM_MODEL",
        "FEELHEARD_LLM_API_KEY",
    ]
    refused = _save_form(client, base_url="http://127.0.0.1:1/v1", model="other")
    assert refused.status_code == 409 and "override the config file" in refused.text
    put = client.put("/api/v1/llm", json={"base_url": "http://127.0.0.1:1/v1", "model": "other"})
    assert put.status_code == 409 and "FEELHEARD_LLM_BASE_URL" in put.json()["detail"]
    assert client.delete("/api/v1/llm").status_code == 409
    assert not config_path.exists()


def test_api_put_and_get_never_show_the_key(client: TestClient, config_path: Path, fake_llm: FakeLLM) -> None:
    response = client.put(
        "/api/v1/llm",
        json={"base_url": fake_llm.base_url, "model": "test-model", "api_key": KEY, "timeout": 9},
    )
    assert response.status_code == 200 and KEY not in response.text
    body = response.json()
    assert body["configured"] and body["api_key_set"] and body["timeout"] == 9.0 and body["editable"]
    assert tomllib.loads(config_path.read_text(encoding="utf-8"))["llm"]["api_key"] == KEY
    kept = client.put("/api/v1/llm", json={"base_url": fake_llm.base_url, "model": "other"})
    assert kept.json()["api_key_set"] is True and kept.json()["model"] == "other"
    cleared = client.put("/api/v1/llm", json={"base_url": fake_llm.base_url, "model": "other", "api_key": ""})
    assert cleared.json()["api_key_set"] is False
    unknown = client.put("/api/v1/llm", json={"base_url": fake_llm.base_url, "model": "m", "key": KEY})
    assert unknown.status_code == 422 and "Unknown field 'key'" in unknown.json()["detail"]


def test_cross_site_changes_are_refused(client: TestClient, config_path: Path) -> None:
    evil = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    body = {"base_url": "https://evil.example/v1", "model": "spy"}
    assert client.put("/api/v1/llm", json=body, headers=evil).status_code == 403
    assert client.delete("/api/v1/llm", headers=evil).status_code == 403
    assert client.post("/api/v1/llm/test", headers=evil).status_code == 403
    assert not config_path.exists()


def test_openapi_documents_the_llm(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert {"get", "put", "delete"} <= set(spec["paths"]["/api/v1/llm"])
    assert "post" in spec["paths"]["/api/v1/llm/test"]
    schemas = spec["components"]["schemas"]
    assert "configured" in schemas["SuggestRequest"]["properties"]["llm"]["description"]
    assert {"source", "note"} <= set(schemas["SuggestResponse"]["properties"])
    assert "api_key" not in schemas["LLMStatusOut"]["properties"]
    assert "voice" in schemas["RoundOut"]["properties"]


# --- server mode ----------------------------------------------------------------------------------------------------


@pytest.fixture
def server(pipeline: Pipeline, tmp_path: Path) -> Iterator[FastAPI]:
    yield server_app(pipeline, sqlite_url(tmp_path / "server.db"))
    dispose_engines()


def test_server_mode_shows_the_status_and_changes_nothing(
    server: FastAPI, config_path: Path, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    ana = register(server, "ana")
    page = ana.get("/settings")
    assert page.status_code == 200
    assert "<dt>Set by</dt><dd>environment variables</dd>" in page.text
    assert f"127.0.0.1:{fake_llm.port}" in page.text and "test-model" in page.text
    assert "cannot be changed here" in page.text
    assert 'id="llm-form"' not in page.text and 'id="llm-remove"' not in page.text
    status = ana.get("/api/v1/llm").json()
    assert status["configured"] and status["editable"] is False
    assert status["base_url"] is None and status["config_file"] is None  # nothing about the server's files
    for call in (
        lambda: ana.put("/api/v1/llm", json={"base_url": "http://127.0.0.1:1/v1", "model": "x"}),
        lambda: ana.delete("/api/v1/llm"),
    ):
        refused = call()
        assert refused.status_code == 403 and "operator" in refused.json()["detail"]
    form = ana.post(
        "/settings/llm",
        data={"csrf_token": token(ana, "/settings"), "base_url": "http://127.0.0.1:1/v1", "model": "x"},
    )
    assert form.status_code == 403 and "operator" in form.text
    removal = ana.post("/settings/llm/remove", data={"csrf_token": token(ana, "/settings")})
    assert removal.status_code == 403
    assert not config_path.exists()
    # Testing the operator's connection changes nothing, so a signed-in person may.
    assert ana.post("/api/v1/llm/test").json()["ok"] is True
    anon = TestClient(server)
    assert anon.get("/api/v1/llm").status_code == 401


def test_server_mode_refuses_changes_even_without_environment(server: FastAPI, config_path: Path) -> None:
    ana = register(server, "ana")
    assert ana.get("/api/v1/llm").json()["configured"] is False
    assert ana.put("/api/v1/llm", json={"base_url": "http://127.0.0.1:1/v1", "model": "x"}).status_code == 403
    assert not config_path.exists()


# --- POST /api/v1/suggest with llm ----------------------------------------------------------------------------------


def _suggest(client: TestClient, **extra: Any) -> Any:
    response = client.post("/api/v1/suggest", json={"partner": PARTNER, "reply": DRAFT, **extra})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("llm", [True, None])
def test_suggest_uses_the_llm_and_checks_it(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch, llm: bool | None
) -> None:
    _use_env(monkeypatch, fake_llm)
    fake_llm.answers = [GOOD]
    body = _suggest(client, **({"llm": llm} if llm is not None else {}))
    assert body["source"] == "llm" and body["suggestion"] == GOOD
    assert "test-model" in body["note"] and "checked by the coach" in body["note"]
    assert body["suggestion_score"] > body["score"]
    assert any(c["change"] == "removed" for c in body["changes"])
    assert len(fake_llm.requests) == 1 and DRAFT in fake_llm.requests[0]["messages"][1]["content"]


def test_suggest_with_llm_false_sends_nothing(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    body = _suggest(client, llm=False)
    assert body["source"] == "offline" and body["note"] is None
    assert fake_llm.requests == []


def test_a_bad_llm_answer_falls_back_with_the_reason(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    fake_llm.answers = [WITH_PITFALL]
    body = _suggest(client, llm=True)
    assert body["source"] == "offline" and body["suggestion"] and "Sam tonight at 7" in body["suggestion"]
    assert "did not pass the coach's check" in body["note"] and body["suggestion_score"] is None
    assert WITH_PITFALL not in str(body)


def test_llm_down_falls_back_with_the_reason(
    client: TestClient, free_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FEELHEARD_LLM_BASE_URL", f"http://127.0.0.1:{free_port}/v1")
    monkeypatch.setenv("FEELHEARD_LLM_MODEL", "m")
    body = _suggest(client)
    assert body["source"] == "offline" and "could not be used" in body["note"]
    assert "cannot connect" in body["note"]


def test_suggest_without_an_llm(client: TestClient) -> None:
    assert _suggest(client)["note"] is None
    asked = _suggest(client, llm=True)
    assert asked["source"] == "offline" and "none is configured" in asked["note"]


def test_suggest_with_broken_settings_says_so(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEELHEARD_LLM_BASE_URL", "http://127.0.0.1:1/v1")  # and no model
    body = _suggest(client)
    assert body["source"] == "offline" and "cannot be used" in body["note"] and "no model" in body["note"]


def test_the_llm_is_never_asked_about_a_safety_concern(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    body = client.post("/api/v1/suggest", json={"partner": DANGER, "reply": "ok", "llm": True}).json()
    assert body["safety_level"] != "none" and body["suggestion"] is None
    assert fake_llm.requests == []


def test_suggest_refuses_a_non_boolean_llm(client: TestClient) -> None:
    response = client.post("/api/v1/suggest", json={"partner": PARTNER, "reply": DRAFT, "llm": "yes"})
    assert response.status_code == 422


# --- the Coach page -------------------------------------------------------------------------------------------------


def _coach(client: TestClient) -> str:
    page = client.get("/")
    response = client.post("/", data={"partner": PARTNER, "reply": DRAFT, "csrf_token": _token(page.text)})
    assert response.status_code == 200
    return response.text


def test_no_llm_no_button(client: TestClient) -> None:
    assert 'id="ask-llm"' not in _coach(client)
    fragment = client.post("/coach/results", json={"partner": PARTNER, "reply": DRAFT}).text
    assert 'id="ask-llm"' not in fragment


def test_coach_asks_the_llm_for_another_version(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    page = _coach(client)
    assert 'id="ask-llm"' in page and "Ask the LLM for another version" in page
    assert f"test-model at 127.0.0.1:{fake_llm.port}" in page  # it says where the text would go
    assert fake_llm.requests == []  # nothing is sent until the button is pressed
    fragment = client.post("/coach/results", json={"partner": PARTNER, "reply": DRAFT}).text
    assert 'id="ask-llm"' in fragment
    fake_llm.answers = [GOOD]
    asked = client.post("/coach/llm", data={"partner": PARTNER, "reply": DRAFT, "csrf_token": _token(page)})
    assert asked.status_code == 200
    assert _grab(r'id="suggestion-text">([^<]+)<', asked.text) == (GOOD,)
    source, note = _grab(r'id="llm-note" role="status" data-source="(\w+)">([^<]+)<', asked.text)
    assert source == "llm" and "Rewritten by the LLM" in note
    assert f'value="{PARTNER}"' in asked.text  # the boxes keep the texts


def test_coach_shows_why_the_llm_version_was_not_used(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    fake_llm.answers = [WITH_PITFALL]
    page = client.get("/")
    asked = client.post(
        "/coach/llm", data={"partner": PARTNER, "reply": DRAFT, "csrf_token": _token(page.text)}
    )
    source, note = _grab(r'id="llm-note" role="status" data-source="(\w+)">([^<]+)<', asked.text)
    assert source == "offline" and "did not pass the coach's check" in note
    assert WITH_PITFALL not in htmllib.unescape(asked.text)


def test_coach_llm_form_needs_its_token_and_skips_safety(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    client.get("/")
    refused = client.post("/coach/llm", data={"partner": PARTNER, "reply": DRAFT, "csrf_token": "0" * 64})
    assert refused.status_code == 403
    page = client.get("/")
    danger = client.post(
        "/coach/llm", data={"partner": DANGER, "reply": "ok", "csrf_token": _token(page.text)}
    )
    assert danger.status_code == 200 and 'data-safety="' in danger.text and 'id="ask-llm"' not in danger.text
    assert fake_llm.requests == []


# --- Practice voiced by the LLM -------------------------------------------------------------------------------------


def _practice_items(client: TestClient) -> list[repo.ItemRecord]:
    app: Any = client.app
    with session_scope(app.state.storage_engine) as session:
        me = repo.local_user(session)
        return repo.list_items(session, viewer_id=me.id, kind="practice", scope="mine")


def _first_reply_on_the_page(client: TestClient) -> str:
    page = client.get(f"/practice/{SCENARIO}")
    started = client.post(
        f"/practice/{SCENARIO}/start",
        data={"reply": COLD, "csrf_token": _token(page.text)},
        follow_redirects=False,
    )
    assert started.status_code == 303, started.text
    location = started.headers["location"]
    return client.get(location.split("#")[0]).text


def test_practice_page_partner_voiced_by_the_llm(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    fake_llm.answers = [VOICED]
    html = _first_reply_on_the_page(client)
    assert _grab(r'id="partner-line">([^<]+)<', html) == (VOICED,)
    assert 'id="voice-note"' in html and "worded by the LLM" in html
    (item,) = _practice_items(client)
    turn = item.payload["turn"]
    assert item.payload["spoken"] == {turn: VOICED} and item.payload["voice"] == "llm"
    scripted = load_bank()[SCENARIO].turns[turn].partner
    assert scripted in fake_llm.requests[-1]["messages"][1]["content"]
    # The next reply answers the LLM's words, and those are what the round keeps.
    page = client.get(f"/practice/session/{item.id}")
    turn_field = re.search(r'name="turn" value="([^"]+)"', page.text)
    assert turn_field
    fake_llm.answers = ["Okay. Thank you for saying that."]
    sent = client.post(
        f"/practice/session/{item.id}/reply",
        data={
            "reply": "I'm sorry, you're right.",
            "turn": turn_field.group(1),
            "csrf_token": _token(page.text),
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303
    (item,) = _practice_items(client)
    assert item.payload["exchanges"][1]["partner"] == VOICED


def test_practice_page_says_why_the_script_was_used(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    fake_llm.mode = "error"
    fake_llm.status = 503
    html = _first_reply_on_the_page(client)
    (item,) = _practice_items(client)
    scripted = load_bank()[SCENARIO].turns[item.payload["turn"]].partner
    assert _grab(r'id="partner-line">([^<]+)<', html) == (scripted,)
    (note,) = _grab(r'id="voice-note">([^<]+)<', html)
    assert "could not be used" in note and "HTTP 503" in note
    assert item.payload["spoken"] == {}


def test_practice_without_an_llm_has_no_note(client: TestClient) -> None:
    html = _first_reply_on_the_page(client)
    assert 'id="voice-note"' not in html
    (item,) = _practice_items(client)
    assert item.payload["spoken"] == {} and item.payload["voice_notes"] == {}


def test_practice_api_reply_voiced_by_the_llm(
    client: TestClient, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_env(monkeypatch, fake_llm)
    fake_llm.answers = [VOICED]
    started = client.post("/api/v1/practice/sessions", json={"scenario": SCENARIO}).json()
    assert fake_llm.requests == []  # the opening is the scenario's own
    body = client.post(f"/api/v1/practice/sessions/{started['id']}/reply", json={"reply": COLD}).json()
    round_ = body["round"]
    assert round_["voice"] == "llm" and round_["voice_note"] is None
    assert round_["next_line"] == VOICED == body["session"]["partner_line"]
    fake_llm.answers = ["x" * 1000]
    again = client.post(
        f"/api/v1/practice/sessions/{started['id']}/reply", json={"reply": "I'm sorry."}
    ).json()
    assert again["round"]["voice"] == "script" and "too long" in again["round"]["voice_note"]
    assert again["round"]["next_line"] == again["session"]["partner_line"]


def test_practice_api_reply_without_an_llm(client: TestClient) -> None:
    started = client.post("/api/v1/practice/sessions", json={"scenario": SCENARIO}).json()
    round_ = client.post(f"/api/v1/practice/sessions/{started['id']}/reply", json={"reply": COLD}).json()[
        "round"
    ]
    assert round_["voice"] is None and round_["voice_note"] is None
