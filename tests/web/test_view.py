"""What the Coach panel shows: highlight segments and the draft-to-suggestion diff keep the text exact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from feelheard.result import Finding
from feelheard.web.view import highlight, word_diff


def _finding(start: int, end: int, kind: str = "pitfall", id: str = "invalidating") -> Finding:
    return Finding(id=id, kind=kind, start=start, end=end, quote="", tip="a tip")  # type: ignore[arg-type]


def test_segments_rejoin_to_the_text_and_carry_tips() -> None:
    text = "You're overreacting, I was gone ten minutes"
    segments = highlight(text, [_finding(0, 19), _finding(21, 43, "move", "reflection")], names={})
    assert "".join(s.text for s in segments) == text
    assert [s.kind for s in segments] == ["pitfall", "", "move"]
    assert segments[0].text == "You're overreacting"


def test_overlapping_findings_share_a_segment_and_pitfall_wins() -> None:
    text = "calm down, whatever"
    segments = highlight(text, [_finding(0, 9), _finding(5, 19, "move", "reflection")], names={})
    assert "".join(s.text for s in segments) == text
    middle = next(s for s in segments if s.text == "down")
    assert middle.kind == "pitfall" and len(middle.tips) == 2


def test_offsets_outside_the_text_are_clipped() -> None:
    segments = highlight("short", [_finding(-3, 2), _finding(3, 99), _finding(7, 9)], names={})
    assert "".join(s.text for s in segments) == "short"


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6),
)
def test_highlight_never_loses_or_adds_text(text: str, spans: list[tuple[int, int]]) -> None:
    segments = highlight(text, [_finding(a, b) for a, b in spans], names={})
    assert "".join(s.text for s in segments) == text


@given(st.text(max_size=80), st.text(max_size=80))
def test_diff_rebuilds_both_texts(before: str, after: str) -> None:
    parts = word_diff(before, after)
    assert "".join(p.text for p in parts if p.op != "added") == before
    assert "".join(p.text for p in parts if p.op != "removed") == after


def test_a_full_rewrite_reads_as_one_removal_and_one_addition() -> None:
    parts = word_diff(
        "You'll be fine, stop worrying so much.", "It sounds like you felt anxious. Want to talk?"
    )
    assert [p.op for p in parts] == ["removed", "added"]


def test_an_unchanged_tail_is_kept() -> None:
    parts = word_diff("You're overreacting, I love you.", "I'm sorry you felt alone. I love you.")
    assert parts[-1].op == "same" and parts[-1].text == " I love you."
