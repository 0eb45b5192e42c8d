"""The LLM settings as Settings shows and changes them: status without the key, save, remove, connection test."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from feelheard.llm.config import LLMConfigError, check_llm_table, load_llm_config
from feelheard.llm.settings import (
    TEST_MESSAGES,
    check_connection,
    llm_status,
    prepare_llm_table,
    public_url,
    remove_llm_settings,
    save_llm_settings,
)

from .fake_server import FakeLLM


def test_saved_settings_load_back(tmp_path: Path) -> None:
    env = {"FEELHEARD_CONFIG": str(tmp_path / "c.toml")}
    config = save_llm_settings(
        base_url=" http://127.0.0.1:11434/v1 ", model="llama3.2", api_key="sk-1", timeout="12", env=env
    )
    loaded = load_llm_config(env)
    assert loaded is not None
    assert (loaded.base_url, loaded.model, loaded.api_key, loaded.timeout) == (
        config.base_url,
        "llama3.2",
        "sk-1",
        12.0,
    )
    status = llm_status(env)
    assert status.configured and status.api_key_set and status.source == "config file"
    assert status.file_values == {
        "base_url": "http://127.0.0.1:11434/v1",
        "model": "llama3.2",
        "timeout": "12",
    }
    assert "sk-1" not in repr(status)
    assert remove_llm_settings(env) is True and load_llm_config(env) is None


def test_keys_the_form_does_not_show_are_kept() -> None:
    table, config = prepare_llm_table(
        {"base_url": "http://a:1/v1", "model": "m", "stream": True, "api_key_env": "MY_KEY"},
        base_url="http://b:2/v1",
        model="n",
    )
    assert table == {"base_url": "http://b:2/v1", "model": "n", "stream": True, "api_key_env": "MY_KEY"}
    assert config.stream is True
    table, _ = prepare_llm_table(table, base_url="http://b:2/v1", model="n", api_key="sk-new")
    assert table["api_key"] == "sk-new" and "api_key_env" not in table  # a key given replaces the variable


def test_the_same_rules_as_loading() -> None:
    for table in ({"base_url": "localhost:11434", "model": "m"}, {"model": "m"}, {"base_url": "http://h/v1"}):
        with pytest.raises(LLMConfigError):
            check_llm_table(table)
    assert check_llm_table({}) is None


def test_status_with_a_password_in_the_url_hides_it(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[llm]\nbase_url = "https://user:pw@example.com:8443/v1"\nmodel = "m"\n', encoding="utf-8"
    )
    status = llm_status({"FEELHEARD_CONFIG": str(path)})
    assert status.host == "example.com:8443" and status.base_url == "https://example.com:8443/v1"
    assert "pw" not in repr(status.host) + repr(status.base_url)
    assert public_url("http://[::1]:8080/v1") == "http://[::1]:8080/v1"


def test_status_names_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    save_llm_settings(base_url="http://file:1/v1", model="file-model", env={"FEELHEARD_CONFIG": str(path)})
    env = {"FEELHEARD_CONFIG": str(path), "FEELHEARD_LLM_MODEL": "env-model"}
    status = llm_status(env)
    assert status.model == "env-model" and status.source == "config file"
    assert status.env_overrides == ("FEELHEARD_LLM_MODEL",) and status.env_locked
    assert tomllib.loads(path.read_text(encoding="utf-8"))["llm"]["model"] == "file-model"


def test_status_reports_broken_settings(tmp_path: Path) -> None:
    env = {"FEELHEARD_CONFIG": str(tmp_path / "none.toml"), "FEELHEARD_LLM_BASE_URL": "http://h:1/v1"}
    status = llm_status(env)
    assert not status.configured and status.error and "no model" in status.error


def test_check_connection(fake_llm: FakeLLM, free_port: int) -> None:
    fake_llm.answers = ["OK"]
    assert check_connection(fake_llm.config()).ok
    assert fake_llm.requests[0]["messages"] == TEST_MESSAGES  # only the fixed test message is sent
    fake_llm.answers = ["   "]
    fake_llm.mode = "empty"
    empty = check_connection(fake_llm.config())
    assert empty.ok and "no text" in empty.message
    down = check_connection(fake_llm.config(base_url=f"http://127.0.0.1:{free_port}/v1"))
    assert not down.ok and "cannot connect" in down.message
    assert not check_connection(None).ok
