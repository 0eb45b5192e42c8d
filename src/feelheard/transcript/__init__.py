"""Chat review: measure a whole exported conversation per partner and report on it.

>>> from feelheard.transcript import review, render          # doctest: +SKIP
>>> metrics, parse = review("WhatsApp Chat with Sam.zip", me="Alex")  # doctest: +SKIP
>>> html = render(metrics, parse)                              # doctest: +SKIP

`review` is what both the `feelheard transcript report` command and the web app's Chat review page call.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feelheard.transcript.report import render as render

if TYPE_CHECKING:
    from feelheard.pipeline import Pipeline


def review(
    path: str | Path,
    *,
    me: str | None = None,
    anonymize: bool = False,
    fmt: str | None = None,
    pipeline: Pipeline | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Import a chat export and measure it.

    Args:
        path: The export (any supported format; see `feelheard.ingest`).
        me: The name of the person reading the report (matched ignoring case); None reviews neutrally.
        anonymize: Replace names, phone numbers and emails before anything is analysed or shown.
        fmt: Force the input format instead of detecting it.
        pipeline: The analysis pipeline (default: the standard one, without rewrite suggestions).
        progress: Called as `progress(done, total)` while messages are analysed.
        workers: Analyse in this many worker processes (each loads its own models, about 150 MB); 1 analyses
            in this process. `metrics.default_workers()` suits a long chat on the command line.

    Returns:
        The metrics (`ChatMetrics.to_dict()`, plus `resources`) and the import report (`ParseReport.to_dict()`).

    Raises:
        InputError: For unreadable files, unknown formats, chats with fewer than two people, or an unknown `me`.
    """
    from feelheard.ingest import open_transcript
    from feelheard.transcript.anonymize import Anonymizer
    from feelheard.transcript.metrics import measure, participants

    # First pass: who is talking (parsing is cheap next to the analysis).
    people, counts = participants(open_transcript(path, fmt), me)
    total = sum(counts[p] for p in people) + sum(c for a, c in counts.items() if a not in people)
    transcript = open_transcript(path, fmt)
    stream: Any = iter(transcript)
    if anonymize:
        order = people + [a for a, _ in counts.most_common() if a not in people]
        anonymizer = Anonymizer(order)
        stream = anonymizer.stream(stream)
        people = [anonymizer.names[p] for p in people]
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    metrics = measure(
        stream, people, me=people[0] if me else None, pipeline=pipeline, progress=step, workers=workers
    )
    out = metrics.to_dict()
    out["resources"] = metrics.resources
    out["anonymized"] = anonymize
    return out, transcript.report.to_dict()


__all__ = ["render", "review"]
