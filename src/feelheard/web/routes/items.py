"""Everything you keep, of every kind, under `/api/v1/items`, and sharing with a linked partner.

* `GET /items?kind=&scope=mine|shared|all` lists what you may see, newest first: your own items and (scope
  ``all`` or ``shared``) those your linked partner shared with you.
* `GET /items/{id}` shows one you may see; `DELETE /items/{id}` forgets one of yours.
* `POST /items/{id}/share` shows one of yours to your linked partner, `POST /items/{id}/unshare` makes it
  private again. Both answer with the item; sharing needs a linked partner (server mode) and is refused for an
  encrypted entry (409).

An item that does not exist and one you may not see answer the same 404, so ids reveal nothing. Encrypted
bodies come back locked (``body`` null, ``locked`` true): the passphrase is never sent to the web app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from feelheard.web.auth import ViewerDep
from feelheard.web.routes.history import SameSite, partner_name, set_item_shared, storage_engine
from feelheard.web.schemas import ErrorResponse

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from feelheard.storage.repo import ItemRecord

router = APIRouter(tags=["items"])

ScopeParam = Literal["all", "mine", "shared"]


class ItemOut(BaseModel):
    """One kept item as you may see it."""

    id: int
    uid: str = Field(description="Stable id that survives export and import.")
    kind: str = Field(description="analysis, practice, assessment, checkin or journal.")
    title: str | None
    payload: dict[str, Any] = Field(description="The item's structured data (an analysis, a score...).")
    body: str | None = Field(description="Free text; null when there is none or it is encrypted.")
    encrypted: bool
    locked: bool = Field(description="Encrypted and not opened here.")
    shared: bool = Field(description="Shared with the owner's linked partner.")
    mine: bool = Field(description="True for your own; false for one your partner shared with you.")
    shared_by: str | None = Field(description="The partner who shared it, when it is not yours.")
    created_at: str = Field(description="ISO 8601, UTC.")
    updated_at: str = Field(description="ISO 8601, UTC.")


class ItemPage(BaseModel):
    """One page of items, newest first."""

    items: list[ItemOut]
    limit: int
    offset: int


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        403: "Sent by a page on another website.",
        404: "No such item, or not one you may see (the same answer on purpose).",
        409: "It cannot be shared: no linked partner, or the entry is encrypted.",
        422: "Invalid kind, scope or paging.",
    }
    return {code: {"model": ErrorResponse, "description": words[code]} for code in codes}


def _out(item: ItemRecord, partner: str | None) -> ItemOut:
    data = item.to_dict()
    data["shared_by"] = None if item.mine else (partner or "your partner")
    return ItemOut.model_validate(data)


def _list(
    engine: Engine, *, user_id: int, kind: str | None, scope: ScopeParam, limit: int, offset: int
) -> tuple[list[ItemRecord], str | None]:
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        items = repo.list_items(
            session, viewer_id=user_id, kind=kind, scope=scope, limit=limit, offset=offset
        )
    return items, (partner_name(engine, user_id) if any(not i.mine for i in items) else None)


def _get(engine: Engine, *, user_id: int, item_id: int) -> ItemRecord:
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    try:
        with session_scope(engine) as session:
            return repo.get_item(session, viewer_id=user_id, item_id=item_id)
    except repo.NotFound as exc:
        raise HTTPException(status_code=404, detail=f"There is no saved item {item_id}.") from exc


def _forget(engine: Engine, *, user_id: int, item_id: int) -> None:
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope
    from feelheard.storage.export import scrub

    try:
        with session_scope(engine) as session:
            repo.forget_item(session, owner_id=user_id, item_id=item_id)
    except repo.NotFound as exc:
        raise HTTPException(status_code=404, detail=f"There is no saved item {item_id}.") from exc
    scrub(engine)


@router.get("/items", summary="List kept items", response_model=ItemPage, responses=_errors(422))
async def list_kept(
    request: Request,
    viewer: ViewerDep,
    kind: Annotated[
        str | None,
        Query(max_length=32, description="Only this kind: analysis, practice, assessment, checkin, journal."),
    ] = None,
    scope: Annotated[
        ScopeParam,
        Query(description="`mine`: yours only; `shared`: what your partner shared with you; `all`: both."),
    ] = "all",
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many.")] = 20,
    offset: Annotated[int, Query(ge=0, description="Skip this many (paging).")] = 0,
) -> ItemPage:
    """What you keep and what your partner shared with you, newest first."""
    engine = await run_in_threadpool(storage_engine, request)
    items, partner = await run_in_threadpool(
        lambda: _list(engine, user_id=viewer.user_id, kind=kind, scope=scope, limit=limit, offset=offset)
    )
    return ItemPage(items=[_out(i, partner) for i in items], limit=limit, offset=offset)


@router.get("/items/{item_id}", summary="Show a kept item", response_model=ItemOut, responses=_errors(404))
async def show_kept(item_id: int, request: Request, viewer: ViewerDep) -> ItemOut:
    """One item you may see: yours, or one your partner shared with you."""
    engine = await run_in_threadpool(storage_engine, request)
    item = await run_in_threadpool(lambda: _get(engine, user_id=viewer.user_id, item_id=item_id))
    partner = None if item.mine else await run_in_threadpool(partner_name, engine, viewer.user_id)
    return _out(item, partner)


@router.delete("/items/{item_id}", summary="Forget a kept item", status_code=204, responses=_errors(403, 404))
async def forget_kept(item_id: int, request: Request, viewer: ViewerDep, _: SameSite) -> Response:
    """Delete one of your items for good (one your partner shared answers 404: only its owner can)."""
    engine = await run_in_threadpool(storage_engine, request)
    await run_in_threadpool(lambda: _forget(engine, user_id=viewer.user_id, item_id=item_id))
    return Response(status_code=204)


@router.post(
    "/items/{item_id}/share",
    summary="Share an item with your partner",
    response_model=ItemOut,
    responses=_errors(403, 404, 409),
)
async def share(item_id: int, request: Request, viewer: ViewerDep, _: SameSite) -> ItemOut:
    """Show one of your items to your linked partner (read-only for them). Undo with `unshare`."""
    engine = await run_in_threadpool(storage_engine, request)
    item = await run_in_threadpool(
        lambda: set_item_shared(engine, item_id, user_id=viewer.user_id, shared=True)
    )
    return _out(item, None)


@router.post(
    "/items/{item_id}/unshare",
    summary="Stop sharing an item",
    response_model=ItemOut,
    responses=_errors(403, 404),
)
async def unshare(item_id: int, request: Request, viewer: ViewerDep, _: SameSite) -> ItemOut:
    """Make one of your items private again."""
    engine = await run_in_threadpool(storage_engine, request)
    item = await run_in_threadpool(
        lambda: set_item_shared(engine, item_id, user_id=viewer.user_id, shared=False)
    )
    return _out(item, None)
