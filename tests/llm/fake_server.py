"""A real OpenAI-compatible chat-completions server on 127.0.0.1, used by the tests in this folder.

`fake_llm.mode` picks the behaviour: "json", "stream", "slow", "slow_stream", "error", "malformed",
"no_choices", "empty", "stream_malformed", "stream_error", "json_when_streaming". `fake_llm.answers` is
what the assistant says (the first one repeats when the list runs out, unless `script` mode consumes them in
order). Every request body is kept in `fake_llm.requests`.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from feelheard.llm.config import LLMConfig

LLM_ENV = (
    "FEELHEARD_LLM_BASE_URL",
    "FEELHEARD_LLM_MODEL",
    "FEELHEARD_LLM_API_KEY",
    "FEELHEARD_LLM_TIMEOUT",
    "FEELHEARD_LLM_STREAM",
    "FEELHEARD_CONFIG",
)


@dataclass
class FakeLLM:
    """State shared between a test and the server thread."""

    port: int = 0
    mode: str = "json"
    answers: list[str] = field(default_factory=lambda: ["Hello."])
    status: int = 500
    error_body: bytes = b'{"error": {"message": "something broke", "type": "server_error"}}'
    delay: float = 1.5
    script: bool = False
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def config(self, **overrides: Any) -> LLMConfig:
        values: dict[str, Any] = {"base_url": self.base_url, "model": "test-model", "timeout": 5.0}
        values.update(overrides)
        return LLMConfig(**values)

    def next_answer(self) -> str:
        with self.lock:
            if self.script and len(self.answers) > 1:
                return self.answers.pop(0)
            return self.answers[0]


def _handler(state: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output quiet

        def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _chunk(self, text: str) -> None:
            data = text.encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            if self.path != "/v1/chat/completions":
                self._send(404, b'{"error": {"message": "no such route"}}')
                return
            body = json.loads(raw)
            with state.lock:
                state.requests.append(body)
                state.headers.append({k.lower(): v for k, v in self.headers.items()})
            mode = state.mode
            answer = state.next_answer()
            if mode == "slow":
                time.sleep(state.delay)
            if mode == "error":
                self._send(state.status, state.error_body)
                return
            if mode == "malformed":
                self._send(200, b'{"choices": [{"message": {"content": "cut off')
                return
            if mode == "no_choices":
                self._send(200, b'{"id": "x", "choices": []}')
                return
            if mode == "empty":
                self._send(200, json.dumps({"choices": [{"message": {"content": "  "}}]}).encode())
                return
            wants_stream = bool(body.get("stream"))
            if wants_stream and mode != "json_when_streaming":
                self._stream(answer, mode)
                return
            payload = {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": body.get("model"),
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}
                ],
            }
            self._send(200, json.dumps(payload).encode())

        def _stream(self, answer: str, mode: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self._chunk(": keep-alive comment\n\n")
            role = {"choices": [{"index": 0, "delta": {"role": "assistant"}}]}
            self._chunk(f"data: {json.dumps(role)}\n\n")
            words = answer.split(" ")
            for index, word in enumerate(words):
                piece = word if index == 0 else " " + word
                chunk = {"choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                self._chunk(f"data: {json.dumps(chunk)}\n\n")
                if mode == "slow_stream" and index == 0:
                    time.sleep(state.delay)
                if mode == "stream_malformed" and index == 0:
                    self._chunk("data: {not json\n\n")
                if mode == "stream_error" and index == 0:
                    self._chunk('data: {"error": {"message": "model crashed"}}\n\n')
            self._chunk("data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

    return Handler


class QuietServer(ThreadingHTTPServer):
    """Clients that hang up early (the timeout tests) are expected: no traceback for them."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start_server(state: FakeLLM) -> ThreadingHTTPServer:
    """Serve `state` on a free port of 127.0.0.1 in a background thread."""
    server = QuietServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server
