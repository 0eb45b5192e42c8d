"""`feelheard serve`: run the web app and the REST API on this machine.

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


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Start the web app and print its address."""
    import os
    import secrets

    import uvicorn

    # Every worker process must sign CSRF tokens with the same key, so pick one here if none is set.
    os.environ.setdefault("FEELHEARD_SECRET_KEY", secrets.token_hex(32))
    typer.echo(f"feelheard is running at {url_for(host, port)}  (API docs: {url_for(host, port)}api/docs)")
    if not _is_loopback(host):
        typer.echo(
            "Note: listening beyond this computer. Put it behind HTTPS and set FEELHEARD_SECRET_KEY "
            "and FEELHEARD_SECURE_COOKIES=1.",
            err=True,
        )
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
) -> None:
    """Start the coach in your browser: the web app and the REST API, on 127.0.0.1:8000 by default."""
    if ctx.invoked_subcommand is None:
        serve(host=host, port=port, workers=workers)
