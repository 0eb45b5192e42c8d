"""`feelheard transcript`: import chat exports (`parse`) and review a whole conversation (`report`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="transcript",
    help="Import a chat export (WhatsApp, Telegram, Signal, CSV) and review how the two of you talk.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PathArg = Annotated[Path, typer.Argument(help="The chat export: .txt, .zip, .json, .jsonl, .csv or .md.")]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", help="Skip detection: whatsapp, telegram, signal, signal-json, csv, jsonl or lines."
    ),
]
AnonOpt = Annotated[
    bool, typer.Option("--anonymize", help="Replace names, phone numbers and emails consistently.")
]


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


@app.command()
def parse(
    path: PathArg,
    out: Annotated[
        str, typer.Option("--out", "-o", help="Where to write JSON Lines (a file, or - for stdout).")
    ] = "-",
    fmt: FormatOpt = None,
    anonymize: AnonOpt = False,
) -> None:
    """Write one JSON object per message: {"time": ISO 8601 local time, "author": ..., "text": ...}."""
    from feelheard.cli.io import atomic_output
    from feelheard.ingest import open_transcript

    transcript = open_transcript(path, fmt)
    messages = iter(transcript)
    with atomic_output(out) as handle:
        if anonymize:
            from collections import Counter

            from feelheard.transcript.anonymize import Anonymizer

            counts = Counter(m.author for m in open_transcript(path, fmt))
            messages = Anonymizer([a for a, _ in counts.most_common()]).stream(messages)
        for message in messages:
            handle.write(json.dumps(message.to_dict(), ensure_ascii=False) + "\n")
    _stderr().print(transcript.report.summary(), markup=False, soft_wrap=True)


@app.command()
def report(
    path: PathArg,
    me: Annotated[
        str | None,
        typer.Option("--me", help="Your name as it appears in the chat (the report speaks to you)."),
    ] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write the HTML report.")] = "report.html",
    json_out: Annotated[
        str | None,
        typer.Option("--json", help="Also write every metric as JSON to this file (- for stdout)."),
    ] = None,
    fmt: FormatOpt = None,
    anonymize: AnonOpt = False,
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = "Chat review",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Processes analysing in parallel (default: 2 on a multi-core machine)."
        ),
    ] = None,
) -> None:
    """Analyse every message and write a self-contained HTML report with charts (and --json metrics)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from feelheard.cli.io import atomic_output
    from feelheard.transcript import render, review
    from feelheard.transcript.metrics import default_workers

    console = _stderr()
    with Progress(
        TextColumn("analysing messages"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("analyse", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        metrics, parsed = review(
            path, me=me, anonymize=anonymize, fmt=fmt, progress=tick, workers=workers or default_workers()
        )
    html = render(metrics, parsed, title=title)
    with atomic_output(out) as handle:
        handle.write(html)
    if json_out is not None:
        with atomic_output(json_out) as handle:
            json.dump({"import": parsed, "metrics": metrics}, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
    console.print(
        f"read {parsed['messages']:,} messages ({parsed['format']}); report written to {out}", markup=False
    )
    if parsed["damaged"]:
        console.print(
            f"{parsed['damaged']:,} damaged lines were left out; run 'transcript parse' to list them",
            markup=False,
        )
