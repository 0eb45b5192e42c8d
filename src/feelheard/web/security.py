"""Secure headers, a strict Content-Security-Policy, a request body limit and CSRF tokens for HTML forms.

CSRF is a double submit: a random nonce in an HttpOnly cookie, and in each form an HMAC of it with the server
key. In server mode the nonce of a signed-in visitor is not random but derived from their session
(`bound_csrf_nonce`), and the session middleware ignores any other CSRF cookie (`feelheard.web.auth`), so a
token is only ever good for the one session it was shown to.

Both middlewares are plain ASGI so they also guard static files and error responses.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# No inline script or style anywhere: everything comes from our own /static files.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'; "
    # Only the Chat review frame is ever framed (our other pages forbid framing with frame-ancestors).
    "frame-src 'self'"
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (
        b"permissions-policy",
        b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
)
# What someone types here is private: never keep pages or answers in any cache, so the back button and a
# shared computer show nothing after a quick exit.
NO_STORE = (b"cache-control", b"no-store, max-age=0")


# Headers a response may set for itself: the Chat review report runs its own inline charts in a sandboxed
# frame, so it brings its own (sandboxing) policy and allows framing by this app only.
OWN_HEADERS = frozenset({b"content-security-policy", b"x-frame-options"})


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, and `no-store` to everything but static files.

    A response that sets its own Content-Security-Policy or X-Frame-Options keeps it (only the sandboxed Chat
    review report does; see `routes/review.py`).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"cache-control" or is_static
                ]
                own = {k.lower() for k, _ in headers} & OWN_HEADERS
                headers.extend((k, v) for k, v in SECURITY_HEADERS if k not in own)
                if not is_static:
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimitMiddleware:
    """Refuses request bodies larger than `max_bytes` with 413 and a JSON message.

    A declared `Content-Length` is checked before reading; a chunked body is counted as it streams.
    `large_paths` (exact paths) get `large_max_bytes` instead: an export file to import can be much bigger
    than two messages. `path_limits` gives single exact paths their own limit (a chat export to review).
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        large_paths: frozenset[str] = frozenset(),
        large_max_bytes: int = 0,
        path_limits: dict[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.large_paths = large_paths
        self.large_max_bytes = max(large_max_bytes, max_bytes)
        self.path_limits = dict(path_limits or {})

    async def _too_large(self, send: Send, limit: int) -> None:
        body = json.dumps({"detail": f"The request is too large: the limit is {limit:,} bytes."}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = self.large_max_bytes if path in self.large_paths else self.max_bytes
        limit = max(limit, self.path_limits.get(path, 0))
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > limit:
                    await self._too_large(send, limit)
                    return
        received = 0
        refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Answer now and tell the app the client has gone, so it stops reading.
                    refused = True
                    await self._too_large(send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counting_receive, guarded_send)


CSRF_COOKIE = "fh_csrf"
CSRF_FIELD = "csrf_token"


def new_csrf_nonce() -> str:
    """A fresh random value for the CSRF cookie."""
    return secrets.token_urlsafe(24)


def csrf_token(secret: bytes, nonce: str) -> str:
    """The form token that matches a cookie nonce: an HMAC, so it cannot be made without the server key."""
    return hmac.new(secret, nonce.encode("utf-8"), hashlib.sha256).hexdigest()


def csrf_valid(secret: bytes, nonce: str | None, token: str | None) -> bool:
    """True when the submitted token belongs to the visitor's cookie."""
    if not nonce or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, nonce), token)


def bound_csrf_nonce(secret: bytes, session_id: str) -> str:
    """The CSRF nonce of a server-mode session: fixed for that session, useless for any other."""
    digest = hmac.new(secret, b"csrf-nonce\0" + session_id.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode("ascii")
