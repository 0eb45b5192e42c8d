"""`feelheard checkin ...`: the daily check-in and the other rituals as guided flows, what is due, and streaks.

`feelheard checkin` on its own is the daily check-in. Each flow asks its steps one by one, with a fresh prompt
from the pool; `--mood/--appreciation/--noticed` (daily) or `--answer STEP=TEXT` (any ritual) fill it in
without questions, for scripts and tests. Check-ins are kept for the local user (or `--user`) unless
`--no-save`; `--encrypt` seals the free text with your passphrase and `--share` shows the check-in to a linked
partner. A check-in whose text touches on someone's safety is never kept.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from feelheard.cli.common import JsonOpt, UserOpt
from feelheard.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from feelheard.rituals.content import Prompt, Ritual, Step
    from feelheard.rituals.schedule import DueItem, Streak
    from feelheard.rituals.store import CheckinEntry

app = typer.Typer(
    name="checkin",
    help="Daily check-in, gratitude swap, weekly connection and post-conflict debrief; what is due and your streak.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

NoSaveOpt = Annotated[bool, typer.Option("--no-save", help="Go through it without keeping anything.")]
ShareOpt = Annotated[bool, typer.Option("--share", help="Show this check-in to your linked partner.")]
EncryptOpt = Annotated[
    bool,
    typer.Option(
        "--encrypt", help="Seal the text with your passphrase (asked for, or FEELHEARD_PASSPHRASE)."
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", help="The day it counts for, YYYY-MM-DD (default: today; a day either side at most)."
    ),
]
AnswerOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--answer", "-a", help="STEP=TEXT for one step (repeatable); see `feelheard checkin steps`."
    ),
]
MoodOpt = Annotated[int | None, typer.Option("--mood", help="How you feel, 1 (low) to 5 (bright).")]
AppreciationOpt = Annotated[
    str | None, typer.Option("--appreciation", help="One thing you appreciated about your partner.")
]
NoticedOpt = Annotated[str | None, typer.Option("--noticed", help="Anything you wished they had noticed.")]


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _day(value: str | None) -> date:
    from feelheard.rituals.store import check_day, local_today

    today = local_today()
    if value is None:
        return today
    try:
        day = date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InputError(f"--date must look like 2024-05-31, not {value!r}") from exc
    return check_day(day, today)


def _pairs(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values or []:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--answer takes STEP=TEXT, such as felt=hurt and tired (got {value!r})")
        out[key.strip()] = text
    return out


def _ask_step(console: Console, step: Step, prompt: Prompt | None, moods: dict[int, str]) -> str:
    from rich.markup import escape

    from feelheard.cli.assess import ask_number

    console.print(
        f"\n[bold]{escape(step.label)}[/bold]" + ("" if step.required else " [dim](optional)[/dim]")
    )
    if step.hint:
        console.print(f"[dim]{escape(step.hint)}[/dim]")
    if prompt is not None:
        console.print(f"[cyan]Idea:[/cyan] {escape(prompt.text)}")
    if step.kind == "mood":
        console.print("  " + "   ".join(f"{value} {word}" for value, word in moods.items()))
        return str(ask_number("Your mood (1-5)", 1, len(moods)))
    if step.kind == "choice":
        for number, option in enumerate(step.options, 1):
            console.print(f"  {number}  {escape(option.label)}")
        hint = "Your choice" + ("" if step.required else " (Enter to skip)")
        picked = ask_number(hint, 1, len(step.options), skippable=not step.required)
        return step.options[picked - 1].id if picked else ""
    while True:
        text: str = typer.prompt("Your answer", default="", show_default=False)
        if text.strip() or not step.required:
            return text
        console.print("[yellow]This one is needed to finish the check-in.[/yellow]")


def _next_up(due: list[DueItem], done: str) -> str:
    waiting = [d.name.lower() for d in due if d.due and d.ritual != done]
    if not waiting:
        return "Nothing else is due today."
    return "Also due: " + ", ".join(waiting) + "."


def run_ritual(
    ritual_id: str,
    given: dict[str, Any],
    *,
    no_save: bool,
    share: bool,
    encrypt: bool,
    day_text: str | None,
    as_json: bool,
    user: str | None,
) -> None:
    """One guided flow, interactive when nothing was given on the command line."""
    from rich.markup import escape

    from feelheard.cli.assess import print_resources
    from feelheard.cli.common import ask_passphrase, open_session, who
    from feelheard.config import get_settings
    from feelheard.rituals.content import load_rituals
    from feelheard.rituals.schedule import RitualRecord, due_items, pick_prompts, streaks
    from feelheard.rituals.store import fill, own_records, save_checkin, touches_safety
    from feelheard.safety import load_resources
    from feelheard.storage import repo

    book = load_rituals()
    ritual: Ritual | None = book.get(ritual_id)
    if ritual is None:
        raise InputError(f"no ritual called {ritual_id!r}; choose one of: {', '.join(book.ids)}")
    day = _day(day_text)
    if share and encrypt:
        raise InputError("an encrypted check-in cannot be shared: your partner could not open it")
    with open_session() as session:
        me = who(session, user)
        if share and repo.partner_id(session, user_id=me.id) is None:
            raise InputError("link with your partner first, then you can share check-ins")
        records = own_records(session, owner_id=me.id)
    prompts = pick_prompts(records, day, ritual.id, rng_seed=me.id)
    console = _console()
    if not given:
        console.print(f"[bold]{escape(ritual.name)}[/bold]  [dim]about {ritual.minutes} min[/dim]")
        console.print(escape(ritual.intro))
        moods = {m.value: m.word for m in book.moods}
        given = {
            step.id: _ask_step(console, step, prompts.get(step.prompt_slot or ""), moods)
            for step in ritual.steps
        }
    filled = fill(ritual.id, given, day=day, prompt_ids={slot: p.id for slot, p in prompts.items()})
    if touches_safety(filled):
        if as_json:
            typer.echo(json.dumps({"saved_id": None, "touches_safety": True}, indent=2))
            return
        console.print(f"\n[bold red]Your safety comes first[/bold red]\n{escape(book.safety_message)}\n")
        print_resources(console, load_resources(get_settings().country))
        return
    saved_id: int | None = None
    if not no_save:
        secret = ask_passphrase(encrypt, confirm=True) if encrypt else None
        with open_session() as session:
            item = save_checkin(
                session, owner_id=me.id, filled=filled, encrypt=encrypt, passphrase=secret, share=share
            )
        saved_id = item.id
        records = [RitualRecord(ritual.id, day, tuple(filled.prompt_ids.values())), *records]
    today = _day(None)
    streak, due = streaks(records, today), due_items(records, today)
    if as_json:
        out = {
            "saved_id": saved_id,
            "ritual": ritual.id,
            "date": day.isoformat(),
            "prompts": {slot: {"id": p.id, "text": p.text} for slot, p in prompts.items()},
            "streak": streak.to_dict(),
            "due": [d.to_dict() for d in due],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if saved_id is None:
        console.print(f"\n{escape(ritual.name)} done (not saved: --no-save).")
    else:
        sealed = " (text encrypted)" if encrypt and filled.texts else ""
        shared = " and shared with your partner" if share else ""
        console.print(f"\n{escape(ritual.name)} saved as item {saved_id}{sealed}{shared}.")
    console.print(_streak_line(streak))
    console.print(_next_up(due, ritual.id))


def _streak_line(streak: Streak) -> str:
    if streak.current == 0:
        return f"No daily check-in streak right now (longest: {streak.longest} day{'s' * (streak.longest != 1)})."
    today = "" if streak.done_today else " Today's check-in keeps it going."
    days = f"{streak.current} day{'s' * (streak.current != 1)}"
    return f"Daily check-in streak: {days} in a row (longest {streak.longest}).{today}"


def _when(day: date, today: date) -> str:
    gap = (day - today).days
    if gap == 0:
        return "today"
    if gap == 1:
        return "tomorrow"
    return f"{day:%a} {day.day} {day:%b}"


def _due_line(item: DueItem, today: date) -> str:
    if item.every_days is None:
        state = "whenever you need it"
    elif item.due:
        state = "due today" + ("" if item.last_done else " (not done yet)")
    else:
        assert item.next_due is not None
        state = f"next {_when(item.next_due, today)}"
    last = f" (last: {_when(item.last_done, today)})" if item.last_done and item.last_done != today else ""
    if item.last_done == today:
        last = " (done today)"
    return f"{item.name:<32} {state}{last}"


# --- the rituals -------------------------------------------------------------------------------------------------


@app.callback()
def main(
    ctx: typer.Context,
    mood: MoodOpt = None,
    appreciation: AppreciationOpt = None,
    noticed: NoticedOpt = None,
    answer: AnswerOpt = None,
    no_save: NoSaveOpt = False,
    share: ShareOpt = False,
    encrypt: EncryptOpt = False,
    day: DateOpt = None,
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """With no command: the daily check-in (the same as `feelheard checkin daily`)."""
    if ctx.invoked_subcommand is not None:
        return
    daily(mood, appreciation, noticed, answer, no_save, share, encrypt, day, as_json, user)


@app.command()
def daily(
    mood: MoodOpt = None,
    appreciation: AppreciationOpt = None,
    noticed: NoticedOpt = None,
    answer: AnswerOpt = None,
    no_save: NoSaveOpt = False,
    share: ShareOpt = False,
    encrypt: EncryptOpt = False,
    day: DateOpt = None,
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """Daily check-in: your mood, one appreciation, and anything you wished had been noticed."""
    given: dict[str, Any] = _pairs(answer)
    for key, value in (("mood", mood), ("appreciation", appreciation), ("noticed", noticed)):
        if value is not None:
            given[key] = value
    run_ritual(
        "daily_checkin",
        given,
        no_save=no_save,
        share=share,
        encrypt=encrypt,
        day_text=day,
        as_json=as_json,
        user=user,
    )


def _register_flow(name: str, ritual_id: str, summary: str) -> None:
    """Add `feelheard checkin NAME`: one guided ritual, answered interactively or with --answer STEP=TEXT."""

    def command(
        answer: AnswerOpt = None,
        no_save: NoSaveOpt = False,
        share: ShareOpt = False,
        encrypt: EncryptOpt = False,
        day: DateOpt = None,
        as_json: JsonOpt = False,
        user: UserOpt = None,
    ) -> None:
        run_ritual(
            ritual_id,
            _pairs(answer),
            no_save=no_save,
            share=share,
            encrypt=encrypt,
            day_text=day,
            as_json=as_json,
            user=user,
        )

    command.__doc__ = summary
    app.command(name)(command)


_register_flow(
    "gratitude",
    "gratitude_swap",
    "Gratitude swap: name something you are grateful for about your partner, then swap.",
)
_register_flow(
    "weekly",
    "weekly_connection",
    "Weekly connection conversation: appreciations, your week, a deeper question, loose ends, plans.",
)
_register_flow(
    "debrief",
    "post_conflict_debrief",
    "Post-conflict debrief: what happened, what I felt, what I needed, what I'll try next time.",
)


# --- looking back ------------------------------------------------------------------------------------------------


@app.command()
def steps(as_json: JsonOpt = False) -> None:
    """Every ritual's steps (the STEP names for --answer)."""
    from feelheard.rituals.content import load_rituals, pool

    book = load_rituals()
    if as_json:
        out = [
            {
                "id": r.id,
                "name": r.name,
                "steps": [
                    {"id": s.id, "kind": s.kind, "label": s.label, "required": s.required} for s in r.steps
                ],
                "prompts": len(pool(r.id)),
            }
            for r in book.rituals
        ]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for ritual in book.rituals:
        typer.echo(f"{ritual.name} ({ritual.id}, {len(pool(ritual.id))} prompts)")
        for step in ritual.steps:
            extra = f" [{'/'.join(o.id for o in step.options)}]" if step.options else ""
            need = "required" if step.required else "optional"
            typer.echo(f"  {step.id:<14} {step.kind:<6} {need:<8} {step.label}{extra}")


@app.command()
def due(as_json: JsonOpt = False, user: UserOpt = None) -> None:
    """What is due today, and your daily check-in streak."""
    from feelheard.cli.common import open_session, who
    from feelheard.rituals.schedule import due_items, streaks
    from feelheard.rituals.store import local_today, own_records

    with open_session() as session:
        me = who(session, user)
        records = own_records(session, owner_id=me.id)
    today = local_today()
    items, streak = due_items(records, today), streaks(records, today)
    if as_json:
        out = {"today": today.isoformat(), "due": [d.to_dict() for d in items], "streak": streak.to_dict()}
        typer.echo(json.dumps(out, indent=2))
        return
    for item in items:
        typer.echo(_due_line(item, today))
    typer.echo(_streak_line(streak))


def _entry_lines(entry: CheckinEntry) -> list[str]:
    from feelheard.rituals.content import load_rituals

    ritual = load_rituals().get(entry.ritual)
    flags = "".join(
        [
            " [shared]" if entry.shared and entry.mine else "",
            "" if entry.mine else " [from your partner]",
            " [encrypted]" if entry.locked else "",
        ]
    )
    mood = f"  mood {entry.mood}/5 ({(entry.mood_word or '').lower()})" if entry.mood else ""
    lines = [f"{entry.id:>5}  {entry.day.isoformat()}  {entry.ritual_name}{mood}{flags}"]
    for key, text in entry.texts.items():
        step = ritual.step(key) if ritual else None
        lines.append(f"         {step.label if step else key}: {' '.join(text.split())}")
    for key, option_id in entry.choices.items():
        step = ritual.step(key) if ritual else None
        option = step.option(option_id) if step else None
        lines.append(f"         {step.label if step else key}: {option.label if option else option_id}")
    if entry.locked:
        lines.append("         (encrypted: add --passphrase, or set FEELHEARD_PASSPHRASE, to read it)")
    return lines


@app.command()
def history(
    ritual: Annotated[str | None, typer.Option("--ritual", "-r", help="Only this ritual.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=500, help="At most this many.")] = 20,
    passphrase: Annotated[
        bool, typer.Option("--passphrase", help="Ask for the passphrase to open encrypted text.")
    ] = False,
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """Your check-ins (and those your partner shared), newest first."""
    from feelheard.cli.common import ask_passphrase, open_session, who
    from feelheard.rituals.store import list_entries

    secret = ask_passphrase(passphrase)
    with open_session() as session:
        me = who(session, user)
        entries = list_entries(session, viewer_id=me.id, ritual=ritual, limit=limit, passphrase=secret)
    if as_json:
        typer.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        typer.echo("no check-ins yet: start with `feelheard checkin`")
        return
    for entry in entries:
        for line in _entry_lines(entry):
            typer.echo(line)
