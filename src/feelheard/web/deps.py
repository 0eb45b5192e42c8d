"""What the web routes share: the app's configuration, the pipeline (loaded once) and the exchange recorder.

Tests swap any of these with `app.dependency_overrides[get_pipeline] = ...`.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Literal, Protocol

from fastapi import Depends, Request

from feelheard.config import get_settings
from feelheard.pipeline import Pipeline
from feelheard.web.batching import BatchRunner

if TYPE_CHECKING:
    from feelheard.result import Analysis

# Where the quick-exit control sends the browser: an ordinary, neutral page that raises no questions.
NEUTRAL_URL = "https://www.bbc.com/weather"

Mode = Literal["local", "server"]
DAY = 24 * 3600
_FALSE = {"0", "false", "no", "off"}
_TRUE = {"1", "true", "yes", "on"}


def env_mode() -> Mode:
    """The mode named by `FEELHEARD_MODE` ("server", else "local")."""
    return "server" if os.environ.get("FEELHEARD_MODE", "").strip().lower() == "server" else "local"


@dataclass(frozen=True)
class WebConfig:
    """Settings of one web app instance.

    Attributes:
        max_chars: Longest text accepted per box (from `FEELHEARD_MAX_CHARS`).
        max_body_bytes: Largest request body accepted; bigger bodies get 413 before they are read in full.
        country: Default country for safety resources when the visitor has not picked one.
        secret_key: Signs the CSRF tokens of HTML forms and, in server mode, the session cookies
            (`FEELHEARD_SECRET_KEY`; random per process if unset, which signs everyone out on a restart).
        secure_cookies: Mark cookies `Secure` (set when served over HTTPS, `FEELHEARD_SECURE_COOKIES=1`).
        preload: Load the models at start-up so the first visitor does not wait (off in tests).
        neutral_url: Where quick exit goes.
        max_import_bytes: Largest export file accepted by the import endpoints (`FEELHEARD_MAX_IMPORT_BYTES`).
        mode: "local" (one person, no login; the default) or "server" (accounts and sign-in,
            `FEELHEARD_MODE=server` or `feelheard serve --server`).
        open_registration: Server mode: anyone who reaches the server may create an account on /register
            (`FEELHEARD_OPEN_REGISTRATION`, default on); when off, accounts come from `feelheard data add-user`.
        session_idle_s: Server mode: a session not used for this long ends (14 days).
        session_max_s: Server mode: a session ends this long after sign-in, used or not (30 days).
        allowed_hosts: Host names the app answers to (any port); empty answers every Host. `from_env` sets
            the loopback names in local mode, so a web page whose domain was re-pointed at 127.0.0.1 (DNS
            rebinding) cannot reach the local app; `FEELHEARD_ALLOWED_HOSTS` (comma-separated, `*` for any)
            overrides it.
    """

    max_chars: int = 20_000
    max_body_bytes: int = 256 * 1024
    country: str = "US"
    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    secure_cookies: bool = False
    preload: bool = False
    neutral_url: str = NEUTRAL_URL
    max_import_bytes: int = 20 * 1024 * 1024
    mode: Mode = "local"
    open_registration: bool = True
    session_idle_s: int = 14 * DAY
    session_max_s: int = 30 * DAY
    allowed_hosts: tuple[str, ...] = ()

    @property
    def server(self) -> bool:
        """True in server mode (accounts and sign-in)."""
        return self.mode == "server"

    @classmethod
    def from_env(cls, *, preload: bool = False) -> WebConfig:
        """Build from the `FEELHEARD_*` environment (see `feelheard.config`)."""
        settings = get_settings()
        # Two texts of max_chars, up to 4 UTF-8 bytes each, plus JSON overhead: never refuse a valid request.
        body = max(64 * 1024, settings.max_chars * 4 * 2 + 8 * 1024)
        key = os.environ.get("FEELHEARD_SECRET_KEY", "")
        mode = env_mode()
        if mode == "server" and not key:
            logging.getLogger("feelheard.web").warning(
                "FEELHEARD_SECRET_KEY is not set: using a random key for this process, so everyone is signed "
                "out when it restarts and several worker processes cannot share sessions. Set it to a long "
                "random value (e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)."
            )
        try:
            max_import = int(os.environ.get("FEELHEARD_MAX_IMPORT_BYTES", "") or 20 * 1024 * 1024)
        except ValueError:
            max_import = 20 * 1024 * 1024
        return cls(
            max_chars=settings.max_chars,
            max_body_bytes=body,
            country=settings.country,
            secret_key=key.encode("utf-8") if key else secrets.token_bytes(32),
            secure_cookies=os.environ.get("FEELHEARD_SECURE_COOKIES", "").strip().lower() in _TRUE,
            preload=preload,
            max_import_bytes=max(max_import, 1024),
            mode=mode,
            open_registration=os.environ.get("FEELHEARD_OPEN_REGISTRATION", "").strip().lower() not in _FALSE,
            allowed_hosts=allowed_hosts_from_env(mode),
        )


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


def allowed_hosts_from_env(mode: Mode) -> tuple[str, ...]:
    """`FEELHEARD_ALLOWED_HOSTS`, else the loopback names in local mode and any host in server mode."""
    raw = os.environ.get("FEELHEARD_ALLOWED_HOSTS", "").strip()
    if raw:
        names = tuple(dict.fromkeys(h.strip().lower() for h in raw.split(",") if h.strip()))
        return () if "*" in names else names
    return LOOPBACK_HOSTS if mode == "local" else ()


class ExchangeRecorder(Protocol):
    """The seam for storage: whatever keeps the coach's history implements this.

    The web layer never records an exchange whose safety level is not ``none`` (the quick-exit promise).
    """

    def record(self, analysis: Analysis, *, source: str) -> None:
        """Keep one analysed exchange."""


class NullRecorder:
    """Keeps nothing: the default until storage is wired in."""

    def record(self, analysis: Analysis, *, source: str) -> None:
        """Drop the exchange."""
        del analysis, source


_load_lock = threading.Lock()


def get_config(request: Request) -> WebConfig:
    """The configuration the app was created with."""
    config: WebConfig = request.app.state.config
    return config


def get_pipeline(request: Request) -> Pipeline:
    """The analysis pipeline, built on first use and then shared by every request."""
    pipeline: Pipeline | None = getattr(request.app.state, "pipeline", None)
    if pipeline is None:
        with _load_lock:
            pipeline = getattr(request.app.state, "pipeline", None)
            if pipeline is None:
                pipeline = load_default_pipeline(request.app.state.config)
                request.app.state.pipeline = pipeline
    return pipeline


def load_default_pipeline(config: WebConfig) -> Pipeline:
    """The process-wide default pipeline (its text limit comes from the same settings as `config.max_chars`).

    It is shared with every other user in the process, so it is never modified here.
    """
    from feelheard import load_pipeline

    del config
    return load_pipeline()


def get_runner(request: Request, pipeline: Annotated[Pipeline, Depends(get_pipeline)]) -> BatchRunner:
    """The batching runner in front of the pipeline (one per app and pipeline)."""
    runner: BatchRunner | None = getattr(request.app.state, "runner", None)
    if runner is None or runner.closed or runner.pipeline is not pipeline:
        with _load_lock:
            runner = getattr(request.app.state, "runner", None)
            if runner is None or runner.closed or runner.pipeline is not pipeline:
                if runner is not None and not runner.closed:
                    runner.close(timeout=0)
                runner = BatchRunner(pipeline)
                request.app.state.runner = runner
    return runner


def get_recorder(request: Request) -> ExchangeRecorder:
    """Where analysed exchanges go (a no-op until storage is wired: see `routes/history.py`)."""
    recorder: ExchangeRecorder = getattr(request.app.state, "recorder", None) or NullRecorder()
    return recorder


ConfigDep = Annotated[WebConfig, Depends(get_config)]
PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]
RunnerDep = Annotated[BatchRunner, Depends(get_runner)]
RecorderDep = Annotated[ExchangeRecorder, Depends(get_recorder)]
