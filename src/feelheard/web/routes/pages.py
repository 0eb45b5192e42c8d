"""The HTML pages: the Coach (live with JavaScript, a plain form post without), Settings and the API docs.

Every page is rendered on the server by Jinja2 with autoescaping on; user text is only ever passed to the
templates as plain strings, so it is shown, never interpreted.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, StrictStr
from starlette.concurrency import run_in_threadpool

from feelheard.errors import InputError
from feelheard.result import Analysis
from feelheard.web.batching import BatchRunner
from feelheard.web.deps import ConfigDep, RunnerDep, WebConfig
from feelheard.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    bound_csrf_nonce,
    csrf_token,
    csrf_valid,
    new_csrf_nonce,
)
from feelheard.web.view import CoachView, coach_view

router = APIRouter(include_in_schema=False)

COUNTRY_COOKIE = "fh_country"
ONE_YEAR = 365 * 24 * 3600
# The pages in the menu, in order. Pages whose back end arrives later are added here when it lands.
NAV: tuple[tuple[str, str], ...] = (
    ("coach", "Coach"),
    ("practice", "Practice"),
    ("assess", "Assessments"),
    ("checkins", "Check-ins"),
    ("progress", "Progress"),
    ("history", "History"),
    ("review", "Chat review"),
    ("settings", "Settings"),
)
NAV_PATHS: dict[str, str] = {
    "coach": "/",
    "practice": "/practice",
    "assess": "/assess",
    "checkins": "/checkins",
    "progress": "/progress",
    "history": "/history",
    "review": "/review",
    "settings": "/settings",
}
# Shown when a form's CSRF token does not match (an old tab, cookies cleared, the server restarted).
FORM_EXPIRED = (
    "For your security this form needed a refresh. Your words are still here: please press the button again."
)


@cache
def templates() -> Jinja2Templates:
    """The template set, with autoescaping forced on for every template."""
    directory = str(resources.files("feelheard").joinpath("web/templates"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return Jinja2Templates(env=env)


def _countries() -> list[dict[str, str]]:
    from feelheard.web.routes.safety import country_choices

    try:
        return country_choices()
    except Exception:  # the page must still open if the resources file is unreadable
        return []


def visitor_country(request: Request, config: WebConfig) -> str:
    """The country the visitor picked on Settings, or the configured default."""
    chosen = request.cookies.get(COUNTRY_COOKIE, "")
    if chosen and any(c["code"] == chosen for c in _countries()):
        return chosen
    return config.country


def _csrf_nonce(request: Request, config: WebConfig) -> tuple[str, bool]:
    from feelheard.web.auth import current_session

    session = current_session(request) if config.server else None
    if session is not None:  # server mode, signed in: the nonce belongs to this session (see security.py)
        bound = bound_csrf_nonce(config.secret_key, session.sid)
        return bound, request.cookies.get(CSRF_COOKIE) != bound
    nonce = request.cookies.get(CSRF_COOKIE, "")
    if 20 <= len(nonce) <= 64 and nonce.replace("-", "").replace("_", "").isalnum():
        return nonce, False
    return new_csrf_nonce(), True


def render(
    request: Request,
    config: WebConfig,
    name: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    page: str = "",
) -> Response:
    """Render a page with the shared context (menu, CSRF token, quick-exit target) and set the CSRF cookie.

    Every page also gets `server_mode` and `viewer_name` (the signed-in account in server mode, else empty):
    the menu then offers Account and Sign out. `llm_host` names where an optional LLM is configured (else
    empty), so the pages that promise text stays here can say where it goes when that LLM is used.
    """
    from feelheard.web.auth import current_viewer
    from feelheard.web.llm import llm_host

    nonce, fresh = _csrf_nonce(request, config)
    viewer = current_viewer(request) if config.server else None
    nav = (
        [(key, label, NAV_PATHS[key]) for key, label in NAV]
        if viewer is not None or not config.server
        else []
    )
    if viewer is not None:
        nav.append(("account", "Account", "/account"))
    full = {
        "nav": nav,
        "server_mode": config.server,
        "viewer_name": viewer.username if viewer is not None else "",
        "page": page,
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(config.secret_key, nonce),
        "neutral_url": config.neutral_url,
        "max_chars": config.max_chars,
        "llm_host": llm_host(),
        **context,
    }
    response = templates().TemplateResponse(request, name, full, status_code=status_code)
    if fresh:
        response.set_cookie(
            CSRF_COOKIE, nonce, httponly=True, samesite="strict", secure=config.secure_cookies, path="/"
        )
    return response


async def _form_checked(request: Request, config: WebConfig) -> tuple[dict[str, str], bool]:
    form = await request.form(max_files=0, max_fields=20)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    ok = csrf_valid(config.secret_key, request.cookies.get(CSRF_COOKIE), values.get(CSRF_FIELD))
    return values, ok


def _text(value: str | None) -> str | None:
    """A blank box means "not given"."""
    return value if value is not None and value.strip() else None


async def _analysis(
    runner: BatchRunner, partner: str | None, reply: str | None
) -> tuple[Analysis | None, str]:
    """Run the pipeline for a page; returns the analysis, or None and a kind message."""
    partner, reply = _text(partner), _text(reply)
    if partner is None and reply is None:
        return None, ""
    try:
        return await runner.analyze(partner, reply), ""
    except InputError as exc:
        from feelheard.web.app import sentence

        return None, sentence(str(exc))


async def _analyse(
    runner: BatchRunner, partner: str | None, reply: str | None, country: str
) -> tuple[CoachView | None, str, dict[str, str] | None]:
    """Run the pipeline for a page; returns the view (or None and a kind message) and the LLM offer."""
    from feelheard.web.llm import coach_offer

    analysis, error = await _analysis(runner, partner, reply)
    if analysis is None:
        return None, error, None
    offer = await run_in_threadpool(coach_offer, analysis)
    return coach_view(analysis, country=country), "", offer


async def _coach_form(request: Request, config: WebConfig) -> tuple[dict[str, Any], bool]:
    """The Coach's posted messages as a page context, and whether the form's CSRF token checked out (the
    context's error is the expired-form one, for when it did not)."""
    values, ok = await _form_checked(request, config)
    context: dict[str, Any] = {
        "partner": values.get("partner", ""),
        "reply": values.get("reply", ""),
        "view": None,
        "error": FORM_EXPIRED,
        "llm_offer": None,
        "llm_result": None,
    }
    return context, ok


@router.get("/", response_class=HTMLResponse)
def coach_page(request: Request, config: ConfigDep) -> Response:
    """The Coach: two boxes, and the results panel below (filled as you type when JavaScript is on)."""
    context = {"partner": "", "reply": "", "view": None, "error": "", "llm_offer": None, "llm_result": None}
    return render(request, config, "coach.html", context, page="coach")


@router.post("/", response_class=HTMLResponse)
async def coach_post(request: Request, config: ConfigDep, runner: RunnerDep) -> Response:
    """The no-JavaScript path: the same page, with the results rendered on the server."""
    context, ok = await _coach_form(request, config)
    if not ok:
        return render(request, config, "coach.html", context, status_code=403, page="coach")
    partner, reply = context["partner"], context["reply"]
    country = visitor_country(request, config)
    view, error, offer = await _analyse(runner, partner, reply, country)
    context.update(view=view, error=error, llm_offer=offer)
    return render(request, config, "coach.html", context, status_code=422 if error else 200, page="coach")


@router.post("/coach/llm", response_class=HTMLResponse)
async def coach_llm(request: Request, config: ConfigDep, runner: RunnerDep) -> Response:
    """ "Ask the LLM for another version" (a plain form post): the Coach page with the LLM's checked rewrite in the
    suggestion card, or the offline one and the reason the LLM's was not used."""
    from feelheard.web.llm import coach_offer, llm_choice, rewrite
    from feelheard.web.view import word_diff

    context, ok = await _coach_form(request, config)
    if not ok:
        return render(request, config, "coach.html", context, status_code=403, page="coach")
    partner, reply = context["partner"], context["reply"]
    analysis, error = await _analysis(runner, partner, reply)
    context["error"] = error
    if analysis is None:
        return render(request, config, "coach.html", context, status_code=422 if error else 200, page="coach")
    view = coach_view(analysis, country=visitor_country(request, config))
    context["view"] = view
    if analysis.safety.level == "none" and analysis.reply is not None:
        llm, note = await run_in_threadpool(llm_choice, True)
        verifier = runner.pipeline.without("suggest")
        result = await run_in_threadpool(rewrite, analysis, llm, note, verifier)
        if result.source == "llm" and result.text is not None:
            view.suggestion = result.text
            view.diff = word_diff(analysis.reply, result.text)
            view.changes = list(result.changes)
        context["llm_result"] = {"source": result.source, "note": result.note, "score": result.score}
        context["llm_offer"] = await run_in_threadpool(coach_offer, analysis)
    return render(request, config, "coach.html", context, page="coach")


class CoachInput(BaseModel):
    """What the page's script sends while you type."""

    model_config = ConfigDict(extra="forbid")
    partner: StrictStr = ""
    reply: StrictStr = ""


@router.post("/coach/results", response_class=HTMLResponse)
async def coach_results(body: CoachInput, request: Request, config: ConfigDep, runner: RunnerDep) -> Response:
    """The results panel alone, for the live update (JSON in, HTML out; it changes nothing, so no CSRF)."""
    view, error, offer = await _analyse(runner, body.partner, body.reply, visitor_country(request, config))
    context = {"view": view, "error": error, "llm_offer": offer, "llm_result": None}
    return render(request, config, "_results.html", context, status_code=422 if error else 200)


def settings_context(
    request: Request,
    config: WebConfig,
    *,
    saved: bool = False,
    error: str = "",
    data_notice: str = "",
    data_error: str = "",
) -> dict[str, Any]:
    """What settings.html needs: the country form, the LLM section and the "Your data" section's messages."""
    from feelheard.web.routes.history import DELETE_PHRASE
    from feelheard.web.routes.llm import llm_context

    return {
        **llm_context(config, request),
        "countries": _countries(),
        "country": visitor_country(request, config),
        "saved": saved,
        "error": error,
        "data_notice": data_notice,
        "data_error": data_error,
        "delete_phrase": DELETE_PHRASE,
        "max_import_mb": max(1, config.max_import_bytes // (1024 * 1024)),
    }


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, config: ConfigDep) -> Response:
    """Settings: the country whose help lines are shown, and your data (export, import, delete)."""
    from feelheard.web.routes.data_pages import data_notice

    context = settings_context(
        request,
        config,
        saved=request.query_params.get("saved") == "1",
        data_notice=data_notice(request, server=config.server),
    )
    return render(request, config, "settings.html", context, page="settings")


@router.post("/settings", response_class=HTMLResponse)
async def settings_post(request: Request, config: ConfigDep) -> Response:
    """Save the country in a cookie (this browser only; nothing is sent anywhere)."""
    values, ok = await _form_checked(request, config)
    countries = _countries()
    chosen = values.get("country", "")
    error = ""
    if not ok:
        error = FORM_EXPIRED
    elif not any(c["code"] == chosen for c in countries):
        error = "Please choose a country from the list."
    if error:
        context = settings_context(request, config, error=error)
        return render(
            request, config, "settings.html", context, status_code=403 if not ok else 422, page="settings"
        )
    response = RedirectResponse("/settings?saved=1", status_code=303)
    response.set_cookie(
        COUNTRY_COOKIE,
        chosen,
        max_age=ONE_YEAR,
        httponly=True,
        samesite="strict",
        secure=config.secure_cookies,
    )
    return response


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request, config: ConfigDep) -> Response:
    """The REST API described from the app's own OpenAPI document, rendered here (no CDN, works offline)."""
    spec = request.app.openapi()
    operations: list[dict[str, Any]] = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            ref = str(body.get("$ref", "")).rsplit("/", 1)[-1]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "body": ref,
                    "params": [p.get("name", "") for p in op.get("parameters", [])],
                    "responses": [
                        (code, r.get("description", "")) for code, r in op.get("responses", {}).items()
                    ],
                }
            )
    schemas = spec.get("components", {}).get("schemas", {})
    models = [
        {
            "name": name,
            "description": schema.get("description", ""),
            "fields": [
                (field, str(prop.get("description", "")), field in schema.get("required", []))
                for field, prop in schema.get("properties", {}).items()
            ],
        }
        for name, schema in schemas.items()
        if not name.startswith(("HTTPValidationError", "ValidationError"))
    ]
    context = {
        "spec": spec,
        "operations": operations,
        "models": models,
        "openapi_url": request.app.openapi_url,
    }
    return render(request, config, "api_docs.html", context, page="api")


def not_found(request: Request) -> Response:
    """A gentle 404 page for browsers."""
    config: WebConfig = request.app.state.config
    return render(request, config, "not_found.html", {}, status_code=404)
