"""`feelheard checkin ...` through Typer's CliRunner, on a throwaway data folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from feelheard.cli.checkin import app as checkin_app
from feelheard.errors import InputError
from feelheard.storage.db import dispose_engines


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("FEELHEARD_HOME", str(tmp_path))
    monkeypatch.setenv("FEELHEARD_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("FEELHEARD_COUNTRY", "GB")
    monkeypatch.delenv("FEELHEARD_DATABASE_URL", raising=False)
    monkeypatch.delenv("FEELHEARD_PASSPHRASE", raising=False)
    yield CliRunner()
    dispose_engines()


def run(cli: CliRunner, app: typer.Typer, *args: str, input: str | None = None) -> str:
    result = cli.invoke(app, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_daily_checkin_non_interactive_then_due_and_history(cli: CliRunner) -> None:
    out = run(cli, checkin_app, "--mood", "4", "--appreciation", "You made tea when I got in")
    assert "Daily check-in saved as item" in out and "1 day in a row" in out
    assert "Also due: gratitude swap, weekly connection conversation." in out
    due = run(cli, checkin_app, "due")
    assert "Daily check-in" in due and "done today" in due and "whenever you need it" in due
    data = json.loads(run(cli, checkin_app, "due", "--json"))
    assert data["streak"] == {"current": 1, "longest": 1, "done_today": True}
    assert [d["due"] for d in data["due"]] == [False, True, True, False]
    history = run(cli, checkin_app, "history")
    assert "mood 4/5 (good)" in history and "You made tea when I got in" in history


def test_every_ritual_runs_with_answers(cli: CliRunner) -> None:
    gratitude = run(cli, checkin_app, "gratitude", "-a", "gratitude=your patience", "-a", "share_how=note")
    assert "Gratitude swap saved" in gratitude
    weekly = json.loads(
        run(cli, checkin_app, "weekly", "-a", "appreciations=the walk", "-a", "unresolved=nothing", "--json")
    )
    assert weekly["ritual"] == "weekly_connection" and "weekly" in weekly["prompts"]
    debrief = run(
        cli,
        checkin_app,
        "debrief",
        "-a",
        "happened=We argued about the car",
        "-a",
        "felt=unheard",
        "-a",
        "needed=a pause",
        "-a",
        "try_next=ask for a break sooner",
    )
    assert "Post-conflict debrief saved" in debrief
    daily = run(cli, checkin_app, "daily", "--mood", "3", "--appreciation", "thanks", "--no-save")
    assert "not saved: --no-save" in daily
    rows = json.loads(run(cli, checkin_app, "history", "--json"))
    assert [r["ritual"] for r in rows] == ["post_conflict_debrief", "weekly_connection", "gratitude_swap"]
    only = json.loads(run(cli, checkin_app, "history", "--ritual", "gratitude-swap", "--json"))
    assert [r["ritual"] for r in only] == ["gratitude_swap"]
    steps = run(cli, checkin_app, "steps")
    assert "try_next" in steps and "prompts)" in steps


def test_interactive_daily_checkin(cli: CliRunner) -> None:
    out = run(cli, checkin_app, "daily", input="4\nThanks for the walk\n\n")
    assert "How are you feeling today?" in out and "Idea:" in out
    assert "Daily check-in saved" in out


def test_encrypted_checkin_is_sealed(cli: CliRunner) -> None:
    env = {"FEELHEARD_PASSPHRASE": "a passphrase for tests"}
    result = cli.invoke(
        checkin_app,
        ["--mood", "2", "--appreciation", "the hidden words", "--encrypt"],
        env=env,
        catch_exceptions=False,
    )
    assert result.exit_code == 0 and "(text encrypted)" in result.output
    locked = run(cli, checkin_app, "history")
    assert "the hidden words" not in locked and "encrypted" in locked
    opened = cli.invoke(checkin_app, ["history", "--passphrase"], env=env, catch_exceptions=False)
    assert "the hidden words" in opened.output


def test_a_checkin_that_touches_safety_is_not_kept(cli: CliRunner) -> None:
    out = run(
        cli,
        checkin_app,
        "--mood",
        "1",
        "--appreciation",
        "nothing",
        "--noticed",
        "He hit me again last night and I'm scared to go home",
    )
    assert "Your safety comes first" in out and "United Kingdom" in out
    assert "no check-ins yet" in run(cli, checkin_app, "history")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--mood", "9", "--appreciation", "x"], "mood is a number from 1 to 5"),
        (["--mood", "3"], "needs an answer to: One appreciation"),
        (["--mood", "3", "--appreciation", "x", "--share"], "link with your partner first"),
        (["--mood", "3", "--appreciation", "x", "--share", "--encrypt"], "cannot be shared"),
        (["--mood", "3", "--appreciation", "x", "--date", "yesterday"], "--date must look like"),
        (["--mood", "3", "--appreciation", "x", "--date", "2001-01-01"], "give or take a day"),
        (["weekly", "-a", "nope"], "--answer takes STEP=TEXT"),
        (["gratitude", "-a", "gratitude=x", "-a", "share_how=pigeon"], "choose one of"),
        (["history", "--ritual", "nope"], "no ritual called 'nope'"),
    ],
)
def test_checkin_bad_input(cli: CliRunner, args: list[str], words: str) -> None:
    result = cli.invoke(checkin_app, args)
    assert isinstance(result.exception, InputError), result.output
    assert words in str(result.exception)
