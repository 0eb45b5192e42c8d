"""`feelheard assess ...`: take a self-assessment, see the band and what to try next, and look back over time.

Interactive by default; `--answers 4,2,5,...` answers every item at once, for scripts and tests. Results are
kept for the local user (or `--user`) unless `--no-save`; a result that touches on safety is never kept.
General guidance for reflection, never a diagnosis.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Annotated

import typer

from feelheard.cli.common import JsonOpt, UserOpt
from feelheard.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from feelheard.assess.content import Assessment, Recommendation
    from feelheard.assess.scoring import AssessmentResult
    from feelheard.safety.resources import CountryResources

app = typer.Typer(
    name="assess",
    help="Self-assessments: empathy, empathy burnout and relationship red flags. General guidance, not a diagnosis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="empathy, burnout or red-flags.")]


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _assessment(name: str) -> Assessment:
    from feelheard.assess.content import get_assessment, load_assessments

    found = get_assessment(name)
    if found is None:
        names = ", ".join(key.replace("_", "-") for key in load_assessments())
        raise InputError(f"no assessment called {name!r}; choose one of: {names}")
    return found


def parse_answers(text: str) -> list[str]:
    """``"4,2,5"`` or ``"4 2 5"`` as a list of answers (checked against the assessment when scored)."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not parts:
        raise InputError("--answers is empty: give one number from 1 to 5 per question, such as 4,2,5")
    return parts


def ask_number(label: str, low: int, high: int, *, skippable: bool = False) -> int:
    """Ask until the answer is a whole number from `low` to `high` (or empty, giving 0, when `skippable`)."""
    while True:
        raw: str = typer.prompt(label, default="", show_default=False)
        text = raw.strip()
        if not text and skippable:
            return 0
        if text.isdigit() and low <= int(text) <= high:
            return int(text)
        typer.echo(f"Please type a number from {low} to {high}.", err=True)


def _ask(assessment: Assessment) -> list[int]:
    console = _console()
    console.print(f"[bold]{assessment.title}[/bold]")
    console.print(assessment.intro)
    console.print(f"[dim]{assessment.disclaimer}[/dim]")
    if assessment.privacy_note:
        console.print(f"[dim]{assessment.privacy_note}[/dim]")
    console.print(f"\n{assessment.timeframe} Answer with a number:")
    for value, label in enumerate(assessment.scale, 1):
        console.print(f"  {value}  {label}")
    answers: list[int] = []
    total = len(assessment.items)
    for number, item in enumerate(assessment.items, 1):
        console.print(f"\n[bold]{number}/{total}[/bold]  {item.text}")
        answers.append(ask_number(f"Your answer (1-{len(assessment.scale)})", 1, len(assessment.scale)))
    console.print()
    return answers


def _link_line(rec: Recommendation) -> str:
    return f"    [dim]try: {rec.command}[/dim]" if rec.command else ""


def print_resources(console: Console, resources: CountryResources) -> None:
    """Help lines as a small table (shared with `feelheard checkin`)."""
    from rich.markup import escape
    from rich.table import Table

    console.print(f"[bold]Help lines ({escape(resources.name)})[/bold]")
    table = Table(show_header=False, box=None, padding=(0, 2))
    for res in resources.resources:
        contact = res.number or res.text or res.url or ""
        note = "please confirm locally" if res.needs_confirmation else ""
        table.add_row(escape(res.name), escape(contact), note)
    console.print(table)
    console.print(
        "[dim]feelheard is not a crisis service. If you are in danger now, call your local emergency number.[/dim]"
    )


def _print_result(result: AssessmentResult, *, saved_id: int | None, no_save: bool) -> None:
    from rich.markup import escape

    console = _console()
    assessment = result.assessment
    if result.touches_safety:
        console.print("[bold red]Your safety comes first[/bold red]")
        console.print(escape(result.safety_message or ""))
        console.print()
        if result.resources:
            print_resources(console, result.resources)
        console.print()
        for rec in result.recommendations:
            console.print(f"  • {escape(rec.text)}")
        console.print(
            "\nNot saved: a result that touches on safety is never kept, so nothing on this computer shows "
            "that you took this check."
        )
        return
    style = "cyan" if assessment.higher_is == "better" else "yellow"
    console.print(
        f"[bold]{escape(assessment.title)}: [{style}]{result.score}/100[/{style}], {escape(result.band.label)}[/bold]"
    )
    console.print(escape(result.band.summary))
    if result.focus:
        console.print("\n[bold]Where to start[/bold]")
        for focus in result.focus:
            console.print(f"  • {escape(focus.tip.text)}")
            console.print(
                f"    [dim]because you answered “{escape(assessment.scale[focus.answer - 1])}” to: {escape(focus.item.text)}[/dim]"
            )
            if focus.tip.command:
                console.print(_link_line(focus.tip))
    console.print("\n[bold]Next steps[/bold]")
    for rec in result.recommendations:
        console.print(f"  • {escape(rec.text)}")
        if rec.command:
            console.print(_link_line(rec))
    if result.resources:
        console.print()
        print_resources(console, result.resources)
    console.print(f"\n[dim]{escape(assessment.disclaimer)}[/dim]")
    if saved_id is not None:
        console.print(
            f"Saved as item {saved_id}. See how it changes with `feelheard assess history {assessment.id.replace('_', '-')}`."
        )
    elif no_save:
        console.print("Not saved (--no-save).")


@app.command("list")
def list_(as_json: JsonOpt = False) -> None:
    """The assessments, with how many questions each has."""
    from feelheard.assess.content import load_assessments

    assessments = load_assessments()
    if as_json:
        typer.echo(json.dumps([a.to_dict() for a in assessments.values()], ensure_ascii=False, indent=2))
        return
    for key, a in assessments.items():
        typer.echo(f"{key.replace('_', '-'):<11} {a.title} ({len(a.items)} questions, about {a.minutes} min)")
        typer.echo(f"{'':<11} {a.summary}")
    typer.echo(
        "\nGeneral guidance for reflection, not a diagnosis. Start one with `feelheard assess take NAME`."
    )


@app.command()
def take(
    name: NameArg,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers", "-a", help="Every answer at once, 1 to 5 in question order, e.g. 4,2,5,..."
        ),
    ] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Show the result without keeping it.")] = False,
    country: Annotated[
        str | None, typer.Option("--country", help="Whose help lines to show (default: FEELHEARD_COUNTRY).")
    ] = None,
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """Answer an assessment and see your band and what to try next."""
    from feelheard.assess.scoring import score_answers
    from feelheard.assess.store import save_result
    from feelheard.cli.common import open_session, who
    from feelheard.config import get_settings
    from feelheard.rituals.store import local_today

    assessment = _assessment(name)
    given: list[str] | list[int] = parse_answers(answers) if answers is not None else _ask(assessment)
    result = score_answers(assessment, given, country=country or get_settings().country)
    saved_id: int | None = None
    if not no_save and result.savable:
        with open_session() as session:
            me = who(session, user)
            saved_id = save_result(session, owner_id=me.id, result=result, day=local_today()).id
    if as_json:
        typer.echo(json.dumps({**result.to_dict(), "saved_id": saved_id}, ensure_ascii=False, indent=2))
        return
    _print_result(result, saved_id=saved_id, no_save=no_save)


@app.command()
def history(
    name: Annotated[
        str | None, typer.Argument(metavar="[NAME]", help="Only this assessment (default: all).")
    ] = None,
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """Your past results, newest first."""
    from feelheard.assess.store import list_results
    from feelheard.cli.common import open_session, who

    with open_session() as session:
        me = who(session, user)
        results = list_results(session, owner_id=me.id, name=name)
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
        return
    if not results:
        typer.echo("no results kept yet: take one with `feelheard assess take NAME`")
        return
    for r in results:
        typer.echo(
            f"{r.day.isoformat()}  {r.assessment.replace('_', '-'):<10} {r.score:>3}/100  {r.band_label}"
        )
    if name is not None and len(results) > 1:
        change = results[0].score - results[-1].score
        typer.echo(f"change since the first one: {change:+d}")
