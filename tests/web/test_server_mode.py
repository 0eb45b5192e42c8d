"""Server mode without a browser: sign-in, registration, sessions, CSRF, couples and sharing, on SQLite."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from feelheard.pipeline import Pipeline
from feelheard.storage.accounts import LoginRateLimiter
from feelheard.storage.db import dispose_engines, sqlite_url
from feelheard.web import WebConfig
from feelheard.web import auth as auth_module
from feelheard.web.auth import SessionInfo, encode_session, parse_session, safe_next

from .exchanges import CANDIDATES
from .server import PASSWORD, link, login, register, server_app, token

DAY = 24 * 3600


@pytest.fixture
def app(pipeline: Pipeline, tmp_path: Path) -> Iterator[FastAPI]:
    yield server_app(pipeline, sqlite_url(tmp_path / "server.db"))
    dispose_engines()


def _me(client: TestClient) -> Any:
    return client.get("/api/v1/me")


def _save(client: TestClient, partner: str, reply: str) -> int:
    response = client.post("/api/v1/history", json={"partner": partner, "reply": reply})
    assert response.status_code == 201, response.text
    item_id: int = response.json()["id"]
    return item_id


# --- the door ---------------------------------------------------------------------------------------------------


def test_everything_but_the_doors_needs_a_session(app: FastAPI) -> None:
    anon = TestClient(app)
    for path in ("/", "/history", "/settings", "/review", "/account"):
        response = anon.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == ("/login" if path == "/" else f"/login?next=%2F{path[1:]}")
    paged = anon.get("/history?page=2", follow_redirects=False)
    assert paged.headers["location"] == "/login?next=%2Fhistory%3Fpage%3D2"
    for path in (
        "/api/v1/history",
        "/api/v1/items",
        "/api/v1/me",
        "/api/v1/export",
        "/api/v1/safety/countries",
    ):
        response = anon.get(path)
        assert response.status_code == 401, path
        assert response.json() == {"detail": "Please sign in first."}
    assert anon.post("/api/v1/analyze", json={"partner": "hi", "reply": "hello"}).status_code == 401
    assert anon.post("/api/v1/suggest", json={"partner": "hi", "reply": "hello"}).status_code == 401
    assert anon.post("/coach/results", json={"partner": "hi", "reply": ""}).status_code == 401
    form = anon.post("/history/save", data={"partner": "hi", "reply": "yo"}, follow_redirects=False)
    assert (form.status_code, form.headers["location"]) == (303, "/login")
    # The doors stay open, with the security headers on.
    for path in ("/login", "/register", "/api/docs", "/api/v1/openapi.json", "/static/app.css"):
        response = anon.get(path)
        assert response.status_code == 200, path
        assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "Sign out" not in anon.get("/login").text


def test_register_sign_out_and_sign_in_again(app: FastAPI) -> None:
    client = TestClient(app)
    made = client.post(
        "/register",
        data={
            "csrf_token": token(client, "/register"),
            "username": "Ana",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
        follow_redirects=False,
    )
    assert (made.status_code, made.headers["location"]) == (303, "/account?welcome=1")
    cookie = next(c for c in made.headers.get_list("set-cookie") if c.startswith("fh_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert f"Max-Age={14 * DAY}" in cookie and "Secure" not in cookie
    account = client.get("/account?welcome=1")
    assert account.status_code == 200
    assert 'id="account-name">ana<' in account.text  # names are lower-cased
    assert "Signed in as <strong>ana</strong>" in account.text and 'href="/account"' in account.text
    assert "Welcome" in account.text
    assert _me(client).json() == {"username": "ana", "mode": "server", "partner": None}
    # Signed in, the doors lead inside.
    assert client.get("/login", follow_redirects=False).headers["location"] == "/"
    assert client.get("/register", follow_redirects=False).headers["location"] == "/account"

    out = client.post("/logout", data={"csrf_token": token(client)}, follow_redirects=False)
    assert (out.status_code, out.headers["location"]) == (303, "/login?signed_out=1")
    assert client.get("/login?signed_out=1").text.count("You have signed out.") == 1
    assert client.get("/account", follow_redirects=False).status_code == 303
    assert _me(client).status_code == 401

    back = login(client, "ana", next_path="/history?page=1")
    del back
    assert client.get("/history").status_code == 200
    again = client.post(
        "/login",
        data={"csrf_token": token(TestClient(app), "/login"), "username": "ana", "password": PASSWORD},
        follow_redirects=False,
    )
    assert again.status_code == 403  # a token from another browser's cookie


def test_sign_in_goes_back_where_it_was_asked(app: FastAPI) -> None:
    register(app, "ana")
    client = TestClient(app)
    response = client.post(
        "/login",
        data={
            "csrf_token": token(client, "/login"),
            "username": "ANA ",
            "password": PASSWORD,
            "next": "/history?page=1",
        },
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (303, "/history?page=1")
    evil = TestClient(app)
    response = evil.post(
        "/login",
        data={
            "csrf_token": token(evil, "/login?next=https://evil.example/"),
            "username": "ana",
            "password": PASSWORD,
            "next": "https://evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/history?page=2", "/history?page=2"),
        ("/account#partner", "/account#partner"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("http:/history", "/"),
        ("/login?next=/x", "/"),
        ("/x\r\nSet-Cookie: a=b", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_only_same_site_paths_are_followed(value: str | None, expected: str) -> None:
    assert safe_next(value) == expected


def test_secure_cookies_when_configured(pipeline: Pipeline, tmp_path: Path) -> None:
    app = server_app(pipeline, sqlite_url(tmp_path / "secure.db"), secure_cookies=True)
    client = TestClient(app, base_url="https://testserver")
    made = client.post(
        "/register",
        data={
            "csrf_token": token(client, "/register"),
            "username": "ana",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
        follow_redirects=False,
    )
    cookies = made.headers.get_list("set-cookie")
    assert cookies and all("Secure" in c and "HttpOnly" in c for c in cookies)
    assert client.get("/account").status_code == 200
    dispose_engines()


def test_registration_checks_its_input(app: FastAPI) -> None:
    register(app, "ana")
    client = TestClient(app)

    def attempt(username: str, password: str, again: str | None = None) -> Any:
        return client.post(
            "/register",
            data={
                "csrf_token": token(client, "/register"),
                "username": username,
                "password": password,
                "password2": password if again is None else again,
            },
            follow_redirects=False,
        )

    taken = attempt("ana", PASSWORD)
    assert taken.status_code == 422 and "taken" in taken.text
    assert attempt("ben", "short").status_code == 422
    assert "not the same" in attempt("ben", PASSWORD, PASSWORD + "x").text
    assert attempt("local", PASSWORD).status_code == 422
    assert attempt("<b>x</b>", PASSWORD).status_code == 422
    forged = client.post("/register", data={"username": "ben", "password": PASSWORD, "password2": PASSWORD})
    assert forged.status_code == 403
    assert _me(client).status_code == 401


def test_registration_is_rate_limited_per_address(app: FastAPI) -> None:
    app.state.signup_limiter = LoginRateLimiter(max_failures=2, window_s=3600)
    register(app, "ana")
    register(app, "ben")
    client = TestClient(app)
    refused = client.post(
        "/register",
        data={
            "csrf_token": token(client, "/register"),
            "username": "cam",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0


def test_closed_registration_and_accounts_from_the_cli(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from feelheard.cli.data import app as data_app

    url = sqlite_url(tmp_path / "closed.db")
    app = server_app(pipeline, url, open_registration=False)
    client = TestClient(app)
    assert client.get("/register").status_code == 404
    assert client.post("/register", data={"username": "x"}).status_code == 404
    assert (
        "Ask them for one" in client.get("/login").text
        and 'href="/register"' not in client.get("/login").text
    )

    monkeypatch.setenv("FEELHEARD_DATABASE_URL", url)
    made = CliRunner().invoke(data_app, ["add-user", "Cam", "--password-stdin"], input=PASSWORD + "\n")
    assert made.exit_code == 0, made.output
    assert "cam" in made.output
    short = CliRunner().invoke(data_app, ["add-user", "dee", "--password-stdin"], input="short\n")
    assert short.exit_code != 0
    login(client, "cam")
    assert _me(client).json()["username"] == "cam"
    dispose_engines()


# --- passwords and rate limits --------------------------------------------------------------------------------


def _try_login(client: TestClient, username: str, password: str) -> Any:
    return client.post(
        "/login",
        data={"csrf_token": token(client, "/login"), "username": username, "password": password},
        follow_redirects=False,
    )


def test_wrong_password_and_unknown_name_get_the_same_answer(app: FastAPI) -> None:
    register(app, "ana")
    client = TestClient(app)
    wrong = _try_login(client, "ana", "not the password at all")
    unknown = _try_login(client, "nobody", "not the password at all")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "That username and password do not match" in response.text
        assert not any(c.startswith("fh_session=") for c in response.headers.get_list("set-cookie"))
    assert _try_login(client, "ana", "").status_code == 401
    assert _me(client).status_code == 401


def test_sign_in_is_paused_after_repeated_failures(app: FastAPI) -> None:
    clock = [1000.0]
    app.state.login_limiter = LoginRateLimiter(clock=lambda: clock[0])
    register(app, "ana")
    register(app, "ben")
    client = TestClient(app)
    for _ in range(5):
        assert _try_login(client, "ana", "wrong password, sorry").status_code == 401
    paused = _try_login(client, "ana", PASSWORD)  # even the right password waits
    assert paused.status_code == 429
    assert 1 <= int(paused.headers["retry-after"]) <= 300
    assert "paused for a little while" in paused.text and "5 minutes" in paused.text
    assert not any(c.startswith("fh_session=") for c in paused.headers.get_list("set-cookie"))
    # The same address is paused for other names too.
    assert _try_login(client, "ben", PASSWORD).status_code == 429
    clock[0] += 301
    assert _try_login(client, "ana", PASSWORD).status_code == 303
    assert _me(client).json()["username"] == "ana"


# --- sessions --------------------------------------------------------------------------------------------------


def _session_of(client: TestClient) -> tuple[SessionInfo, str]:
    parsed = parse_session(client.cookies.get("fh_session"))
    assert parsed is not None
    return parsed


def _with_cookie(app: FastAPI, value: str) -> TestClient:
    client = TestClient(app)
    client.cookies.set("fh_session", value)
    return client


def test_tampered_sessions_are_refused(app: FastAPI) -> None:
    ana, ben = register(app, "ana"), register(app, "ben")
    good = ana.cookies["fh_session"]
    info, mac = _session_of(ana)
    ben_info, _ = _session_of(ben)
    assert _me(_with_cookie(app, good)).json()["username"] == "ana"
    parts = good.split(".")
    forged = {
        "someone else's id": ".".join([parts[0], str(ben_info.user_id), *parts[2:]]),
        "a huge id": ".".join([parts[0], "999999999999", *parts[2:]]),
        "a later time": ".".join([*parts[:4], str(info.seen + 60), parts[5]]),
        "another session id": ".".join([parts[0], parts[1], "A" * 24, *parts[3:]]),
        "a changed mac": good[:-1] + ("A" if good[-1] != "A" else "B"),
        "another server's key": encode_session(b"x" * 32, info, b"\0" * 32),
        "no mac": ".".join(parts[:5]),
        "garbage": "hello",
        "an old format": "v0." + good[3:],
    }
    for why, value in forged.items():
        client = _with_cookie(app, value)
        response = _me(client)
        assert response.status_code == 401, why
        # The bad cookie is cleared rather than sent again and again.
        assert any(
            c.startswith('fh_session=""') or c.startswith("fh_session=;")
            for c in response.headers.get_list("set-cookie")
        ), why
        page = client.get("/history", follow_redirects=False)
        assert page.status_code == 303, why
    del mac


def test_sessions_end_when_idle_or_old_and_renew_when_used(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1_800_000_000]
    monkeypatch.setattr(auth_module, "now", lambda: clock[0])
    client = register(app, "ana")
    start, _ = _session_of(client)
    assert start.issued == start.seen == clock[0]

    clock[0] += 2 * 3600  # used after two hours: the cookie is renewed
    response = _me(client)
    assert response.status_code == 200
    assert any(c.startswith("fh_session=") for c in response.headers.get_list("set-cookie"))
    renewed, _ = _session_of(client)
    assert (renewed.sid, renewed.issued, renewed.seen) == (start.sid, start.issued, clock[0])
    clock[0] += 60  # not due again so soon
    assert not _me(client).headers.get_list("set-cookie")

    clock[0] += 14 * DAY + 1  # idle too long
    assert _me(client).status_code == 401

    login(client, "ana")
    for _ in range(3):  # used every ten days, it lives thirty days at most
        clock[0] += 10 * DAY - 100
        assert _me(client).status_code == 200
    clock[0] += 2 * DAY
    assert _me(client).status_code == 401

    login(client, "ana")
    clock[0] -= 3600  # a cookie from the future is not accepted either
    assert _me(client).status_code == 401


def test_changing_the_password_signs_out_other_sessions(app: FastAPI) -> None:
    first = register(app, "ana")
    second = login(TestClient(app), "ana")
    assert _me(second).status_code == 200
    new = "a brand new passphrase for ana"

    def change(old: str, new_password: str, again: str | None = None) -> Any:
        return first.post(
            "/account/password",
            data={
                "csrf_token": token(first),
                "old_password": old,
                "new_password": new_password,
                "new_password2": new_password if again is None else again,
            },
            follow_redirects=False,
        )

    wrong = change("not my password", new)
    assert wrong.status_code == 422 and "current password is not right" in wrong.text
    assert change(PASSWORD, new, new + "!").status_code == 422
    assert change(PASSWORD, "short").status_code == 422
    assert _me(second).status_code == 200  # nothing changed yet
    done = change(PASSWORD, new)
    assert (done.status_code, done.headers["location"]) == (303, "/account?password=1")
    assert "Your password has been changed" in first.get("/account?password=1").text
    assert _me(first).status_code == 200  # this browser stays in
    assert _me(second).status_code == 401  # the other one is out
    assert _try_login(TestClient(app), "ana", PASSWORD).status_code == 401
    assert _try_login(TestClient(app), "ana", new).status_code == 303


# --- CSRF ------------------------------------------------------------------------------------------------------


def test_forms_need_the_token_of_their_own_session(app: FastAPI) -> None:
    ana, ben = register(app, "ana"), register(app, "ben")
    ana_token, ben_token = token(ana), token(ben)
    assert ana_token != ben_token
    assert ana.post("/account/invite", data={}).status_code == 403
    assert ana.post("/account/invite", data={"csrf_token": "0" * 64}).status_code == 403
    assert ana.post("/account/invite", data={"csrf_token": ben_token}).status_code == 403
    # Even with ben's whole pair planted (cookie and token), ana's session does not accept it.
    planted = TestClient(app)
    planted.cookies.set("fh_session", ana.cookies["fh_session"])
    planted.cookies.set("fh_csrf", ben.cookies["fh_csrf"])
    assert planted.post("/account/invite", data={"csrf_token": ben_token}).status_code == 403
    assert (
        planted.post(
            "/history/save", data={"csrf_token": ben_token, "partner": "a", "reply": "b"}
        ).status_code
        == 403
    )
    # A token from before signing in is no good afterwards either.
    anon = TestClient(app)
    early = token(anon, "/login")
    login(anon, "ana")
    assert anon.post("/account/invite", data={"csrf_token": early}).status_code == 403
    # Sign-out needs the token too, and a refused one leaves the session alone.
    assert ana.post("/logout", data={"csrf_token": ben_token}).status_code == 403
    assert _me(ana).status_code == 200
    made = ana.post("/account/invite", data={"csrf_token": ana_token})
    assert made.status_code == 200 and 'id="invite-code"' in made.text
    assert planted.post("/account/invite", data={"csrf_token": ana_token}).status_code == 200
    for form in ("/", "/settings", "/history/save", "/account/link", "/account/unlink", "/account/password"):
        assert ana.post(form, data={"csrf_token": ben_token}).status_code == 403, form


# --- couples and sharing ---------------------------------------------------------------------------------------


def test_invite_link_and_unlink(app: FastAPI) -> None:
    ana, ben, cam = register(app, "ana"), register(app, "ben"), register(app, "cam")
    bad = ben.post("/account/link", data={"csrf_token": token(ben), "code": "AAAAA-BBBBB"})
    assert bad.status_code == 422 and "not valid" in bad.text
    empty = ben.post("/account/link", data={"csrf_token": token(ben), "code": " "})
    assert empty.status_code == 422
    made = ana.post("/account/invite", data={"csrf_token": token(ana)})
    code = re.search(r'id="invite-code">([A-Z0-9-]+)<', made.text)
    assert code
    own = ana.post("/account/link", data={"csrf_token": token(ana), "code": code.group(1)})
    assert own.status_code == 422 and "your own invite code" in own.text
    linked = ben.post(
        "/account/link",
        data={"csrf_token": token(ben), "code": code.group(1).lower()},
        follow_redirects=False,
    )
    assert (linked.status_code, linked.headers["location"]) == (303, "/account?linked=1")
    assert _me(ana).json()["partner"] == "ben" and _me(ben).json()["partner"] == "ana"
    page = ben.get("/account?linked=1").text
    assert 'id="partner-name">ana<' in page and "You are now linked" in page and "/account/unlink" in page
    used = cam.post("/account/link", data={"csrf_token": token(cam), "code": code.group(1)})
    assert used.status_code == 422 and _me(cam).json()["partner"] is None
    assert ana.post("/account/invite", data={"csrf_token": token(ana)}).status_code == 422

    item = _save(ana, *CANDIDATES[0])
    assert ana.post(f"/api/v1/items/{item}/share").status_code == 200
    assert ben.get(f"/api/v1/items/{item}").status_code == 200
    gone = ben.post("/account/unlink", data={"csrf_token": token(ben)}, follow_redirects=False)
    assert (gone.status_code, gone.headers["location"]) == (303, "/account?unlinked=1")
    assert _me(ana).json()["partner"] is None
    assert ben.get(f"/api/v1/items/{item}").status_code == 404
    assert ana.get(f"/api/v1/items/{item}").json()["shared"] is False  # back to private, for good
    assert "Make an invite code" in ana.get("/account").text


def test_share_and_unshare_through_the_api(app: FastAPI) -> None:
    ana, ben = register(app, "ana"), register(app, "ben")
    link(ana, ben)
    shared_id = _save(ana, *CANDIDATES[0])
    private_id = _save(ana, *CANDIDATES[1])
    assert ben.get("/api/v1/items", params={"scope": "shared"}).json()["items"] == []
    assert ben.get(f"/api/v1/items/{shared_id}").status_code == 404

    done = ana.post(f"/api/v1/items/{shared_id}/share")
    assert done.status_code == 200 and done.json()["shared"] is True and done.json()["mine"] is True
    seen = ben.get("/api/v1/items", params={"scope": "shared"}).json()["items"]
    assert [i["id"] for i in seen] == [shared_id]
    assert seen[0]["mine"] is False and seen[0]["shared_by"] == "ana"
    assert seen[0]["payload"]["partner"] == CANDIDATES[0][0]
    assert ben.get("/api/v1/items", params={"scope": "mine"}).json()["items"] == []
    assert [i["id"] for i in ben.get("/api/v1/items").json()["items"]] == [shared_id]
    assert ben.get(f"/api/v1/items/{shared_id}").json()["shared_by"] == "ana"
    history = ben.get("/api/v1/history").json()
    assert history["total"] == 1 and history["items"][0]["shared_by"] == "ana"
    assert ben.get(f"/api/v1/history/{shared_id}").status_code == 200

    # Read-only for the partner, and the private one answers exactly like one that does not exist.
    for method, path in (
        ("DELETE", f"/api/v1/items/{shared_id}"),
        ("DELETE", f"/api/v1/history/{shared_id}"),
        ("POST", f"/api/v1/items/{shared_id}/share"),
        ("POST", f"/api/v1/items/{shared_id}/unshare"),
    ):
        assert ben.request(method, path).status_code == 404, path
    hidden, missing = ben.get(f"/api/v1/items/{private_id}"), ben.get("/api/v1/items/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"].replace(str(private_id), "N") == missing.json()["detail"].replace(
        "999999", "N"
    )

    assert ana.post(f"/api/v1/items/{shared_id}/unshare").json()["shared"] is False
    assert ben.get(f"/api/v1/items/{shared_id}").status_code == 404
    assert ana.get(f"/api/v1/items/{shared_id}").status_code == 200
    assert ana.get("/api/v1/items", params={"scope": "bogus"}).status_code == 422
    assert ana.get("/api/v1/items", params={"kind": "bogus"}).status_code == 422
    assert ana.delete(f"/api/v1/items/{private_id}").status_code == 204
    assert ana.get(f"/api/v1/items/{private_id}").status_code == 404


def test_share_and_unshare_on_history(app: FastAPI) -> None:
    ana, ben = register(app, "ana"), register(app, "ben")
    item = _save(ana, *CANDIDATES[0])
    page = ana.get("/history").text
    assert "link your accounts on" in page and f"/history/{item}/share" not in page
    alone = ana.post(f"/history/{item}/share", data={"csrf_token": token(ana, "/history")})
    assert alone.status_code == 409 and "Link with your partner first" in alone.text

    link(ana, ben)
    page = ana.get("/history").text
    assert "Share with ben" in page and f'action="/history/{item}/share"' in page
    assert ana.post(f"/history/{item}/share", data={"csrf_token": "0" * 64}).status_code == 403
    shared = ana.post(
        f"/history/{item}/share", data={"csrf_token": token(ana, "/history")}, follow_redirects=False
    )
    assert (shared.status_code, shared.headers["location"]) == (303, f"/history?shared={item}#item-{item}")
    page = ana.get(f"/history?shared={item}").text
    assert "Shared with ben" in page and "Stop sharing" in page and "ben can now read it" in page

    theirs = ben.get("/history").text
    assert "Shared by ana" in theirs and CANDIDATES[0][1] in theirs.replace("&#39;", "'")
    for action in ("forget", "share", "unshare"):
        assert f'action="/history/{item}/{action}"' not in theirs
    ben.post(f"/history/{item}/forget", data={"csrf_token": token(ben, "/history")})
    assert ben.get(f"/api/v1/items/{item}").status_code == 200  # the partner cannot forget it
    taken = ben.post(f"/history/{item}/unshare", data={"csrf_token": token(ben, "/history")})
    assert taken.status_code == 404

    back = ana.post(
        f"/history/{item}/unshare", data={"csrf_token": token(ana, "/history")}, follow_redirects=False
    )
    assert back.status_code == 303
    assert "Shared by ana" not in ben.get("/history").text
    assert "Nothing saved yet" in ben.get("/history").text


def test_encrypted_entries_cannot_be_shared(app: FastAPI) -> None:
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    ana, ben = register(app, "ana"), register(app, "ben")
    link(ana, ben)
    with session_scope(app.state.storage_engine) as session:
        owner = repo.find_user(session, username="ana")
        assert owner is not None
        sealed = repo.save_item(
            session,
            owner_id=owner.id,
            kind="journal",
            body="sealed words",
            encrypt=True,
            passphrase="pass phrase",
        )
    refused = ana.post(f"/api/v1/items/{sealed.id}/share")
    assert refused.status_code == 409 and "encrypted" in refused.json()["detail"]
    shown = ana.get(f"/api/v1/items/{sealed.id}").json()
    assert shown["locked"] is True and shown["body"] is None


def test_export_import_and_delete_all_act_on_the_viewer_only(app: FastAPI) -> None:
    ana, ben = register(app, "ana"), register(app, "ben")
    link(ana, ben)
    shared = _save(ana, *CANDIDATES[0])
    ana.post(f"/api/v1/items/{shared}/share")
    _save(ben, *CANDIDATES[1])
    ana_export, ben_export = ana.get("/api/v1/export").json(), ben.get("/api/v1/export").json()
    assert [i["payload"]["partner"] for i in ana_export["items"]] == [CANDIDATES[0][0]]
    assert [i["payload"]["partner"] for i in ben_export["items"]] == [CANDIDATES[1][0]]

    imported = ben.post("/api/v1/import", json=ana_export)
    assert imported.status_code == 200 and imported.json()["added"] == 1
    mine = ben.get("/api/v1/items", params={"scope": "mine"}).json()["items"]
    assert len(mine) == 2 and not any(i["shared"] for i in mine)  # imported items arrive private

    wiped = ben.post("/api/v1/delete-all", json={"confirm": "delete everything"})
    assert wiped.status_code == 200 and wiped.json()["items"] == 2
    assert ben.get("/api/v1/items", params={"scope": "mine"}).json()["items"] == []
    assert [i["id"] for i in ana.get("/api/v1/items", params={"scope": "mine"}).json()["items"]] == [shared]
    assert _me(ben).status_code == 200  # the account itself stays

    settings = ana.post(
        "/settings/delete-all",
        data={"csrf_token": token(ana, "/settings"), "confirm": "delete everything"},
        follow_redirects=False,
    )
    assert settings.status_code == 303
    assert "deleted from this server" in ana.get("/settings?deleted=1").text
    assert ana.get("/api/v1/items").json()["items"] == []


def test_pages_speak_of_the_server_and_the_account(app: FastAPI) -> None:
    ana = register(app, "ana")
    coach = ana.get("/").text
    assert "Signed in as <strong>ana</strong>" in coach and 'action="/logout"' in coach
    assert "stays on this server" in coach
    assert 'href="/account"' in coach
    settings = ana.get("/settings").text
    assert "your account on this server" in settings
    results = ana.post("/coach/results", json={"partner": CANDIDATES[0][0], "reply": CANDIDATES[0][1]})
    assert results.status_code == 200 and "in your account, private to you" in results.text
    # No inline script or style on the new pages either.
    for path in ("/account", "/history", "/"):
        html = ana.get(path).text
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
        assert " style=" not in html and "<style" not in html
    for path in ("/login", "/register"):
        html = TestClient(app).get(path).text
        assert " style=" not in html and "<style" not in html and 'name="csrf_token"' in html


def test_openapi_documents_sharing_and_sign_in(app: FastAPI) -> None:
    ana = register(app, "ana")
    spec = ana.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/v1/items", "/api/v1/items/{item_id}", "/api/v1/items/{item_id}/share", "/api/v1/me"):
        assert path in paths
    assert "post" in paths["/api/v1/items/{item_id}/unshare"]
    assert "401" in paths["/api/v1/items"]["get"]["responses"]
    assert "/login" not in paths  # the pages are not part of the API


# --- local mode and configuration ------------------------------------------------------------------------------


@pytest.fixture
def local(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("FEELHEARD_HOME", str(tmp_path))
    yield client
    dispose_engines()


def test_local_mode_has_no_sign_in(local: TestClient) -> None:
    for path in ("/login", "/register", "/account"):
        assert local.get(path).status_code == 404, path
    assert local.post("/logout").status_code in (404, 405)
    assert _me(local).json() == {"username": "local", "mode": "local", "partner": None}
    page = local.get("/").text
    assert "Sign out" not in page and 'href="/account"' not in page
    assert "Everything you write stays on this computer." in page
    saved = _save(local, *CANDIDATES[0])
    assert [i["id"] for i in local.get("/api/v1/items").json()["items"]] == [saved]
    assert local.post(f"/api/v1/items/{saved}/share").status_code == 409
    history = local.get("/history").text
    assert f"/history/{saved}/forget" in history and "/share" not in history and "Shared" not in history


def test_config_reads_the_mode_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("FEELHEARD_MODE", "FEELHEARD_OPEN_REGISTRATION", "FEELHEARD_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert WebConfig.from_env().mode == "local" and not WebConfig().server
    monkeypatch.setenv("FEELHEARD_MODE", "Server")
    with caplog.at_level(logging.WARNING, logger="feelheard.web"):
        config = WebConfig.from_env()
    assert config.server and config.open_registration
    assert "FEELHEARD_SECRET_KEY is not set" in caplog.text
    monkeypatch.setenv("FEELHEARD_OPEN_REGISTRATION", "0")
    monkeypatch.setenv("FEELHEARD_SECRET_KEY", "k" * 64)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="feelheard.web"):
        config = WebConfig.from_env()
    assert not config.open_registration and config.secret_key == b"k" * 64
    assert "FEELHEARD_SECRET_KEY" not in caplog.text


# --- signing in from a script -------------------------------------------------------------------------------------


def test_api_sign_in_and_sign_out(app: FastAPI) -> None:
    register(app, "ada")
    script = TestClient(app, raise_server_exceptions=False)
    assert script.get("/api/v1/me").status_code == 401
    wrong = script.post("/api/v1/session", json={"username": "ada", "password": "not it"})
    assert wrong.status_code == 401 and "do not match" in wrong.json()["detail"]
    assert not script.cookies.get("fh_session")
    signed = script.post("/api/v1/session", json={"username": " Ada ", "password": PASSWORD})
    assert signed.status_code == 200, signed.text
    assert signed.json() == {"username": "ada"}
    cookie = signed.headers["set-cookie"]
    assert "fh_session=" in cookie and "httponly" in cookie.lower()
    assert _me(script).json()["username"] == "ada"
    assert _save(script, "I had a rough day.", "Tell me about it, I'm listening.") > 0
    # A browser page on another site cannot sign anyone in or out.
    foreign = {"origin": "https://elsewhere.example", "sec-fetch-site": "cross-site"}
    assert script.delete("/api/v1/session", headers=foreign).status_code == 403
    assert script.delete("/api/v1/session").status_code == 204
    assert script.get("/api/v1/me").status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"username": "ada"},
        {"username": 5, "password": "x"},
        {"username": "ada", "password": "x", "extra": 1},
    ],
)
def test_api_sign_in_refuses_bad_bodies(app: FastAPI, body: dict[str, Any]) -> None:
    assert TestClient(app).post("/api/v1/session", json=body).status_code == 422


def test_api_sign_in_shares_the_rate_limit(app: FastAPI) -> None:
    register(app, "ben")
    script = TestClient(app, raise_server_exceptions=False)
    for _ in range(5):
        assert script.post("/api/v1/session", json={"username": "ben", "password": "nope"}).status_code == 401
    paused = script.post("/api/v1/session", json={"username": "ben", "password": PASSWORD})
    assert paused.status_code == 429 and int(paused.headers["retry-after"]) >= 1


def test_api_sign_in_is_not_there_in_local_mode(pipeline: Pipeline) -> None:
    from .conftest import make_app

    client = TestClient(make_app(pipeline))
    assert client.post("/api/v1/session", json={"username": "a", "password": "b"}).status_code == 404
