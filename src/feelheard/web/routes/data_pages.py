"""The pages for what you keep: "Save this exchange" on the Coach, the History page (with sharing in server
mode), and Settings' "Your data" forms (import, delete everything). Every form post carries the CSRF token;
the database work is shared with the REST API (`routes/history.py`) and runs in a worker thread. Everything
acts for the viewer of the request (`ViewerDep`).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from feelheard.errors import InputError
from feelheard.web.auth import ViewerDep
from feelheard.web.deps import ConfigDep, RunnerDep, WebConfig
from feelheard.web.routes import history
from feelheard.web.routes.pages import FORM_EXPIRED, render, settings_context, visitor_country
from feelheard.web.security import CSRF_COOKIE, CSRF_FIELD, csrf_valid
from feelheard.web.view import coach_view

if TYPE_CHECKING:
    from feelheard.storage.repo import ItemRecord

router = APIRouter(include_in_schema=False)

PER_PAGE = 20


@cache
def _finding_names() -> dict[str, str]:
    """Display names of pitfalls and moves; raw ids if the catalogue cannot be read."""
    try:
        from feelheard.catalogue import load_catalogue

        cat = load_catalogue()
    except Exception:  # the History page must still open
        return {}
    return {key: entry.name for table in (cat.pitfalls, cat.moves) for key, entry in table.items()}


def _when(value: str) -> str:
    moment = datetime.fromisoformat(value)
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def history_entry(item: ItemRecord, *, shared_by: str | None = None) -> dict[str, Any]:
    """One saved exchange as the History page shows it."""
    summary = history.item_summary(item, shared_by=shared_by)
    names = _finding_names()
    return {
        **summary,
        "when": _when(summary["created_at"]),
        "pitfall_names": [names.get(p, p.replace("_", " ")) for p in dict.fromkeys(summary["pitfalls"])],
        "move_names": [names.get(m, m.replace("_", " ")) for m in dict.fromkeys(summary["moves"])],
    }


def data_notice(request: Request, *, server: bool = False) -> str:
    """The confirmation shown on Settings after an import or a delete (from the redirect's query string)."""
    params = request.query_params
    if params.get("deleted") == "1":
        return f"Everything you kept has been deleted from this {'server' if server else 'computer'}."
    added, skipped = params.get("imported", ""), params.get("skipped", "0")
    if added.isdigit() and skipped.isdigit():
        a, s = int(added), int(skipped)
        text = f"Imported {a} item{'' if a == 1 else 's'}."
        if s:
            text += f" {s} {'was' if s == 1 else 'were'} already here and stayed as they were."
        return text
    return ""


def _csrf_ok(request: Request, config: WebConfig, token: Any) -> bool:
    return csrf_valid(
        config.secret_key, request.cookies.get(CSRF_COOKIE), token if isinstance(token, str) else None
    )


async def _text_form(request: Request, config: WebConfig) -> tuple[dict[str, str], bool]:
    form = await request.form(max_files=0, max_fields=20)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    return values, _csrf_ok(request, config, values.get(CSRF_FIELD))


def _given(text: str) -> str | None:
    """A blank box means "not given"."""
    return text if text.strip() else None


# --- Coach: save ----------------------------------------------------------------------------------------------


@router.post("/history/save", response_class=HTMLResponse)
async def save_from_coach(
    request: Request, config: ConfigDep, runner: RunnerDep, viewer: ViewerDep
) -> Response:
    """Keep the exchange shown on the Coach (analysed again here), then show it on History."""
    values, ok = await _text_form(request, config)
    partner, reply = values.get("partner", ""), values.get("reply", "")
    context: dict[str, Any] = {"partner": partner, "reply": reply, "view": None, "error": FORM_EXPIRED}
    if not ok:
        return render(request, config, "coach.html", context, status_code=403, page="coach")
    try:
        analysis = await runner.analyze(_given(partner), _given(reply))
    except InputError as exc:
        from feelheard.web.app import sentence

        context["error"] = sentence(str(exc))
        return render(request, config, "coach.html", context, status_code=422, page="coach")
    engine = await run_in_threadpool(history.storage_engine, request)
    item = await run_in_threadpool(
        history.save_exchange, engine, analysis, source="web", user_id=viewer.user_id
    )
    if item is None:
        # Never stored; show the same safety panel the Coach shows, with its help lines.
        context.update(view=coach_view(analysis, country=visitor_country(request, config)), error="")
        return render(request, config, "coach.html", context, status_code=409, page="coach")
    return RedirectResponse(f"/history?saved={item.id}#item-{item.id}", status_code=303)


# --- History ----------------------------------------------------------------------------------------------------


def _history_notice(request: Request, config: WebConfig, partner: str | None) -> str:
    params = request.query_params
    where = "on this server, private to you unless you share it" if config.server else "on this computer only"
    if params.get("saved", "").isdigit():
        return f"Saved. It is kept {where}, and you can forget it at any time."
    if params.get("forgotten") == "1":
        return f"Forgotten. That exchange is gone from this {'server' if config.server else 'computer'}."
    if params.get("shared", "").isdigit():
        return f"Shared. {partner or 'Your partner'} can now read it on their History; you can stop sharing at any time."
    if params.get("unshared", "").isdigit():
        return "Private again. Only you can see it now."
    return ""


def _history_error(request: Request, config: WebConfig, message: str, status: int) -> Response:
    context = {
        "entries": [],
        "total": 0,
        "page_number": 1,
        "newer": None,
        "older": None,
        "notice": "",
        "error": message,
        "partner": None,
    }
    return render(request, config, "history.html", context, status_code=status, page="history")


FORM_GO_BACK = FORM_EXPIRED.replace("Your words are still here: please", "Please go back and")


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Your saved exchanges, newest first, twenty to a page (server mode: with those your partner shared)."""
    raw_page = request.query_params.get("page", "1")
    page = int(raw_page) if raw_page.isdigit() and 0 < int(raw_page) < 1_000_000 else 1
    items, total, partner = history.list_history(
        history.storage_engine(request), user_id=viewer.user_id, limit=PER_PAGE, offset=(page - 1) * PER_PAGE
    )
    context = {
        "entries": [history_entry(i, shared_by=partner) for i in items],
        "total": total,
        "page_number": page,
        "newer": page - 1 if page > 1 else None,
        "older": page + 1 if page * PER_PAGE < total else None,
        "notice": _history_notice(request, config, partner),
        "error": "",
        "partner": partner,
    }
    return render(request, config, "history.html", context, page="history")


@router.post("/history/{item_id}/forget", response_class=HTMLResponse)
async def forget_from_history(
    item_id: int, request: Request, config: ConfigDep, viewer: ViewerDep
) -> Response:
    """Forget one of your saved exchanges for good."""
    _, ok = await _text_form(request, config)
    if not ok:
        return _history_error(request, config, FORM_GO_BACK, 403)
    engine = await run_in_threadpool(history.storage_engine, request)
    with contextlib.suppress(HTTPException):  # already gone (another tab): the outcome the person asked for
        await run_in_threadpool(history.forget_saved, engine, item_id, user_id=viewer.user_id)
    return RedirectResponse("/history?forgotten=1", status_code=303)


async def _share_from_history(
    item_id: int, request: Request, config: WebConfig, viewer_id: int, *, shared: bool
) -> Response:
    _, ok = await _text_form(request, config)
    if not ok:
        return _history_error(request, config, FORM_GO_BACK, 403)
    engine = await run_in_threadpool(history.storage_engine, request)
    try:
        await run_in_threadpool(history.set_item_shared, engine, item_id, user_id=viewer_id, shared=shared)
    except HTTPException as exc:
        if exc.status_code == 404:
            return _history_error(request, config, "That exchange is not here any more.", 404)
        return _history_error(request, config, str(exc.detail), exc.status_code)
    word = "shared" if shared else "unshared"
    return RedirectResponse(f"/history?{word}={item_id}#item-{item_id}", status_code=303)


@router.post("/history/{item_id}/share", response_class=HTMLResponse)
async def share_from_history(
    item_id: int, request: Request, config: ConfigDep, viewer: ViewerDep
) -> Response:
    """Server mode: show one of your exchanges to your linked partner."""
    return await _share_from_history(item_id, request, config, viewer.user_id, shared=True)


@router.post("/history/{item_id}/unshare", response_class=HTMLResponse)
async def unshare_from_history(
    item_id: int, request: Request, config: ConfigDep, viewer: ViewerDep
) -> Response:
    """Server mode: make a shared exchange private again."""
    return await _share_from_history(item_id, request, config, viewer.user_id, shared=False)


# --- Settings: your data ------------------------------------------------------------------------------------


def _settings_error(request: Request, config: WebConfig, message: str, status: int) -> Response:
    context = settings_context(request, config, data_error=message)
    return render(request, config, "settings.html", context, status_code=status, page="settings")


@router.post("/settings/import", response_class=HTMLResponse)
async def import_from_settings(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Load an export file chosen on Settings."""
    from starlette.datastructures import UploadFile

    limit = config.max_import_bytes
    async with request.form(max_files=1, max_fields=5) as form:
        if not _csrf_ok(request, config, form.get(CSRF_FIELD)):
            return _settings_error(request, config, FORM_EXPIRED.split(" Your words")[0], 403)
        upload = form.get("file")
        raw = await upload.read(limit + 1) if isinstance(upload, UploadFile) else b""
    try:
        data = history.parse_export(raw, limit=limit)
        engine = await run_in_threadpool(history.storage_engine, request)
        report = await run_in_threadpool(history.import_everything, engine, data, user_id=viewer.user_id)
    except HTTPException as exc:
        return _settings_error(request, config, str(exc.detail), exc.status_code)
    except InputError as exc:
        from feelheard.web.app import sentence

        return _settings_error(request, config, sentence(f"nothing was imported: {exc}"), 422)
    return RedirectResponse(
        f"/settings?imported={report.added}&skipped={report.skipped}#your-data", status_code=303
    )


@router.post("/settings/delete-all", response_class=HTMLResponse)
async def delete_from_settings(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Delete everything, once the phrase has been typed."""
    values, ok = await _text_form(request, config)
    if not ok:
        return _settings_error(request, config, FORM_EXPIRED.split(" Your words")[0], 403)
    if not history.confirmed(values.get("confirm")):
        message = f"Nothing was deleted. To delete everything, type “{history.DELETE_PHRASE}” in the box."
        return _settings_error(request, config, message, 422)
    engine = await run_in_threadpool(history.storage_engine, request)
    await run_in_threadpool(history.delete_everything, engine, user_id=viewer.user_id)
    return RedirectResponse("/settings?deleted=1#your-data", status_code=303)
