"""The report: escaping (nothing from the chat can run), anonymizing, the CLI, and a real browser screenshot."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from feelheard.cli.transcript import app
from feelheard.ingest import Message
from feelheard.transcript import render, review
from feelheard.transcript.anonymize import Anonymizer

FIXTURES = Path(__file__).parent / "fixtures"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "output" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

HOSTILE = (
    "13/01/2024, 21:00 - <img src=x onerror=alert(1)>: <script>alert('xss')</script> You never listen, you're so selfish\n"
    "13/01/2024, 21:01 - Sam: </script><script>alert(2)</script> That's not what I meant {{ 7*7 }}\n"
    '13/01/2024, 21:02 - <img src=x onerror=alert(1)>: <b onmouseover=alert(3)>whatever</b> <a href="javascript:alert(4)">x</a>\n'
    "13/01/2024, 21:03 - Sam: I'm sorry. Can we start over? <iframe src=javascript:alert(5)></iframe>\n"
)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    chat = folder / "chat.txt"
    chat.write_text(HOSTILE, encoding="utf-8")
    metrics, parsed = review(chat, me="Sam")
    out = folder / "report.html"
    out.write_text(render(metrics, parsed), encoding="utf-8")
    return out


def test_chat_text_is_escaped_in_html(hostile_report: Path) -> None:
    page = hostile_report.read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b onmouseover" not in page and "<iframe" not in page
    assert "&lt;script&gt;alert(" in page  # shown as text
    assert "{{ 7*7 }}" in page or "49" not in page.split("Charts")[0]
    assert not re.search(r"<script[^>]*\bsrc=", page)  # plotly is inline: no script loads from anywhere


def test_report_is_self_contained_and_has_charts(hostile_report: Path) -> None:
    page = hostile_report.read_text(encoding="utf-8")
    assert page.count("plotly.min.js") <= 2  # the library's banner, inlined once
    assert page.count('class="plotly-graph-div"') >= 3
    assert "What we noticed" in page


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")
def test_no_script_runs_in_a_real_browser(hostile_report: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    normal = tmp_path / "normal.html"
    metrics, parsed = review(FIXTURES / "couple_android.txt", me="Alex")
    normal.write_text(render(metrics, parsed, title="Chat review: Alex and Sam"), encoding="utf-8")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(hostile_report.as_uri())
        page.wait_for_timeout(1500)
        page.mouse.move(200, 400)
        for element in page.query_selector_all("blockquote"):
            element.hover()
        assert page.locator(".plotly-graph-div").count() >= 3
        assert "<script>alert('xss')</script>" in page.inner_text("body")
        page.screenshot(path=str(SCREENSHOTS / "transcript_report_hostile.png"), full_page=False)
        page.goto(normal.as_uri())
        page.wait_for_selector(".plotly-graph-div .main-svg")
        page.screenshot(path=str(SCREENSHOTS / "transcript_report.png"), full_page=True)
        browser.close()
    assert dialogs == []


def test_anonymizer_is_consistent() -> None:
    anon = Anonymizer(["Alex Morgan 🌙", "+44 7700 900123"])
    first = anon.message(
        Message(None, "Alex Morgan 🌙", "call +44 7700 900123 or mail alex.m@example.com, alex")
    )
    second = anon.message(
        Message(None, "+44 7700 900123", "ALEX? my email is alex.m@example.com; Morgan says hi")
    )
    assert first.author == "Person A" and second.author == "Person B"
    assert first.text == "call [phone 1] or mail [email 1], Person A"
    assert second.text == "Person A? my email is [email 1]; Person A says hi"
    third = anon.message(Message(None, "Jordan", "new number 07700 900456"))
    assert third.author == "Person C" and third.text == "new number [phone 2]"


def test_anonymized_report_has_no_names(tmp_path: Path) -> None:
    metrics, parsed = review(FIXTURES / "couple_android.txt", me="Sam", anonymize=True)
    page = render(metrics, parsed)
    readable = re.sub(
        r"<script.*?</script>", "", page, flags=re.DOTALL
    )  # the plotly library has its own words
    blob = json.dumps(metrics, ensure_ascii=False)
    for real in ("Alex", "Sam"):
        assert not re.search(rf"\b{real}\b", readable) and real not in blob
    assert "Person A" in readable
    assert metrics["people"] == ["Person A", "Person B"]


def test_cli_parse_writes_jsonl_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "messages.jsonl"
    result = CliRunner().invoke(app, ["parse", str(FIXTURES / "couple_android.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 19
    assert rows[0] == {
        "time": "2024-03-14T08:02:00",
        "author": "Alex 🌙",
        "text": "Good morning! Did you sleep ok?",
    }
    assert "format: whatsapp" in result.output


def test_cli_report_writes_html_and_json(tmp_path: Path) -> None:
    html, data = tmp_path / "report.html", tmp_path / "metrics.json"
    result = CliRunner().invoke(
        app,
        [
            "report",
            str(FIXTURES / "couple_android.txt"),
            "--me",
            "sam",
            "--out",
            str(html),
            "--json",
            str(data),
        ],
    )
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").startswith("<!doctype html>")
    payload = json.loads(data.read_text(encoding="utf-8"))
    assert payload["metrics"]["people"] == ["Sam", "Alex 🌙"]
    assert payload["import"]["format"] == "whatsapp"


def test_cli_unknown_me_and_unknown_format(tmp_path: Path) -> None:
    from feelheard.errors import InputError

    result = CliRunner().invoke(app, ["report", str(FIXTURES / "couple_android.txt"), "--me", "Jordan"])
    assert isinstance(result.exception, InputError) and "Alex" in str(result.exception)
    notes = tmp_path / "notes.txt"
    notes.write_text("groceries\nmilk\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(notes)])
    assert isinstance(result.exception, InputError) and "Supported" in str(result.exception)


def test_cli_parse_anonymized(tmp_path: Path) -> None:
    out = tmp_path / "anon.jsonl"
    result = CliRunner().invoke(
        app, ["parse", str(FIXTURES / "couple_android.txt"), "--out", str(out), "--anonymize"]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Alex" not in text and "Sam" not in text and "Person A" in text


def test_review_reports_progress() -> None:
    seen: list[tuple[int, int]] = []
    review(FIXTURES / "couple_android.txt", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (19, 19)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
