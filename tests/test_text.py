from hypothesis import given, settings
from hypothesis import strategies as st

from feelheard.text import parse
from feelheard.text.segment import normalise


def test_sentences_and_offsets() -> None:
    text = "Sorry that hurt you. That wasn't my intention!! what happened?\nok"
    doc = parse(text)
    pieces = [text[s.start : s.end] for s in doc.sentences]
    assert pieces == ["Sorry that hurt you.", "That wasn't my intention!!", "what happened?", "ok"]
    assert [s.is_question for s in doc.sentences] == [False, False, True, False]


def test_texting_question_without_mark() -> None:
    doc = parse("r u ok. do you want me to come over")
    assert doc.sentences[-1].is_question


def test_negation_scope_is_the_clause() -> None:
    text = "I'm not saying you're overreacting, but you're overreacting"
    doc = parse(text)
    first = text.index("you're")
    second = text.rindex("you're")
    assert doc.negated_before(first)
    assert not doc.negated_before(second)


def test_quoted_speech() -> None:
    text = 'She told me "calm down" and I hated it'
    doc = parse(text)
    start = text.index("calm")
    assert doc.in_quote(start, start + len("calm down"))


def test_emoji_ends_a_sentence() -> None:
    doc = parse("fine 🙄 whatever")
    assert len(doc.sentences) == 2


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parse_never_fails_and_offsets_are_valid(text: str) -> None:
    doc = parse(text)
    assert len(doc.norm) == len(text)
    for sentence in doc.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        for clause in sentence.clauses:
            assert sentence.start <= clause.start <= clause.end <= sentence.end


@given(st.text(max_size=100))
def test_normalise_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)
