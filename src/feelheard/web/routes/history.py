"""Saved exchanges and the privacy controls over them, under `/api/v1`, for the viewer of each request.

* `POST /history` keeps an exchange you chose to save (it is analysed again here; one that raised a safety
  concern is refused with 409 and never stored), `GET /history` lists them newest first (in server mode with
  the exchanges your linked partner shared), `GET /history/{id}` shows one, `DELETE /history/{id}` forgets
  one of yours.
* `GET /export` downloads everything you keep as one JSON file, `POST /import` loads such a file back
  (repeatable), `POST /delete-all` deletes everything you keep once the body says
  `{"confirm": "delete everything"}`. These act on your own data only, never a partner's.

Who "you" is comes from `feelheard.web.auth.ViewerDep`: the local user in local mode, the signed-in account in
server mode.

The database is opened on first use, never at import or start-up: `app.state.storage_engine` when a test or a
server sets it, otherwise `feelheard.storage.db.get_engine()` (``$FEELHEARD_HOME``, ``FEELHEARD_DATABASE_URL``
or the platform's data folder). The functions below the routes are shared with the HTML pages
(`routes/data_pages.py`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, StrictStr
from starlette.concurrency import run_in_threadpool

from feelheard.errors import InputError
from feelheard.web.auth import ViewerDep
from feelheard.web.deps import ConfigDep, RunnerDep
from feelheard.web.schemas import ErrorResponse

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from feelheard.result import Analysis
    from feelheard.storage.export import DeleteReport, ImportReport
    from feelheard.storage.recorder import StorageRecorder
    from feelheard.storage.repo import ItemRecord

router = APIRouter(tags=["history"])

# What must be typed to delete everything: a whole phrase, so no stray click or script does it by accident.
DELETE_PHRASE = "delete everything"
SAFETY_REFUSAL = (
    "This exchange touched on safety, so it was not saved: feelheard never keeps those, "
    "so nothing on this computer shows it was written."
)


# --- shared with the pages ------------------------------------------------------------------------------------


def lazy_recorder() -> StorageRecorder:
    """The app's `ExchangeRecorder`: keeps exchanges for the local user, opening the database on first use."""
    from feelheard.storage.recorder import StorageRecorder

    return StorageRecorder()


def storage_engine(request: Request) -> Engine:
    """The database for this app: `app.state.storage_engine` if set, else the process's default engine."""
    engine: Engine | None = getattr(request.app.state, "storage_engine", None)
    if engine is not None:
        return engine
    from feelheard.storage.db import get_engine

    return get_engine()


def refuse_cross_site(request: Request) -> None:
    """Refuse state-changing API calls that a browser sends on behalf of another site.

    The API has no login in local mode, so a page elsewhere could otherwise post a form (multipart or
    text/plain) to it; in server mode the SameSite=Lax session cookie already stays home, and this is a second
    lock. Browsers mark such requests with `Origin` and `Sec-Fetch-Site`; scripts and command-line clients
    send neither and are let through.
    """
    site = request.headers.get("sec-fetch-site", "")
    origin = request.headers.get("origin")
    foreign = site == "cross-site"
    if origin is not None:
        foreign = foreign or origin == "null" or urlsplit(origin).netloc != request.headers.get("host", "")
    if foreign:
        raise HTTPException(status_code=403, detail="Requests from other websites are not accepted here.")


SameSite = Annotated[None, Depends(refuse_cross_site)]


def _analysis_of(item: ItemRecord) -> dict[str, Any]:
    analysis = item.payload.get("analysis")
    return analysis if isinstance(analysis, dict) else {}


def _ids(findings: Any) -> list[str]:
    if not isinstance(findings, list):
        return []
    return [str(f["id"]) for f in findings if isinstance(f, dict) and isinstance(f.get("id"), str)]


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def item_summary(item: ItemRecord, *, shared_by: str | None = None) -> dict[str, Any]:
    """One saved exchange for lists: both texts, when, the score, the ids of pitfalls and moves, and whose.

    Args:
        item: The exchange as the viewer sees it.
        shared_by: The partner's name, for an exchange the partner shared (ignored for the viewer's own).
    """
    analysis = _analysis_of(item)
    score = analysis.get("score")
    safety = analysis.get("safety")
    return {
        "id": item.id,
        "uid": item.uid,
        "created_at": item.created_at.isoformat(),
        "title": item.title,
        "partner": _text_or_none(item.payload.get("partner")),
        "reply": _text_or_none(item.payload.get("reply")),
        "score": score if isinstance(score, int) else None,
        "pitfalls": _ids(analysis.get("pitfalls")),
        "moves": _ids(analysis.get("moves")),
        "safety_level": str(safety.get("level", "none")) if isinstance(safety, dict) else "none",
        "mine": item.mine,
        "shared": item.shared,
        "shared_by": None if item.mine else (shared_by or "your partner"),
    }


def save_exchange(engine: Engine, analysis: Analysis, *, source: str, user_id: int) -> ItemRecord | None:
    """Keep an analysed exchange for `user_id`; None (nothing stored) when it raised a safety concern."""
    from feelheard.storage.recorder import StorageRecorder

    return StorageRecorder(engine=engine).record_for(analysis, source=source, user_id=user_id)


def partner_name(engine: Engine, user_id: int) -> str | None:
    """The name of the account linked with `user_id`, or None."""
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        partner = repo.partner_id(session, user_id=user_id)
        return None if partner is None else repo.get_user(session, user_id=partner).username


def list_history(
    engine: Engine, *, user_id: int, limit: int, offset: int
) -> tuple[list[ItemRecord], int, str | None]:
    """Saved exchanges `user_id` may see, newest first: their own and any their linked partner shared.

    Returns:
        The page of exchanges, how many there are in all, and the partner's name (None when not linked).
    """
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        items = repo.list_items(session, viewer_id=user_id, kind="analysis", limit=limit, offset=offset)
        total = repo.count_items(session, owner_id=user_id).get("analysis", 0)
        partner = repo.partner_id(session, user_id=user_id)
        name = None
        if partner is not None:
            name = repo.get_user(session, user_id=partner).username
            shared = repo.list_items(
                session, viewer_id=user_id, kind="analysis", scope="shared", limit=100_000
            )
            total += len(shared)
    return items, total, name


def get_saved(engine: Engine, item_id: int, *, user_id: int) -> ItemRecord:
    """One saved exchange `user_id` may see (their own, or one their partner shared).

    Raises:
        HTTPException: 404 when there is no such exchange, or it is not one this account may see.
    """
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    try:
        with session_scope(engine) as session:
            item = repo.get_item(session, viewer_id=user_id, item_id=item_id)
    except repo.NotFound:
        item = None
    if item is None or item.kind != "analysis":
        raise HTTPException(status_code=404, detail=f"There is no saved exchange {item_id}.")
    return item


def forget_saved(engine: Engine, item_id: int, *, user_id: int) -> None:
    """Delete one of `user_id`'s saved exchanges for good and scrub the file, so its text does not linger.

    Raises:
        HTTPException: 404 when there is no such exchange of theirs (a partner's shared one included).
    """
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope
    from feelheard.storage.export import scrub

    if not get_saved(engine, item_id, user_id=user_id).mine:  # only exchanges are forgotten here
        raise HTTPException(status_code=404, detail=f"There is no saved exchange {item_id}.")
    try:
        with session_scope(engine) as session:
            repo.forget_item(session, owner_id=user_id, item_id=item_id)
    except repo.NotFound as exc:  # forgotten by another tab in between
        raise HTTPException(status_code=404, detail=f"There is no saved exchange {item_id}.") from exc
    scrub(engine)


def set_item_shared(engine: Engine, item_id: int, *, user_id: int, shared: bool) -> ItemRecord:
    """Share one of `user_id`'s items with their linked partner, or make it private again.

    Raises:
        HTTPException: 404 when it is not an item of theirs; 409 when it cannot be shared (no linked partner,
            or an encrypted entry).
    """
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope
    from feelheard.web.app import sentence

    try:
        with session_scope(engine) as session:
            return repo.set_shared(session, owner_id=user_id, item_id=item_id, shared=shared)
    except repo.NotFound as exc:
        raise HTTPException(status_code=404, detail=f"There is no saved item {item_id}.") from exc
    except InputError as exc:
        raise HTTPException(status_code=409, detail=sentence(str(exc))) from exc


def export_everything(engine: Engine, *, user_id: int) -> dict[str, Any]:
    """Everything `user_id` keeps (never a partner's items), as the one-file export."""
    from feelheard.storage.db import session_scope
    from feelheard.storage.export import export_user

    with session_scope(engine) as session:
        return export_user(session, user_id=user_id)


def parse_export(raw: bytes, *, limit: int) -> dict[str, Any]:
    """Read an uploaded export file.

    Raises:
        HTTPException: 413 when it is larger than `limit`, 422 when it is empty, not UTF-8 JSON or not an object.
    """
    if len(raw) > limit:
        raise HTTPException(
            status_code=413, detail=f"That file is too large to import: the limit is {limit:,} bytes."
        )
    if not raw.strip():
        raise HTTPException(status_code=422, detail="That file is empty: choose a feelheard export file.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(
            status_code=422, detail="That file is not a feelheard export: it is not readable JSON."
        ) from exc
    if not isinstance(data, dict):
        raise HTTPException(status_code=422, detail="That file is not a feelheard export.")
    return data


def import_everything(engine: Engine, data: dict[str, Any], *, user_id: int) -> ImportReport:
    """Load an export into `user_id`'s data, all or nothing (imported items always arrive private).

    Raises:
        InputError: not a feelheard export, a newer format, or damaged content.
    """
    from feelheard.storage.db import session_scope
    from feelheard.storage.export import import_user

    with session_scope(engine) as session:
        return import_user(session, user_id=user_id, data=data)


def delete_everything(engine: Engine, *, user_id: int) -> DeleteReport:
    """Delete everything `user_id` keeps (the account itself stays; a couple link ends), then scrub the file."""
    from feelheard.storage.db import session_scope
    from feelheard.storage.export import delete_all, scrub

    with session_scope(engine) as session:
        report = delete_all(session, user_id=user_id)
    scrub(engine)
    return report


def confirmed(text: Any) -> bool:
    """Whether `text` is the delete-everything phrase (case and surrounding spaces do not matter)."""
    return isinstance(text, str) and " ".join(text.split()).lower() == DELETE_PHRASE


def export_filename() -> str:
    """The download's name, dated so several exports do not overwrite each other."""
    return f"feelheard-export-{datetime.now(UTC):%Y-%m-%d}.json"


# --- the API ---------------------------------------------------------------------------------------------------


class SaveRequest(BaseModel):
    """The exchange to keep: it is analysed again on the server, and only the texts are taken from you."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"partner": "I felt so alone at the party", "reply": "I'm sorry, tell me more."}]
        },
    )

    partner: StrictStr | None = Field(default=None, description="What your partner said.")
    reply: StrictStr | None = Field(default=None, description="Your draft reply.")


class SavedExchange(BaseModel):
    """A saved exchange as listed: no full analysis, just what a list shows."""

    id: int
    uid: str = Field(description="Stable id that survives export and import.")
    created_at: str = Field(description="When it was saved (ISO 8601, UTC).")
    title: str | None
    partner: str | None
    reply: str | None
    score: int | None
    pitfalls: list[str] = Field(description="Ids of the pitfalls found in the reply.")
    moves: list[str] = Field(description="Ids of the helpful moves found in the reply.")
    safety_level: str
    mine: bool = Field(default=True, description="True for your own; false for one your partner shared.")
    shared: bool = Field(default=False, description="Shared with the linked partner (server mode).")
    shared_by: str | None = Field(
        default=None, description="The partner who shared it, when it is not yours."
    )


class SavedExchangeDetail(SavedExchange):
    """A saved exchange with its full analysis (the same JSON as `POST /analyze` returned then)."""

    analysis: dict[str, Any]


class HistoryPage(BaseModel):
    """One page of saved exchanges, newest first."""

    items: list[SavedExchange]
    total: int = Field(
        description="How many exchanges you can see in all (yours and any your partner shared)."
    )
    limit: int
    offset: int


class ImportResult(BaseModel):
    """What an import did."""

    added: int = Field(description="Items that were new and are now kept.")
    skipped: int = Field(description="Items already here (same uid), left as they were.")
    settings: int = Field(description="Settings written.")


class DeleteResult(BaseModel):
    """What delete-all removed."""

    items: int
    settings: int


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        400: "The confirmation is missing or wrong.",
        403: "Sent by a page on another website.",
        404: "No such saved exchange (or not one you may see).",
        409: "The exchange raised a safety concern and is never stored.",
        413: "The body is larger than the limit.",
        415: "Not a JSON body or a file upload.",
        422: "Invalid input, or not a feelheard export.",
    }
    return {code: {"model": ErrorResponse, "description": words[code]} for code in codes}


def _detail(item: ItemRecord, shared_by: str | None = None) -> SavedExchangeDetail:
    return SavedExchangeDetail(**item_summary(item, shared_by=shared_by), analysis=_analysis_of(item))


@router.post(
    "/history",
    summary="Save an exchange",
    status_code=201,
    response_model=SavedExchangeDetail,
    responses=_errors(403, 409, 413, 422),
)
async def save_history(
    body: SaveRequest, request: Request, runner: RunnerDep, viewer: ViewerDep, _: SameSite
) -> SavedExchangeDetail:
    """Analyse the exchange again and keep it. One that raises a safety concern is refused (409), never stored."""
    analysis = await runner.analyze(body.partner, body.reply)
    engine = await run_in_threadpool(storage_engine, request)
    item = await run_in_threadpool(save_exchange, engine, analysis, source="api", user_id=viewer.user_id)
    if item is None:
        raise HTTPException(status_code=409, detail=SAFETY_REFUSAL)
    return _detail(item)


@router.get("/history", summary="List saved exchanges", response_model=HistoryPage, responses=_errors(422))
def list_saved(
    request: Request,
    viewer: ViewerDep,
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many.")] = 20,
    offset: Annotated[int, Query(ge=0, description="Skip this many (paging).")] = 0,
) -> HistoryPage:
    """Your saved exchanges, newest first, with any your linked partner shared (server mode)."""
    items, total, partner = list_history(
        storage_engine(request), user_id=viewer.user_id, limit=limit, offset=offset
    )
    return HistoryPage(
        items=[SavedExchange(**item_summary(i, shared_by=partner)) for i in items],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/history/{item_id}",
    summary="Show a saved exchange",
    response_model=SavedExchangeDetail,
    responses=_errors(404),
)
def show_saved(item_id: int, request: Request, viewer: ViewerDep) -> SavedExchangeDetail:
    """One saved exchange with its full analysis (yours, or one your partner shared)."""
    engine = storage_engine(request)
    item = get_saved(engine, item_id, user_id=viewer.user_id)
    return _detail(item, None if item.mine else partner_name(engine, viewer.user_id))


@router.delete(
    "/history/{item_id}", summary="Forget a saved exchange", status_code=204, responses=_errors(403, 404)
)
def forget(item_id: int, request: Request, viewer: ViewerDep, _: SameSite) -> Response:
    """Delete one of your saved exchanges for good (a partner's shared one answers 404)."""
    forget_saved(storage_engine(request), item_id, user_id=viewer.user_id)
    return Response(status_code=204)


@router.get(
    "/export",
    summary="Export everything",
    responses={200: {"description": "The export file (JSON), as a download."}},
)
def export(request: Request, viewer: ViewerDep) -> Response:
    """Everything you keep (not what a partner shared), as one JSON file you can keep, read or import elsewhere."""
    data = export_everything(storage_engine(request), user_id=viewer.user_id)
    content = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    return Response(
        content,
        media_type="application/json",
        headers={"content-disposition": f'attachment; filename="{export_filename()}"'},
    )


async def _uploaded_bytes(request: Request, limit: int) -> bytes:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "application/json":
        return await request.body()
    if kind == "multipart/form-data":
        from starlette.datastructures import UploadFile

        async with request.form(max_files=1, max_fields=5) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise HTTPException(
                    status_code=422, detail="Attach the export as a file in a field named 'file'."
                )
            return await upload.read(limit + 1)
    raise HTTPException(
        status_code=415,
        detail="Send the export file as a JSON body or as a multipart upload in a field named 'file'.",
    )


@router.post(
    "/import",
    summary="Import an export file",
    response_model=ImportResult,
    responses=_errors(403, 413, 415, 422),
)
async def import_file(request: Request, config: ConfigDep, viewer: ViewerDep, _: SameSite) -> ImportResult:
    """Load a file made by `GET /export` into your data. Safe to repeat: items already here are skipped."""
    raw = await _uploaded_bytes(request, config.max_import_bytes)
    data = parse_export(raw, limit=config.max_import_bytes)
    engine = await run_in_threadpool(storage_engine, request)
    report = await run_in_threadpool(import_everything, engine, data, user_id=viewer.user_id)
    return ImportResult(added=report.added, skipped=report.skipped, settings=report.settings)


@router.post(
    "/delete-all",
    summary="Delete everything",
    response_model=DeleteResult,
    responses=_errors(400, 403),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"confirm": {"type": "string", "const": DELETE_PHRASE}},
                        "required": ["confirm"],
                    }
                }
            },
        }
    },
)
async def delete_all(request: Request, viewer: ViewerDep, _: SameSite) -> DeleteResult:
    """Delete every item and setting you keep. Irreversible: the body must be `{"confirm": "delete everything"}`."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    try:
        body = json.loads(await request.body()) if kind == "application/json" else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        body = None
    if not isinstance(body, dict) or not confirmed(body.get("confirm")):
        raise HTTPException(
            status_code=400,
            detail=f'Nothing was deleted. To delete everything, send the JSON body {{"confirm": "{DELETE_PHRASE}"}}.',
        )
    engine = await run_in_threadpool(storage_engine, request)
    report = await run_in_threadpool(delete_everything, engine, user_id=viewer.user_id)
    return DeleteResult(items=report.items, settings=report.settings)
