"""`feelheard serve`: run the web app and the REST API on this machine.

`--server` (or `FEELHEARD_MODE=server`) runs it in server mode: accounts with sign-in, couples, sharing. Data
then goes to `FEELHEARD_DATABASE_URL` (PostgreSQL) or the usual SQLite file.

The lead mounts it with `app.add_typer(serve.app, name="serve")` (a callback, so `feelheard serve --port 9000`
works without a sub-command), or registers `serve.serve` directly with `app.command("serve")`.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from feelheard.errors import InputError

app = typer.Typer(
    name="serve",
    help="Start the coach in your browser (web app and REST API).",
    add_completion=False,
    rich_markup_mode=None,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def url_for(host: str, port: int) -> str:
    """The address to open in a browser (a wildcard bind is reached through loopback)."""
    shown = "127.0.0.1" if host in {"0.0.0.0", ""} else "localhost" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


ServerOpt = Annotated[
    bool,
    typer.Option(
        "--server",
        help="Server mode: accounts with sign-in, couples and sharing (same as FEELHEARD_MODE=server).",
    ),
]


def _server_notes() -> None:
    """What someone starting server mode should know: the key, the registration policy, where the data is."""
    import os

    from feelheard.storage.db import describe_location

    if not os.environ.get("FEELHEARD_SECRET_KEY"):
        typer.echo(
            "Warning: FEELHEARD_SECRET_KEY is not set, so a random key is used for this run: everyone is signed "
            "out when the server restarts. Set it to a long random value, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_hex(32))'`.",
            err=True,
        )
    if os.environ.get("FEELHEARD_OPEN_REGISTRATION", "").strip().lower() in {"0", "false", "no", "off"}:
        typer.echo("Registration is closed: make accounts with `feelheard data add-user NAME`.")
    else:
        typer.echo(
            "Anyone who can reach this server can make an account (FEELHEARD_OPEN_REGISTRATION=0 to stop)."
        )
    try:
        typer.echo(f"Accounts and saved data: {describe_location()}")
    except InputError as exc:
        typer.echo(f"Warning: {exc}", err=True)


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    server: ServerOpt = False,
) -> None:
    """Start the web app and print its address."""
    import os
    import secrets

    import uvicorn

    if server:
        os.environ["FEELHEARD_MODE"] = "server"  # the workers build their app from the environment
    server = os.environ.get("FEELHEARD_MODE", "").strip().lower() == "server"
    if server:
        _server_notes()
    # Every worker process must sign CSRF tokens and sessions with the same key, so pick one here if none is set.
    os.environ.setdefault("FEELHEARD_SECRET_KEY", secrets.token_hex(32))
    if not server and not _is_loopback(host) and "FEELHEARD_ALLOWED_HOSTS" not in os.environ:
        # Local mode answers only to loopback names; a wider bind is meant to be reached by its address.
        os.environ["FEELHEARD_ALLOWED_HOSTS"] = (
            "*" if host in {"0.0.0.0", "::", ""} else f"{host},127.0.0.1,localhost"
        )
    mode = "server mode, sign-in required" if server else "local mode"
    typer.echo(
        f"feelheard is running at {url_for(host, port)}  ({mode}; API docs: {url_for(host, port)}api/docs)"
    )
    if not _is_loopback(host):
        advice = "Put it behind HTTPS and set FEELHEARD_SECRET_KEY and FEELHEARD_SECURE_COOKIES=1."
        if not server:
            advice = (
                "Local mode has no sign-in, so anyone who can reach it reads and changes your data: use "
                "--server for more than one person. " + advice
            )
        typer.echo(f"Note: listening beyond this computer. {advice}", err=True)
    typer.echo("Press Ctrl+C to stop.")
    try:
        uvicorn.run(
            "feelheard.web.app:create_serving_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            server_header=False,
            proxy_headers=False,
        )
    except OSError as exc:  # e.g. the port is taken: a user error, one line
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    server: ServerOpt = False,
) -> None:
    """Start the coach in your browser: the web app and the REST API, on 127.0.0.1:8000 by default."""
    if ctx.invoked_subcommand is None:
        serve(host=host, port=port, workers=workers, server=server)
