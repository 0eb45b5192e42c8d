"""The `feelheard` command: `check` (the coaching card), `analyze` (JSON / JSON Lines) and `demo`."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from typer.exceptions import TyperException

from feelheard.errors import InputError

app = typer.Typer(
    name="feelheard",
    help="A local-first empathy coach: read your partner's message and your draft reply, and answer so they feel heard.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PartnerOpt = Annotated[
    str | None,
    typer.Option("--partner", "-p", help="What your partner said: text, a file path, or - for stdin."),
]
ReplyOpt = Annotated[
    str | None, typer.Option("--reply", "-r", help="Your draft reply: text, a file path, or - for stdin.")
]
MaxCharsOpt = Annotated[
    int | None,
    typer.Option("--max-chars", min=1, help="Longest text accepted (default 20000, or FEELHEARD_MAX_CHARS)."),
]


def _pipeline(max_chars: int | None):  # type: ignore[no-untyped-def]
    from feelheard import load_pipeline

    pipeline = load_pipeline()
    return pipeline.with_max_chars(max_chars) if max_chars is not None else pipeline


def _read_pair(partner: str | None, reply: str | None) -> tuple[str | None, str | None]:
    from feelheard.cli.io import read_text_arg

    if partner == "-" and reply == "-":
        raise InputError("only one of --partner and --reply can read standard input")
    return read_text_arg(partner, "--partner"), read_text_arg(reply, "--reply")


@app.command()
def check(partner: PartnerOpt = None, reply: ReplyOpt = None, max_chars: MaxCharsOpt = None) -> None:
    """Show the coaching card for one exchange."""
    from feelheard.cli.render import coaching_card, make_console

    partner_text, reply_text = _read_pair(partner, reply)
    analysis = _pipeline(max_chars)(partner_text, reply_text)
    make_console().print(coaching_card(analysis))


@app.command()
def analyze(
    partner: PartnerOpt = None,
    reply: ReplyOpt = None,
    jsonl: Annotated[
        str | None, typer.Option("--jsonl", help="Bulk input: a JSON Lines file, or - for stdin.")
    ] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write (a file, or - for stdout).")] = "-",
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Carry on past bad JSONL lines; list them at the end.")
    ] = False,
    id: Annotated[str | None, typer.Option("--id", help="An id to carry into the result.")] = None,
    max_chars: MaxCharsOpt = None,
) -> None:
    """Machine output: JSON for one exchange, or JSON Lines for many (--jsonl)."""
    from feelheard.cli.io import atomic_output, open_input_lines

    pipeline = _pipeline(max_chars)
    if jsonl is not None:
        if partner is not None or reply is not None:
            raise InputError("use either --jsonl or --partner/--reply, not both")
        from feelheard.cli.bulk import run_bulk

        with atomic_output(out) as handle:
            report = run_bulk(open_input_lines(jsonl), handle, pipeline, skip_invalid=skip_invalid)
        if report.skipped:
            for number, message in report.skipped:
                typer.echo(
                    f"skipped {message}"
                    if message.startswith("line")
                    else f"skipped line {number}: {message}",
                    err=True,
                )
            typer.echo(f"{report.written} written, {len(report.skipped)} invalid line(s) skipped", err=True)
        return
    partner_text, reply_text = _read_pair(partner, reply)
    analysis = pipeline(partner_text, reply_text, id=id)
    with atomic_output(out) as handle:
        handle.write(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n")


@app.command()
def demo() -> None:
    """An interactive session: paste your partner's message and your draft, see the card, repeat."""
    from rich.prompt import Prompt

    from feelheard.cli.render import coaching_card, make_console

    console = make_console()
    console.print(
        "[bold]feelheard[/bold]: paste what your partner said and what you want to reply. "
        "Everything stays on this computer. Press Ctrl+C or leave both empty to quit.\n"
    )
    pipeline = _pipeline(None)
    while True:
        try:
            partner = Prompt.ask(
                "[magenta]Your partner said[/magenta]", default="", show_default=False
            ).strip()
            reply = Prompt.ask("[blue]Your draft reply[/blue]", default="", show_default=False).strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if not partner and not reply:
            return
        try:
            console.print(coaching_card(pipeline(partner or None, reply or None)))
        except InputError as exc:
            console.print(f"[red]{exc}[/red]")


def _mount_subcommands() -> None:
    """Command groups that live in their own modules (all keep heavy imports inside their functions)."""
    from feelheard.cli.assess import app as assess_app
    from feelheard.cli.checkin import app as checkin_app
    from feelheard.cli.coach import app as coach_app
    from feelheard.cli.data import app as data_app
    from feelheard.cli.practice import app as practice_app
    from feelheard.cli.progress import app as progress_app
    from feelheard.cli.serve import app as serve_app
    from feelheard.cli.transcript import app as transcript_app

    app.add_typer(data_app, name="data")
    app.add_typer(transcript_app, name="transcript")
    app.add_typer(serve_app, name="serve")
    app.add_typer(practice_app, name="practice")
    app.add_typer(progress_app, name="progress")
    app.add_typer(assess_app, name="assess")
    app.add_typer(checkin_app, name="checkin")
    app.add_typer(coach_app)  # `feelheard draft` and `feelheard suggest`


_mount_subcommands()


@app.command()
def version() -> None:
    """Print the version."""
    from feelheard import __version__

    typer.echo(__version__)


def main(argv: list[str] | None = None) -> int:
    """Entry point: every user error is one line on stderr and exit code 2, never a traceback."""
    try:
        app(args=argv, standalone_mode=False)
    except InputError as exc:
        typer.echo(f"feelheard: error: {exc}", err=True)
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("feelheard: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except TyperException as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            typer.echo(ctx.get_help())
            return 2
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        command = ctx.command_path if ctx is not None else "feelheard"
        typer.echo(f"feelheard: error: {message} (see '{command} --help')", err=True)
        return int(getattr(exc, "exit_code", 2) or 2)
    return 0


def run() -> None:  # pragma: no cover - console script
    sys.exit(main())
