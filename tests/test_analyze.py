"""The Python API and the JSON contract."""

from __future__ import annotations

import json

import jsonschema
import pytest
from bench.labelled import load

from feelheard import Analysis, InputError, analyze
from feelheard.pipeline import Pipeline
from feelheard.schema import analysis_schema

VALIDATOR = jsonschema.Draft202012Validator(analysis_schema())

PARTNER = "I felt so alone at the party, you left me with people I didn't know"
REPLY = "You're overreacting, I was gone ten minutes"


def test_example_from_the_issue() -> None:
    result = analyze(PARTNER, REPLY, id="ex1")
    assert isinstance(result, Analysis)
    data = result.to_dict()
    VALIDATOR.validate(data)
    assert data["id"] == "ex1"
    assert {p["id"] for p in data["pitfalls"]} >= {"invalidating"}
    assert data["score"] is not None and data["score"] < 50
    assert data["suggestion"]
    for finding in data["pitfalls"] + data["moves"]:
        assert REPLY[finding["start"] : finding["end"]] == finding["quote"]


def test_suggestion_is_verified_by_the_analyzer(pipeline: Pipeline) -> None:
    result = analyze(PARTNER, REPLY)
    assert result.suggestion is not None
    check = pipeline(PARTNER, result.suggestion)
    assert not check.pitfalls
    assert check.score is not None and result.score is not None and check.score > result.score


def test_missing_reply_still_reads_the_partner() -> None:
    data = analyze(partner="I'm so scared about the biopsy results tomorrow").to_dict()
    VALIDATOR.validate(data)
    assert data["moves"] == [] and data["pitfalls"] == [] and data["score"] is None
    assert data["safety"]["level"] == "none"


def test_missing_partner_still_scores_the_reply() -> None:
    data = analyze(reply="whatever").to_dict()
    VALIDATOR.validate(data)
    assert data["emotions"] == []
    assert "stonewalling" in {p["id"] for p in data["pitfalls"]}
    assert isinstance(data["score"], int)


@pytest.mark.parametrize(
    ("partner", "reply", "message"),
    [
        (None, None, "give a partner message"),
        ("", "ok", "partner is empty"),
        ("hi", "   \n\t", "reply is empty"),
        ("x" * 20_001, None, "limit is 20,000"),
        (None, "a\x00b", "binary"),
        (None, 42, "must be a string"),
    ],
)
def test_bad_input_is_refused_clearly(partner: object, reply: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        analyze(partner, reply)  # type: ignore[arg-type]


def test_every_output_on_the_labelled_set_validates(pipeline: Pipeline) -> None:
    examples = load("dev")[:150]
    prepared = [pipeline.make(e.partner, e.reply, id=e.id) for e in examples]
    for analysis in pipeline.pipe(prepared):
        data = analysis.to_dict()
        VALIDATOR.validate(data)
        json.dumps(data)
        reply = analysis.reply or ""
        for finding in data["moves"] + data["pitfalls"]:
            assert reply[finding["start"] : finding["end"]] == finding["quote"]


def test_batch_and_single_agree(pipeline: Pipeline) -> None:
    pairs = [
        (PARTNER, REPLY),
        (None, "I'm sorry, that must have hurt. What do you need?"),
        ("ugh work", None),
    ]
    single = [pipeline(p, r).to_dict() for p, r in pairs]
    batched = [a.to_dict() for a in pipeline.pipe(pipeline.make(p, r) for p, r in pairs)]
    for one, many in zip(single, batched, strict=True):
        assert {f["id"] for f in one["pitfalls"]} == {f["id"] for f in many["pitfalls"]}
        assert [e["label"] for e in one["emotions"]] == [e["label"] for e in many["emotions"]]


def test_pipeline_is_a_printable_list(pipeline: Pipeline) -> None:
    assert pipeline.pipe_names == [
        "encode",
        "emotions",
        "acts",
        "tone",
        "empathy",
        "missing",
        "safety",
        "scoring",
        "suggest",
    ]


def test_pipeline_checks_requires_order() -> None:
    from feelheard.analyzers.scoring import ScoringAnalyzer

    with pytest.raises(ValueError, match="requires"):
        Pipeline([ScoringAnalyzer()])


def test_same_exchange_same_result_alone_in_bulk_and_from_cache(pipeline: Pipeline) -> None:
    """An exchange's analysis never depends on what else was analysed with it or before it."""
    partner = "We haven't really been close in weeks and I miss you."
    reply = "It's only been a busy month, we're both tired."
    others = [
        (
            "I'm exhausted, work was brutal",
            "Just calm down, everyone has bad days and honestly you always say this.",
        ),
        ("ok", "ok"),
    ]
    pipeline.steps[0].clear_cache()  # type: ignore[attr-defined]
    alone = pipeline(partner, reply).to_dict()
    made = [pipeline.make(p, r) for p, r in [*others, (partner, reply)]]
    pipeline.steps[0].clear_cache()  # type: ignore[attr-defined]
    in_bulk = list(pipeline.pipe(made))[-1].to_dict()
    from_cache = pipeline(partner, reply).to_dict()
    # Suggestions vary their stock phrases on purpose (never the same line twice in a row); the rest must not.
    for result in (alone, in_bulk, from_cache):
        for key in ("id", "suggestion", "suggestion_changes"):
            result.pop(key)
    assert in_bulk == alone
    assert from_cache == alone
