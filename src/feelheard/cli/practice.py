"""`feelheard practice ...`: answer a simulated partner in a scenario, turn by turn, with coaching on each reply.

Interactive by default; `--reply` (repeatable) plays the replies given, in order, for scripts and tests.
Finished and unfinished conversations are kept for the local user (or `--user`) unless `--no-save`.
"""

from __future__ import annotations

import json
import random
from typing import TYPE_CHECKING, Annotated, Any

import typer

from feelheard.cli.common import JsonOpt, UserOpt, open_session, who
from feelheard.errors import InputError
from feelheard.practice.engine import ENDING_WORDS, LANDED

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from feelheard.practice.engine import PracticeState, RoundResult
    from feelheard.practice.scenarios import Scenario

app = typer.Typer(
    name="practice",
    help="Practise answering a hurt or upset partner in everyday scenarios, with coaching on every reply.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

TopicOpt = Annotated[
    str | None, typer.Option("--topic", help="Only this topic (see `feelheard practice list`).")
]
LevelOpt = Annotated[int | None, typer.Option("--level", help="1 gentle, 2 charged, 3 hard.")]


@app.command("list")
def list_scenarios(
    topic: TopicOpt = None,
    level: LevelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List the scenarios (id, level, topic, title)."""
    from rich.table import Table

    from feelheard.cli.render import make_console
    from feelheard.practice.service import choose

    found = choose(topic=topic, level=level)
    if as_json:
        rows = [{"id": s.id, "title": s.title, "topic": s.topic, "level": s.level} for s in found]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(found)} practice scenarios", show_lines=False)
    for column in ("id", "level", "topic", "title"):
        table.add_column(column)
    for s in found:
        table.add_row(s.id, f"{s.level} {s.level_name}", s.topic.replace("_", " "), s.title)
    make_console().print(table)


def _intro(scenario: Scenario) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text

    body = Text(scenario.context)
    body.append(
        f"\n\nLevel {scenario.level} ({scenario.level_name}) · {scenario.topic.replace('_', ' ')}", "dim"
    )
    return Panel(body, title=scenario.title, border_style="magenta")


def _partner(text: str) -> RenderableType:
    from rich.text import Text

    return Text.assemble(("Your partner: ", "bold magenta"), (text, "magenta"))


def _round_card(result: RoundResult) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from feelheard.catalogue import load_catalogue
    from feelheard.cli.render import highlighted_reply

    analysis = result.analysis
    catalogue = load_catalogue()
    score = analysis.score or 0
    lines: list[RenderableType] = [
        Text.assemble(
            ("Score ", "bold"), (f"{score}/100", "bold"), ("   " + LANDED[result.outcome or "partly"])
        ),
        highlighted_reply(analysis),
    ]
    if analysis.moves:
        names = dict.fromkeys(catalogue.moves[m.id].name for m in analysis.moves)
        lines.append(Text("What worked: " + ", ".join(names), style="green"))
    for pitfall in analysis.pitfalls:
        entry = catalogue.pitfalls[pitfall.id]
        lines.append(Text(f"Backfired: \u201c{pitfall.quote}\u201d ({entry.name}): {entry.why}", style="red"))
    if analysis.suggestion and analysis.pitfalls:
        lines.append(Text("A kinder way to say it: " + analysis.suggestion, style="cyan"))
    return Panel(Group(*lines), title="Your reply", border_style="blue")


def _ending_card(state: PracticeState) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text

    scenario = state.scenario
    turn = scenario.turns[state.turn]
    body = Text()
    body.append(
        f"{ENDING_WORDS.get(turn.ending or '', '')}. Score {state.score}/100 over {len(state.exchanges)} "
    )
    body.append("replies.\n\n" if len(state.exchanges) != 1 else "reply.\n\n")
    body.append((turn.debrief or "") + "\n\n")
    body.append("Underneath: ", "bold")
    body.append(scenario.underneath + "\n")
    body.append("What a good answer does: ", "bold")
    body.append(scenario.good_answer + "\n")
    body.append("General guidance about communication, not therapy.", "dim")
    return Panel(body, title="How it went", border_style="green" if turn.ending == "repaired" else "yellow")


def _reversal_card(result: dict[str, Any]) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    felt = ", ".join(result["feelings_in_your_words"]) or "nothing strong"
    body.append(f"Read as your partner, your words carry: {felt}.\n")
    body.append(f"What your partner felt underneath: {', '.join(result['feelings_underneath'])}.\n")
    if result["pitfalls_in_your_words"]:
        body.append(
            "The parts that stung: " + ", ".join(result["pitfalls_in_your_words"]).replace("_", " ") + "."
        )
    else:
        body.append("Nothing in those words was likely to sting.")
    return Panel(body, title="From the other side", border_style="cyan")


def _pick(scenario_id: str | None, topic: str | None, level: int | None) -> Scenario:
    from feelheard.practice.scenarios import get_scenario
    from feelheard.practice.service import choose

    if scenario_id is not None:
        return get_scenario(scenario_id)
    found = choose(topic=topic, level=level)
    if not found:
        raise InputError("no scenario matches those filters")
    return random.choice(found)


def _ask(console: Console, label: str) -> str:
    from rich.prompt import Prompt

    try:
        return Prompt.ask(label, console=console, default="", show_default=False).strip()
    except (EOFError, KeyboardInterrupt):
        return ""


def _safety_stop(console: Console, result: RoundResult) -> None:
    from feelheard.cli.render import coaching_card

    console.print(coaching_card(result.analysis))
    console.print("Practice stopped here: what you wrote matters more than a practice score.")


@app.command("start")
def start_practice(
    scenario_id: Annotated[
        str | None, typer.Argument(help="Scenario id (default: pick one at random).")
    ] = None,
    topic: TopicOpt = None,
    level: LevelOpt = None,
    reply: Annotated[
        list[str] | None, typer.Option("--reply", "-r", help="Play these replies in order (non-interactive).")
    ] = None,
    reverse: Annotated[
        str | None,
        typer.Option("--reverse", help="Role reversal: how your weakest reply lands, as your partner."),
    ] = None,
    llm: Annotated[
        bool | None,
        typer.Option("--llm/--no-llm", help="Let the configured LLM voice your partner (default: if set)."),
    ] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Keep nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the finished session as JSON.")] = False,
    user: UserOpt = None,
) -> None:
    """Practise one scenario: read the context, answer your partner, see how each reply lands."""
    from feelheard import load_pipeline
    from feelheard.cli.coach import llm_choice
    from feelheard.cli.render import make_console
    from feelheard.practice import engine
    from feelheard.practice.voice import voice_current_turn

    scenario = _pick(scenario_id, topic, level)
    scripted = list(reply) if reply is not None else None
    console = make_console(stderr=as_json)
    llm_config, why_offline = llm_choice(llm)
    if llm and llm_config is None:
        console.print(f"[dim]{why_offline}[/dim]")
    pipeline = load_pipeline()
    state = engine.start(scenario.id)
    console.print(_intro(scenario))
    while not state.finished:
        console.print(_partner(state.partner_line()))
        if scripted is not None:
            if not scripted:
                break
            text = scripted.pop(0)
            console.print(f"[blue]You:[/blue] {text}")
        else:
            text = _ask(console, "[blue]Your reply[/blue] (empty to stop)")
            if not text:
                break
        result = engine.answer(state, text, pipeline)
        if result.outcome is None:
            _safety_stop(console, result)
            break
        console.print(_round_card(result))
        voiced = voice_current_turn(state, llm_config, pipeline)
        if voiced is not None and voiced.note:
            console.print(f"[dim]{voiced.note}[/dim]")
    if state.finished and not state.stopped_for_safety:
        console.print(_partner(state.partner_line()))
        console.print(_ending_card(state))
        weakest = engine.weakest_round(state)
        if weakest is not None:
            as_partner = reverse
            if as_partner is None and scripted is None:
                console.print(
                    f"Switch seats: your partner reads your words \u201c{state.exchanges[weakest].reply}\u201d."
                )
                as_partner = _ask(
                    console, "[magenta]As your partner, how does that land?[/magenta] (empty to skip)"
                )
            if as_partner:
                console.print(_reversal_card(engine.reverse(state, weakest, as_partner, pipeline)))
    elif not state.stopped_for_safety:
        console.print("Stopped before the end. You can start it again any time.")
    if not no_save and state.exchanges and not state.stopped_for_safety:
        from feelheard.practice import service

        with open_session() as session:
            item = service.save(session, owner_id=who(session, user).id, state=state)
        console.print(f"[dim]Saved as practice #{item.id}.[/dim]")
    if as_json:
        typer.echo(json.dumps(state.to_dict(), ensure_ascii=False, indent=2))


@app.command("history")
def history(
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """Your practice conversations, newest first."""
    from rich.table import Table

    from feelheard.cli.render import make_console
    from feelheard.practice import service

    with open_session() as session:
        items = service.results(session, owner_id=who(session, user).id)
    rows = [
        {
            "id": i.id,
            "date": i.created_at.date().isoformat(),
            "scenario": i.payload.get("scenario"),
            "title": i.payload.get("title"),
            "score": i.payload.get("score"),
            "ending": i.payload.get("ending"),
        }
        for i in items
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("No practice yet. Try `feelheard practice start --level 1`.")
        return
    table = Table(title="Your practice")
    for column in ("#", "date", "scenario", "score", "ending"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            str(r["id"]),
            str(r["date"]),
            str(r["title"]),
            str(r["score"] or "-"),
            str(r["ending"] or "unfinished"),
        )
    make_console().print(table)
