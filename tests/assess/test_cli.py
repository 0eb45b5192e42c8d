"""`feelheard assess ...` and `feelheard checkin ...` through Typer's CliRunner, on a throwaway data folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from feelheard.cli.assess import app as assess_app
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


def test_list_names_the_three_assessments(cli: CliRunner) -> None:
    out = run(cli, assess_app, "list")
    assert "empathy" in out and "burnout" in out and "red-flags" in out and "not a diagnosis" in out
    listed = json.loads(run(cli, assess_app, "list", "--json"))
    assert [a["id"] for a in listed] == ["empathy", "burnout", "red_flags"]
    assert [len(a["items"]) for a in listed] == [10, 7, 12]


def test_take_with_answers_saves_and_history_shows_it(cli: CliRunner) -> None:
    out = run(cli, assess_app, "take", "empathy", "--answers", "4,4,2,4,2,4,4,2,4,2")
    assert "75/100" in out and "Steady" in out and "Saved as item" in out
    assert "feelheard practice start" in out or "feelheard checkin" in out
    assert "not a diagnosis" in out
    data = json.loads(run(cli, assess_app, "take", "empathy", "-a", "3 3 3 3 3 3 3 3 3 3", "--json"))
    assert data["score"] == 50 and data["band"]["id"] == "growing" and isinstance(data["saved_id"], int)
    history = run(cli, assess_app, "history", "empathy")
    assert history.count("empathy") == 2 and "change since the first one: -25" in history
    rows = json.loads(run(cli, assess_app, "history", "--json"))
    assert [r["score"] for r in rows] == [50, 75]


def test_take_no_save_keeps_nothing(cli: CliRunner) -> None:
    out = run(cli, assess_app, "take", "burnout", "--answers", "1,1,1,1,1,1,5", "--no-save")
    assert "Well resourced" in out and "Not saved (--no-save)." in out
    assert "no results kept yet" in run(cli, assess_app, "history")


def test_take_interactive_asks_each_item_and_re_asks_bad_input(cli: CliRunner) -> None:
    out = run(cli, assess_app, "take", "burnout", "--no-save", input="7\n1\n1\n1\n1\n1\n1\n5\n")
    assert out.count("Your answer (1-5)") == 8  # one bad answer asked again
    assert "Please type a number from 1 to 5" in out and "Well resourced" in out


def test_red_flags_that_touch_safety_show_help_lines_and_are_not_saved(cli: CliRunner) -> None:
    out = run(cli, assess_app, "take", "red-flags", "--answers", "1,1,1,2,1,1,1,1,1,1,1,1")
    assert "Your safety comes first" in out and "not your fault" in out
    assert "United Kingdom" in out and "Not saved" in out
    assert "feelheard practice" not in out
    assert "no results kept yet" in run(cli, assess_app, "history")
    data = json.loads(run(cli, assess_app, "take", "red-flags", "-a", "1,1,1,1,1,1,1,1,1,1,1,1", "--json"))
    assert data["touches_safety"] is False and data["saved_id"] is not None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["take", "nope", "-a", "1"], "no assessment called 'nope'"),
        (["take", "empathy", "-a", "1,2"], "needs 10 answers (got 2)"),
        (["take", "burnout", "-a", "1,2,3,4,5,6,1"], "answer 6 must be a whole number from 1 to 5"),
        (["take", "burnout", "-a", " , "], "--answers is empty"),
        (["history", "nope"], "no assessment called 'nope'"),
    ],
)
def test_bad_input_is_an_input_error(cli: CliRunner, args: list[str], words: str) -> None:
    result = cli.invoke(assess_app, args)
    assert isinstance(result.exception, InputError) and words in str(result.exception)


def test_bad_input_through_the_main_command_is_one_line_and_exit_2(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from feelheard.cli import app as cli_app

    root = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    root.add_typer(assess_app, name="assess")
    root.add_typer(checkin_app, name="checkin")
    monkeypatch.setattr(cli_app, "app", root)
    assert cli_app.main(["assess", "take", "empathy", "--answers", "9"]) == 2
    assert cli_app.main(["checkin", "--mood", "9", "--appreciation", "x"]) == 2
    assert cli_app.main(["checkin", "debrief", "--answer", "nonsense"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("feelheard: error: ") for line in err)
    assert "Traceback" not in "\n".join(err)
