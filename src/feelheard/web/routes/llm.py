"""The optional LLM's settings: `GET/PUT/DELETE /api/v1/llm`, `POST /api/v1/llm/test`, and the Settings forms.

* **Local mode**: the settings can be changed here. They are written to the `[llm]` table of the config file
  (`feelheard.llm.settings`), atomically, owner-only, with every other table kept. While any
  `FEELHEARD_LLM_*` environment variable is set the environment overrides the file, so changes are refused
  (409 in the API; the form is shown read-only).
* **Server mode**: the operator configures the LLM with environment variables; every person sees the status
  (host, model, whether a key is set, never the key) and nothing here can change it (403).

"Test connection" sends one tiny fixed request (no text anyone wrote) with the real client.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr
from starlette.concurrency import run_in_threadpool

from feelheard.config_file import ConfigFileError
from feelheard.llm.config import LLMConfigError
from feelheard.web.deps import ConfigDep, WebConfig
from feelheard.web.llm import SERVER_REFUSAL, env_refusal, status_view
from feelheard.web.routes import history
from feelheard.web.routes.pages import FORM_EXPIRED, _form_checked, render, settings_context
from feelheard.web.schemas import ErrorResponse

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["llm"])

NOTICES = {
    "saved": "Saved. The LLM is used from now on; what it writes is always checked by the coach first.",
    "removed": "Removed. No LLM is used now, and nothing you write leaves this computer.",
}


class LLMStatusOut(BaseModel):
    """Whether an optional LLM is configured, where text would go, and where the settings come from.

    The API key itself is never shown: only whether one is set.
    """

    configured: bool = Field(description="An LLM is configured and its settings are valid.")
    host: str | None = Field(description="Where text is sent when the LLM is used (host and port).")
    model: str | None
    base_url: str | None = Field(description="The API root (local mode only; never with a password).")
    api_key_set: bool = Field(description="An API key is set. The key itself is never shown.")
    timeout: float | None = Field(description="Seconds to wait for the server.")
    stream: bool
    source: Literal["environment", "config file"] | None = Field(
        description="Where the settings come from: environment variables or the config file."
    )
    environment_overrides: list[str] = Field(
        description="FEELHEARD_LLM_* variables that are set; each overrides the config file."
    )
    config_file: str | None = Field(description="The config file (local mode only).")
    editable: bool = Field(
        description="The settings can be changed here: local mode, and no FEELHEARD_LLM_* variable set."
    )
    error: str | None = Field(description="Why the settings present cannot be used.")


class LLMSettingsIn(BaseModel):
    """The LLM to use: an OpenAI-compatible chat-completions server (Ollama, llama.cpp, vLLM, a hosted API)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"base_url": "http://127.0.0.1:11434/v1", "model": "llama3.2"}]},
    )
    base_url: StrictStr = Field(description="The API root, such as http://127.0.0.1:11434/v1.")
    model: StrictStr = Field(description="The model name the server knows.")
    api_key: StrictStr | None = Field(
        default=None,
        description='Sent as a Bearer token. Leave it out (or null) to keep the saved key; "" removes it.',
    )
    timeout: StrictFloat | StrictInt | None = Field(
        default=None, description="Seconds to wait (more than 0, at most 3600); null for the default, 20."
    )


class ConnectionOut(BaseModel):
    """The result of one tiny test request to the LLM server."""

    ok: bool
    message: str = Field(description="What happened, and why it did not work when it did not.")


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        403: "Server mode (the operator sets the LLM), or sent by a page on another website.",
        409: "FEELHEARD_LLM_* environment variables are set and override the config file.",
        422: "A setting is not valid, or the config file cannot be read or written.",
    }
    return {code: {"model": ErrorResponse, "description": words[code]} for code in codes}


def _status(config: WebConfig) -> dict[str, Any]:
    from feelheard.llm.settings import llm_status

    return status_view(llm_status(), server=config.server)


def _out(config: WebConfig) -> LLMStatusOut:
    view = _status(config)
    return LLMStatusOut(**{k: v for k, v in view.items() if k in LLMStatusOut.model_fields})


def _may_change(config: WebConfig) -> str:
    """Why the settings cannot be changed by this request ("" when they can)."""
    from feelheard.llm.config import env_overrides

    if config.server:
        return SERVER_REFUSAL
    names = env_overrides()
    return env_refusal(names) if names else ""


def _refuse_change(config: WebConfig) -> None:
    why = _may_change(config)
    if why:
        raise HTTPException(status_code=403 if config.server else 409, detail=why)


def _sentence(exc: Exception) -> str:
    from feelheard.web.app import sentence

    return sentence(str(exc))


# --- the API ----------------------------------------------------------------------------------------------------


@api_router.get("/llm", summary="Show the LLM settings", response_model=LLMStatusOut)
def get_llm(config: ConfigDep) -> LLMStatusOut:
    """Whether an LLM is configured, where text would be sent, and where the settings come from (no key)."""
    return _out(config)


@api_router.put("/llm", summary="Set the LLM", response_model=LLMStatusOut, responses=_errors(403, 409, 422))
def put_llm(body: LLMSettingsIn, config: ConfigDep, _: history.SameSite) -> LLMStatusOut:
    """Local mode: save the LLM settings in the config file's `[llm]` table (other tables are kept)."""
    from feelheard.llm.settings import save_llm_settings

    _refuse_change(config)
    try:
        save_llm_settings(
            base_url=body.base_url, model=body.model, api_key=body.api_key, timeout=body.timeout
        )
    except (LLMConfigError, ConfigFileError) as exc:
        raise HTTPException(status_code=422, detail=_sentence(exc)) from None
    return _out(config)


@api_router.delete(
    "/llm", summary="Remove the LLM", response_model=LLMStatusOut, responses=_errors(403, 409, 422)
)
def delete_llm(config: ConfigDep, _: history.SameSite) -> LLMStatusOut:
    """Local mode: take the `[llm]` table out of the config file, so no LLM is used (other tables are kept)."""
    from feelheard.llm.settings import remove_llm_settings

    _refuse_change(config)
    try:
        remove_llm_settings()
    except ConfigFileError as exc:
        raise HTTPException(status_code=422, detail=_sentence(exc)) from None
    return _out(config)


def _check() -> ConnectionOut:
    from feelheard.llm.settings import check_connection
    from feelheard.web.llm import current_llm

    llm, problem = current_llm()
    if problem:
        return ConnectionOut(
            ok=False, message=f"The LLM settings cannot be used: {_sentence(Exception(problem))}"
        )
    result = check_connection(llm)
    return ConnectionOut(ok=result.ok, message=result.message)


@api_router.post(
    "/llm/test", summary="Test the LLM connection", response_model=ConnectionOut, responses=_errors(403)
)
def test_llm(_: history.SameSite) -> ConnectionOut:
    """Send one tiny fixed request (nothing anyone wrote) to the configured LLM and say whether it worked."""
    return _check()


# --- the Settings forms -----------------------------------------------------------------------------------------


def llm_context(config: WebConfig, request: Request) -> dict[str, Any]:
    """The Settings page's LLM section: the status, and the notice after a redirect."""
    return {
        "llm": _status(config),
        "llm_notice": NOTICES.get(request.query_params.get("llm", ""), ""),
        "llm_error": "",
        "llm_test": None,
        "llm_form": None,
    }


def _settings(request: Request, config: WebConfig, status: int = 200, **llm: Any) -> Response:
    """Settings again, with the LLM section's message (error, test result) and the form's values."""
    context = settings_context(request, config)
    context.update(llm_notice="", **llm)
    return render(request, config, "settings.html", context, status_code=status, page="settings")


@router.post("/settings/llm", response_class=HTMLResponse)
async def save_from_settings(request: Request, config: ConfigDep) -> Response:
    """Save the LLM settings from the form (local mode only)."""
    from feelheard.llm.settings import save_llm_settings

    values, ok = await _form_checked(request, config)
    form = {key: values.get(key, "") for key in ("base_url", "model", "timeout")}
    if not ok:
        return _settings(request, config, 403, llm_error=FORM_EXPIRED, llm_form=form)
    why = await run_in_threadpool(_may_change, config)
    if why:
        return _settings(request, config, 403 if config.server else 409, llm_error=why)
    key = values.get("api_key", "")
    api_key = "" if values.get("forget_key") == "1" and not key.strip() else (key if key.strip() else None)
    try:
        await run_in_threadpool(
            lambda: save_llm_settings(
                base_url=form["base_url"], model=form["model"], api_key=api_key, timeout=form["timeout"]
            )
        )
    except (LLMConfigError, ConfigFileError) as exc:
        return _settings(request, config, 422, llm_error=_sentence(exc), llm_form=form)
    return RedirectResponse("/settings?llm=saved#llm", status_code=303)


@router.post("/settings/llm/remove", response_class=HTMLResponse)
async def remove_from_settings(request: Request, config: ConfigDep) -> Response:
    """Take the LLM settings out of the config file (local mode only)."""
    from feelheard.llm.settings import remove_llm_settings

    _, ok = await _form_checked(request, config)
    if not ok:
        return _settings(request, config, 403, llm_error=FORM_EXPIRED)
    why = await run_in_threadpool(_may_change, config)
    if why:
        return _settings(request, config, 403 if config.server else 409, llm_error=why)
    try:
        await run_in_threadpool(remove_llm_settings)
    except ConfigFileError as exc:
        return _settings(request, config, 422, llm_error=_sentence(exc))
    return RedirectResponse("/settings?llm=removed#llm", status_code=303)


@router.post("/settings/llm/test", response_class=HTMLResponse)
async def test_from_settings(request: Request, config: ConfigDep) -> Response:
    """Send one tiny request to the configured LLM and show whether it worked."""
    _, ok = await _form_checked(request, config)
    if not ok:
        return _settings(request, config, 403, llm_error=FORM_EXPIRED)
    result = await run_in_threadpool(_check)
    return _settings(request, config, llm_test={"ok": result.ok, "message": result.message})
