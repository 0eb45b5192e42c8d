"""The coaching card in the terminal. Rich is used only here."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from feelheard.catalogue import load_catalogue
from feelheard.result import MECHANISMS, Analysis

LEVEL_WORDS = ("none", "some", "strong")
MECHANISM_NAMES = {
    "emotional_reactions": "Warmth",
    "interpretations": "Understanding",
    "explorations": "Curiosity",
}


def _score_style(score: int) -> str:
    return "bold green" if score >= 70 else "bold yellow" if score >= 45 else "bold red"


def highlighted_reply(analysis: Analysis) -> Text:
    """The draft with pitfalls in red and moves in green, placed by character offsets."""
    text = Text(analysis.reply or "")
    for move in analysis.moves:
        text.stylize("green underline", move.start, move.end)
    for pitfall in analysis.pitfalls:
        text.stylize("bold red", pitfall.start, pitfall.end)
    return text


def _feelings(analysis: Analysis) -> RenderableType:
    if analysis.partner is None:
        return Text("No partner message given.", style="dim")
    if not analysis.emotions:
        return Text("Nothing stands out strongly. Ask them how they feel rather than guessing.", style="dim")
    line = Text()
    if analysis.feelings:
        line.append("They may feel " + ", ".join(analysis.feelings) + ".\n", style="bold")
    line.append("  ".join(f"{e.label} {e.score:.0%}" for e in analysis.emotions), style="dim")
    return line


def _pitfalls(analysis: Analysis) -> RenderableType:
    catalogue = load_catalogue()
    if not analysis.pitfalls:
        return Text("Nothing in the draft is likely to backfire.", style="green")
    rows = Table.grid(padding=(0, 1))
    rows.add_column(style="bold red", no_wrap=True)
    rows.add_column()
    for pitfall in analysis.pitfalls:
        entry = catalogue.pitfalls[pitfall.id]
        body = Text()
        body.append(f"\u201c{pitfall.quote}\u201d", style="red")
        body.append(f"  ({pitfall.id}{', model' if pitfall.source == 'model' else ''})\n", style="dim")
        body.append(entry.why + "\n")
        body.append("Try instead: ", style="bold")
        body.append(entry.antidote)
        if entry.rewrite:
            body.append(f"\n  e.g. \u201c{entry.rewrite}\u201d", style="italic")
        rows.add_row(entry.name, body)
    return rows


def _moves(analysis: Analysis) -> RenderableType:
    catalogue = load_catalogue()
    if not analysis.moves:
        return Text("No clear empathy moves yet: the suggestion below adds some.", style="dim")
    rows = Table.grid(padding=(0, 1))
    rows.add_column(style="bold green", no_wrap=True)
    rows.add_column()
    for move in analysis.moves:
        entry = catalogue.moves[move.id]
        rows.add_row(entry.name, Text.assemble((f"\u201c{move.quote}\u201d ", "green"), (entry.tip, "")))
    return rows


def _empathy(analysis: Analysis) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    for mechanism in MECHANISMS:
        level = analysis.empathy[mechanism].level
        bar = Text("\u25cf" * level + "\u25cb" * (2 - level), style="cyan")
        table.add_row(MECHANISM_NAMES[mechanism], bar, Text(LEVEL_WORDS[level], style="dim"))
    return table


def _suggestion(analysis: Analysis) -> RenderableType:
    if analysis.suggestion is None:
        return Text(
            "Your draft already works well."
            if not analysis.pitfalls
            else "No suggestion passed the coach's own check this time; use the tips above.",
            style="dim",
        )
    parts: list[RenderableType] = [Text(analysis.suggestion, style="bold")]
    for change in analysis.suggestion_changes:
        sign, style = ("+", "green") if change["change"] == "added" else ("-", "red")
        parts.append(Text.assemble((f" {sign} {change['text']}", style), (f"  {change['why']}", "dim")))
    return Group(*parts)


def _safety(analysis: Analysis) -> RenderableType:
    safety = analysis.safety
    parts: list[RenderableType] = [Text(safety.message or "", style="bold")]
    if safety.resources:
        table = Table(show_header=True, header_style="bold", box=None)
        table.add_column("Who")
        table.add_column("Contact")
        table.add_column("Note", style="dim")
        for res in safety.resources:
            contact = str(res.get("number") or res.get("url") or "")
            note = "please confirm locally" if res.get("needs_confirmation") else ""
            table.add_row(str(res.get("name", "")), contact, note)
        parts.append(table)
    parts.append(
        Text(
            "feelheard is not a crisis service. If you are in danger, contact local emergency services.",
            style="dim",
        )
    )
    return Group(*parts)


def coaching_card(analysis: Analysis) -> RenderableType:
    """Everything the coach has to say about one exchange."""
    blocks: list[RenderableType] = []
    if analysis.safety.level != "none":
        title = f"Safety first ({analysis.safety.level}: {', '.join(analysis.safety.categories)})"
        blocks.append(Panel(_safety(analysis), title=title, border_style="red"))
        return Group(*blocks)
    blocks.append(
        Panel(_feelings(analysis), title="What your partner may be feeling", border_style="magenta")
    )
    if analysis.reply is None:
        return Group(*blocks)
    score = analysis.score if analysis.score is not None else 0
    header = Text.assemble(("Score ", "bold"), (f"{score}/100", _score_style(score)))
    blocks.append(
        Panel(Group(header, Text(""), highlighted_reply(analysis)), title="Your draft", border_style="blue")
    )
    blocks.append(Panel(_pitfalls(analysis), title="Words that may backfire", border_style="red"))
    blocks.append(Panel(_moves(analysis), title="What already works", border_style="green"))
    blocks.append(Panel(_empathy(analysis), title="Empathy", border_style="cyan"))
    if analysis.missing:
        gaps = Text("\n".join(f"\u2022 {item['message']}" for item in analysis.missing))
        blocks.append(Panel(gaps, title="What's missing", border_style="magenta"))
    if analysis.tone.signals:
        tone = Text(
            "\n".join(
                f"\u2022 {s.detail}" + (f": \u201c{s.quote}\u201d" if s.quote else "")
                for s in analysis.tone.signals
            )
        )
        if analysis.tone.advice:
            tone.append("\n" + analysis.tone.advice, style="bold yellow")
        blocks.append(Panel(tone, title="Tone", border_style="yellow"))
    blocks.append(Panel(_suggestion(analysis), title="Suggested reply", border_style="green"))
    blocks.append(Text("General guidance about communication, not therapy.", style="dim"))
    return Group(*blocks)


def make_console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)
