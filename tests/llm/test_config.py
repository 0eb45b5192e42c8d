"""Where LLM settings come from: environment over config file, and no LLM unless configured."""

from __future__ import annotations

from pathlib import Path

import pytest

from feelheard.llm.config import DEFAULT_TIMEOUT, LLMConfigError, config_file_path, load_llm_config


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_configured_means_none(tmp_path: Path) -> None:
    assert load_llm_config({"FEELHEARD_CONFIG": str(tmp_path / "missing.toml")}) is None
    assert load_llm_config() is None  # the autouse fixture cleared the real environment


def test_environment_only() -> None:
    config = load_llm_config(
        {
            "FEELHEARD_CONFIG": "/nonexistent/config.toml",
            "FEELHEARD_LLM_BASE_URL": "http://127.0.0.1:11434/v1",
            "FEELHEARD_LLM_MODEL": "llama3.2",
        }
    )
    assert config is not None
    assert config.endpoint == "http://127.0.0.1:11434/v1/chat/completions"
    assert config.timeout == DEFAULT_TIMEOUT == 20.0
    assert config.api_key is None
    assert config.stream is False
    assert config.source == "environment"


def test_file_only(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        '[llm]\nbase_url = "https://api.example.com/v1"\nmodel = "small"\napi_key = "sk-file"\n'
        "timeout = 7.5\nstream = true\n",
    )
    config = load_llm_config({"FEELHEARD_CONFIG": str(path)})
    assert config is not None
    assert (config.base_url, config.model, config.api_key, config.timeout, config.stream) == (
        "https://api.example.com/v1",
        "small",
        "sk-file",
        7.5,
        True,
    )
    assert config.source == str(path)
    assert config.host == "api.example.com"


def test_environment_overrides_file_key_by_key(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        '[llm]\nbase_url = "http://file:1/v1"\nmodel = "file-model"\ntimeout = 3\n',
    )
    config = load_llm_config(
        {"FEELHEARD_CONFIG": str(path), "FEELHEARD_LLM_MODEL": "env-model", "FEELHEARD_LLM_TIMEOUT": "12"}
    )
    assert config is not None
    assert config.base_url == "http://file:1/v1"  # from the file
    assert config.model == "env-model"  # the environment wins
    assert config.timeout == 12.0


def test_api_key_from_a_named_variable(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml", '[llm]\nbase_url = "http://h:1/v1"\nmodel = "m"\napi_key_env = "MY_SECRET"\n'
    )
    config = load_llm_config({"FEELHEARD_CONFIG": str(path), "MY_SECRET": "sk-env"})
    assert config is not None and config.api_key == "sk-env"


def test_default_file_location_is_the_user_config_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("platformdirs.user_config_dir", lambda *a, **k: str(tmp_path / "cfg"))
    assert config_file_path({}) == tmp_path / "cfg" / "config.toml"
    (tmp_path / "cfg").mkdir()
    write(tmp_path / "cfg" / "config.toml", '[llm]\nbase_url = "http://h:2/v1"\nmodel = "m"\n')
    config = load_llm_config({})
    assert config is not None and config.base_url == "http://h:2/v1"


def test_file_without_llm_table_is_not_configured(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "[other]\nx = 1\n")
    assert load_llm_config({"FEELHEARD_CONFIG": str(path)}) is None


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FEELHEARD_LLM_MODEL": "m"}, "no base URL"),
        ({"FEELHEARD_LLM_BASE_URL": "http://h:1/v1"}, "no model"),
        ({"FEELHEARD_LLM_BASE_URL": "ftp://h/v1", "FEELHEARD_LLM_MODEL": "m"}, "http:// or https://"),
        (
            {
                "FEELHEARD_LLM_BASE_URL": "http://h/v1",
                "FEELHEARD_LLM_MODEL": "m",
                "FEELHEARD_LLM_TIMEOUT": "soon",
            },
            "FEELHEARD_LLM_TIMEOUT must be a number",
        ),
        (
            {
                "FEELHEARD_LLM_BASE_URL": "http://h/v1",
                "FEELHEARD_LLM_MODEL": "m",
                "FEELHEARD_LLM_TIMEOUT": "-1",
            },
            "between 0 and 3600",
        ),
        (
            {
                "FEELHEARD_LLM_BASE_URL": "http://h/v1",
                "FEELHEARD_LLM_MODEL": "m",
                "FEELHEARD_LLM_STREAM": "maybe",
            },
            "true or false",
        ),
    ],
)
def test_half_configured_is_an_error(env: dict[str, str], message: str, tmp_path: Path) -> None:
    env = {"FEELHEARD_CONFIG": str(tmp_path / "none.toml"), **env}
    with pytest.raises(LLMConfigError, match=message):
        load_llm_config(env)


def test_broken_toml_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "[llm\nbase_url = ")
    with pytest.raises(LLMConfigError, match="not valid TOML"):
        load_llm_config({"FEELHEARD_CONFIG": str(path)})
