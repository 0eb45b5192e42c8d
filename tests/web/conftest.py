"""Fixtures for the web tests: an app on the shared pipeline, a test client, and a real server for the browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from feelheard.pipeline import Pipeline
from feelheard.web import WebConfig, create_app
from feelheard.web.deps import get_pipeline

SCREENSHOTS = Path(__file__).resolve().parent.parent / "output" / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def _private_storage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point storage at a throwaway folder for every web test: never the user's real data or database server,
    and never an LLM configured on this machine (the LLM tests start their own server: test_llm_web.py)."""
    from llm.fake_server import LLM_ENV

    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("feelheard-home")
        patch.setenv("FEELHEARD_HOME", str(home))
        patch.delenv("FEELHEARD_DATABASE_URL", raising=False)
        for name in LLM_ENV:
            patch.delenv(name, raising=False)
        patch.setenv("FEELHEARD_CONFIG", str(home / "no-config.toml"))
        yield
    from feelheard.storage.db import dispose_engines

    dispose_engines()


def make_app(pipeline: Pipeline, **config: object) -> FastAPI:
    """An app whose pipeline is the session's (models load once for all tests)."""
    app = create_app(WebConfig(**config))  # type: ignore[arg-type]
    app.dependency_overrides[get_pipeline] = lambda: pipeline
    return app


@pytest.fixture(scope="session")
def web_app(pipeline: Pipeline) -> FastAPI:
    return make_app(pipeline)


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve_in_thread(app: FastAPI) -> Iterator[str]:
    """Run `app` on a real uvicorn server on 127.0.0.1 and a free port, in a thread; yields its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(pipeline: Pipeline) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 and a free port, in a thread of this process."""
    app = create_app(WebConfig())
    app.state.pipeline = pipeline
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
