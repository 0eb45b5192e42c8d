"""Moves and pitfalls: behaviour the rules must get right (negation, texting, order, context)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feelheard.analyzers.acts import find_acts
from feelheard.text import parse


def ids(reply: str, partner: str | None = None) -> tuple[set[str], set[str]]:
    moves, pitfalls = find_acts(parse(reply), parse(partner) if partner else None)
    return {m.id for m in moves}, {p.id for p in pitfalls}


@pytest.mark.parametrize(
    "reply",
    ["You're overreacting", "ur overreacting", "youre overreacting lol", "you are being so dramatic rn"],
)
def test_invalidating_in_many_spellings(reply: str) -> None:
    assert "invalidating" in ids(reply)[1]


@pytest.mark.parametrize(
    "reply",
    ["I'm not saying you're overreacting", "I would never tell you to calm down", "You're not overreacting."],
)
def test_negated_invalidation_is_not_a_pitfall(reply: str) -> None:
    assert "invalidating" not in ids(reply)[1]


def test_not_overreacting_is_validation() -> None:
    assert "validation" in ids("You're not overreacting, that was a lot.")[0]


def test_apology_then_intent_is_fine_but_intent_alone_is_defensive() -> None:
    moves, pitfalls = ids("sorry that hurt you. that wasn't my intention")
    assert "apology" in moves and "defensiveness" not in pitfalls
    assert "defensiveness" in ids("That's not what I meant.")[1]


def test_advice_is_fine_when_asked_for() -> None:
    reply = "You should talk to HR about it"
    assert "advice_giving" in ids(reply, "My boss yelled at me in front of everyone")[1]
    assert "advice_giving" not in ids(reply, "My boss yelled at me again, what should I do?")[1]


def test_reported_speech_is_not_the_users_words() -> None:
    assert "advice_giving" not in ids("my mom said you should just relax")[1]


def test_non_apology_is_not_an_apology() -> None:
    moves, pitfalls = ids("I'm sorry you feel that way")
    assert "non_apology" in pitfalls and "apology" not in moves


def test_sorry_but_is_a_non_apology() -> None:
    assert "non_apology" in ids("I'm sorry I was late, but traffic was insane")[1]


def test_cliche_alone_versus_with_specifics() -> None:
    assert "cliche" in ids("I understand.")[1]
    assert (
        "cliche"
        not in ids(
            "I understand. It sounds like you felt invisible at dinner when I kept checking my phone."
        )[1]
    )


def test_stonewalling_and_named_break() -> None:
    assert "stonewalling" in ids("Fine.")[1]
    assert "stonewalling" in ids("whatever")[1]
    moves, pitfalls = ids("I need a break, can we talk after dinner?")
    assert "stonewalling" not in pitfalls and "repair_attempt" in moves


def test_criticism_contempt_guilt_gaslighting_self_erasure() -> None:
    assert "criticism" in ids("you never listen to me")[1]
    assert "criticism" not in ids("you always make me laugh")[1]
    assert "contempt" in ids("oh poor you")[1]
    assert "guilt_trip" in ids("if you loved me you would come")[1]
    assert "gaslighting" in ids("that never happened")[1]
    assert "self_erasure" in ids("It's all my fault, I ruin everything")[1]


def test_a_good_reply_has_moves_and_no_pitfalls() -> None:
    moves, pitfalls = ids(
        "I'm so sorry I left you alone at the party. That must have felt really lonely. What was the hardest part?"
    )
    assert {"apology", "naming_emotion", "open_question"} <= moves
    assert not pitfalls


def test_quote_is_the_span() -> None:
    reply = "ok so ur overreacting, i was gone 10 min"
    moves, pitfalls = find_acts(parse(reply), None)
    for finding in (*moves, *pitfalls):
        assert reply[finding.start : finding.end] == finding.quote


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_findings_always_index_the_reply(reply: str) -> None:
    moves, pitfalls = find_acts(parse(reply), None)
    for finding in (*moves, *pitfalls):
        assert 0 <= finding.start < finding.end <= len(reply)
        assert reply[finding.start : finding.end] == finding.quote


@pytest.mark.parametrize(
    "reply", ["It's not a big deal.", "its not a big deal", "Honestly that's not a big deal"]
)
def test_quotes_start_at_a_word(reply: str) -> None:
    from feelheard import analyze

    found = analyze(partner="You forgot again.", reply=reply).pitfalls
    assert [f.id for f in found] == ["minimizing"]
    start = found[0].start
    assert start == 0 or not reply[start - 1].isalnum()


def test_head_reads_no_pitfall_into_a_one_word_echo() -> None:
    from feelheard import analyze

    result = analyze(
        partner="Nat says I spend six hours a day on my phone.",
        reply="Six? That sounds like it stung to hear.",
    )
    assert [f.id for f in result.pitfalls] == []


@pytest.mark.parametrize(
    ("reply", "criticism"),
    [
        ("Which jobs could I take over so you never have to think about them?", False),
        ("I'll sort the bills so that you never need to chase them again.", False),
        ("You never have to do anything around here, do you?", True),
        ("You never listen.", True),
    ],
)
def test_a_purpose_clause_is_not_an_absolute_charge(reply: str, criticism: bool) -> None:
    _, pitfalls = ids(reply)
    assert ("criticism" in pitfalls) is criticism
