"""Import: WhatsApp edge cases, Telegram, Signal, CSV, plain lines, and every kind of bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from feelheard.errors import InputError
from feelheard.ingest import ParseReport, open_transcript, parse_transcript

FIXTURES = Path(__file__).parent / "fixtures"


def _parse(path: Path) -> tuple[list[tuple[str | None, str, str, str]], ParseReport]:
    chat = open_transcript(path)
    got = [(m.time.isoformat() if m.time else None, m.author, m.text, m.kind) for m in chat]
    return got, chat.report


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_android_fixture_system_lines_media_deleted_and_emoji_names() -> None:
    got, report = _parse(FIXTURES / "couple_android.txt")
    assert report.format == "whatsapp"
    assert report.system_lines == 1
    assert report.messages == 19
    assert got[0] == ("2024-03-14T08:02:00", "Alex 🌙", "Good morning! Did you sleep ok?", "text")
    assert ("2024-03-14T19:30:00", "Sam", "<Media omitted>", "media") in got
    assert ("2024-03-18T12:01:00", "Alex 🌙", "This message was deleted", "deleted") in got


def test_multiline_edited_and_phone_authors(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "chat.txt",
        "1/2/21, 9:05 PM - +44 7700 900123: first line\nsecond line\n\nfourth line\n"
        "1/2/21, 9:06 PM - Sam: fixed it <This message was edited>\n"
        "1/13/21, 9:07 PM - Sam added Alex\n"
        '1/13/21, 9:08 PM - Sam changed the subject to "Plans: June"\n',
    )
    got, report = _parse(path)
    assert got == [
        ("2021-01-02T21:05:00", "+44 7700 900123", "first line\nsecond line\n\nfourth line", "text"),
        ("2021-01-02T21:06:00", "Sam", "fixed it", "text"),
    ]
    assert report.system_lines == 2
    assert "month/day/year" in report.detail
    edited = list(parse_transcript(path))[1]
    assert edited.edited and edited.to_dict()["edited"] is True


def test_damaged_lines_are_counted_with_line_numbers(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "chat.txt",
        "stray text before anything\n"
        "13/01/2021, 10:00 - Sam: hello\n"
        "31/02/2021, 10:01 - Sam: an impossible date\n"
        "14/01/2021, 10:0\n"
        "14/01/2021, 10:02 - Alex: still fine\n",
    )
    got, report = _parse(path)
    assert [g[2] for g in got] == ["hello", "still fine"]
    assert report.damaged == 3
    assert [n for n, _, _ in report.examples] == [1, 3, 4]
    assert "damaged lines not read: 3" in report.summary()


def test_unknown_format_lists_what_is_supported(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.txt", "just some notes\nabout groceries\nand nothing else\n")
    with pytest.raises(InputError) as err:
        open_transcript(path)
    message = str(err.value)
    assert "could not recognise" in message
    for name in ("WhatsApp", "Telegram", "Signal", "CSV"):
        assert name in message


def test_binary_and_wrong_encodings_are_refused(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    with pytest.raises(InputError, match="PNG image"):
        open_transcript(png)
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x01\x02\x00\x00binary" * 20)
    with pytest.raises(InputError, match="binary"):
        open_transcript(blob)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("13/01/2021, 10:00 - Sam: hello\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        open_transcript(utf16)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("13/01/2021, 10:00 - José: olá, tudo bem?\n".encode("latin-1"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        open_transcript(latin)
    sqlite = tmp_path / "db.sqlite"
    sqlite.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(InputError, match="signal-export"):
        open_transcript(sqlite)


def test_huge_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"13/01/2021, 10:00 - Sam: " + b"a" * (3 << 20) + b"\n")
    with pytest.raises(InputError, match="longer than 1 MB"):
        list(parse_transcript(path))


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("_chat.txt", b"\n" * (64 << 20))
    with pytest.raises(InputError, match="zip bomb"):
        open_transcript(path)


def test_zip_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "liar.zip"
    body = b"13/01/2021, 10:00 - Sam: hello\n" * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("_chat.txt", body)
    raw = bytearray(path.read_bytes())
    # Shrink the declared size in the central directory: reading must stop rather than trust it.
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError):
        list(parse_transcript(path))


def test_damaged_zip_and_empty_zip(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"garbage" * 10)
    with pytest.raises(InputError, match="not a readable zip"):
        open_transcript(broken)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    with pytest.raises(InputError, match="no chat text"):
        open_transcript(empty)


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        open_transcript(tmp_path / "nope.txt")
    empty = _write(tmp_path, "empty.txt", "")
    with pytest.raises(InputError, match="empty"):
        open_transcript(empty)


def test_telegram_json() -> None:
    got, report = _parse(FIXTURES / "telegram_result.json")
    assert report.format == "telegram"
    assert got == [
        ("2024-05-01T20:15:03", "Sam", "Are you still at work?", "text"),
        ("2024-05-01T20:16:40", "Alex", "Yes, sorry. Running late. Bold part here", "text"),
        ("2024-05-01T20:17:00", "Alex", "photo", "media"),
        ("2024-05-01T20:30:12", "Deleted Account", "hello?", "text"),
    ]
    assert report.system_lines == 1
    assert report.damaged == 1


def test_telegram_full_account_export_with_many_chats_is_explained(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "result.json",
        json.dumps({"chats": {"list": [{"name": "A", "messages": []}, {"name": "B", "messages": []}]}}),
    )
    with pytest.raises(InputError, match="2 chats"):
        list(parse_transcript(path))


def test_signal_markdown() -> None:
    got, report = _parse(FIXTURES / "signal_chat.md")
    assert report.format == "signal"
    assert got == [
        ("2024-02-03T18:01:02", "Sam", "Are we still on for tonight?", "text"),
        ("2024-02-03T18:05:09", "Alex", "Yes! Can't wait.\nShould I bring wine?", "text"),
        ("2024-02-03T18:06:00", "Sam", "", "deleted"),
        ("2024-02-03T18:07:30", "Sam", "![photo.jpg](./media/photo.jpg)", "media"),
        ("2024-02-03T18:09:00", "Alex", "looks great", "text"),
    ]


def test_signal_json_lines() -> None:
    got, report = _parse(FIXTURES / "signal_data.json")
    assert report.format == "signal-json"
    assert got == [
        ("2024-02-03T18:01:02", "Sam", "Are we still on for tonight?", "text"),
        ("2024-02-03T18:05:09", "Alex", "Yes! Can't wait.", "text"),
        ("2024-02-03T18:06:00", "Sam", "", "deleted"),
        ("2024-02-03T18:07:30", "Sam", "<attachment>", "media"),
    ]
    assert report.damaged == 1


def test_csv_with_header_and_a_bad_row() -> None:
    got, report = _parse(FIXTURES / "generic.csv")
    assert report.format == "csv"
    assert got == [
        ("2024-06-01T09:00:00", "Sam", "Morning, love", "text"),
        ("2024-06-01T09:05:00", "Alex", "Morning! Slept badly, long day ahead", "text"),
        ("2024-06-01T09:06:00", "Sam", "Oh no, that sounds rough.\nWant to talk tonight?", "text"),
    ]
    assert report.damaged == 1


def test_name_colon_text_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "talk.txt",
        "Sam: I felt ignored at dinner\nAlex: I'm sorry. I was distracted\nand tired\nSam: thanks\n",
    )
    got, report = _parse(path)
    assert report.format == "lines"
    assert got == [
        (None, "Sam", "I felt ignored at dinner", "text"),
        (None, "Alex", "I'm sorry. I was distracted\nand tired", "text"),
        (None, "Sam", "thanks", "text"),
    ]


def test_jsonl_round_trip(tmp_path: Path) -> None:
    original = list(parse_transcript(FIXTURES / "couple_android.txt"))
    path = tmp_path / "messages.jsonl"
    path.write_text(
        "".join(json.dumps(m.to_dict(), ensure_ascii=False) + "\n" for m in original), encoding="utf-8"
    )
    again = list(parse_transcript(path))
    assert again == original
