"""The LLM settings as a person sees and changes them (the web app's Settings): status, save, remove, test.

* `llm_status` says whether an LLM is configured, where (host and model), where the settings come from
  (environment variables or the config file) and whether a key is set, never the key itself.
* `save_llm_settings` writes the `[llm]` table of the config file (`config_file_path`), atomically and
  owner-only, keeping every other table (`feelheard.config_file`). Values are checked first by the same rules
  `load_llm_config` applies (`check_llm_table`), so a saved file always loads.
* `remove_llm_settings` takes the table out again.
* `check_connection` sends one tiny chat request with the real client and says whether it worked.

Environment variables override the file key by key (`feelheard.llm.config`), so while any `FEELHEARD_LLM_*`
variable is set the file's settings are not what is used, and interfaces show them read-only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from feelheard.config_file import ConfigFileError, read_document, set_table
from feelheard.llm.config import (
    LLMConfig,
    LLMConfigError,
    _as_timeout,
    check_llm_table,
    config_file_path,
    env_overrides,
    load_llm_config,
)

TABLE = "llm"
MAX_URL = 2000
MAX_MODEL = 200
MAX_KEY = 4000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BLANK_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class LLMStatus:
    """Where the LLM settings stand (safe to show: the API key is never part of it).

    Attributes:
        configured: An LLM is configured and its settings are valid.
        host: Where text is sent (host and port, without any user name or password in the URL).
        model: The model name.
        base_url: The API root, without any user name or password.
        api_key_set: A key is set (from wherever).
        timeout: Seconds to wait.
        stream: Streamed answers are asked for.
        source: Where the base URL comes from: "environment" or "config file" (None when not configured).
        env_overrides: The `FEELHEARD_LLM_*` variables that are set; each overrides the file.
        config_file: The config file that is read and written.
        error: Why the settings cannot be used, when they are present but invalid (or the file is unreadable).
        file_values: The config file's `[llm]` values for a form: base_url, model and timeout (no key).
        file_key_set: The config file holds an API key (or names a variable holding one).
        file_has_table: The config file has an `[llm]` table (so there is something to remove).
    """

    configured: bool
    host: str | None
    model: str | None
    base_url: str | None
    api_key_set: bool
    timeout: float | None
    stream: bool
    source: Literal["environment", "config file"] | None
    env_overrides: tuple[str, ...]
    config_file: str
    error: str | None
    file_values: dict[str, str]
    file_key_set: bool
    file_has_table: bool

    @property
    def env_locked(self) -> bool:
        """Environment variables are set, so the config file's settings are not (all) the ones used."""
        return bool(self.env_overrides)


def public_url(url: str) -> str:
    """A URL without the user name and password it may carry."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host + (f":{port}" if port is not None else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def public_host(url: str) -> str:
    """Where requests to `url` go, for people: host and port, without any credentials."""
    return urlsplit(public_url(url)).netloc


def _file_table(env: Mapping[str, str]) -> tuple[dict[str, Any], str | None]:
    path = config_file_path(env)
    try:
        _, data = read_document(path)
    except ConfigFileError as exc:
        return {}, str(exc)
    table = data.get(TABLE, {})
    if not isinstance(table, dict):
        return {}, f"config file {path}: [llm] must be a table"
    return table, None


def _form_text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def llm_status(env: Mapping[str, str] | None = None) -> LLMStatus:
    """Where the LLM settings stand now (environment and config file)."""
    environ = os.environ if env is None else env
    path = config_file_path(environ)
    table, file_error = _file_table(environ)
    has_table = bool(table)
    file_values = {key: _form_text(table.get(key)) for key in ("base_url", "model", "timeout")}
    file_key_set = bool(table.get("api_key")) or bool(table.get("api_key_env"))
    overrides = tuple(env_overrides(environ))
    config: LLMConfig | None = None
    error = file_error
    if error is None:
        try:
            config = load_llm_config(environ)
        except LLMConfigError as exc:
            error = str(exc)
    if config is None:
        return LLMStatus(
            configured=False,
            host=None,
            model=None,
            base_url=None,
            api_key_set=False,
            timeout=None,
            stream=False,
            source=None,
            env_overrides=overrides,
            config_file=str(path),
            error=error,
            file_values=file_values,
            file_key_set=file_key_set,
            file_has_table=has_table,
        )
    return LLMStatus(
        configured=True,
        host=public_host(config.base_url),
        model=config.model,
        base_url=public_url(config.base_url),
        api_key_set=config.api_key is not None,
        timeout=config.timeout,
        stream=config.stream,
        source="environment" if config.source == "environment" else "config file",
        env_overrides=overrides,
        config_file=str(path),
        error=None,
        file_values=file_values,
        file_key_set=file_key_set,
        file_has_table=has_table,
    )


# --- saving -----------------------------------------------------------------------------------------------------


def _savable(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LLMConfigError(f"{what} holds a character that cannot be saved") from exc


def prepare_llm_table(
    current: Mapping[str, Any],
    *,
    base_url: str,
    model: str,
    api_key: str | None = None,
    timeout: str | float | None = None,
) -> tuple[dict[str, Any], LLMConfig]:
    """The `[llm]` table to write and the config it gives, checked as `load_llm_config` would check it.

    Args:
        current: The table in the file now: keys the form does not show (`stream`, `api_key_env`) are kept.
        base_url: The API root, e.g. http://127.0.0.1:11434/v1.
        model: The model name.
        api_key: None keeps the key the file holds; "" removes it; anything else is the new key.
        timeout: Seconds; None or blank means the default.

    Raises:
        LLMConfigError: With a message a person can act on, naming the setting that is wrong.
    """
    base_url = base_url.strip()
    model = model.strip()
    if not base_url:
        raise LLMConfigError("enter the LLM server's address, such as http://127.0.0.1:11434/v1")
    if len(base_url) > MAX_URL:
        raise LLMConfigError(f"the server address is longer than {MAX_URL} characters")
    if _BLANK_OR_CONTROL.search(base_url):
        raise LLMConfigError("the server address cannot contain spaces or control characters")
    if not model:
        raise LLMConfigError("enter the model name the server knows, such as llama3.2")
    if len(model) > MAX_MODEL:
        raise LLMConfigError(f"the model name is longer than {MAX_MODEL} characters")
    if _CONTROL.search(model):
        raise LLMConfigError("the model name cannot contain control characters")
    _savable(base_url, "the server address")
    _savable(model, "the model name")
    table: dict[str, Any] = {k: v for k, v in current.items() if k not in ("base_url", "model", "timeout")}
    table = {"base_url": base_url, "model": model, **table}
    if api_key is not None:
        key = api_key.strip()
        if len(key) > MAX_KEY:
            raise LLMConfigError(f"the API key is longer than {MAX_KEY} characters")
        if _BLANK_OR_CONTROL.search(key):
            raise LLMConfigError("the API key cannot contain spaces or control characters")
        _savable(key, "the API key")
        table.pop("api_key", None)
        if key:
            table["api_key"] = key
            table.pop("api_key_env", None)  # a key given here replaces the variable the file named
    if timeout is not None and str(timeout).strip():
        table["timeout"] = _as_timeout(str(timeout).strip(), "the timeout")
    config = check_llm_table(table, source="config file")
    assert config is not None  # a base URL is set, so there is a config or an error
    return table, config


def save_llm_settings(
    *,
    base_url: str,
    model: str,
    api_key: str | None = None,
    timeout: str | float | None = None,
    env: Mapping[str, str] | None = None,
) -> LLMConfig:
    """Check the settings and write them to the config file's `[llm]` table (every other table is kept).

    Raises:
        LLMConfigError: If a value is not valid (nothing is written).
        ConfigFileError: If the config file cannot be read (it is then left alone) or written.
    """
    environ = os.environ if env is None else env
    path = config_file_path(environ)
    _, data = read_document(path)
    current = data.get(TABLE, {})
    if not isinstance(current, dict):
        current = {}
    table, config = prepare_llm_table(
        current, base_url=base_url, model=model, api_key=api_key, timeout=timeout
    )
    set_table(path, TABLE, table)
    return config


def remove_llm_settings(env: Mapping[str, str] | None = None) -> bool:
    """Take the `[llm]` table out of the config file (every other table is kept).

    Returns:
        Whether there was one to take out.

    Raises:
        ConfigFileError: If the config file cannot be read (it is then left alone) or written.
    """
    environ = os.environ if env is None else env
    return set_table(config_file_path(environ), TABLE, None)


# --- testing the connection -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConnectionCheck:
    """The result of one tiny request to the LLM server."""

    ok: bool
    message: str


TEST_MESSAGES = [
    {"role": "system", "content": "You are a connection test. Answer with one word."},
    {"role": "user", "content": "Say OK."},
]


def check_connection(config: LLMConfig | None) -> ConnectionCheck:
    """Send one tiny chat request with the real client and say whether it worked (and why not).

    Only the two fixed test messages are sent; nothing a person wrote.
    """
    from feelheard.llm.client import LLMClient, LLMError

    if config is None:
        return ConnectionCheck(False, "No LLM is configured, so there is nothing to test.")
    where = f"{config.model} at {public_host(config.base_url)}"
    try:
        with LLMClient(config) as client:
            client.chat(TEST_MESSAGES, temperature=0.0, max_tokens=32, stream=config.stream)
    except LLMError as exc:
        if exc.kind == "empty":
            return ConnectionCheck(
                True,
                f"Connected: {where} answered, though with no text to this tiny test "
                "(some models need a longer request).",
            )
        return ConnectionCheck(False, f"It did not work: {exc}.")
    return ConnectionCheck(True, f"It works: {where} answered.")
