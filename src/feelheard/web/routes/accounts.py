"""Server mode's account pages: sign in, register, sign out, and Account (password, linking with a partner).

Only mounted in server mode (`create_app`); `GET /api/v1/me` exists in both modes. Every form carries the
CSRF token. Sign-in is rate limited per username and per address with `LoginRateLimiter` (429 and
Retry-After), and registration per address. The session cookie itself is made in `feelheard.web.auth`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictStr
from starlette.concurrency import run_in_threadpool

from feelheard.errors import InputError
from feelheard.web.auth import (
    SessionInfo,
    ViewerDep,
    clear_session_cookie,
    current_session,
    current_viewer,
    new_session,
    now,
    safe_next,
    start_session,
)
from feelheard.web.deps import ConfigDep, WebConfig
from feelheard.web.routes.history import refuse_cross_site, storage_engine
from feelheard.web.routes.pages import FORM_EXPIRED, _form_checked, render

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from feelheard.storage.accounts import LoginRateLimiter

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["account"])

FORM_REFRESH = FORM_EXPIRED.split(" Your words")[0] + " Please try again."
WRONG_LOGIN = "That username and password do not match. Please check them and try again."
TOO_MANY = (
    "There have been several unsuccessful attempts to sign in, so signing in is paused for a little while to "
    "keep accounts safe. Please try again in {minutes}."
)
TOO_MANY_SIGNUPS = "Several accounts were just made from here. Please try again later."
# Registrations per address per hour (hashing a password is deliberately expensive).
SIGNUPS_PER_HOUR = 10


def login_limiter(request: Request) -> LoginRateLimiter:
    """The app's sign-in rate limiter (per process)."""
    limiter: LoginRateLimiter = request.app.state.login_limiter
    return limiter


def signup_limiter(request: Request) -> LoginRateLimiter:
    """The app's registration rate limiter (per process)."""
    limiter: LoginRateLimiter = request.app.state.signup_limiter
    return limiter


def client_address(request: Request) -> str:
    """The visitor's address as the server sees it (behind a proxy: the proxy's, unless uvicorn trusts it)."""
    return request.client.host if request.client else "unknown"


def _minutes(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"


# --- sign in ---------------------------------------------------------------------------------------------------


def _login_page(
    request: Request,
    config: WebConfig,
    *,
    next_path: str = "/",
    username: str = "",
    error: str = "",
    status_code: int = 200,
) -> Response:
    notice = "You have signed out." if request.query_params.get("signed_out") == "1" else ""
    context = {
        "next_path": safe_next(next_path),
        "username": username,
        "error": error,
        "notice": notice,
        "registration_open": config.open_registration,
    }
    return render(request, config, "login.html", context, status_code=status_code, page="login")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, config: ConfigDep) -> Response:
    """The sign-in form (someone already signed in goes straight on)."""
    target = request.query_params.get("next", "/")
    if current_viewer(request) is not None:
        return RedirectResponse(safe_next(target), status_code=303)
    return _login_page(request, config, next_path=target)


def _check_login(engine: Engine, username: str, password: str) -> tuple[int, bytes] | None:
    from feelheard.storage.accounts import authenticate, session_key
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        user = authenticate(session, username=username, password=password)
        found = None if user is None else session_key(session, user_id=user.id)
    return None if found is None else (found[0].id, found[1])


@router.post("/login", response_class=HTMLResponse)
async def login_post(request: Request, config: ConfigDep) -> Response:
    """Check the password and start a session; paused (429) after repeated failures."""
    values, ok = await _form_checked(request, config)
    username = values.get("username", "").strip()[:64]
    password = values.get("password", "")
    target = values.get("next", "/")
    if not ok:
        return _login_page(
            request, config, next_path=target, username=username, error=FORM_REFRESH, status_code=403
        )
    attempt = await _attempt_login(request, username, password)
    if attempt.wait > 0:
        page = _login_page(
            request,
            config,
            next_path=target,
            username=username,
            error=TOO_MANY.format(minutes=_minutes(attempt.wait)),
            status_code=429,
        )
        page.headers["retry-after"] = str(max(1, math.ceil(attempt.wait)))
        return page
    if attempt.found is None:
        return _login_page(
            request, config, next_path=target, username=username, error=WRONG_LOGIN, status_code=401
        )
    user_id, key = attempt.found
    response = RedirectResponse(safe_next(target), status_code=303)
    start_session(response, config, info=new_session(user_id), password_key=key)
    return response


@dataclass(frozen=True)
class LoginAttempt:
    """How a sign-in went: `wait` seconds to pause (rate limited), else the account found (None: wrong)."""

    wait: float
    found: tuple[int, bytes] | None


async def _attempt_login(request: Request, username: str, password: str) -> LoginAttempt:
    """Check a username and password under the rate limits the form and the API share."""
    limiter = login_limiter(request)
    keys = (f"user:{username.lower()}", f"addr:{client_address(request)}")
    wait = max(limiter.retry_after(k) for k in keys)
    if wait > 0:
        return LoginAttempt(wait=wait, found=None)
    engine = await run_in_threadpool(storage_engine, request)
    found = (
        await run_in_threadpool(_check_login, engine, username, password) if username and password else None
    )
    if found is None:
        for k in keys:
            limiter.record_failure(k)
        return LoginAttempt(wait=0.0, found=None)
    limiter.record_success(keys[0])
    return LoginAttempt(wait=0.0, found=found)


# --- register --------------------------------------------------------------------------------------------------


def _register_page(
    request: Request, config: WebConfig, *, username: str = "", error: str = "", status_code: int = 200
) -> Response:
    from feelheard.storage.accounts import MIN_PASSWORD

    context = {"username": username, "error": error, "min_password": MIN_PASSWORD}
    return render(request, config, "register.html", context, status_code=status_code, page="register")


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request, config: ConfigDep) -> Response:
    """Make an account (only when registration is open)."""
    if not config.open_registration:
        raise HTTPException(status_code=404, detail="Not Found")
    if current_viewer(request) is not None:
        return RedirectResponse("/account", status_code=303)
    return _register_page(request, config)


def _create(engine: Engine, username: str, password: str) -> tuple[int, bytes]:
    from feelheard.storage.accounts import create_user, session_key
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        user = create_user(session, username=username, password=password)
        found = session_key(session, user_id=user.id)
    if found is None:  # pragma: no cover - a new account always has a password
        raise InputError("the account could not be made")
    return user.id, found[1]


@router.post("/register", response_class=HTMLResponse)
async def register_post(request: Request, config: ConfigDep) -> Response:
    """Make the account and sign in."""
    if not config.open_registration:
        raise HTTPException(status_code=404, detail="Not Found")
    values, ok = await _form_checked(request, config)
    username = values.get("username", "").strip()[:64]
    password, again = values.get("password", ""), values.get("password2", "")
    if not ok:
        return _register_page(request, config, username=username, error=FORM_REFRESH, status_code=403)
    if password != again:
        error = "The two passwords are not the same. Please type them again."
        return _register_page(request, config, username=username, error=error, status_code=422)
    address = f"addr:{client_address(request)}"
    limiter = signup_limiter(request)
    if not limiter.allowed(address):
        page = _register_page(request, config, username=username, error=TOO_MANY_SIGNUPS, status_code=429)
        page.headers["retry-after"] = str(max(1, math.ceil(limiter.retry_after(address))))
        return page
    engine = await run_in_threadpool(storage_engine, request)
    try:
        user_id, key = await run_in_threadpool(_create, engine, username, password)
    except InputError as exc:
        from feelheard.web.app import sentence

        return _register_page(request, config, username=username, error=sentence(str(exc)), status_code=422)
    limiter.record_failure(address)  # counts accounts made, not failures
    response = RedirectResponse("/account?welcome=1", status_code=303)
    start_session(response, config, info=new_session(user_id), password_key=key)
    return response


# --- sign out --------------------------------------------------------------------------------------------------


@router.post("/logout", response_class=HTMLResponse)
async def logout(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """End this browser's session."""
    _, ok = await _form_checked(request, config)
    if not ok:
        return await _account_page(request, config, viewer.user_id, error=FORM_REFRESH, status_code=403)
    response = RedirectResponse("/login?signed_out=1", status_code=303)
    clear_session_cookie(response, config)
    return response


# --- account ---------------------------------------------------------------------------------------------------


def _partner(engine: Engine, user_id: int) -> tuple[str, str | None]:
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        me = repo.get_user(session, user_id=user_id)
        partner = repo.partner_id(session, user_id=user_id)
        name = None if partner is None else repo.get_user(session, user_id=partner).username
    return me.username, name


NOTICES = {
    "welcome": "Welcome. Your account is ready. What you save is private to you unless you choose to share it.",
    "password": "Your password has been changed. Any other browser signed in to this account has been signed out.",
    "linked": "You are now linked. Each of you can share saved exchanges with the other from History.",
    "unlinked": "You are no longer linked. Everything either of you had shared is private again.",
}


async def _account_page(
    request: Request,
    config: WebConfig,
    user_id: int,
    *,
    error: str = "",
    section: str = "",
    invite_code: str = "",
    status_code: int = 200,
) -> Response:
    from feelheard.storage.accounts import INVITE_TTL, MIN_PASSWORD

    engine = await run_in_threadpool(storage_engine, request)
    username, partner = await run_in_threadpool(_partner, engine, user_id)
    notice = next((text for key, text in NOTICES.items() if request.query_params.get(key) == "1"), "")
    context: dict[str, Any] = {
        "username": username,
        "partner": partner,
        "invite_code": invite_code,
        "invite_days": INVITE_TTL.days,
        "notice": "" if error else notice,
        "error": error,
        "section": section,
        "min_password": MIN_PASSWORD,
    }
    return render(request, config, "account.html", context, status_code=status_code, page="account")


@router.get("/account", response_class=HTMLResponse)
async def account_page(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Your account: your partner link, and your password."""
    return await _account_page(request, config, viewer.user_id)


def _change_password(engine: Engine, user_id: int, old: str, new: str) -> bytes:
    from feelheard.storage.accounts import change_password, session_key
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        change_password(session, user_id=user_id, old=old, new=new)
        found = session_key(session, user_id=user_id)
    if found is None:  # pragma: no cover - the account was just changed
        raise InputError("the account is gone")
    return found[1]


@router.post("/account/password", response_class=HTMLResponse)
async def password_post(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Change the password; this browser stays signed in, every other session ends."""
    values, ok = await _form_checked(request, config)
    if not ok:
        return await _account_page(
            request, config, viewer.user_id, error=FORM_REFRESH, section="password", status_code=403
        )
    new = values.get("new_password", "")
    if new != values.get("new_password2", ""):
        error = "The two new passwords are not the same. Please type them again."
        return await _account_page(
            request, config, viewer.user_id, error=error, section="password", status_code=422
        )
    engine = await run_in_threadpool(storage_engine, request)
    try:
        key = await run_in_threadpool(
            _change_password, engine, viewer.user_id, values.get("old_password", ""), new
        )
    except InputError as exc:
        from feelheard.web.app import sentence

        return await _account_page(
            request, config, viewer.user_id, error=sentence(str(exc)), section="password", status_code=422
        )
    session: SessionInfo = current_session(request) or new_session(viewer.user_id)
    response = RedirectResponse("/account?password=1", status_code=303)
    start_session(response, config, info=replace(session, seen=now()), password_key=key)
    return response


def _couple_action(engine: Engine, user_id: int, action: str, code: str) -> str:
    from feelheard.storage import accounts
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        if action == "invite":
            return accounts.create_invite(session, user_id=user_id)
        if action == "link":
            accounts.accept_invite(session, user_id=user_id, code=code)
        else:
            accounts.unlink(session, user_id=user_id)
    return ""


async def _couple(request: Request, config: WebConfig, user_id: int, action: str) -> Response:
    values, ok = await _form_checked(request, config)
    if not ok:
        return await _account_page(
            request, config, user_id, error=FORM_REFRESH, section="partner", status_code=403
        )
    code = values.get("code", "").strip()[:40]
    if action == "link" and not code:
        error = "Please type the invite code your partner gave you."
        return await _account_page(request, config, user_id, error=error, section="partner", status_code=422)
    engine = await run_in_threadpool(storage_engine, request)
    try:
        made = await run_in_threadpool(_couple_action, engine, user_id, action, code)
    except InputError as exc:
        from feelheard.web.app import sentence

        return await _account_page(
            request, config, user_id, error=sentence(str(exc)), section="partner", status_code=422
        )
    if action == "invite":  # shown once, never stored readable: render it rather than redirect
        return await _account_page(request, config, user_id, invite_code=made, section="partner")
    return RedirectResponse(f"/account?{'linked' if action == 'link' else 'unlinked'}=1", status_code=303)


@router.post("/account/invite", response_class=HTMLResponse)
async def invite_post(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Make a one-time code to give your partner (it replaces any earlier one)."""
    return await _couple(request, config, viewer.user_id, "invite")


@router.post("/account/link", response_class=HTMLResponse)
async def link_post(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Enter your partner's code to link the two accounts."""
    return await _couple(request, config, viewer.user_id, "link")


@router.post("/account/unlink", response_class=HTMLResponse)
async def unlink_post(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """End the link; everything either of you shared becomes private again."""
    return await _couple(request, config, viewer.user_id, "unlink")


# --- the API ---------------------------------------------------------------------------------------------------


class Me(BaseModel):
    """Who the API is acting for."""

    username: str = Field(description="The account's name (`local` in local mode).")
    mode: str = Field(description="`local` (one person, no sign-in) or `server` (accounts).")
    partner: str | None = Field(description="The linked partner's name, if any.")


@api_router.get("/me", summary="Who you are", response_model=Me)
async def me(request: Request, config: ConfigDep, viewer: ViewerDep) -> Me:
    """The account the API acts for and its linked partner. In server mode, sign in on /login first."""
    engine = await run_in_threadpool(storage_engine, request)
    username, partner = await run_in_threadpool(_partner, engine, viewer.user_id)
    return Me(username=username, mode=config.mode, partner=partner)


class SignIn(BaseModel):
    """A username and password, to start a session for API calls (server mode)."""

    model_config = ConfigDict(extra="forbid")

    username: StrictStr = Field(max_length=64)
    password: StrictStr = Field(max_length=1024)


class SignedIn(BaseModel):
    """The session has started: its cookie (`fh_session`) came with this answer; send it with later calls."""

    username: str


@api_router.post(
    "/session",
    summary="Sign in (server mode)",
    response_model=SignedIn,
    responses={401: {"description": "Wrong username or password."}, 429: {"description": "Too many tries."}},
    dependencies=[Depends(refuse_cross_site)],
)
async def api_sign_in(body: SignIn, request: Request, config: ConfigDep) -> Response:
    """Start a session for a script or app: the answer sets the `fh_session` cookie (HttpOnly) to send with
    every later call. The same rate limits as the sign-in page apply."""
    if not config.server:
        raise HTTPException(
            status_code=404, detail="There is no sign-in in local mode: the API is yours already."
        )
    username = body.username.strip()
    attempt = await _attempt_login(request, username, body.password)
    if attempt.wait > 0:
        raise HTTPException(
            status_code=429,
            detail=TOO_MANY.format(minutes=_minutes(attempt.wait)),
            headers={"retry-after": str(max(1, math.ceil(attempt.wait)))},
        )
    if attempt.found is None:
        raise HTTPException(status_code=401, detail=WRONG_LOGIN)
    user_id, key = attempt.found
    engine = await run_in_threadpool(storage_engine, request)
    name, _ = await run_in_threadpool(_partner, engine, user_id)
    response = JSONResponse(SignedIn(username=name).model_dump())
    start_session(response, config, info=new_session(user_id), password_key=key)
    return response


@api_router.delete(
    "/session", summary="Sign out (server mode)", status_code=204, dependencies=[Depends(refuse_cross_site)]
)
async def api_sign_out(config: ConfigDep, viewer: ViewerDep) -> Response:
    """End this session (its cookie is cleared)."""
    if not config.server:
        raise HTTPException(status_code=404, detail="There is no sign-in in local mode.")
    del viewer  # signed in: the door already checked
    response = Response(status_code=204)
    clear_session_cookie(response, config)
    return response
