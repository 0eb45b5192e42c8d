"""Fast tests of the safety detector: behaviour on clear cases, offsets, and robustness."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feelheard.safety import CATEGORIES, SafetyResult, detect_safety, explanation, merge

DEV = Path(__file__).resolve().parents[1] / "data" / "safety" / "dev.jsonl"


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        ("I don't see the point anymore", "concern", "self_harm"),
        (
            "he goes through my phone every night and I'm not allowed to see my sister",
            "concern",
            "coercive_control",
        ),
        ("i wanna kms tonight, i have the pills", "urgent", "self_harm"),
        ("he choked me last night", "urgent", "violence"),
        ("He said he'd kill me if I ever left", "urgent", "violence"),
        ("he calls me worthless and says no one else would ever want me", "concern", "abuse"),
        ("hes always goin thru my fone", "concern", "coercive_control"),
        ("My friend's husband hits her", "concern", "violence"),
    ],
)
def test_flags_clear_danger(text: str, level: str, category: str) -> None:
    result = detect_safety(text)
    assert result.level == level
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "this commute is killing me",
        "I'll kill you if you spoil the finale",
        "I'm dead 😂",
        "I could kill you for eating my fries",
        "In the movie the husband strangles his wife",
        "My ex used to hit me, but that was years ago and I'm safe now.",
        "He has never once raised a hand to me.",
        "I got jealous when you were texting your ex, can we talk about it?",
        "You really hurt me when you forgot our anniversary",
    ],
)
def test_ordinary_heat_is_none(text: str) -> None:
    assert detect_safety(text).level == "none"


def test_user_draft_threats_and_blackmail() -> None:
    control = detect_safety("if you go out tonight don't bother coming back", author="user")
    assert control.categories == ("coercive_control",)
    blackmail = detect_safety("I'll hurt myself if you leave", author="user")
    assert set(blackmail.categories) == {"self_harm", "coercive_control"}
    assert explanation(blackmail, author="user")


def test_plain_denial_is_none_but_denial_with_other_sign_is_flagged() -> None:
    assert detect_safety("I'm not going to hurt myself").level == "none"
    assert detect_safety("I'm not suicidal but I don't see the point anymore").level == "concern"


def test_findings_quote_their_span_in_the_original_text() -> None:
    text = "He HITT me agen last nite 😢 and i dont wanna b here anymoreee"
    result = detect_safety(text)
    assert result.level == "urgent"
    for finding in result.findings:
        assert finding.quote == text[finding.start : finding.end]
        assert finding.category in CATEGORIES


def test_to_dict_shape() -> None:
    data = detect_safety("he put an airtag in my bag").to_dict()
    assert data["level"] == "concern"
    assert data["categories"] == ["coercive_control"]
    findings = data["findings"]
    assert isinstance(findings, list)
    assert set(findings[0]) == {"category", "level", "start", "end", "quote", "reason"}
    json.dumps(data)


def test_merge_takes_worst_level_and_union_in_catalogue_order() -> None:
    a = detect_safety("he put an airtag in my bag")
    b = detect_safety("i want to die")
    merged = merge([a, b, detect_safety("thanks for dinner")])
    assert merged.level == "concern"
    assert merged.categories == ("self_harm", "coercive_control")
    assert len(merged.findings) == len(a.findings) + len(b.findings)
    assert merge([]) == SafetyResult(level="none", categories=(), findings=())


def test_explanation_is_empty_for_none_and_warm_otherwise() -> None:
    assert explanation(detect_safety("see you at six")) == ""
    text = explanation(detect_safety("he hit me yesterday"), author="partner")
    assert "emergency" in text


def test_dev_set_is_well_formed() -> None:
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) >= 320
    assert sum(1 for i in items if i["hard_negative"]) >= 0.4 * len(items)
    for item in items:
        assert item["level"] in {"none", "concern", "urgent"}
        assert item["author"] in {"partner", "user"}
        assert set(item["categories"]) <= set(CATEGORIES)
        assert (item["level"] == "none") == (not item["categories"])


def test_fast_on_typical_text() -> None:
    text = (
        "We had a long talk last night about the holidays and I felt unheard again, but I know you are "
        "trying and I want us to plan it together this weekend, maybe with your sister, if that works?"
    )
    detect_safety(text)
    start = time.perf_counter()
    for _ in range(50):
        detect_safety(text + " ")
    assert (time.perf_counter() - start) / 50 < 0.01


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_offsets_are_valid(text: str) -> None:
    result = detect_safety(text)
    assert result.level in {"none", "concern", "urgent"}
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.quote == text[finding.start : finding.end]


_WORDS = st.sampled_from(
    [
        "he",
        "hit",
        "me",
        "kill",
        "myself",
        "u",
        "ur",
        "dont",
        "wanna",
        "die",
        "lol",
        "😂",
        "phone",
        "goes",
        "through",
        "my",
        "not",
        "allowed",
        "to",
        "see",
        "friends",
        "İ",
        "ß",
        "Ǆ",
        "tonight",
        "pills",
        "'",
        "’",
        "!!",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_offsets_valid_on_danger_like_text(text: str) -> None:
    for author in ("partner", "user"):
        result = detect_safety(text, author=author)  # type: ignore[arg-type]
        for finding in result.findings:
            assert finding.quote == text[finding.start : finding.end]
            assert finding.start < finding.end


def test_gates_never_change_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """The word gates only skip rules that cannot match: results with and without them are identical."""
    from feelheard.safety import _rules, detector

    texts = [
        json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    gated = [detect_safety(text) for text in texts]
    monkeypatch.setattr(detector, "_gated_rules", lambda norm: list(_rules.ALL_RULES))
    assert [detect_safety(text) for text in texts] == gated
