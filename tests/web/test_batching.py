"""The batching runner: same answers as the pipeline, errors kept to their own request."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from feelheard.errors import InputError
from feelheard.pipeline import Pipeline
from feelheard.result import Analysis
from feelheard.web.batching import BatchRunner

EXCHANGES = [
    ("I'm really worried about my mum's test results", "That sounds scary. I'm here."),
    ("You never listen to me", "I do listen! You just don't remember what I say."),
    ("I didn't get the job.", "Oh no, I'm so sorry. How are you feeling?"),
    ("Can we talk about the chores?", "Sure. What feels most unfair right now?"),
]


def _core(result: Analysis) -> dict[str, object]:
    data = result.to_dict()
    data.pop("suggestion")
    data.pop("suggestion_changes")
    return data


def test_concurrent_requests_get_their_own_answers(pipeline: Pipeline) -> None:
    runner = BatchRunner(pipeline, max_batch=8)
    try:

        def one(index: int, exchange: tuple[str, str]) -> Analysis:
            return runner.submit(*exchange, id=index).result(60)

        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(one, i, e) for i, e in enumerate(EXCHANGES * 2)]
            results = [f.result() for f in futures]
    finally:
        runner.close()
    for i, result in enumerate(results):
        partner, reply = (EXCHANGES * 2)[i]
        assert result.id == i and result.partner == partner and result.reply == reply
        assert _core(result) == _core(pipeline(partner, reply, id=i))


def test_bad_input_is_refused_before_queueing(pipeline: Pipeline) -> None:
    runner = BatchRunner(pipeline)
    try:
        with pytest.raises(InputError):
            runner.submit("", "hi")
    finally:
        runner.close()


class _Flaky:
    """A pipeline stand-in whose batches fail when one exchange says "boom"."""

    def __init__(self) -> None:
        self.real = Pipeline([])

    def make(self, partner: object, reply: object, **kw: object) -> Analysis:
        return self.real.make(partner, reply, **kw)  # type: ignore[arg-type]

    def run_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        if any(a.reply == "boom" for a in analyses):
            raise ValueError("boom")
        return analyses


def test_one_failure_does_not_fail_the_batch() -> None:
    runner = BatchRunner(_Flaky(), max_batch=4)  # type: ignore[arg-type]

    async def main() -> list[object]:
        jobs = [runner.analyze("a", "fine"), runner.analyze("a", "boom"), runner.analyze("a", "also fine")]
        return await asyncio.gather(*jobs, return_exceptions=True)

    try:
        ok1, bad, ok2 = asyncio.run(main())
    finally:
        runner.close()
    assert isinstance(ok1, Analysis) and isinstance(ok2, Analysis)
    assert isinstance(bad, ValueError)


def test_a_closed_runner_refuses_work(pipeline: Pipeline) -> None:
    runner = BatchRunner(pipeline)
    runner.close()
    with pytest.raises(RuntimeError):
        runner.submit("hi", None)
