"""`feelheard draft` (a guided first draft) and `feelheard suggest` (a better reply, offline or with an LLM).

Both print where the text came from: the offline composer, or the configured LLM after the coach's check.
Nothing is sent anywhere unless an LLM is configured (`feelheard.llm.config`).
"""

from __future__ import annotations

import difflib
import json
import re
from typing import TYPE_CHECKING, Annotated, Any

import typer

from feelheard.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from feelheard.coach.guided import GuidedDraft
    from feelheard.llm.rewrite import RewriteResult
    from feelheard.result import Analysis

app = typer.Typer(
    help="Write a first message with guidance, or get a better version of your draft.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

LLMOpt = Annotated[
    bool | None,
    typer.Option(
        "--llm/--no-llm",
        help="Use the configured LLM (default: use it when one is configured). Its text is checked before it is shown.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of the card.")]


def word_diff(before: str, after: str) -> Any:
    """The word-level difference between two texts as rich Text: removed words struck out in red, added in green."""
    from rich.text import Text

    old, new = before.split(), after.split()
    out = Text()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(" ".join(old[i1:i2]) + " ")
            continue
        if tag in ("delete", "replace"):
            out.append(" ".join(old[i1:i2]), style="red strike")
            out.append(" ")
        if tag in ("insert", "replace"):
            out.append(" ".join(new[j1:j2]), style="green")
            out.append(" ")
    out.rstrip()
    return out


def _score_text(label: str, score: int | None) -> Any:
    from rich.text import Text

    if score is None:
        return Text(f"{label} -", style="dim")
    style = "bold green" if score >= 70 else "bold yellow" if score >= 45 else "bold red"
    return Text.assemble((f"{label} ", "bold"), (f"{score}/100", style))


def _changes(changes: list[dict[str, str]]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for change in changes:
        sign, style = ("+", "green") if change.get("change") == "added" else ("-", "red")
        table.add_row(
            Text(sign, style=f"bold {style}"),
            Text.assemble(
                (f"\u201c{change.get('text', '')}\u201d", style), ("  " + change.get("why", ""), "dim")
            ),
        )
    return table


def _source_line(result: RewriteResult) -> Any:
    from rich.text import Text

    who = "the LLM (checked by the coach)" if result.source == "llm" else "the offline composer"
    return Text.assemble(("From: ", "bold"), (who, "cyan"), ("\n" + result.note, "dim"))


def _suggestion_card(analysis: Analysis, result: RewriteResult, after: int | None) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    assert analysis.reply is not None
    blocks: list[RenderableType] = []
    if result.text is None:
        message = (
            "Your draft already works well."
            if not analysis.pitfalls and (analysis.score or 0) >= 85
            else "No suggestion passed the coach's check this time; the tips from `feelheard check` still apply."
        )
        blocks.append(Panel(Text(message), title="Suggested reply", border_style="green"))
        blocks.append(_source_line(result))
        return Group(*blocks)
    scores = Text.assemble(
        _score_text("Draft", analysis.score), "  \u2192  ", _score_text("Suggestion", after)
    )
    blocks.append(
        Panel(
            Group(Text(result.text, style="bold"), Text(""), scores),
            title="Suggested reply",
            border_style="green",
        )
    )
    blocks.append(Panel(word_diff(analysis.reply, result.text), title="What changed", border_style="blue"))
    if result.changes:
        blocks.append(Panel(_changes(result.changes), title="Why", border_style="cyan"))
    blocks.append(_source_line(result))
    blocks.append(Text("General guidance about communication, not therapy.", style="dim"))
    return Group(*blocks)


def llm_choice(llm: bool | None) -> tuple[Any, str]:
    """The LLM config to use (or None) and, when none is used, why."""
    from feelheard.llm.config import load_llm_config

    if llm is False:
        return None, "The LLM was not asked (--no-llm), so this comes from the offline composer."
    config = load_llm_config()
    if config is None:
        if llm:
            return None, (
                "--llm was given but no LLM is configured (set FEELHEARD_LLM_BASE_URL and FEELHEARD_LLM_MODEL), "
                "so this comes from the offline composer."
            )
        return (
            None,
            "No LLM is configured, so this comes from the offline composer (nothing left this computer).",
        )
    return config, ""


@app.command()
def suggest(
    partner: Annotated[
        str | None,
        typer.Option("--partner", "-p", help="What your partner said: text, a file path, or - for stdin."),
    ] = None,
    reply: Annotated[
        str | None, typer.Option("--reply", "-r", help="Your draft reply: text, a file path, or - for stdin.")
    ] = None,
    llm: LLMOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """A better version of your draft, what changed and why, and whether an LLM or the offline composer wrote it."""
    from feelheard import load_pipeline
    from feelheard.cli.io import read_text_arg
    from feelheard.cli.render import coaching_card, make_console
    from feelheard.llm.rewrite import llm_rewrite, offline_result

    if partner == "-" and reply == "-":
        raise InputError("only one of --partner and --reply can read standard input")
    partner_text = read_text_arg(partner, "--partner")
    reply_text = read_text_arg(reply, "--reply")
    if reply_text is None:
        raise InputError("give your draft with --reply (no draft yet? try `feelheard draft`)")
    pipeline = load_pipeline()
    analysis = pipeline(partner_text, reply_text)
    if analysis.safety.level != "none":
        result = llm_rewrite(analysis, config=None)
        if json_out:
            typer.echo(
                json.dumps(
                    {
                        "suggestion": None,
                        "source": "offline",
                        "note": result.note,
                        "safety": analysis.safety.to_dict(),
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        make_console().print(coaching_card(analysis))
        return
    config, why_not = llm_choice(llm)
    if config is None:
        result = offline_result(analysis, why_not)
    elif json_out:
        result = llm_rewrite(analysis, config=config)
    else:
        with make_console(stderr=True).status(f"Asking the LLM at {config.host}\u2026"):
            result = llm_rewrite(analysis, config=config)
    after = result.score
    if result.text is not None and after is None:
        after = pipeline.without("suggest")(partner_text, result.text).score
    if json_out:
        payload = {
            "suggestion": result.text,
            "source": result.source,
            "note": result.note,
            "changes": result.changes,
            "score_before": analysis.score,
            "score_after": after if result.text is not None else None,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    make_console().print(_suggestion_card(analysis, result, after))


# --- draft ------------------------------------------------------------------------------------------------
def _draft_card(draft: GuidedDraft, source: str, note: str) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from feelheard.cli.render import coaching_card

    if draft.analysis is not None and draft.analysis.safety.level != "none":
        return coaching_card(draft.analysis)
    score = draft.analysis.score if draft.analysis is not None else None
    blocks: list[RenderableType] = [
        Panel(
            Group(Text(draft.text, style="bold"), Text(""), _score_text("Score", score)),
            title="Your first draft",
            border_style="green",
        )
    ]
    if draft.notes:
        blocks.append(
            Panel(
                Text("\n".join(f"\u2022 {n}" for n in draft.notes)), title="Left out", border_style="yellow"
            )
        )
    who = "the LLM (checked by the coach)" if source == "llm" else "the offline composer"
    blocks.append(Text.assemble(("From: ", "bold"), (who, "cyan"), (f"\n{note}" if note else "", "dim")))
    blocks.append(Text("Edit it so it sounds like you, then check it with `feelheard check`.", style="dim"))
    return Group(*blocks)


def _ask_offline(console: Console, answers: dict[str, str], slots: list[str]) -> dict[str, str]:
    from rich.prompt import Prompt

    from feelheard.coach.guided import QUESTIONS

    for slot in slots:
        answers[slot] = Prompt.ask(
            f"[magenta]{QUESTIONS[slot]}[/magenta]", default="", show_default=False, console=console
        ).strip()
    return answers


def _converse(console: Console, config: Any, partner: str | None, name: str | None) -> tuple[Any, str, str]:
    """Run the LLM conversation; returns (draft or None, source, note) and the answers for a fallback."""
    from rich.prompt import Prompt

    from feelheard.llm.guided_chat import GuidedConversation, strip_question

    console.print(
        f"[dim]Talking with the LLM at {config.host} ({config.model}). Leave an answer empty to skip.[/dim]"
    )
    conversation = GuidedConversation(config, partner=partner, partner_name=name)
    try:
        turn = conversation.start()
        while turn.question is not None:
            console.print(f"[cyan]{strip_question(turn.question)}[/cyan]")
            answer = Prompt.ask("[blue]You[/blue]", default="", show_default=False, console=console)
            turn = conversation.reply(answer)
    finally:
        conversation.close()
    if turn.safety is not None:
        from feelheard.coach.guided import GuidedDraft

        return GuidedDraft(text="", analysis=turn.safety), "offline", turn.note
    if turn.failed:
        console.print(f"[yellow]{turn.note}[/yellow]")
        answers = _ask_offline(console, dict(turn.answers), turn.missing)
        return answers, "offline", turn.note
    return turn.draft, turn.source, turn.note


@app.command()
def draft(
    what_happened: Annotated[str | None, typer.Option("--what", help="What happened.")] = None,
    their_feeling: Annotated[
        str | None, typer.Option("--their-feeling", help="What your partner might be feeling.")
    ] = None,
    my_feeling: Annotated[
        str | None, typer.Option("--my-feeling", help="What you feel, and what you need.")
    ] = None,
    want_them_to_know: Annotated[
        str | None, typer.Option("--know", help="What you most want them to know.")
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option("--partner", "-p", help="Their message, if they sent one (text, file, or -)."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Your partner's name, as you write it.")] = None,
    they: Annotated[bool, typer.Option("--they", help="Your partner goes by they/them.")] = False,
    variant: Annotated[
        int, typer.Option("--variant", min=0, help="Another number gives other phrasings.")
    ] = 0,
    llm: LLMOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """No draft yet? Answer four short questions (or pass them as options) and get a first message."""
    from feelheard.cli.io import read_text_arg
    from feelheard.cli.render import make_console
    from feelheard.coach.guided import QUESTIONS, GuidedDraft, guided_draft

    console = make_console()
    partner_text = read_text_arg(partner, "--partner")
    given = [what_happened, their_feeling, my_feeling, want_them_to_know]
    source, note = "offline", ""
    result: GuidedDraft | None = None
    answers: dict[str, str]
    if any(v is not None for v in given):
        answers = dict(zip(QUESTIONS, [v or "" for v in given], strict=True))
        if llm:
            note = "Answers given as options are composed offline; the LLM was not asked."
    else:
        config, why_not = llm_choice(llm)
        if config is not None:
            outcome, source, note = _converse(console, config, partner_text, name)
            if isinstance(outcome, GuidedDraft):
                result = outcome
                answers = {}
            else:
                answers = outcome or {}
        else:
            note = why_not.replace("this comes", "the draft comes")
            console.print("[bold]Four short questions.[/bold] [dim]Leave any of them empty to skip it.[/dim]")
            answers = _ask_offline(console, {}, list(QUESTIONS))
    if result is None:
        result = guided_draft(
            answers.get("what_happened"),
            answers.get("their_feeling"),
            answers.get("my_feeling_and_need"),
            answers.get("want_them_to_know"),
            partner=partner_text,
            partner_name=name,
            partner_is_they=they,
            variant=variant,
        )
    if json_out:
        analysis = result.analysis
        payload: dict[str, Any] = {
            "draft": result.text if analysis is None or analysis.safety.level == "none" else None,
            "score": analysis.score if analysis is not None else None,
            "notes": result.notes,
            "source": source,
            "note": note,
        }
        if analysis is not None and analysis.safety.level != "none":
            payload["safety"] = analysis.safety.to_dict()
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console.print(_draft_card(result, source, re.sub(r"\s+", " ", note).strip()))
