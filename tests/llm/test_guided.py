"""The offline guided first draft: pronouns, phrasing, and a draft that always passes the analyzer."""

from __future__ import annotations

import pytest

from feelheard.coach.guided import compose_first_draft, guided_draft, to_second_person
from feelheard.errors import InputError
from feelheard.pipeline import Pipeline


@pytest.fixture(scope="module")
def verifier(pipeline: Pipeline) -> Pipeline:
    return pipeline.without("suggest")


@pytest.mark.parametrize(
    ("about", "to"),
    [
        ("she got home late and I snapped at her", "you got home late and I snapped at you"),
        ("her mom heard it", "your mom heard it"),
        ("I gave her flowers and fixed her bike", "I gave you flowers and fixed your bike"),
        ("he always forgets to call", "you always forget to call"),
        ("he's been distant and he doesn't listen", "you've been distant and you don't listen"),
        ("she is tired and she tries so hard", "you are tired and you try so hard"),
        ("he watches TV while she washes up", "you watch TV while you wash up"),
        ("the choice was his", "the choice was yours"),
        ("she blames herself", "you blame yourself"),
        ("She was upset", "You were upset"),
        ("I told him", "I told you"),
        ("they left early", "they left early"),  # "they" is other people unless told otherwise
    ],
)
def test_third_person_becomes_you(about: str, to: str) -> None:
    assert to_second_person(about) == to


def test_name_and_they() -> None:
    assert to_second_person("Sam left me with Sam's friends", name="Sam") == "You left me with your friends"
    assert (
        to_second_person("they think their work matters more", they=True)
        == "you think your work matters more"
    )


def test_a_full_draft(verifier: Pipeline) -> None:
    result = guided_draft(
        "She got home late and I snapped at her",
        "hurt and ignored",
        "I feel sad and I need us to talk calmly",
        "I love her and I'm not going anywhere",
        verifier=verifier,
    )
    text = result.text
    assert "you got home late and I snapped at you" in text
    assert "hurt and ignored" in text
    assert "sad" in text and "I need us to talk calmly" in text
    assert "I love you and I'm not going anywhere" in text
    assert text.rstrip().endswith("?")
    assert result.analysis is not None
    assert result.analysis.pitfalls == []
    assert result.analysis.score is not None and result.analysis.score >= 70
    assert {"i_statement", "open_question"} <= {m.id for m in result.analysis.moves}


def test_compose_first_draft_returns_text(verifier: Pipeline) -> None:
    text = compose_first_draft(
        "we argued about money", "scared", "worried, I want a plan", "we're a team", verifier=verifier
    )
    assert isinstance(text, str) and "money" in text and "plan" in text


def test_all_empty_is_an_input_error(verifier: Pipeline) -> None:
    with pytest.raises(InputError):
        guided_draft("", " ", None, "", verifier=verifier)


def test_only_one_answer(verifier: Pipeline) -> None:
    result = guided_draft(None, None, "I'm exhausted and I need help with the kids", None, verifier=verifier)
    assert "exhausted" in result.text and "I need help with the kids" in result.text
    assert result.analysis is not None and not result.analysis.pitfalls


def test_lowercase_writers_get_lowercase(verifier: Pipeline) -> None:
    text = compose_first_draft(
        "i forgot our anniversary", "let down", "i feel awful", "you matter to me", verifier=verifier
    )
    assert text == text.lower()


def test_blame_is_left_out_and_explained(verifier: Pipeline) -> None:
    result = guided_draft(
        "You never listen to me", "annoyed", "I feel like you're so selfish", "", verifier=verifier
    )
    assert "selfish" not in result.text and "never listen" not in result.text
    assert result.notes and any("selfish" in note for note in result.notes)
    assert result.analysis is not None and not result.analysis.pitfalls


def test_shouting_is_cooled(verifier: Pipeline) -> None:
    result = guided_draft(
        "he yelled at me AGAIN!!!", "angry", "I need space", "I still love him", verifier=verifier
    )
    assert "AGAIN" not in result.text and "!!" not in result.text
    assert result.analysis is not None and not result.analysis.pitfalls


def test_partner_message_fills_their_feeling(verifier: Pipeline) -> None:
    result = guided_draft(
        "I missed your recital",
        None,
        "I feel terrible",
        None,
        partner="I was so hurt and embarrassed that you didn't show up to my recital",
        verifier=verifier,
    )
    assert result.analysis is not None and result.analysis.partner is not None
    assert not result.analysis.pitfalls


def test_phrasing_varies(verifier: Pipeline) -> None:
    events = [
        "you got home late",
        "we argued about the trip",
        "I forgot to call",
        "the dinner with your parents",
        "you cancelled our plans",
        "the trip to the coast",
    ]
    drafts = [compose_first_draft(e, "hurt", "I feel sad", None, verifier=verifier) for e in events]
    assert len({" ".join(d.split()[:3]) for d in drafts}) >= 3
    variants = {
        compose_first_draft(events[0], "hurt", "I feel sad", None, variant=v, verifier=verifier)
        for v in range(4)
    }
    assert len(variants) >= 3


EVENTS = [
    "she got home late and I snapped at her",
    "the party on Saturday",
    "I forgot our anniversary",
    "he made fun of my cooking in front of his friends",
    "last night we argued about money",
    "you cancelled our plans again",
    "Sam didn't text back all weekend",
    "my mum said something rude at dinner",
    "I was on my phone the whole evening",
    "",
]
THEIR = [
    "hurt",
    "probably lonely",
    "like I don't care",
    "she might be scared",
    "embarrassed and tired",
    "he feels like his job matters more to me than he does",
    "",
    "maybe frustrated with me",
]
MINE = [
    "I feel sad and I need us to talk calmly",
    "embarrassed, need some time to explain",
    "i feel awful. i want to make it right",
    "I'm worried and I'd like us to make a plan together",
    "I felt invisible. I need you to ask about my day",
    "I feel like you never listen",
    "",
    "I'm exhausted",
]
KNOW = [
    "I love you",
    "that we're a team",
    "I'm not going anywhere",
    "I'm not trying to start a fight",
    "you matter to me more than my phone",
    "",
    "you're so selfish sometimes",
    "whatever",
]


@pytest.mark.parametrize("index", range(40))
def test_many_inputs_never_show_a_pitfall(index: int, verifier: Pipeline) -> None:
    # A spread of combinations (deterministic), including answers that would backfire on their own.
    event = EVENTS[index % len(EVENTS)]
    their = THEIR[(index * 3) % len(THEIR)]
    mine = MINE[(index * 5) % len(MINE)]
    know = KNOW[(index * 7) % len(KNOW)]
    if not any((event, their, mine, know)):
        know = "I love you"
    result = guided_draft(event, their, mine, know, partner_name="Sam", variant=index, verifier=verifier)
    assert result.analysis is not None
    assert result.analysis.safety.level == "none"
    assert result.analysis.pitfalls == [], (result.text, [(p.id, p.quote) for p in result.analysis.pitfalls])
    assert result.text.strip()
    assert "  " not in result.text and ".." not in result.text
