"""`feelheard data ...` through Typer's CliRunner, on both engines."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from feelheard.cli.data import app
from feelheard.errors import InputError

PASS = "a passphrase for tests"


@pytest.fixture
def cli(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("FEELHEARD_DATABASE_URL", db_url)
    monkeypatch.delenv("FEELHEARD_PASSPHRASE", raising=False)
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def run(cli: CliRunner, *args: str, env: dict[str, str] | None = None) -> str:
    result = cli.invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_save_list_show_export_import_forget_delete(cli: CliRunner, tmp_path: Path) -> None:
    out = run(
        cli, "save", "--partner", "I felt invisible at dinner tonight", "--reply", "You're overreacting."
    )
    assert out.startswith("saved item ")
    analysis_id = out.split()[2]
    run(cli, "add", "journal", "--text", "We talked it through on the porch.")
    sealed = run(
        cli,
        "add",
        "checkin",
        "--text",
        "still a bit raw",
        "--mood",
        "5",
        "--encrypt",
        env={"FEELHEARD_PASSPHRASE": PASS},
    )
    assert "(encrypted)" in sealed
    sealed_id = sealed.split()[2]

    listing = run(cli, "list")
    assert "I felt invisible at dinner tonight" in listing and "[encrypted]" in listing
    assert len(listing.strip().splitlines()) == 3
    items = json.loads(run(cli, "list", "--json", "--kind", "analysis"))
    assert items[0]["payload"]["reply"] == "You're overreacting."

    shown = run(cli, "show", analysis_id)
    assert "Your reply: You're overreacting." in shown and "invalidating" in shown
    assert "still a bit raw" not in run(cli, "show", sealed_id)
    assert "still a bit raw" in run(
        cli, "show", sealed_id, "--passphrase", env={"FEELHEARD_PASSPHRASE": PASS}
    )
    wrong = cli.invoke(app, ["show", sealed_id], env={"FEELHEARD_PASSPHRASE": "nope"})
    assert isinstance(wrong.exception, InputError)

    export = tmp_path / "mine.json"
    assert "exported 3 item(s)" in run(cli, "export", "--out", str(export))
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
    run(cli, "forget", analysis_id, "--yes")
    assert len(run(cli, "list").strip().splitlines()) == 2
    assert "imported 1 item(s), skipped 2" in run(cli, "import", str(export))
    assert "imported 0 item(s), skipped 3" in run(cli, "import", str(export))

    refused = cli.invoke(app, ["delete-all"], input="")
    assert isinstance(refused.exception, InputError) and "--yes" in str(refused.exception)
    assert len(run(cli, "list").strip().splitlines()) == 3
    assert "deleted 3 item(s)" in run(cli, "delete-all", "--yes")
    assert run(cli, "list").strip() == "nothing kept yet"


def test_errors_are_input_errors(cli: CliRunner, tmp_path: Path) -> None:
    for args in (
        ["show", "12345"],
        ["forget", "12345", "--yes"],
        ["import", str(tmp_path / "missing.json")],
        ["add", "analysis", "--text", "x"],
        ["list", "--user", "nobody"],
    ):
        result = cli.invoke(app, args)
        assert isinstance(result.exception, InputError), (args, result.output)


def test_where_names_the_database(cli: CliRunner, db_url: str) -> None:
    out = run(cli, "where").strip()
    assert out.endswith("feelheard.db") if db_url.startswith("sqlite") else out.startswith("postgresql")


def test_share_and_unshare_between_accounts(cli: CliRunner, db_url: str) -> None:
    from feelheard.storage.db import get_engine

    from .conftest import make_people

    make_people(get_engine(db_url))
    item_id = run(cli, "add", "journal", "--text", "for both of us", "--user", "ana").split()[2]
    assert run(cli, "list", "--user", "ben").strip() == "nothing kept yet"
    local_share = cli.invoke(app, ["share", item_id])  # the local user does not own it
    assert isinstance(local_share.exception, InputError)
    run(cli, "share", item_id, "--user", "ana")
    assert "for both of us" in run(cli, "list", "--user", "ben") and "[partner]" in run(
        cli, "list", "-u", "ben"
    )
    assert run(cli, "list", "--user", "cam").strip() == "nothing kept yet"
    run(cli, "unshare", item_id, "--user", "ana")
    assert run(cli, "list", "--user", "ben").strip() == "nothing kept yet"


def test_safety_flagged_exchanges_are_never_saved(cli: CliRunner) -> None:
    result = cli.invoke(
        app, ["save", "-p", "I want to kill myself tonight", "-r", "ok"], catch_exceptions=False
    )
    assert result.exit_code == 0 and "not saved" in result.output
    assert run(cli, "list").strip() == "nothing kept yet"
