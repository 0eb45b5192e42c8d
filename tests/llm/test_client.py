"""The chat-completions client against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from feelheard.llm.client import LLMClient, LLMError, iter_sse_deltas, parse_completion, server_error_message
from feelheard.llm.config import LLMConfig

from .fake_server import FakeLLM

MESSAGES = [{"role": "user", "content": "Say hello"}]


def test_plain_json_answer(fake_llm: FakeLLM) -> None:
    fake_llm.answers = ["Hello there, love."]
    with LLMClient(fake_llm.config(api_key="sk-test")) as client:
        assert client.chat(MESSAGES) == "Hello there, love."
    body = fake_llm.requests[0]
    assert body["model"] == "test-model"
    assert body["messages"] == MESSAGES
    assert body["stream"] is False
    assert fake_llm.headers[0]["authorization"] == "Bearer sk-test"


def test_no_key_means_no_authorization_header(fake_llm: FakeLLM) -> None:
    with LLMClient(fake_llm.config()) as client:
        client.chat(MESSAGES)
    assert "authorization" not in fake_llm.headers[0]


def test_streaming_joins_the_pieces_in_order(fake_llm: FakeLLM) -> None:
    fake_llm.mode = "stream"
    fake_llm.answers = ["I hear how alone you felt at the party."]
    pieces: list[str] = []
    with LLMClient(fake_llm.config()) as client:
        text = client.chat(MESSAGES, stream=True, on_delta=pieces.append)
    assert text == "I hear how alone you felt at the party."
    assert len(pieces) == 9
    assert fake_llm.requests[0]["stream"] is True


def test_streaming_request_answered_with_plain_json(fake_llm: FakeLLM) -> None:
    fake_llm.mode = "json_when_streaming"
    fake_llm.answers = ["Not streamed."]
    with LLMClient(fake_llm.config()) as client:
        assert client.chat(MESSAGES, stream=True) == "Not streamed."


def test_timeout_is_reported(fake_llm: FakeLLM) -> None:
    fake_llm.mode = "slow"
    started = time.monotonic()
    with LLMClient(fake_llm.config(timeout=0.3)) as client, pytest.raises(LLMError) as info:
        client.chat(MESSAGES)
    assert info.value.kind == "timeout"
    assert "0.3 s" in str(info.value)
    assert time.monotonic() - started < 1.4


def test_stalled_stream_times_out(fake_llm: FakeLLM) -> None:
    fake_llm.mode = "slow_stream"
    fake_llm.answers = ["one two three"]
    with LLMClient(fake_llm.config(timeout=0.3)) as client, pytest.raises(LLMError) as info:
        client.chat(MESSAGES, stream=True)
    assert info.value.kind == "timeout"


def test_connection_refused(free_port: int) -> None:
    config = LLMConfig(base_url=f"http://127.0.0.1:{free_port}/v1", model="m", timeout=2)
    with LLMClient(config) as client, pytest.raises(LLMError) as info:
        client.chat(MESSAGES)
    assert info.value.kind == "connection"
    assert f"127.0.0.1:{free_port}" in str(info.value)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (
            401,
            b'{"error": {"message": "Invalid API key provided", "type": "invalid_request_error"}}',
            "API key",
        ),
        (429, b'{"error": {"message": "Rate limit reached for requests"}}', "Rate limit reached"),
        (500, b'{"error": "model failed to load"}', "model failed to load"),
        (503, b"upstream unavailable", "upstream unavailable"),
        (404, b'{"detail": "Not Found"}', "Not Found"),
    ],
)
@pytest.mark.parametrize("stream", [False, True])
def test_http_errors_carry_the_server_message(
    fake_llm: FakeLLM, status: int, body: bytes, expected: str, stream: bool
) -> None:
    fake_llm.mode = "error"
    fake_llm.status = status
    fake_llm.error_body = body
    with LLMClient(fake_llm.config()) as client, pytest.raises(LLMError) as info:
        client.chat(MESSAGES, stream=stream)
    assert info.value.kind == "http"
    assert info.value.status == status
    assert f"HTTP {status}" in str(info.value)
    assert expected in str(info.value)


def test_wrong_path_is_a_404_with_a_hint(fake_llm: FakeLLM) -> None:
    config = LLMConfig(base_url=f"http://127.0.0.1:{fake_llm.port}/wrong", model="m")
    with LLMClient(config) as client, pytest.raises(LLMError) as info:
        client.chat(MESSAGES)
    assert "check the base URL" in str(info.value)


@pytest.mark.parametrize(
    ("mode", "kind", "stream"),
    [
        ("malformed", "malformed", False),
        ("no_choices", "malformed", False),
        ("empty", "empty", False),
        ("stream_malformed", "malformed", True),
        ("stream_error", "http", True),
    ],
)
def test_bad_answers(fake_llm: FakeLLM, mode: str, kind: str, stream: bool) -> None:
    fake_llm.mode = mode
    fake_llm.answers = ["one two"]
    with LLMClient(fake_llm.config()) as client, pytest.raises(LLMError) as info:
        client.chat(MESSAGES, stream=stream)
    assert info.value.kind == kind


def test_endpoint_accepts_a_full_url() -> None:
    config = LLMConfig(base_url="http://127.0.0.1:9/v1/chat/completions", model="m")
    assert config.endpoint == "http://127.0.0.1:9/v1/chat/completions"
    assert LLMConfig(base_url="http://h:1/v1/", model="m").endpoint == "http://h:1/v1/chat/completions"
    assert "sk-" not in repr(LLMConfig(base_url="http://h/v1", model="m", api_key="sk-secret"))


def test_parsers_directly() -> None:
    assert parse_completion({"choices": [{"message": {"content": [{"type": "text", "text": "hi"}]}}]}) == "hi"
    assert parse_completion({"choices": [{"text": "legacy"}]}) == "legacy"
    with pytest.raises(LLMError):
        parse_completion(["not", "a", "dict"])
    with pytest.raises(LLMError):
        parse_completion({"choices": [{"message": {"role": "assistant"}}]})
    lines = iter(
        [
            "",
            ": ping",
            "event: message",
            'data: {"choices": [{"delta": {"content": "a"}}]}',
            "data: [DONE]",
            'data: {"choices": [{"delta": {"content": "never"}}]}',
        ]
    )
    assert list(iter_sse_deltas(lines)) == ["a"]
    assert server_error_message(b"") == "no details given"
    assert server_error_message(b'{"message": "plain"}') == "plain"


def test_module_chat_uses_the_configuration(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    from feelheard.llm.client import chat

    with pytest.raises(LLMError) as info:
        chat(MESSAGES)
    assert info.value.kind == "config"
    assert fake_llm.requests == []
    monkeypatch.setenv("FEELHEARD_LLM_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("FEELHEARD_LLM_MODEL", "from-env")
    fake_llm.answers = ["Configured."]
    assert chat(MESSAGES) == "Configured."
    assert fake_llm.requests[0]["model"] == "from-env"
