"""Server-mode accounts: argon2 password hashes, one-time invite codes that link a couple, login rate limits.

Session cookies and CSRF tokens belong to the web layer; this module gives it what needs the database, plus an
in-memory `LoginRateLimiter` it can keep one of per process.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from feelheard.errors import InputError
from feelheard.storage.orm import Couple, Invite, User, utcnow
from feelheard.storage.repo import LOCAL_USERNAME, UserRecord, _user, as_utc, unshare_all, user_record

if TYPE_CHECKING:
    from argon2 import PasswordHasher
    from sqlalchemy.orm import Session

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
# No 0/O, 1/I/L: codes are read aloud and typed on phones.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 10
INVITE_TTL = timedelta(days=2)


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended cost


@cache
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (salt and parameters are inside the string)."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches; never raises for a wrong or malformed hash."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def normalize_username(username: str) -> str:
    """Lower-case, trimmed; refuses names that are not 3 to 64 letters, digits, '.', '_' or '-'.

    Raises:
        InputError: the name is not allowed.
    """
    name = username.strip().lower()
    if not USERNAME_RE.match(name):
        raise InputError(
            "a username is 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    if name == LOCAL_USERNAME:
        raise InputError(f"the name {LOCAL_USERNAME!r} is reserved")
    return name


def create_user(session: Session, *, username: str, password: str) -> UserRecord:
    """A new account with an argon2 password hash.

    Raises:
        InputError: bad name, name taken, or a password shorter than `MIN_PASSWORD` characters.
    """
    name = normalize_username(username)
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise InputError("that username is taken")
    user = User(username=name, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user_record(user)


def authenticate(session: Session, *, username: str, password: str) -> UserRecord | None:
    """The account if the password is right, else None (same work either way, so timing does not tell names)."""
    name = username.strip().lower()
    user = (
        session.scalar(select(User).where(User.username == name)) if len(password) <= MAX_PASSWORD else None
    )
    if user is None or user.password_hash is None:
        verify_password(_dummy_hash(), password[:MAX_PASSWORD])
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.flush()
    return user_record(user)


def change_password(session: Session, *, user_id: int, old: str, new: str) -> None:
    """Replace the password after checking the old one.

    Raises:
        InputError: the old password is wrong or the new one too short.
    """
    user = _user(session, user_id)
    if user.password_hash is None or not verify_password(user.password_hash, old):
        raise InputError("the current password is not right")
    if not MIN_PASSWORD <= len(new) <= MAX_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")
    user.password_hash = hash_password(new)
    session.flush()


# --- couples --------------------------------------------------------------------------------------------------


def _code_hash(code: str) -> str:
    cleaned = re.sub(r"[^A-Z0-9]", "", code.upper())
    return hashlib.sha256(cleaned.encode("ascii")).hexdigest()


def create_invite(session: Session, *, user_id: int, ttl: timedelta = INVITE_TTL) -> str:
    """A fresh one-time code for `user_id` to give their partner (replaces any earlier code of theirs).

    Only its SHA-256 is stored. The code is about 49 bits of randomness, lives `ttl`, and dies on first use.

    Raises:
        InputError: the account is already linked.
    """
    user = _user(session, user_id)
    if user.couple_id is not None:
        raise InputError("you are already linked with a partner")
    session.execute(delete(Invite).where(Invite.inviter_id == user_id))
    raw = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
    now = utcnow()
    session.add(Invite(code_hash=_code_hash(raw), inviter_id=user_id, created_at=now, expires_at=now + ttl))
    session.flush()
    return f"{raw[:5]}-{raw[5:]}"


def accept_invite(session: Session, *, user_id: int, code: str) -> int:
    """Link `user_id` with whoever made `code`; the code is used up. Returns the partner's id.

    Raises:
        InputError: the code is unknown, used or expired, is the caller's own, or either person is already linked.
    """
    invalid = "that invite code is not valid (it may have been used or expired)"
    invite = session.scalar(select(Invite).where(Invite.code_hash == _code_hash(code)))
    if invite is None or as_utc(invite.expires_at) <= utcnow():
        raise InputError(invalid)
    if invite.inviter_id == user_id:
        raise InputError("that is your own invite code: give it to your partner")
    me, inviter = _user(session, user_id), _user(session, invite.inviter_id)
    if me.couple_id is not None or inviter.couple_id is not None:
        raise InputError("one of you is already linked with a partner")
    # Deleting by id and counting rows makes the code single-use even when two people race for it.
    used = session.execute(delete(Invite).where(Invite.id == invite.id))
    if getattr(used, "rowcount", 0) != 1:
        raise InputError(invalid)
    couple = Couple(created_at=utcnow())
    session.add(couple)
    session.flush()
    me.couple_id = inviter.couple_id = couple.id
    session.execute(delete(Invite).where(Invite.inviter_id.in_([me.id, inviter.id])))
    session.flush()
    return inviter.id


def unlink(session: Session, *, user_id: int) -> bool:
    """End the link; both people's items go back to private, so a later partner never sees them. False if unlinked."""
    user = _user(session, user_id)
    if user.couple_id is None:
        return False
    couple_id = user.couple_id
    members = list(session.scalars(select(User).where(User.couple_id == couple_id)))
    for member in members:
        unshare_all(session, owner_id=member.id)
        member.couple_id = None
    session.flush()
    session.execute(delete(Couple).where(Couple.id == couple_id))
    session.flush()
    return True


# --- login rate limiting --------------------------------------------------------------------------------------


class LoginRateLimiter:
    """At most `max_failures` failed logins per key (a username, an IP address) in any `window_s` seconds.

    In memory and per process: a server with several worker processes gets a limit per worker, which still
    slows a guesser down by orders of magnitude. Thread-safe.
    """

    def __init__(
        self,
        *,
        max_failures: int = 5,
        window_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._max_keys = max_keys
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may try again; 0.0 when it may try now."""
        with self._lock:
            now = self._clock()
            times = self._prune(key, now)
            if len(times) < self.max_failures:
                return 0.0
            return max(0.0, times[0] + self.window_s - now)

    def allowed(self, key: str) -> bool:
        """Whether `key` may try to log in now."""
        return self.retry_after(key) == 0.0

    def record_failure(self, key: str) -> None:
        """Count one failed attempt for `key`."""
        with self._lock:
            now = self._clock()
            if len(self._failures) >= self._max_keys:
                for stale in list(self._failures):
                    self._prune(stale, now)
            self._failures.setdefault(key, deque()).append(now)

    def record_success(self, key: str) -> None:
        """Forget the failures of `key` after a good login."""
        with self._lock:
            self._failures.pop(key, None)


# --- sessions -------------------------------------------------------------------------------------------------


def session_key(session: Session, *, user_id: int) -> tuple[UserRecord, bytes] | None:
    """The account and a value that changes whenever its password does, for signing its session cookies.

    The value is a SHA-256 of the password hash (the hash itself never leaves this module), so a session
    signed before a password change stops matching after it. None when there is no such account or it has no
    password (the local user cannot sign in).
    """
    user = session.get(User, user_id)
    if user is None or user.password_hash is None:
        return None
    return user_record(user), hashlib.sha256(user.password_hash.encode("utf-8")).digest()
