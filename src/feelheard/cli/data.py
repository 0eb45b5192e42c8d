"""`feelheard data ...`: keep analyses and notes, list and show them, export, import, forget, delete everything.

Works on the local SQLite file by default, or on the database in FEELHEARD_DATABASE_URL. Commands act for the
local user unless `--user NAME` names a server account (whoever can run this already holds the database).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from feelheard.cli.common import JsonOpt, UserOpt, ask_passphrase, open_session, who
from feelheard.errors import InputError

if TYPE_CHECKING:
    from feelheard.storage.repo import ItemRecord

app = typer.Typer(
    name="data",
    help="What the coach keeps for you: save, list, show, export, import, forget, delete everything, add-user.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PassOpt = Annotated[
    bool,
    typer.Option(
        "--passphrase",
        help="Ask for the passphrase (or set FEELHEARD_PASSPHRASE) to open or seal encrypted text.",
    ),
]


def _line(item: ItemRecord) -> str:
    flags = "".join(
        [
            " [shared]" if item.shared else "",
            " [encrypted]" if item.encrypted else "",
            "" if item.mine else " [partner]",
        ]
    )
    when = item.created_at.strftime("%Y-%m-%d %H:%M")
    return f"{item.id:>5}  {when}  {item.kind:<10} {item.title or '(untitled)'}{flags}"


@app.command()
def save(
    partner: Annotated[
        str | None, typer.Option("--partner", "-p", help="What your partner said: text, a file, or -.")
    ] = None,
    reply: Annotated[
        str | None, typer.Option("--reply", "-r", help="Your draft reply: text, a file, or -.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="A title for the list.")] = None,
    user: UserOpt = None,
) -> None:
    """Analyse an exchange and keep the result."""
    from feelheard import analyze
    from feelheard.cli.io import read_text_arg
    from feelheard.storage import repo
    from feelheard.storage.recorder import is_safety_flagged

    if partner == "-" and reply == "-":
        raise InputError("only one of --partner and --reply can read standard input")
    analysis = analyze(read_text_arg(partner, "--partner"), read_text_arg(reply, "--reply"))
    if is_safety_flagged(analysis):
        # Same promise as the web app: an exchange that touched on safety leaves no trace on this computer.
        typer.echo(
            "not saved: this exchange touched on safety, and feelheard never keeps those. "
            "Run `feelheard check` to see the support resources.",
            err=True,
        )
        return
    with open_session() as session:
        me = who(session, user)
        item = repo.save_analysis(session, owner_id=me.id, analysis=analysis, title=title)
    score = "no score" if analysis.score is None else f"score {analysis.score}"
    typer.echo(f"saved item {item.id} ({score})")


@app.command()
def add(
    kind: Annotated[str, typer.Argument(help="journal or checkin")],
    text: Annotated[str, typer.Option("--text", "-t", help="The entry: text, a file, or -.")],
    title: Annotated[str | None, typer.Option("--title", help="A title for the list.")] = None,
    mood: Annotated[
        int | None, typer.Option("--mood", min=1, max=10, help="Check-ins: how you feel, 1 to 10.")
    ] = None,
    encrypt: Annotated[
        bool,
        typer.Option(
            "--encrypt", help="Seal the text with your passphrase (asked for, or FEELHEARD_PASSPHRASE)."
        ),
    ] = False,
    user: UserOpt = None,
) -> None:
    """Keep a journal entry or a check-in, optionally encrypted."""
    from feelheard.cli.io import read_text_arg
    from feelheard.storage import repo

    if kind not in ("journal", "checkin"):
        raise InputError("add keeps a 'journal' entry or a 'checkin'")
    body = read_text_arg(text, "--text") or ""
    if not body.strip():
        raise InputError("the entry is empty")
    payload = {"mood": mood} if mood is not None else {}
    passphrase = ask_passphrase(encrypt, confirm=True) if encrypt else None
    with open_session() as session:
        me = who(session, user)
        item = repo.save_item(
            session,
            owner_id=me.id,
            kind=kind,
            payload=payload,
            body=body,
            title=title,
            encrypt=encrypt,
            passphrase=passphrase,
        )
    typer.echo(f"saved item {item.id}" + (" (encrypted)" if item.encrypted else ""))


@app.command("list")
def list_(
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="Only this kind.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many.")] = 50,
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """List what is kept, newest first."""
    from feelheard.storage import repo

    with open_session() as session:
        me = who(session, user)
        items = repo.list_items(session, viewer_id=me.id, kind=kind, limit=limit)
    if as_json:
        typer.echo(json.dumps([item.to_dict() for item in items], ensure_ascii=False, indent=2))
        return
    if not items:
        typer.echo("nothing kept yet")
        return
    for item in items:
        typer.echo(_line(item))


@app.command()
def show(
    item_id: Annotated[int, typer.Argument(metavar="ID", help="The item's number from `list`.")],
    passphrase: PassOpt = False,
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """Show one item in full."""
    from feelheard.storage import repo

    secret = ask_passphrase(passphrase)
    with open_session() as session:
        me = who(session, user)
        item = repo.get_item(session, viewer_id=me.id, item_id=item_id, passphrase=secret)
    if as_json:
        typer.echo(json.dumps(item.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(_line(item))
    if item.kind == "analysis":
        for key, label in (("partner", "Your partner said"), ("reply", "Your reply")):
            if item.payload.get(key):
                typer.echo(f"{label}: {item.payload[key]}")
        result = item.payload.get("analysis") or {}
        pitfalls = ", ".join(p.get("id", "?") for p in result.get("pitfalls", []))
        moves = ", ".join(m.get("id", "?") for m in result.get("moves", []))
        for label, value in (
            ("Score", result.get("score")),
            ("What works", moves),
            ("What may backfire", pitfalls),
            ("Suggestion", result.get("suggestion")),
        ):
            if value not in (None, ""):
                typer.echo(f"{label}: {value}")
    elif item.payload:
        typer.echo(json.dumps(item.payload, ensure_ascii=False))
    if item.locked:
        typer.echo("(encrypted: add --passphrase, or set FEELHEARD_PASSPHRASE, to read it)")
    elif item.body:
        typer.echo(item.body)


@app.command()
def share(
    item_id: Annotated[int, typer.Argument(metavar="ID", help="The item's number from `list`.")],
    user: UserOpt = None,
) -> None:
    """Show one item to your linked partner (server accounts; undo with `unshare`)."""
    from feelheard.storage import repo

    with open_session() as session:
        me = who(session, user)
        repo.set_shared(session, owner_id=me.id, item_id=item_id, shared=True)
    typer.echo(f"item {item_id} is now shared with your partner")


@app.command()
def unshare(
    item_id: Annotated[int, typer.Argument(metavar="ID", help="The item's number from `list`.")],
    user: UserOpt = None,
) -> None:
    """Make a shared item private again."""
    from feelheard.storage import repo

    with open_session() as session:
        me = who(session, user)
        repo.set_shared(session, owner_id=me.id, item_id=item_id, shared=False)
    typer.echo(f"item {item_id} is private again")


@app.command("export")
def export_(
    out: Annotated[Path, typer.Option("--out", "-o", help="The JSON file to write (owner-only, 0600).")],
    user: UserOpt = None,
) -> None:
    """Export everything kept to one JSON file (encrypted text stays encrypted)."""
    from feelheard.storage.export import export_user, write_export_file

    with open_session() as session:
        me = who(session, user)
        data = export_user(session, user_id=me.id)
    write_export_file(out, data)
    typer.echo(f"exported {len(data['items'])} item(s) and {len(data['settings'])} setting(s) to {out}")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A file made by `feelheard data export`.")],
    user: UserOpt = None,
) -> None:
    """Import an export file; items already present are skipped, so it is safe to run twice."""
    from feelheard.storage.export import import_user, read_export_file

    data = read_export_file(file)
    with open_session() as session:
        me = who(session, user)
        report = import_user(session, user_id=me.id, data=data)
    typer.echo(
        f"imported {report.added} item(s), skipped {report.skipped} already present, {report.settings} setting(s)"
    )


@app.command()
def forget(
    item_id: Annotated[int, typer.Argument(metavar="ID", help="The item's number from `list`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
    user: UserOpt = None,
) -> None:
    """Delete one item for good."""
    from feelheard.storage.db import get_engine
    from feelheard.storage.export import forget_item, scrub

    if not yes and not typer.confirm(f"Delete item {item_id} for good?", default=False, err=True):
        raise typer.Exit(1)
    with open_session() as session:
        me = who(session, user)
        forget_item(session, owner_id=me.id, item_id=item_id)
    scrub(get_engine())
    typer.echo(f"forgot item {item_id}")


@app.command("delete-all")
def delete_all(
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: delete everything, irreversibly.")] = False,
    user: UserOpt = None,
) -> None:
    """Delete everything kept (items, settings, passphrase set-up, partner link). Cannot be undone."""
    from feelheard.storage.db import describe_location, get_engine
    from feelheard.storage.export import delete_all as delete_everything
    from feelheard.storage.export import scrub

    if not yes:
        if not sys.stdin.isatty():
            raise InputError("delete-all removes everything for good: run it again with --yes to confirm")
        typed = typer.prompt(
            f"This deletes everything kept in {describe_location()} for good. Type DELETE to confirm",
            default="",
            show_default=False,
            err=True,
        )
        if typed.strip() != "DELETE":
            typer.echo("nothing deleted", err=True)
            raise typer.Exit(1)
    with open_session() as session:
        me = who(session, user)
        report = delete_everything(session, user_id=me.id, include_account=user is not None)
    scrub(get_engine())
    typer.echo(f"deleted {report.items} item(s) and {report.settings} setting(s)")


@app.command("add-user")
def add_user(
    username: Annotated[str, typer.Argument(metavar="NAME", help="The new account's name.")],
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of standard input."),
    ] = False,
) -> None:
    """Make a server account (for when registration is closed). Asks for the password twice."""
    from feelheard.storage.accounts import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    with open_session() as session:
        user = create_user(session, username=username, password=password)
    typer.echo(f"made account {user.username!r}; they can sign in on the web app in server mode")


@app.command()
def where() -> None:
    """Say where the data is kept."""
    from feelheard.storage.db import describe_location

    typer.echo(describe_location())
