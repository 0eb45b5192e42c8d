"""Runs the pipeline on one background thread per process, batching the requests that arrive together.

Why: the encoder dominates the cost of an analysis and runs faster per item on a batch, and one thread per
process keeps the models from fighting over the cores (the server runs one worker process per core).
When requests come one at a time, each runs alone at once, so a single visitor never waits for a batch.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from concurrent.futures import Future
from datetime import datetime
from typing import Any

from feelheard.pipeline import Pipeline
from feelheard.result import Analysis

_Item = tuple[Analysis, "Future[Analysis]"]


class BatchRunner:
    """A queue in front of one pipeline.

    Args:
        pipeline: The pipeline to run (validation happens in the caller's thread, before queueing).
        max_batch: The most exchanges analysed together.
    """

    def __init__(self, pipeline: Pipeline, max_batch: int = 8) -> None:
        self.pipeline = pipeline
        self.max_batch = max(1, max_batch)
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self.closed = False
        self._thread = threading.Thread(target=self._loop, name="feelheard-pipeline", daemon=True)
        self._thread.start()

    def submit(
        self, partner: object, reply: object, *, id: Any = None, sent_at: datetime | None = None
    ) -> Future[Analysis]:
        """Queue one exchange.

        Raises:
            InputError: At once, if the texts cannot be analysed (empty, too long, not text).
        """
        if self.closed:
            raise RuntimeError("the pipeline runner is closed")
        made = self.pipeline.make(partner, reply, id=id, sent_at=sent_at)
        future: Future[Analysis] = Future()
        self._queue.put((made, future))
        return future

    async def analyze(
        self, partner: object, reply: object, *, id: Any = None, sent_at: datetime | None = None
    ) -> Analysis:
        """Analyse one exchange without blocking the event loop."""
        return await asyncio.wrap_future(self.submit(partner, reply, id=id, sent_at=sent_at))

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker thread once the queue is drained."""
        self.closed = True
        self._queue.put(None)
        self._thread.join(timeout)

    def _take_batch(self, first: _Item) -> tuple[list[_Item], bool]:
        batch = [first]
        while len(batch) < self.max_batch:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                return batch, True
            batch.append(item)
        return batch, False

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch, stop = self._take_batch(first)
            live = [(made, future) for made, future in batch if future.set_running_or_notify_cancel()]
            try:
                results = self.pipeline.run_batch([made for made, _ in live])
                for (_, future), result in zip(live, results, strict=True):
                    future.set_result(result)
            except Exception:
                # One bad exchange must not fail its neighbours: run them one by one to find it.
                for made, future in live:
                    if future.done():
                        continue
                    try:
                        # A fresh copy: the failed batch may have half-filled this one.
                        again = self.pipeline.make(
                            made.partner, made.reply, id=made.id, sent_at=made.features.get("sent_at")
                        )
                        future.set_result(self.pipeline.run_batch([again])[0])
                    except Exception as exc:
                        future.set_exception(exc)
            if stop:
                return
