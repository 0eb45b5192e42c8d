"""Passwords (argon2), login, and the login rate limiter."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from feelheard.errors import InputError
from feelheard.storage import accounts
from feelheard.storage.db import session_scope
from feelheard.storage.orm import User


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters: the tests check the logic, not the cost (the real hasher uses the library's)."""
    from argon2 import PasswordHasher

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", lambda: cheap)
    monkeypatch.setattr(accounts, "_dummy_hash", lambda: cheap.hash("dummy"))


def test_create_and_authenticate(engine: Engine) -> None:
    with session_scope(engine) as s:
        user = accounts.create_user(s, username="  Dana ", password="a long enough secret")
        assert user.username == "dana" and user.has_password
        stored = s.get(User, user.id)
        assert stored is not None and stored.password_hash is not None
        assert stored.password_hash.startswith("$argon2id$")
        assert "secret" not in stored.password_hash
    with session_scope(engine) as s:
        assert accounts.authenticate(s, username="DANA", password="a long enough secret") is not None
        assert accounts.authenticate(s, username="dana", password="wrong password!") is None
        assert accounts.authenticate(s, username="nobody", password="a long enough secret") is None
        with pytest.raises(InputError, match="taken"):
            accounts.create_user(s, username="dana", password="another long secret")
        with pytest.raises(InputError, match="at least"):
            accounts.create_user(s, username="eve", password="short")
        with pytest.raises(InputError, match="reserved"):
            accounts.create_user(s, username="local", password="a long enough secret")
        with pytest.raises(InputError, match="username"):
            accounts.create_user(s, username="a b", password="a long enough secret")
        accounts.change_password(s, user_id=user.id, old="a long enough secret", new="a brand new secret")
        assert accounts.authenticate(s, username="dana", password="a brand new secret") is not None


def test_real_hasher_is_argon2id() -> None:
    assert accounts.hash_password("x" * 12).startswith("$argon2id$")


def test_local_user_cannot_log_in(engine: Engine) -> None:
    from feelheard.storage import repo

    with session_scope(engine) as s:
        repo.local_user(s)
        assert accounts.authenticate(s, username="local", password="") is None


def test_rate_limiter_window() -> None:
    now = [1000.0]
    limiter = accounts.LoginRateLimiter(max_failures=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        assert limiter.allowed("dana")
        limiter.record_failure("dana")
    assert not limiter.allowed("dana")
    assert limiter.retry_after("dana") == pytest.approx(60)
    assert limiter.allowed("10.0.0.9")  # other keys are unaffected
    now[0] += 30
    assert limiter.retry_after("dana") == pytest.approx(30)
    now[0] += 31
    assert limiter.allowed("dana")
    limiter.record_failure("dana")
    limiter.record_success("dana")
    assert limiter.retry_after("dana") == 0.0
