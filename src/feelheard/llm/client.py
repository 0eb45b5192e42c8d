"""A small client for OpenAI-compatible chat-completions servers (Ollama, llama.cpp, vLLM, hosted APIs).

Only `chat` is needed: send messages, get the assistant's text back, optionally streamed as server-sent
events (`data: {...}` lines ending with `data: [DONE]`). Every failure becomes an `LLMError` whose message a
user can act on, so callers can fall back to the offline composer and say why.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from feelheard.llm.config import LLMConfig

ErrorKind = Literal["config", "timeout", "connection", "http", "malformed", "empty"]
Message = dict[str, str]


class LLMError(Exception):
    """The LLM could not give a usable answer.

    Attributes:
        kind: "config", "timeout", "connection", "http", "malformed" or "empty".
        status: The HTTP status for "http" errors.
    """

    def __init__(self, message: str, *, kind: ErrorKind, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def server_error_message(body: bytes) -> str:
    """The human part of an error body: OpenAI's {"error": {"message"}}, or {"error": "..."}, {"detail"}, text."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return _short(text) if text else "no details given"
    if isinstance(data, dict):
        error = data.get("error", data)
        if isinstance(error, dict):
            for key in ("message", "detail", "msg"):
                if isinstance(error.get(key), str):
                    return _short(error[key])
        elif isinstance(error, str):
            return _short(error)
        for key in ("detail", "message"):
            if isinstance(data.get(key), str):
                return _short(data[key])
    return _short(text)


def _http_error(status: int, body: bytes, endpoint: str) -> LLMError:
    detail = server_error_message(body)
    hint = {
        401: "check the API key (FEELHEARD_LLM_API_KEY)",
        403: "the key is not allowed to use this model",
        404: "check the base URL and the model name",
        429: "the server is rate limiting; try again later",
    }.get(status, "the server had a problem" if status >= 500 else "the server refused the request")
    return LLMError(f"LLM server answered HTTP {status} ({hint}): {detail}", kind="http", status=status)


def _content(value: object) -> str | None:
    """Message content as text: a string, or a list of {"type": "text", "text": ...} parts."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        texts = [p.get("text") for p in value if isinstance(p, dict) and isinstance(p.get("text"), str)]
        return "".join(texts) if texts else None  # type: ignore[arg-type]
    return None


def parse_completion(data: object) -> str:
    """The assistant text of a non-streamed chat-completions answer.

    Raises:
        LLMError: If the answer has no choices or no text.
    """
    if not isinstance(data, dict):
        raise LLMError("LLM answer is not a JSON object", kind="malformed")
    if "error" in data and "choices" not in data:
        raise LLMError(
            f"LLM server reported an error: {server_error_message(json.dumps(data).encode())}", kind="http"
        )
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices:
        raise LLMError("LLM answer has no choices", kind="malformed")
    first = choices[0]
    message = first.get("message") if isinstance(first, dict) else None
    text = _content(message.get("content")) if isinstance(message, dict) else None
    if text is None and isinstance(first, dict) and isinstance(first.get("text"), str):
        text = first["text"]  # the older completions shape, which some servers still send
    if text is None:
        raise LLMError("LLM answer has no message content", kind="malformed")
    if not text.strip():
        raise LLMError("LLM answer was empty", kind="empty")
    return text


def iter_sse_deltas(lines: Iterator[str]) -> Iterator[str]:
    """Text pieces from a streamed answer: `data: {json}` lines until `data: [DONE]`.

    Comment lines (":"), blank lines and other SSE fields are skipped.

    Raises:
        LLMError: If a data line is not JSON, or the stream reports an error.
    """
    for raw in lines:
        line = raw.strip()
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            return
        try:
            chunk = json.loads(payload)
        except ValueError as exc:
            raise LLMError(
                f"LLM stream sent data that is not JSON: {_short(payload, 80)}", kind="malformed"
            ) from exc
        if not isinstance(chunk, dict):
            raise LLMError("LLM stream sent a chunk that is not a JSON object", kind="malformed")
        if "error" in chunk:
            raise LLMError(
                f"LLM stream reported an error: {server_error_message(payload.encode())}", kind="http"
            )
        choices = chunk.get("choices")
        if not isinstance(choices, list):
            raise LLMError("LLM stream chunk has no choices", kind="malformed")
        for choice in choices[:1]:
            delta = choice.get("delta") if isinstance(choice, dict) else None
            piece = _content(delta.get("content")) if isinstance(delta, dict) else None
            if piece:
                yield piece


class LLMClient:
    """Talks to one configured chat-completions server.

    Args:
        config: Where the server is and how to call it.
        transport: An httpx transport, for tests that mock the network (the test suite uses a real server).
    """

    def __init__(self, config: LLMConfig, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        headers = {"Accept": "application/json", "User-Agent": "feelheard"}
        if config.api_key:
            headers["Authorization"] = f"Bearer {config.api_key}"
        # Proxy variables apply to remote servers only: a local server must never be reached through a proxy.
        local = urlsplit(config.base_url).hostname in ("127.0.0.1", "localhost", "::1")
        self._client = httpx.Client(
            timeout=httpx.Timeout(config.timeout), headers=headers, transport=transport, trust_env=not local
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> LLMClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def chat(
        self,
        messages: Sequence[Message],
        *,
        stream: bool = False,
        temperature: float = 0.7,
        max_tokens: int = 600,
        on_delta: Callable[[str], None] | None = None,
    ) -> str:
        """Send the messages and return the assistant's whole answer.

        Args:
            messages: Chat messages, each {"role": ..., "content": ...}.
            stream: Ask for server-sent events and join the pieces.
            temperature: Sampling temperature.
            max_tokens: Longest answer wanted.
            on_delta: Called with each streamed piece as it arrives.

        Raises:
            LLMError: On timeout, connection failure, HTTP 4xx/5xx, malformed JSON, or an empty answer.
        """
        body: dict[str, Any] = {
            "model": self.config.model,
            "messages": list(messages),
            "temperature": temperature,
            "max_tokens": max_tokens,
            "stream": stream,
        }
        endpoint = self.config.endpoint
        try:
            if stream:
                return self._stream(endpoint, body, on_delta)
            response = self._client.post(endpoint, json=body)
            if response.status_code >= 400:
                raise _http_error(response.status_code, response.content, endpoint)
            try:
                data = response.json()
            except ValueError as exc:
                raise LLMError(
                    f"LLM server sent an answer that is not JSON: {_short(response.text, 80)!r}",
                    kind="malformed",
                ) from exc
            return parse_completion(data)
        except httpx.TimeoutException as exc:
            raise LLMError(
                f"LLM server at {self.config.host} did not answer within {self.config.timeout:g} s",
                kind="timeout",
            ) from exc
        except httpx.ConnectError as exc:
            raise LLMError(
                f"cannot connect to the LLM server at {self.config.host} (is it running?)", kind="connection"
            ) from exc
        except httpx.HTTPError as exc:
            raise LLMError(f"talking to the LLM server failed: {exc}", kind="connection") from exc

    def _stream(self, endpoint: str, body: dict[str, Any], on_delta: Callable[[str], None] | None) -> str:
        with self._client.stream(
            "POST", endpoint, json=body, headers={"Accept": "text/event-stream"}
        ) as response:
            if response.status_code >= 400:
                raise _http_error(response.status_code, response.read(), endpoint)
            content_type = response.headers.get("content-type", "")
            if "application/json" in content_type:
                # Some servers ignore "stream": true and send one ordinary answer.
                try:
                    return parse_completion(json.loads(response.read()))
                except ValueError as exc:
                    raise LLMError("LLM server sent an answer that is not JSON", kind="malformed") from exc
            pieces: list[str] = []
            for piece in iter_sse_deltas(response.iter_lines()):
                pieces.append(piece)
                if on_delta is not None:
                    on_delta(piece)
        text = "".join(pieces)
        if not text.strip():
            raise LLMError("LLM stream ended without any text", kind="empty")
        return text


def chat(
    messages: Sequence[Message], *, stream: bool = False, config: LLMConfig | None = None, **kwargs: Any
) -> str:
    """One chat call with the configured LLM.

    Raises:
        LLMError: If no LLM is configured, or the call fails.
    """
    if config is None:
        from feelheard.llm.config import load_llm_config

        config = load_llm_config()
    if config is None:
        raise LLMError(
            "no LLM is configured (set FEELHEARD_LLM_BASE_URL and FEELHEARD_LLM_MODEL)", kind="config"
        )
    with LLMClient(config) as client:
        return client.chat(messages, stream=stream, **kwargs)
