"""`feelheard progress`: how practice, assessments and check-ins went over time, as terminal charts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from feelheard.cli.common import JsonOpt, UserOpt, open_session, who

if TYPE_CHECKING:
    from rich.console import RenderableType

    from feelheard.progress import Progress

app = typer.Typer(
    name="progress",
    help="Your progress over time: practice scores, pitfalls, assessments, check-in moods and streaks.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

BAR_WIDTH = 30
BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, maximum: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of `width` cells for `value` out of `maximum`, with eighth-cell resolution."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value, maximum) / maximum * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (BLOCKS[rest] if rest else "")


def _bars(title: str, rows: list[tuple[str, float, str]], maximum: float) -> RenderableType:
    from rich.panel import Panel
    from rich.table import Table

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(no_wrap=True, style="cyan")
    table.add_column(no_wrap=True)
    for label, value, shown in rows:
        table.add_row(label, bar(value, maximum), shown)
    return Panel(table, title=title, border_style="cyan")


def charts(progress: Progress, *, last: int = 12) -> list[RenderableType]:
    """The terminal view of `progress`: a summary and one bar chart per series that has data."""
    from rich.panel import Panel
    from rich.text import Text

    from feelheard.catalogue import load_catalogue

    catalogue = load_catalogue()
    blocks: list[RenderableType] = [
        Panel(
            Text("\n".join(f"• {line}" for line in progress.summary)),
            title="Your progress",
            border_style="green",
        )
    ]
    if progress.practice:
        rows = [
            (f"{r['date']} {r['title'][:28]:<28}", float(r["score"]), f"{r['score']:>3} {r['ending']}")
            for r in progress.practice[-last:]
        ]
        blocks.append(_bars("Practice scores (out of 100)", rows, 100.0))
    if progress.pitfalls_by_week:
        weeks = list(progress.pitfalls_by_week.items())[-last:]
        totals = [(w, sum(c.values()), c) for w, c in weeks]
        top = max(t for _, t, _ in totals) or 1
        rows = []
        for week, total, counts in totals:
            common = max(counts, key=lambda k: counts[k])
            name = catalogue.pitfalls[common].name if common in catalogue.pitfalls else common
            rows.append((week, float(total), f"{total} (most: {name.lower()})"))
        blocks.append(_bars("Pitfalls per week (practice and saved replies)", rows, float(top)))
    for name, scores in progress.assessments.items():
        rows = [(s["date"], float(s["score"]), f"{s['score']:>3} {s['band'] or ''}") for s in scores[-last:]]
        blocks.append(_bars(f"Assessment: {name.replace('_', ' ')}", rows, 100.0))
    if progress.moods:
        rows = [(m["date"], float(m["mood"]), f"{m['mood']}/5") for m in progress.moods[-14:]]
        streak = progress.streak
        blocks.append(
            _bars(f"Check-in moods (streak {streak['current']} days, longest {streak['longest']})", rows, 5.0)
        )
    if progress.next_scenarios:
        blocks.append(
            Text("Try next: " + ", ".join(f"feelheard practice start {s}" for s in progress.next_scenarios))
        )
    return blocks


@app.callback()
def show(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    user: UserOpt = None,
) -> None:
    """Show what improved and what to practise next, with charts of your history."""
    if ctx.invoked_subcommand is not None:
        return
    from feelheard.cli.render import make_console
    from feelheard.progress import build_progress, collect

    with open_session() as session:
        owner = who(session, user).id
        progress = build_progress(collect(session, owner_id=owner))
    if as_json:
        typer.echo(json.dumps(progress.to_dict(), ensure_ascii=False, indent=2))
        return
    console = make_console()
    for block in charts(progress):
        console.print(block)
