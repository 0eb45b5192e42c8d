"""Who is asking: the viewer of a request, and in server mode the signed session cookie that says so.

Every route that reads or writes stored data takes `ViewerDep` and passes `viewer.user_id` to
`feelheard.storage.repo`; no route looks up a user any other way.

* **Local mode** (the default): the viewer is the single passwordless local user; nothing here runs.
* **Server mode** (`WebConfig.mode == "server"`): `SessionMiddleware` reads the `fh_session` cookie before any
  route runs and puts the viewer on ``request.state``. Without a valid session, every path except
  `PUBLIC_PATHS` (sign-in, registration, the API description and static files) is refused: `/api/...` answers
  401 with a JSON ``{"detail": ...}``, a page answers 303 to ``/login?next=<path>``. So a route added later is
  behind the login without doing anything.

The cookie is ``v1.<user id>.<session id>.<issued>.<last seen>.<mac>``: times are Unix seconds, the session id
is random, and the mac is an HMAC-SHA256 with the server key over all of it plus a SHA-256 of the account's
password hash (`accounts.session_key`). A changed password therefore ends every other session, a changed field
fails the mac, and nothing about the session is kept on the server. A session ends after `session_idle_s`
without a request (the cookie is renewed at most once every `SESSION_REFRESH_S`) or `session_max_s` after
sign-in, whichever comes first. The cookie is HttpOnly, SameSite=Lax and, with `secure_cookies`, Secure.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, RedirectResponse, Response

from feelheard.web.security import CSRF_COOKIE, bound_csrf_nonce

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from feelheard.web.deps import WebConfig
    from feelheard.web.security import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "fh_session"
# Renew the cookie's "last seen" time at most this often (each renewal is one Set-Cookie header).
SESSION_REFRESH_S = 3600
# Clock skew tolerated for times in a cookie (they come from this server, but several workers may disagree).
CLOCK_SKEW_S = 300
# Open without a session in server mode; everything else needs one.
PUBLIC_PATHS = frozenset({"/login", "/register", "/api/docs", "/api/v1/openapi.json", "/api/v1/session"})
PUBLIC_PREFIXES = ("/static/",)
SIGN_IN_FIRST = "Please sign in first."
_SID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_MAC = re.compile(r"^[A-Za-z0-9_-]{43}$")
_NUMBER = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True)
class Viewer:
    """The account a request acts for.

    Attributes:
        user_id: The account's id in storage.
        username: Its name (``local`` in local mode).
        is_local: True in local mode (one user, no login).
    """

    user_id: int
    username: str
    is_local: bool = True


@dataclass(frozen=True)
class SessionInfo:
    """What a session cookie says (once its mac has been checked).

    Attributes:
        user_id: The signed-in account.
        sid: Random id of this sign-in (binds the CSRF tokens to it).
        issued: When the person signed in (Unix seconds).
        seen: When the cookie was last renewed (Unix seconds).
    """

    user_id: int
    sid: str
    issued: int
    seen: int


def now() -> int:
    """The time in whole Unix seconds (tests replace it)."""
    return int(time.time())


# --- the cookie ------------------------------------------------------------------------------------------------


def _body(info: SessionInfo) -> str:
    return f"v1.{info.user_id}.{info.sid}.{info.issued}.{info.seen}"


def _mac(secret: bytes, body: str, password_key: bytes) -> str:
    message = b"fh-session\0" + body.encode("ascii") + b"\0" + password_key
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def new_session(user_id: int, *, at: int | None = None) -> SessionInfo:
    """A fresh session for a sign-in now."""
    moment = now() if at is None else at
    return SessionInfo(user_id=user_id, sid=secrets.token_urlsafe(18), issued=moment, seen=moment)


def encode_session(secret: bytes, info: SessionInfo, password_key: bytes) -> str:
    """The cookie value for `info`, signed with the server key and the account's password key."""
    body = _body(info)
    return f"{body}.{_mac(secret, body, password_key)}"


def parse_session(value: str | None) -> tuple[SessionInfo, str] | None:
    """The claims and mac of a cookie value, checking its shape only (not the mac: see `check_session`)."""
    if not value or len(value) > 200:
        return None
    parts = value.split(".")
    if len(parts) != 6 or parts[0] != "v1":
        return None
    _, user_id, sid, issued, seen, mac = parts
    if not (_NUMBER.match(user_id) and _NUMBER.match(issued) and _NUMBER.match(seen)):
        return None
    if not _SID.match(sid) or not _MAC.match(mac):
        return None
    info = SessionInfo(user_id=int(user_id), sid=sid, issued=int(issued), seen=int(seen))
    if not 0 < info.user_id < 2**31:  # ids are 32-bit integers on both engines
        return None
    return info, mac


def fresh_enough(info: SessionInfo, config: WebConfig, *, at: int) -> bool:
    """Whether the session's times allow it now: not idle too long, not too old, not from the future."""
    return (
        info.issued <= info.seen <= at + CLOCK_SKEW_S
        and at - info.seen <= config.session_idle_s
        and at - info.issued <= config.session_max_s
    )


def check_session(secret: bytes, info: SessionInfo, mac: str, password_key: bytes) -> bool:
    """Whether `mac` is this server's signature of `info` for the account's current password."""
    return hmac.compare_digest(_mac(secret, _body(info), password_key), mac)


def set_session_cookie(response: Response, config: WebConfig, value: str) -> None:
    """Put the session cookie on a response (HttpOnly, SameSite=Lax, Secure when configured)."""
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=config.session_idle_s,
        path="/",
        httponly=True,
        samesite="lax",
        secure=config.secure_cookies,
    )


def clear_session_cookie(response: Response, config: WebConfig) -> None:
    """Remove the session cookie (and the CSRF cookie bound to it) from the browser."""
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", httponly=True, samesite="lax", secure=config.secure_cookies)


def start_session(response: Response, config: WebConfig, *, info: SessionInfo, password_key: bytes) -> None:
    """Sign a browser in: the session cookie, and the CSRF cookie that belongs to it."""
    set_session_cookie(response, config, encode_session(config.secret_key, info, password_key))
    response.set_cookie(
        CSRF_COOKIE,
        bound_csrf_nonce(config.secret_key, info.sid),
        path="/",
        httponly=True,
        samesite="strict",
        secure=config.secure_cookies,
    )


# --- resolving a request ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    """A checked session: who, the session, and a renewed cookie value when it is due."""

    viewer: Viewer
    session: SessionInfo
    renewed: str | None


def resolve_session(engine: Engine, config: WebConfig, value: str | None, *, at: int) -> Resolved | None:
    """Check a session cookie against the account (blocking: one small query). None when it is not valid."""
    parsed = parse_session(value)
    if parsed is None:
        return None
    info, mac = parsed
    if not fresh_enough(info, config, at=at):
        return None
    from feelheard.storage.accounts import session_key
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        found = session_key(session, user_id=info.user_id)
    if found is None:
        return None
    user, key = found
    if not check_session(config.secret_key, info, mac, key):
        return None
    renewed = None
    if at - info.seen >= SESSION_REFRESH_S:
        renewed = encode_session(config.secret_key, replace(info, seen=at), key)
    return Resolved(Viewer(user_id=user.id, username=user.username, is_local=False), info, renewed)


def is_public(path: str) -> bool:
    """Paths open without a session in server mode."""
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path on this site only (anything else, or nothing, is the Coach)."""
    if not value or len(value) > 2000 or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    if any(ord(c) < 0x20 or c in "\\\x7f" for c in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path in {"/login", "/register", "/logout"}:
        return "/"
    return value


def login_url(next_path: str) -> str:
    """The sign-in page, coming back to `next_path` afterwards."""
    target = safe_next(next_path)
    return "/login" if target == "/" else f"/login?next={quote(target, safe='')}"


def _cookie_headers(build: Response) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, v in build.raw_headers if k == b"set-cookie"]


def _without_cookie(headers: list[tuple[bytes, bytes]], name: str) -> list[tuple[bytes, bytes]]:
    """Request headers with one cookie taken out of every Cookie header."""
    out: list[tuple[bytes, bytes]] = []
    prefix = name.encode("latin-1") + b"="
    for key, value in headers:
        if key == b"cookie":
            kept = [p for p in value.split(b";") if not p.strip().startswith(prefix)]
            value = b";".join(kept)
        out.append((key, value))
    return out


def _refusal(scope: Scope, path: str) -> Response:
    method = str(scope.get("method", "GET")).upper()
    if path.startswith("/api/"):
        return JSONResponse({"detail": SIGN_IN_FIRST}, status_code=401)
    if method in {"GET", "HEAD"}:
        query = scope.get("query_string", b"").decode("latin-1")
        return RedirectResponse(login_url(path + (f"?{query}" if query else "")), status_code=303)
    content_type = b""
    for key, value in scope.get("headers", []):
        if key == b"content-type":
            content_type = value.split(b";", 1)[0].strip().lower()
    if content_type in {b"application/x-www-form-urlencoded", b"multipart/form-data"}:
        return RedirectResponse("/login", status_code=303)  # a form: its data cannot survive the detour
    return JSONResponse({"detail": SIGN_IN_FIRST}, status_code=401)


class SessionMiddleware:
    """Server mode: who is signed in, for every request, and the door for those who are not.

    Puts ``viewer`` (a `Viewer`) and ``session`` (a `SessionInfo`) on ``request.state`` for a valid session,
    renews the cookie when due, clears an invalid one, drops any CSRF cookie that does not belong to the
    session, and refuses every non-public path without a session. Local mode passes everything through.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        config: WebConfig | None = getattr(getattr(scope.get("app"), "state", None), "config", None)
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or config is None or not config.server or path.startswith(PUBLIC_PREFIXES):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        raw = request.cookies.get(SESSION_COOKIE)
        resolved: Resolved | None = None
        if raw:
            from feelheard.web.routes.history import storage_engine

            engine = await run_in_threadpool(storage_engine, request)
            resolved = await run_in_threadpool(resolve_session, engine, config, raw, at=now())
        state = scope.setdefault("state", {})
        extra: list[tuple[bytes, bytes]] = []
        if resolved is not None:
            state["viewer"], state["session"] = resolved.viewer, resolved.session
            if request.cookies.get(CSRF_COOKIE) not in (
                None,
                bound_csrf_nonce(config.secret_key, resolved.session.sid),
            ):
                scope["headers"] = _without_cookie(list(scope.get("headers", [])), CSRF_COOKIE)
            if resolved.renewed:
                renewal = Response()
                set_session_cookie(renewal, config, resolved.renewed)
                extra = _cookie_headers(renewal)
        elif raw:
            cleared = Response()
            clear_session_cookie(cleared, config)
            extra = _cookie_headers(cleared)

        async def send_with_cookie(message: Message) -> None:
            if extra and message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                own = SESSION_COOKIE.encode("ascii") + b"="
                if not any(k.lower() == b"set-cookie" and v.startswith(own) for k, v in headers):
                    headers.extend(extra)
                message["headers"] = headers
            await send(message)

        if resolved is None and not is_public(path):
            await _refusal(scope, path)(scope, receive, send_with_cookie)
            return
        await self.app(scope, receive, send_with_cookie)


def current_viewer(request: Request) -> Viewer | None:
    """The signed-in viewer in server mode, if any (no database work: the middleware found it)."""
    viewer = getattr(request.state, "viewer", None)
    return viewer if isinstance(viewer, Viewer) else None


def current_session(request: Request) -> SessionInfo | None:
    """The checked session of this request in server mode, if any."""
    info = getattr(request.state, "session", None)
    return info if isinstance(info, SessionInfo) else None


def _local_viewer(request: Request) -> Viewer:
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope
    from feelheard.web.routes.history import storage_engine

    with session_scope(storage_engine(request)) as session:
        me = repo.local_user(session)
    return Viewer(user_id=me.id, username=me.username, is_local=True)


async def get_viewer(request: Request) -> Viewer:
    """The viewer of this request: the local user in local mode, the signed-in account in server mode.

    Raises:
        HTTPException: 401 in server mode without a valid session (the middleware normally answers first).
    """
    config: WebConfig = request.app.state.config
    if not config.server:
        return await run_in_threadpool(_local_viewer, request)
    viewer = current_viewer(request)
    if viewer is None:
        raise HTTPException(status_code=401, detail=SIGN_IN_FIRST)
    return viewer


ViewerDep = Annotated[Viewer, Depends(get_viewer)]
