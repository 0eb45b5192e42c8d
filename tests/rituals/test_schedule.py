"""Due items, streaks and fresh prompts: pure functions over records, with `today` passed in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feelheard.errors import InputError
from feelheard.rituals import RitualRecord, due_items, pick_prompt, pick_prompts, streaks
from feelheard.rituals.content import Prompt, pool

D = date.fromisoformat


def daily(*days: str) -> list[RitualRecord]:
    return [RitualRecord("daily_checkin", D(d)) for d in days]


def _due(records: list[RitualRecord], today: str) -> dict[str, bool]:
    return {d.ritual: d.due for d in due_items(records, D(today))}


# --- due ---------------------------------------------------------------------------------------------------------


def test_nothing_done_means_everything_but_the_debrief_is_due() -> None:
    assert _due([], "2024-03-01") == {
        "daily_checkin": True,
        "gratitude_swap": True,
        "weekly_connection": True,
        "post_conflict_debrief": False,
    }


def test_daily_is_due_when_there_is_none_today() -> None:
    assert not _due(daily("2024-03-01"), "2024-03-01")["daily_checkin"]
    assert _due(daily("2024-02-29"), "2024-03-01")["daily_checkin"]  # leap day, then a new month


def test_gratitude_is_due_after_three_days_without_one() -> None:
    done = [RitualRecord("gratitude_swap", D("2024-01-30"))]
    assert not _due(done, "2024-01-31")["gratitude_swap"]
    assert not _due(done, "2024-02-01")["gratitude_swap"]  # 2 days later, across the month boundary
    assert _due(done, "2024-02-02")["gratitude_swap"]  # 3 days later
    item = next(d for d in due_items(done, D("2024-01-31")) if d.ritual == "gratitude_swap")
    assert item.next_due == D("2024-02-02") and item.last_done == D("2024-01-30")


def test_weekly_is_due_after_seven_days_without_one() -> None:
    done = [RitualRecord("weekly_connection", D("2023-12-28"))]
    assert not _due(done, "2024-01-03")["weekly_connection"]  # 6 days, across the year boundary
    assert _due(done, "2024-01-04")["weekly_connection"]


def test_debrief_is_never_due_and_the_latest_record_counts() -> None:
    records = [
        RitualRecord("post_conflict_debrief", D("2024-01-01")),
        RitualRecord("weekly_connection", D("2024-01-01")),
        RitualRecord("weekly_connection", D("2024-01-05")),
    ]
    items = {d.ritual: d for d in due_items(records, D("2024-01-09"))}
    assert not items["post_conflict_debrief"].due and items["post_conflict_debrief"].next_due is None
    assert items["post_conflict_debrief"].last_done == D("2024-01-01")
    assert not items["weekly_connection"].due and items["weekly_connection"].next_due == D("2024-01-12")


def test_records_after_today_are_ignored() -> None:
    assert _due(daily("2024-03-02"), "2024-03-01")["daily_checkin"]
    assert streaks(daily("2024-03-02"), D("2024-03-01")).longest == 0


def test_due_items_serialise() -> None:
    item = due_items([], D("2024-03-01"))[0]
    assert item.to_dict() == {
        "ritual": "daily_checkin",
        "name": "Daily check-in",
        "due": True,
        "last_done": None,
        "next_due": "2024-03-01",
        "every_days": 1,
    }


# --- streaks -----------------------------------------------------------------------------------------------------


def test_no_checkins_no_streak() -> None:
    streak = streaks([], D("2024-03-01"))
    assert (streak.current, streak.longest, streak.done_today) == (0, 0, False)


def test_streak_runs_across_a_month_boundary() -> None:
    records = daily("2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02")
    streak = streaks(records, D("2024-02-02"))
    assert (streak.current, streak.longest, streak.done_today) == (4, 4, True)


def test_streak_survives_until_the_day_is_over() -> None:
    records = daily("2024-02-28", "2024-02-29")
    streak = streaks(records, D("2024-03-01"))  # today's check-in not done yet
    assert (streak.current, streak.longest, streak.done_today) == (2, 2, False)
    assert streaks(records, D("2024-03-02")).current == 0  # a whole day missed


def test_a_gap_resets_current_but_not_longest() -> None:
    records = daily("2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-06", "2024-01-07")
    streak = streaks(records, D("2024-01-07"))
    assert (streak.current, streak.longest) == (2, 4)


def test_several_checkins_a_day_count_once_and_other_rituals_do_not_count() -> None:
    records = [
        *daily("2024-01-01", "2024-01-01", "2024-01-02"),
        RitualRecord("gratitude_swap", D("2024-01-03")),
    ]
    streak = streaks(records, D("2024-01-03"))
    assert (streak.current, streak.longest, streak.done_today) == (2, 2, False)
    assert streak.to_dict() == {"current": 2, "longest": 2, "done_today": False}


def test_order_of_records_does_not_matter() -> None:
    records = daily("2024-05-03", "2024-05-01", "2024-05-02")
    assert streaks(records, D("2024-05-03")) == streaks(list(reversed(records)), D("2024-05-03"))


@given(
    days=st.sets(st.integers(min_value=0, max_value=90), max_size=60),
    today=st.integers(min_value=0, max_value=95),
)
def test_streak_matches_a_day_by_day_count(days: set[int], today: int) -> None:
    start = date(2023, 12, 15)
    records = [RitualRecord("daily_checkin", start + timedelta(days=d)) for d in days]
    streak = streaks(records, start + timedelta(days=today))
    past = {d for d in days if d <= today}
    # Walk back from today (or yesterday when today is not done).
    anchor = today if today in past else today - 1
    current = 0
    while anchor - current in past:
        current += 1
    assert streak.current == current
    assert streak.current <= streak.longest
    assert streak.done_today == (today in past)


# --- prompts -----------------------------------------------------------------------------------------------------


def test_pick_is_deterministic_for_a_day_and_seed() -> None:
    first = pick_prompt([], D("2024-03-01"), "daily_checkin", 7, slot="appreciation")
    again = pick_prompt([], D("2024-03-01"), "daily_checkin", 7, slot="appreciation")
    assert first == again and first.slot == "appreciation"
    others = {pick_prompt([], D("2024-03-01"), "daily_checkin", seed).id for seed in range(20)}
    assert len(others) > 1, "different people get different prompts"


def test_pick_prompts_gives_one_per_slot() -> None:
    picked = pick_prompts([], D("2024-03-01"), "daily_checkin", 1)
    assert set(picked) == {"appreciation", "noticed"}
    assert pick_prompts([], D("2024-03-01"), "weekly_connection", 1)["weekly"].ritual == "weekly_connection"
    with pytest.raises(InputError, match="no ritual"):
        pick_prompts([], D("2024-03-01"), "nope", 1)


def test_a_prompt_used_recently_is_not_picked() -> None:
    today = D("2024-03-01")
    everything_but_one = pool("gratitude_swap")[1:]
    history = [
        RitualRecord("gratitude_swap", today - timedelta(days=1), tuple(p.id for p in everything_but_one))
    ]
    assert pick_prompt(history, today, "gratitude_swap", 3).id == pool("gratitude_swap")[0].id


def test_when_everything_was_used_recently_the_oldest_comes_back() -> None:
    prompts = [Prompt(id=f"p{i}", ritual="x", slot="s", text=f"t{i}") for i in range(3)]
    today = D("2024-03-10")
    history = [RitualRecord("x", today - timedelta(days=3 - i), (f"p{i}",)) for i in range(3)]
    assert pick_prompt(history, today, "x", 1, slot="s", prompts=prompts).id == "p0"


def test_an_empty_pool_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no prompts"):
        pick_prompt([], D("2024-03-01"), "daily_checkin", 1, slot="missing")


def _use_daily(start: date, days: int, seed: int, skip: set[int]) -> list[RitualRecord]:
    history: list[RitualRecord] = []
    for offset in range(days):
        if offset in skip:
            continue
        today = start + timedelta(days=offset)
        picked = pick_prompts(history, today, "daily_checkin", seed)
        history.append(RitualRecord("daily_checkin", today, tuple(p.id for p in picked.values())))
    return history


def _assert_no_repeat_within(history: list[RitualRecord], window: int) -> None:
    last_seen: dict[str, date] = {}
    for record in history:
        for prompt_id in record.prompt_ids:
            if prompt_id in last_seen:
                gap = (record.day - last_seen[prompt_id]).days
                assert gap >= window, f"{prompt_id} came back after {gap} days"
            last_seen[prompt_id] = record.day


def test_no_prompt_repeats_within_28_days_of_daily_use() -> None:
    history = _use_daily(date(2024, 1, 1), 200, seed=1, skip=set())
    assert len(history) == 200
    _assert_no_repeat_within(history, 28)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**9),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=29, max_value=120),
    skip=st.sets(st.integers(min_value=0, max_value=119), max_size=30),
)
def test_no_prompt_repeats_within_28_days_whatever_the_pattern(
    seed: int, start: date, days: int, skip: set[int]
) -> None:
    _assert_no_repeat_within(_use_daily(start, days, seed, skip), 28)


@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**9),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)),
)
def test_weekly_questions_do_not_repeat_for_months(seed: int, start: date) -> None:
    history: list[RitualRecord] = []
    for week in range(len(pool("weekly_connection"))):
        today = start + timedelta(weeks=week)
        picked = pick_prompts(history, today, "weekly_connection", seed)
        history.append(RitualRecord("weekly_connection", today, tuple(p.id for p in picked.values())))
    ids = [pid for r in history for pid in r.prompt_ids]
    assert len(ids) == len(set(ids)), "every weekly question is used once before any comes back"
