"""Helpers for the server-mode tests: an app on its own database, accounts made through the real pages."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from feelheard.pipeline import Pipeline
from feelheard.storage.db import get_engine
from feelheard.web.routes.review import get_review_pipeline

from .conftest import make_app

PASSWORD = "correct horse battery staple"
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def server_app(pipeline: Pipeline, database_url: str, **config: object) -> FastAPI:
    """A server-mode app whose storage is `database_url` and whose pipelines are the session's."""
    app = make_app(pipeline, mode="server", **config)
    app.dependency_overrides[get_review_pipeline] = lambda: pipeline
    app.state.storage_engine = get_engine(database_url)
    return app


def token(client: TestClient, path: str = "/account") -> str:
    """The CSRF token of a page's forms (and the cookie that goes with it lands in the client)."""
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    found = TOKEN.search(page.text)
    assert found, f"{path} has no CSRF token"
    return found.group(1)


def register(app: FastAPI, username: str, password: str = PASSWORD) -> TestClient:
    """A browser-like client with a new account, signed in."""
    client = TestClient(app, raise_server_exceptions=False)
    response = client.post(
        "/register",
        data={
            "csrf_token": token(client, "/register"),
            "username": username,
            "password": password,
            "password2": password,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert client.cookies.get("fh_session")
    return client


def login(client: TestClient, username: str, password: str = PASSWORD, next_path: str = "/") -> TestClient:
    """Sign an existing client in (asserting it worked)."""
    response = client.post(
        "/login",
        data={
            "csrf_token": token(client, "/login"),
            "username": username,
            "password": password,
            "next": next_path,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client


def link(inviter: TestClient, invitee: TestClient) -> None:
    """Link two signed-in accounts through the Account page, as people would."""
    made = inviter.post("/account/invite", data={"csrf_token": token(inviter)})
    assert made.status_code == 200
    code = re.search(r'id="invite-code">([A-Z0-9-]+)<', made.text)
    assert code, "no invite code shown"
    linked = invitee.post(
        "/account/link", data={"csrf_token": token(invitee), "code": code.group(1)}, follow_redirects=False
    )
    assert linked.status_code == 303, linked.text
