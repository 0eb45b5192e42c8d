"""The `feelheard` command: the coaching card, JSON, JSON Lines, and bad input (one line, exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from feelheard.cli.app import main

PARTNER = "I felt so alone at the party, you left me with people I didn't know"
REPLY = "You're overreacting, I was gone ten minutes"


def run(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    stdin: bytes | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        import io

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_the_card(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--partner", PARTNER, "--reply", REPLY], capsys)
    assert code == 0
    for heading in (
        "What your partner may be feeling",
        "Words that may backfire",
        "What already works",
        "Empathy",
        "Suggested reply",
        "Score",
    ):
        assert heading in out
    assert "You're overreacting" in out


def test_analyze_json_validates(capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    from feelheard.schema import analysis_schema

    code, out, _ = run(["analyze", "--partner", PARTNER, "--reply", REPLY, "--id", "a1"], capsys)
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, analysis_schema())
    assert data["id"] == "a1"


def test_texts_from_files_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    partner_file = tmp_path / "partner.txt"
    partner_file.write_text(PARTNER, encoding="utf-8")
    code, out, _ = run(
        ["analyze", "--partner", str(partner_file), "--reply", "-"],
        capsys,
        stdin=REPLY.encode(),
        monkeypatch=monkeypatch,
    )
    assert code == 0
    assert {p["id"] for p in json.loads(out)["pitfalls"]} >= {"invalidating"}


def write_jsonl(path: Path, rows: list[object]) -> None:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )


def test_bulk_keeps_ids_and_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        {"id": i, "partner": PARTNER if i % 2 else None, "reply": None if i % 6 == 3 else REPLY}
        for i in range(1, 60)
    ]
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, rows)
    code, _, _ = run(["analyze", "--jsonl", str(source), "--out", str(target)], capsys)
    assert code == 0
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in rows]
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    for row, result in zip(rows, out, strict=True):
        if row["reply"] is None:
            assert result["score"] is None and result["pitfalls"] == []


def test_bulk_stdin_to_stdout(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = b'{"id": "x", "partner": null, "reply": "fine."}\n{"id": "y", "partner": "hey", "reply": null}\n'
    code, out, _ = run(["analyze", "--jsonl", "-"], capsys, stdin=lines, monkeypatch=monkeypatch)
    assert code == 0
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["x", "y"]


def test_malformed_line_is_named_and_no_file_is_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, [{"id": 1, "partner": None, "reply": "ok"}, "{not json", {"id": 3, "reply": "hi"}])
    code, _, err = run(["analyze", "--jsonl", str(source), "--out", str(target)], capsys)
    assert code == 2
    assert "line 2" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_failed_run_keeps_the_previous_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    target.write_text("previous results\n", encoding="utf-8")
    write_jsonl(source, [{"id": 1, "reply": "ok"}, {"id": 2, "reply": ""}])
    code, _, err = run(["analyze", "--jsonl", str(source), "--out", str(target)], capsys)
    assert code == 2 and "line 2" in err
    assert target.read_text(encoding="utf-8") == "previous results\n"


def test_skip_invalid_reports_at_the_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(
        source,
        [
            {"id": 1, "reply": "ok"},
            "[1, 2]",
            {"id": 3, "partner": None, "reply": None},
            {"id": 4, "reply": "x" * 30},
            {"id": 5, "reply": "thank you"},
        ],
    )
    code, _, err = run(
        ["analyze", "--jsonl", str(source), "--out", str(target), "--skip-invalid", "--max-chars", "20"],
        capsys,
    )
    assert code == 0
    assert [json.loads(x)["id"] for x in target.read_text().splitlines()] == [1, 5]
    assert "line 2" in err and "line 3" in err and "line 4" in err and "3 invalid" in err


def test_invalid_utf8_and_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    code, _, err = run(["analyze", "--reply", str(bad)], capsys)
    assert code == 2 and "UTF-8" in err
    binary = tmp_path / "img.bin"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    code, _, err = run(["analyze", "--reply", str(binary)], capsys)
    assert code == 2 and "binary" in err
    lines = tmp_path / "in.jsonl"
    lines.write_bytes(b'{"id": 1, "reply": "ok"}\n{"id": 2, "reply": "caf\xe9"}\n')
    code, _, err = run(["analyze", "--jsonl", str(lines), "--out", str(tmp_path / "o.jsonl")], capsys)
    assert code == 2 and "line 2" in err and "UTF-8" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["analyze", "--nope"],
        ["--what"],
        ["check"],
        ["analyze", "--reply", "   "],
        ["analyze", "--jsonl", "/does/not/exist"],
        ["analyze", "--reply", "x" * 20_001],
    ],
)
def test_user_errors_are_one_line_and_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("feelheard: error:")


def test_installed_command_end_to_end(tmp_path: Path) -> None:
    env = {**os.environ, "FEELHEARD_MAX_CHARS": "50"}
    exe = Path(sys.executable).with_name("feelheard")
    ok = subprocess.run(
        [str(exe), "analyze", "--reply", "I'm sorry, that sounds hard"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["moves"]
    too_long = subprocess.run(
        [str(exe), "analyze", "--reply", "y" * 60], capture_output=True, text=True, env=env, timeout=120
    )
    assert (
        too_long.returncode == 2 and "Traceback" not in too_long.stderr and "limit is 50" in too_long.stderr
    )
