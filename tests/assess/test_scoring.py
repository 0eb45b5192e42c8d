"""Scoring: points and reverse keys, band boundaries, bad answers, and when a result touches on safety."""

from __future__ import annotations

from dataclasses import replace

import pytest

from feelheard.assess import get_assessment, load_assessments, score_answers
from feelheard.assess.content import Assessment, Band
from feelheard.assess.scoring import check_answers, concern, points
from feelheard.errors import InputError


def _assessment(name: str) -> Assessment:
    found = get_assessment(name)
    assert found is not None
    return found


EMPATHY = _assessment("empathy")
BURNOUT = _assessment("burnout")
RED_FLAGS = _assessment("red_flags")


def _best(assessment: Assessment) -> list[int]:
    """The answers that score 100."""
    return [1 if item.reverse else 5 for item in assessment.items]


def _worst(assessment: Assessment) -> list[int]:
    return [5 if item.reverse else 1 for item in assessment.items]


def test_the_three_assessments_have_the_promised_sizes() -> None:
    assert list(load_assessments()) == ["empathy", "burnout", "red_flags"]
    assert len(EMPATHY.items) == 10
    assert len(BURNOUT.items) == 7
    assert 10 <= len(RED_FLAGS.items) <= 12
    assert sum(item.reverse for item in EMPATHY.items) >= 3, "the empathy check has reverse-keyed items"
    assert any(item.safety_from for item in RED_FLAGS.items)
    for a in load_assessments().values():
        assert "not a diagnosis" in a.disclaimer.lower()
        assert 3 <= len(a.bands) <= 4


def test_points_flip_for_reverse_keyed_items() -> None:
    forward = next(i for i in EMPATHY.items if not i.reverse)
    reverse = next(i for i in EMPATHY.items if i.reverse)
    assert [points(forward, a) for a in range(1, 6)] == [0, 1, 2, 3, 4]
    assert [points(reverse, a) for a in range(1, 6)] == [4, 3, 2, 1, 0]
    # Concern runs against the score where high is better, with it where high is a warning.
    assert concern(EMPATHY, forward, 1) == 4 and concern(EMPATHY, reverse, 1) == 0
    assert concern(BURNOUT, BURNOUT.items[0], 5) == 4


def test_extremes_score_0_and_100() -> None:
    for a in load_assessments().values():
        assert score_answers(a, _best(a)).score == 100
        assert score_answers(a, _worst(a)).score == 0
    # Every answer in the middle is exactly half, whatever the keying.
    assert score_answers(EMPATHY, [3] * 10).score == 50


def test_reverse_keys_change_the_score() -> None:
    agree_with_everything = score_answers(EMPATHY, [5] * 10)
    reversed_count = sum(i.reverse for i in EMPATHY.items)
    expected = round(100 * (4 * (10 - reversed_count)) / 40)
    assert agree_with_everything.score == expected
    assert agree_with_everything.score < 100


def test_score_formula_rounds_to_whole_numbers() -> None:
    # Burnout: 7 items, 28 points. Answers worth 1 point in total: 100/28 = 3.57 -> 4.
    answers = [1] * 6 + [5]  # the last item is reverse-keyed: answering 5 is worth 0
    assert BURNOUT.items[-1].reverse
    assert score_answers(BURNOUT, answers).score == 0
    assert score_answers(BURNOUT, [2, 1, 1, 1, 1, 1, 5]).score == 4


def _with_score(assessment: Assessment, target: int) -> list[int]:
    """Answers that give exactly `target` when the points allow it (greedy over forward items)."""
    total_points = len(assessment.items) * 4
    for needed in range(total_points + 1):
        if round(100 * needed / total_points) == target:
            answers, left = [], needed
            for item in assessment.items:
                take = min(4, left)
                left -= take
                answers.append(5 - take if item.reverse else 1 + take)
            return answers
    raise AssertionError(f"no answers score {target}")


@pytest.mark.parametrize("name", ["empathy", "burnout", "red_flags"])
def test_bands_at_their_boundaries(name: str) -> None:
    assessment = _assessment(name)
    total_points = len(assessment.items) * 4
    reachable = {round(100 * p / total_points) for p in range(total_points + 1)}
    for index, band in enumerate(assessment.bands):
        low, high = assessment.band_range(band)
        assert assessment.band_for(low) == band and assessment.band_for(high) == band
        if index:
            assert assessment.band_for(low - 1) == assessment.bands[index - 1]
        # Through real answers: the lowest reachable score of each band lands in it.
        first = min(s for s in reachable if low <= s <= high)
        assert score_answers(assessment, _with_score(assessment, first)).band.id == band.id
    assert assessment.band_range(assessment.bands[-1])[1] == 100


def test_band_for_uses_min_inclusive() -> None:
    bands = (
        Band(id="a", min=0, label="A", summary="a", recommendations=()),
        Band(id="b", min=40, label="B", summary="b", recommendations=()),
        Band(id="c", min=65, label="C", summary="c", recommendations=()),
    )
    made = replace(EMPATHY, bands=bands)
    assert [made.band_for(s).id for s in (0, 39, 40, 64, 65, 100)] == ["a", "a", "b", "b", "c", "c"]
    assert made.band_range(bands[1]) == (40, 64)


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ([3] * 9, "needs 10 answers (got 9)"),
        ([3] * 11, "needs 10 answers (got 11)"),
        ([3] * 9 + [0], "answer 10 must be a whole number from 1 to 5"),
        ([6] + [3] * 9, "answer 1 must be a whole number from 1 to 5"),
        ([3.5] + [3] * 9, "answer 1"),
        (["x"] + [3] * 9, "answer 1"),
        ([True] + [3] * 9, "answer 1"),
        ([], "needs 10 answers (got 0)"),
    ],
)
def test_bad_answers_are_refused_with_a_clear_message(answers: list[object], words: str) -> None:
    with pytest.raises(InputError, match=words.replace("(", r"\(").replace(")", r"\)")):
        score_answers(EMPATHY, answers)


def test_digit_strings_are_accepted() -> None:
    assert check_answers(BURNOUT, ["1", " 2", "3", "4", "5", "1", "2"]) == (1, 2, 3, 4, 5, 1, 2)


def test_results_carry_specific_recommendations_and_focus_tips() -> None:
    result = score_answers(EMPATHY, _worst(EMPATHY))
    assert result.band.id == EMPATHY.bands[0].id
    assert result.recommendations == EMPATHY.bands[0].recommendations
    assert all(r.href for r in result.recommendations)
    assert 1 <= len(result.focus) <= 3
    assert all(f.tip.text for f in result.focus)
    # Nothing to work on when everything is answered at its best.
    assert score_answers(EMPATHY, _best(EMPATHY)).focus == ()
    data = result.to_dict()
    assert data["band"]["id"] == result.band.id and data["disclaimer"] == EMPATHY.disclaimer
    assert result.to_payload() == {
        "assessment": "empathy",
        "version": EMPATHY.version,
        "answers": list(result.answers),
        "score": 0,
        "band": result.band.id,
    }


def test_empathy_and_burnout_never_touch_safety() -> None:
    for a in (EMPATHY, BURNOUT):
        for answers in (_best(a), _worst(a), [3] * len(a.items)):
            assert not score_answers(a, answers).touches_safety


def test_burnout_top_band_shows_help_lines_without_calling_it_a_safety_result() -> None:
    worst = score_answers(BURNOUT, [5] * 6 + [1], country="GB")
    assert worst.band.id == "running_on_empty"
    assert worst.resources is not None and worst.resources.code == "GB"
    assert not worst.touches_safety and worst.savable


def test_red_flags_clear_answers_do_not_touch_safety() -> None:
    result = score_answers(RED_FLAGS, [1] * len(RED_FLAGS.items))
    assert result.score == 0 and not result.touches_safety and result.resources is None
    assert result.savable and result.safety_message is None


@pytest.mark.parametrize("index", range(12))
def test_each_safety_item_at_its_threshold_touches_safety(index: int) -> None:
    item = RED_FLAGS.items[index]
    answers = [1] * len(RED_FLAGS.items)
    if item.safety_from is None:
        answers[index] = 5
        result = score_answers(RED_FLAGS, answers)
        # One non-safety item alone stays below the serious band: no safety result.
        assert not result.touches_safety
        return
    answers[index] = item.safety_from - 1
    assert not score_answers(RED_FLAGS, answers).touches_safety
    answers[index] = item.safety_from
    result = score_answers(RED_FLAGS, answers, country="GB")
    assert result.touches_safety and not result.savable
    assert result.resources is not None and result.resources.code == "GB"
    assert result.safety_message and "not your fault" in result.safety_message
    assert result.recommendations == RED_FLAGS.safety.recommendations  # type: ignore[union-attr]
    assert result.focus == ()
    assert not any(r.scenario or r.topic for r in result.recommendations), "no empathy practice for this"


def test_red_flags_sometimes_on_control_touches_safety() -> None:
    control = next(i for i, item in enumerate(RED_FLAGS.items) if item.id == "decides_time")
    answers = [1] * len(RED_FLAGS.items)
    answers[control] = 3  # "Sometimes"
    assert RED_FLAGS.scale[2] == "Sometimes"
    assert score_answers(RED_FLAGS, answers).touches_safety


def test_red_flags_put_downs_alone_show_help_lines_but_are_kept() -> None:
    high = [5 if item.safety_from is None else 1 for item in RED_FLAGS.items]
    result = score_answers(RED_FLAGS, high, country="GB")
    assert result.band.id == "some_patterns" and not result.touches_safety and result.savable
    assert result.resources is not None, "the middle band offers the lines to people who are unsure"


def test_a_band_marked_safety_touches_safety_whatever_the_items() -> None:
    bands = tuple(replace(b, min=m) for b, m in zip(RED_FLAGS.bands, (0, 10, 20), strict=True))
    made = replace(RED_FLAGS, bands=bands)
    high = [5 if item.safety_from is None else 1 for item in made.items]
    result = score_answers(made, high)
    assert result.band.safety and result.touches_safety and result.safety_message


def test_unknown_country_gets_the_international_lines() -> None:
    answers = [5] * len(RED_FLAGS.items)
    result = score_answers(RED_FLAGS, answers, country="ZZ")
    assert result.resources is not None and result.resources.code == "international"
