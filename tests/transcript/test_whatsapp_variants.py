"""About a hundred WhatsApp export variants, generated independently, must parse to the known messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from feelheard.ingest import ParseReport, open_transcript, parse_transcript

from ._variants import DIMENSIONS, all_variants, render

VARIANTS = all_variants(100)


def test_there_are_about_a_hundred_distinct_variants() -> None:
    assert len(VARIANTS) == 100
    assert len({v.id for v in VARIANTS}) == 100
    for attr in DIMENSIONS:
        assert len({getattr(v, attr) for v in VARIANTS}) >= 2, attr


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.id for v in VARIANTS])
def test_variant_parses_exactly(variant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text, expected = render(variant)
    path = tmp_path / "WhatsApp Chat with Sam.txt"
    path.write_text(text, encoding="utf-8")
    report = ParseReport()
    got = [(m.time, m.author, m.text, m.kind) for m in parse_transcript(path, report)]
    assert got == expected
    assert report.format == "whatsapp"
    assert report.system_lines == 1
    assert report.damaged == 0
    assert report.media == 1 and report.deleted == 1


def test_zipped_variant_with_media_attached(tmp_path: Path) -> None:
    import zipfile

    text, expected = render(VARIANTS[3])
    path = tmp_path / "WhatsApp Chat with Sam.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt" if VARIANTS[3].platform == "ios" else "WhatsApp Chat with Sam.txt", text)
        archive.writestr("00000012-PHOTO-2021-03-07-12-00-04.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    chat = open_transcript(path)
    assert [(m.time, m.author, m.text, m.kind) for m in chat] == expected
