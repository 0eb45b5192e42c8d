"""Where the LLM settings come from: environment variables first, then a TOML config file.

Environment (each overrides the same key in the file):
    FEELHEARD_LLM_BASE_URL   e.g. http://127.0.0.1:11434/v1 (Ollama) or http://127.0.0.1:8080/v1 (llama.cpp)
    FEELHEARD_LLM_MODEL      the model name the server knows
    FEELHEARD_LLM_API_KEY    sent as a Bearer token; optional for local servers
    FEELHEARD_LLM_TIMEOUT    seconds to wait to connect or for the next part of an answer (default 20)
    FEELHEARD_LLM_STREAM     1/true to ask for a streamed answer (default off)

Config file: `FEELHEARD_CONFIG`, or `config.toml` in the user config folder (platformdirs), with an `[llm]`
table holding `base_url`, `model`, `api_key` (or `api_key_env`, the name of a variable that holds the key),
`timeout` and `stream`.

No base URL anywhere means no LLM: `load_llm_config()` returns None and nothing leaves the machine.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from feelheard.errors import InputError

DEFAULT_TIMEOUT = 20.0
ENV_PREFIX = "FEELHEARD_LLM_"


class LLMConfigError(InputError):
    """The LLM settings are present but unusable (the message says which one and why)."""


@dataclass(frozen=True)
class LLMConfig:
    """How to reach an OpenAI-compatible chat-completions server.

    Attributes:
        base_url: The API root, e.g. ``http://127.0.0.1:11434/v1``; ``/chat/completions`` is added to it.
        model: The model name sent with each request.
        api_key: Sent as ``Authorization: Bearer ...`` when set.
        timeout: Seconds to wait to connect, or for the next part of an answer.
        stream: Whether to ask for a streamed (server-sent events) answer.
        source: Where the settings came from, for messages ("environment" or the file path).
    """

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    stream: bool = False
    source: str = "environment"

    @property
    def endpoint(self) -> str:
        """The full chat-completions URL."""
        base = self.base_url.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"

    @property
    def host(self) -> str:
        """The host the requests go to, for telling the user where their text is sent."""
        return urlsplit(self.base_url).netloc


def config_file_path(env: Mapping[str, str] | None = None) -> Path:
    """The config file to read: `FEELHEARD_CONFIG`, or `config.toml` in the user config folder."""
    environ = os.environ if env is None else env
    explicit = environ.get("FEELHEARD_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("feelheard", appauthor=False)) / "config.toml"


def _read_file_table(path: Path) -> dict[str, Any]:
    """The `[llm]` table of the config file ({} when the file or the table is absent)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise LLMConfigError(f"cannot read config file {path}: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LLMConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    table = data.get("llm", {})
    if not isinstance(table, dict):
        raise LLMConfigError(f"config file {path}: [llm] must be a table")
    return table


def _as_bool(value: object, what: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise LLMConfigError(f"{what} must be true or false, got {value!r}")


def _as_timeout(value: object, what: str) -> float:
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise LLMConfigError(f"{what} must be a number of seconds, got {value!r}") from exc
    if not 0 < seconds <= 3600:
        raise LLMConfigError(f"{what} must be between 0 and 3600 seconds, got {value!r}")
    return seconds


LLM_KEYS = ("base_url", "model", "api_key", "timeout", "stream")


def env_overrides(env: Mapping[str, str] | None = None) -> list[str]:
    """The `FEELHEARD_LLM_*` variables that are set (non-blank): each overrides the same key in the file."""
    environ = os.environ if env is None else env
    names = (ENV_PREFIX + key.upper() for key in LLM_KEYS)
    return [name for name in names if (environ.get(name) or "").strip()]


def _file_values(table: Mapping[str, Any], source: str) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for key in LLM_KEYS:
        if key in table and table[key] is not None and str(table[key]).strip() != "":
            values[key] = table[key]
            origin[key] = source
    return values, origin


def _settings_from(values: Mapping[str, Any], origin: Mapping[str, str]) -> LLMConfig | None:
    """Check merged settings and build the config (None when no base URL is set anywhere)."""
    base_url = str(values.get("base_url", "")).strip()
    if not base_url:
        if values.get("model"):
            raise LLMConfigError(
                "an LLM model is set but no base URL: set FEELHEARD_LLM_BASE_URL or base_url in [llm]"
            )
        return None
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LLMConfigError(f"LLM base URL must start with http:// or https://, got {base_url!r}")
    try:
        _ = parts.port  # raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as exc:
        raise LLMConfigError(f"LLM base URL has a port that is not valid: {base_url!r}") from exc
    model = str(values.get("model", "")).strip()
    if not model:
        raise LLMConfigError(f"an LLM base URL is set ({base_url}) but no model: set FEELHEARD_LLM_MODEL")
    api_key = str(values["api_key"]).strip() if values.get("api_key") else None
    timeout_what = "FEELHEARD_LLM_TIMEOUT" if origin.get("timeout") == "environment" else "llm.timeout"
    stream_what = "FEELHEARD_LLM_STREAM" if origin.get("stream") == "environment" else "llm.stream"
    return LLMConfig(
        base_url=base_url,
        model=model,
        api_key=api_key,
        timeout=_as_timeout(values["timeout"], timeout_what) if "timeout" in values else DEFAULT_TIMEOUT,
        stream=_as_bool(values["stream"], stream_what) if "stream" in values else False,
        source=origin.get("base_url", "environment"),
    )


def check_llm_table(table: Mapping[str, Any], *, source: str = "config file") -> LLMConfig | None:
    """Check an `[llm]` table by the rules `load_llm_config` applies to the file (the environment is not read).

    Used before a table is written (the web app's Settings), so a saved file always loads.

    Raises:
        LLMConfigError: If the table's settings are incomplete or invalid.
    """
    values, origin = _file_values(table, source)
    return _settings_from(values, origin)


def load_llm_config(env: Mapping[str, str] | None = None) -> LLMConfig | None:
    """The LLM settings, or None when no LLM is configured.

    Args:
        env: Environment to read (default `os.environ`); tests pass their own.

    Raises:
        LLMConfigError: If settings are present but incomplete or invalid (e.g. a base URL without a model).
    """
    environ = os.environ if env is None else env
    path = config_file_path(environ)
    table = _read_file_table(path)
    values, origin = _file_values(table, str(path))
    key_env = table.get("api_key_env")
    if "api_key" not in values and isinstance(key_env, str) and environ.get(key_env):
        values["api_key"] = environ[key_env]
        origin["api_key"] = key_env
    for key in LLM_KEYS:
        raw = environ.get(ENV_PREFIX + key.upper())
        if raw is not None and raw.strip():
            values[key] = raw.strip()
            origin[key] = "environment"
    return _settings_from(values, origin)
