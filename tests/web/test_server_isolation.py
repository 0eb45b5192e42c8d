"""Isolation in server mode: one account never sees another's private data through ANY route of the app.

The routes are enumerated from `app.routes` (so routes added later are walked too), every path parameter is
filled with the other account's item ids (and with values the app itself lists, for names), and every method
is sent several bodies: JSON, a form with the walker's own CSRF token, none. A unique marker in the owner's
private data must never show up in any response body or header. Runs on SQLite and on a real PostgreSQL server
(the storage tests' throwaway cluster; FEELHEARD_SKIP_PG=1 skips that half).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount

from feelheard.pipeline import Pipeline
from feelheard.storage import repo
from feelheard.storage.accounts import create_invite
from feelheard.storage.db import dispose_engines, session_scope, sqlite_url
from feelheard.storage.orm import ITEM_KINDS
from storage.conftest import PgServer, pg_server  # the storage tests' PostgreSQL cluster

from .server import link, register, server_app, token

__all__ = ["pg_server"]

MARKER_A = "Zq7-ANA-PRIVATE-marker"
MARKER_B = "Zq7-BEN-PRIVATE-marker"
SHARED_A = "Zq7-ana-shared-words"
SHARED_B = "Zq7-ben-shared-words"
PARAM = re.compile(r"{([^}:]+)(?::[^}]+)?}")
# Run after everything else: walking these first would change what the rest of the walk can see.
LAST = frozenset({"/account/unlink"})
MAX_FILLINGS = 16


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "isolation.db")
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        yield server.clean_database()
    dispose_engines()


@pytest.fixture
def app(pipeline: Pipeline, database_url: str) -> FastAPI:
    return server_app(pipeline, database_url)


def every_route(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path template) of every route the app answers, however it was included."""
    found: list[tuple[str, str]] = []

    def add(path: str, methods: set[str] | None) -> None:
        for method in sorted((methods or {"GET"}) - {"HEAD"}) or ["GET"]:
            found.append((method, path))

    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)  # FastAPI's lazily included routers
        if contexts is not None:
            for context in contexts():
                add(context.path, set(context.methods))
        elif isinstance(route, Mount):
            add(route.path + "/{path:path}", {"GET"})
        else:
            add(str(getattr(route, "path", "")), getattr(route, "methods", None))
    return found


def _strings(data: Any, into: dict[str, list[str]]) -> None:
    """Collect scalar values by key from a JSON answer (candidate values for path parameters)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str | int) and not isinstance(value, bool):
                bucket = into.setdefault(key, [])
                if str(value) not in bucket and len(bucket) < 3:
                    bucket.append(str(value))
            else:
                _strings(value, into)
    elif isinstance(data, list):
        for value in data[:5]:
            _strings(value, into)


@dataclass
class Walk:
    """One account walking every route with another account's ids."""

    app: FastAPI
    client: TestClient
    secret: str
    foreign_ids: list[int]
    expect: str = ""
    leaks: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    seen_expected: list[str] = field(default_factory=list)
    requests: int = 0

    def send(self, method: str, url: str, **kwargs: Any) -> None:
        saved = dict(self.client.cookies)
        response = self.client.request(method, url, **kwargs)
        self.requests += 1
        # Sign-out and friends only touch this client's cookies: put them back so the walk stays signed in.
        self.client.cookies.clear()
        for name, value in saved.items():
            self.client.cookies.set(name, value)
        headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
        what = f"{method} {url} {sorted(kwargs)} -> {response.status_code}"
        blob = response.text + " " + headers
        if self.secret in blob:
            self.leaks.append(what)
        if self.expect and self.expect in blob:
            self.seen_expected.append(what)
        if response.status_code >= 500:
            self.failures.append(what)

    def fillings(self, path: str, known: dict[str, list[str]]) -> list[str]:
        names = PARAM.findall(path)
        if not names:
            return [path]
        options: list[list[str]] = []
        for name in names:
            if name == "path":
                options.append(["app.css"])
                continue
            ids = [str(i) for i in self.foreign_ids]
            found = [
                v for v in known.get(name, []) if not v.isdigit()
            ]  # listed names, not the walker's own ids
            options.append([*ids, *found] if name.endswith("id") else [*found, *ids[:2]])
        urls = []
        for combo in itertools.islice(itertools.product(*options), MAX_FILLINGS):
            url = path
            for value in combo:
                url = PARAM.sub(lambda _m, v=value: v, url, count=1)
            urls.append(url)
        return urls

    def run(self, *, last: bool) -> None:
        routes = [(m, p) for m, p in every_route(self.app) if (p in LAST) == last]
        known: dict[str, list[str]] = {}
        for method, path in routes:  # names the app lists itself (scenarios, assessments, rituals...)
            if method == "GET" and not PARAM.search(path) and path.startswith("/api/"):
                response = self.client.get(path)
                if response.headers.get("content-type", "").startswith("application/json"):
                    _strings(response.json(), known)
        form_token = token(self.client)
        some_id = self.foreign_ids[0]
        body = {
            "partner": "walk partner",
            "reply": "walk reply",
            "id": some_id,
            "item_id": some_id,
            "text": "walk text",
            "message": "walk message",
        }
        form = {**{k: str(v) for k, v in body.items()}, "csrf_token": form_token, "code": "", "confirm": ""}
        query = "?" + "&".join(f"{k}={some_id}" for k in ("id", "item_id", "session", "page")) + "&scope=all"
        for method, path in routes:
            for url in self.fillings(path, known):
                if method == "GET":
                    self.send(method, url)
                    if url == path:  # a list: ask it for the other account's ids too
                        self.send(method, url + query)
                elif method == "DELETE":
                    self.send(method, url)
                else:
                    self.send(method, url, json=body)
                    self.send(method, url, data=form)
                    if url == path:
                        self.send(method, url)


def _user_id(app: FastAPI, name: str) -> int:
    with session_scope(app.state.storage_engine) as session:
        user = repo.find_user(session, username=name)
        assert user is not None
        return user.id


def _real_items(session: Any, owner_id: int, marker: str) -> list[int]:
    """A practice session, an assessment result and a check-in as their own features store them, so the
    routes that parse those payloads (not just list them) are walked with real data too."""
    from datetime import date

    from feelheard.assess.content import get_assessment
    from feelheard.assess.scoring import score_answers
    from feelheard.assess.store import save_result
    from feelheard.practice import engine, service
    from feelheard.rituals.store import fill, save_checkin

    state = engine.start("dishes-after-double-shift")
    state.exchanges.append(
        engine.Exchange(
            turn="open", partner=state.partner_line(), reply=f"{marker} practice reply", outcome="heard",
            score=80, moves=["reflection"], pitfalls=[], suggestion=None,
        )
    )  # fmt: skip
    state.turn = "softer"
    practice = service.save(session, owner_id=owner_id, state=state)
    empathy = get_assessment("empathy")
    assert empathy is not None
    result = score_answers(empathy, [3] * len(empathy.items))
    assessment = save_result(session, owner_id=owner_id, result=result, day=date.today())
    filled = fill(
        "daily_checkin",
        {"mood": 4, "appreciation": f"{marker} appreciation", "noticed": f"{marker} noticed"},
        day=date.today(),
    )
    checkin = save_checkin(session, owner_id=owner_id, filled=filled)
    return [practice.id, assessment.id, checkin.id]


def _private_data(app: FastAPI, owner: str, marker: str, *, invite: bool = True) -> list[int]:
    """One private item of every kind (an encrypted one too), a setting and a pending invite, all marked."""
    owner_id = _user_id(app, owner)
    ids = []
    with session_scope(app.state.storage_engine) as session:
        for kind in ITEM_KINDS:
            payload = {
                "title": f"{marker} {kind}",
                "partner": marker,
                "reply": f"{marker} reply",
                "note": marker,
            }
            item = repo.save_item(
                session, owner_id=owner_id, kind=kind, payload=payload, body=f"{marker} body"
            )
            ids.append(item.id)
        sealed = repo.save_item(
            session,
            owner_id=owner_id,
            kind="journal",
            body=f"{marker} sealed",
            encrypt=True,
            passphrase="pp pp pp",
        )
        ids.append(sealed.id)
        ids.extend(_real_items(session, owner_id, marker))
        repo.set_setting(session, user_id=owner_id, key="note", value=marker)
        if invite:
            create_invite(session, user_id=owner_id)
    return ids


def _save_through_api(client: TestClient, partner: str) -> int:
    response = client.post(
        "/api/v1/history", json={"partner": partner, "reply": "Tell me more, I'm listening."}
    )
    assert response.status_code == 201, response.text
    item_id: int = response.json()["id"]
    return item_id


def _snapshot(app: FastAPI, name: str) -> list[tuple[int, str, bool]]:
    with session_scope(app.state.storage_engine) as session:
        items = repo.list_items(session, viewer_id=_user_id(app, name), scope="mine", limit=1000)
    return sorted((i.id, json.dumps(i.payload, sort_keys=True), i.shared) for i in items)


def test_every_route_is_enumerated(app: FastAPI) -> None:
    routes = set(every_route(app))
    for expected in (
        ("GET", "/api/v1/items/{item_id}"),
        ("POST", "/api/v1/items/{item_id}/share"),
        ("DELETE", "/api/v1/history/{item_id}"),
        ("POST", "/history/{item_id}/forget"),
        ("GET", "/account"),
        ("GET", "/api/v1/openapi.json"),
        ("GET", "/static/{path:path}"),
    ):
        assert expected in routes
    # Every operation of the API description is walked too.
    spec = TestClient(app).get("/api/v1/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method in operations:
            assert (method.upper(), path) in routes, (method, path)


def test_no_route_shows_one_account_anything_private_of_another(app: FastAPI) -> None:
    with register(app, "ana") as ana, register(app, "ben") as ben:  # one event loop each: much faster
        _walk_everything(app, ana, ben)


def _walk_everything(app: FastAPI, ana: TestClient, ben: TestClient) -> None:
    ana_private = [
        *_private_data(app, "ana", MARKER_A),
        _save_through_api(ana, f"{MARKER_A} said through the API"),
    ]
    ana_before = _snapshot(app, "ana")

    # Two strangers: ben walks every route with every one of ana's ids. (On PostgreSQL only the couple's walk
    # below runs: it goes through the same filter's partner branch, and the walk is long.)
    if app.state.storage_engine.dialect.name == "sqlite":
        walk = Walk(app, ben, MARKER_A, ana_private)
        walk.run(last=False)
        walk.run(last=True)
        assert walk.requests > 200
        leaks = "\n".join(walk.leaks)
        assert walk.leaks == [], f"{len(walk.leaks)} responses showed ana's private data:\n{leaks}"
        assert walk.failures == [], "server errors:\n" + "\n".join(walk.failures)
        assert _snapshot(app, "ana") == ana_before  # nothing of ana's was changed or deleted either

    # A linked couple, each with private items and one shared item.
    link(ana, ben)
    ana_shared = _save_through_api(ana, SHARED_A)
    assert ana.post(f"/api/v1/items/{ana_shared}/share").status_code == 200
    ben_private = [
        *_private_data(app, "ben", MARKER_B, invite=False),
        _save_through_api(ben, f"{MARKER_B} via the API"),
    ]
    ben_shared = _save_through_api(ben, SHARED_B)
    assert ben.post(f"/api/v1/items/{ben_shared}/share").status_code == 200
    ana_before, ben_before = _snapshot(app, "ana"), _snapshot(app, "ben")

    ben_walk = Walk(app, ben, MARKER_A, [*ana_private, ana_shared], expect=SHARED_A)
    ana_walk = Walk(app, ana, MARKER_B, [*ben_private, ben_shared], expect=SHARED_B)
    for last in (False, True):
        ben_walk.run(last=last)
        ana_walk.run(last=last)
    for walked, owner in ((ben_walk, "ana"), (ana_walk, "ben")):
        assert walked.leaks == [], f"{owner}'s private data leaked:\n" + "\n".join(walked.leaks)
        assert walked.failures == [], "server errors:\n" + "\n".join(walked.failures)
        assert walked.seen_expected, "the walk never saw what was shared: it proves nothing"
    # Nothing that existed was changed or deleted (the walks only add their own items; unlink comes last).
    for name, before in (("ana", ana_before), ("ben", ben_before)):
        after = {(i, p) for i, p, _ in _snapshot(app, name)}
        assert {(i, p) for i, p, _ in before} <= after, name
