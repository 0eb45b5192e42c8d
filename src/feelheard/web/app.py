"""The web app: the REST API under `/api/v1` and the server-rendered pages, in one FastAPI application.

Run it with `feelheard serve` (see `feelheard.cli.serve`) or `uvicorn --factory feelheard.web.app:create_app`.
In server mode (`WebConfig.mode`, `feelheard serve --server`) it adds accounts: the sign-in, registration and
Account pages (`routes/accounts.py`) and the session middleware that keeps everything else behind a sign-in
(`feelheard.web.auth`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from feelheard import __version__
from feelheard.errors import InputError
from feelheard.web.auth import SIGN_IN_FIRST, SessionMiddleware
from feelheard.web.deps import WebConfig, load_default_pipeline
from feelheard.web.schemas import ErrorResponse
from feelheard.web.security import BodySizeLimitMiddleware, SecurityHeadersMiddleware

API_PREFIX = "/api/v1"


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts)


def validation_message(exc: RequestValidationError) -> str:
    """One readable sentence from pydantic's error list."""
    messages: list[str] = []
    for error in exc.errors():
        kind = str(error.get("type", ""))
        where = _field(error.get("loc", ()))
        if kind == "json_invalid":
            messages.append("the body is not valid JSON")
        elif kind == "model_attributes_type" or (kind == "dict_type" and not where):
            messages.append('the body must be a JSON object such as {"partner": "...", "reply": "..."}')
        elif kind == "missing" and not where:
            messages.append('send a JSON body such as {"partner": "...", "reply": "..."}')
        elif kind == "extra_forbidden":
            messages.append(f"unknown field {where!r}")
        elif kind == "string_type":
            messages.append(f"{where} must be a string or null")
        else:
            text = str(error.get("msg", "is not valid"))
            messages.append(f"{where}: {text}" if where else text)
    unique = list(dict.fromkeys(messages))
    return sentence("; ".join(unique[:3]))


def sentence(text: str) -> str:
    """A message as a sentence: capital first letter, closing full stop."""
    text = text.strip() or "the input is not valid"
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def create_app(settings: WebConfig | None = None) -> FastAPI:
    """Build the app.

    Args:
        settings: The web configuration; None reads it from the `FEELHEARD_*` environment.

    Returns:
        A FastAPI application. Its pipeline loads on first use (or at start-up when `settings.preload`);
        tests replace it with `app.dependency_overrides[feelheard.web.deps.get_pipeline]`.
    """
    config = settings or WebConfig.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if config.preload and getattr(app.state, "pipeline", None) is None:
            app.state.pipeline = load_default_pipeline(config)
            # One warm-up run so the first visitor does not pay for lazy initialisation.
            app.state.pipeline("I had a long day.", "That sounds hard. Want to tell me about it?")
        yield
        runner = getattr(app.state, "runner", None)
        if runner is not None:
            runner.close()

    app = FastAPI(
        title="feelheard",
        version=__version__,
        summary="A local-first empathy coach for couples.",
        description=(
            "Read your partner's message and your draft reply, and get help answering so they feel heard. "
            "Everything runs on this machine; nothing is sent anywhere unless an optional LLM is configured "
            "(`/llm`), and then only to that LLM's server by the features that use it."
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        # Server mode: every operation needs a session cookie from /login.
        responses={401: {"model": ErrorResponse, "description": SIGN_IN_FIRST}} if config.server else None,
        # FastAPI's own docs pages load scripts from a CDN; ours are rendered on the server (see pages.py).
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.pipeline = None
    app.state.runner = None
    app.state.recorder = None

    from feelheard.web.routes import (
        accounts,
        analyze,
        data_pages,
        history,
        items,
        llm,
        pages,
        practice,
        progress,
        review,
        safety,
    )

    if config.server:
        from feelheard.storage.accounts import LoginRateLimiter

        app.state.login_limiter = LoginRateLimiter()  # 5 failures per username or address in 5 minutes
        app.state.signup_limiter = LoginRateLimiter(max_failures=accounts.SIGNUPS_PER_HOUR, window_s=3600.0)

    # Saved exchanges go to the local database, opened on first use (nothing is touched at import or start-up).
    app.state.recorder = history.lazy_recorder()
    app.include_router(analyze.router, prefix=API_PREFIX)
    app.include_router(safety.router, prefix=API_PREFIX)
    app.include_router(history.router, prefix=API_PREFIX)
    app.include_router(review.api_router, prefix=API_PREFIX)
    app.include_router(items.router, prefix=API_PREFIX)
    app.include_router(accounts.api_router, prefix=API_PREFIX)
    app.include_router(llm.api_router, prefix=API_PREFIX)
    if config.server:
        app.include_router(accounts.router)
    app.include_router(pages.router)
    app.include_router(data_pages.router)
    app.include_router(llm.router)
    app.include_router(review.router)
    app.include_router(practice.api_router, prefix=API_PREFIX)
    app.include_router(progress.api_router, prefix=API_PREFIX)
    app.include_router(practice.router)
    app.include_router(progress.router)
    from feelheard.web.routes import habits  # assessments, rituals and check-ins

    app.include_router(habits.api_router, prefix=API_PREFIX)
    app.include_router(habits.router)
    static_dir = resources.files("feelheard").joinpath("web/static")
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": sentence(str(exc))}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": validation_message(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if exc.status_code == 404 and _wants_html(request):
            return pages.not_found(request)
        detail = exc.detail if isinstance(exc.detail, str) else "The request could not be handled."
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    # Innermost first: the session check runs inside the body limit and the security headers.
    app.add_middleware(SessionMiddleware)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=config.max_body_bytes,
        large_paths=frozenset({f"{API_PREFIX}/import", "/settings/import"}),
        large_max_bytes=config.max_import_bytes + 64 * 1024,  # room for the multipart envelope
        path_limits=review.body_limits(),
    )
    app.add_middleware(SecurityHeadersMiddleware)
    if config.allowed_hosts:
        # Outermost: a request for another host name is refused before anything else looks at it.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
    return app


def create_serving_app() -> FastAPI:
    """The app as `feelheard serve` runs it: configured from the environment, models loaded at start-up."""
    return create_app(WebConfig.from_env(preload=True))
