"""Suggested replies on the project's labelled exchanges: how often a verified suggestion is found for a reply
with a pitfall, the mean score gain, and how much of the user's own wording survives."""

from __future__ import annotations

import re
import statistics
import sys

from bench.common import BenchRow
from bench.labelled import load


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def kept_share(draft: str, suggestion: str) -> float:
    """Share of the draft's words (as a multiset) that appear in the suggestion."""
    draft_words = _words(draft)
    if not draft_words:
        return 0.0
    pool = _words(suggestion)
    kept = 0
    for word in draft_words:
        if word in pool:
            pool.remove(word)
            kept += 1
    return kept / len(draft_words)


def measure(split: str) -> dict[str, float]:
    from feelheard import load_pipeline

    pipeline = load_pipeline()
    verify = pipeline.without("suggest")
    with_pitfall = found = 0
    gains: list[float] = []
    kept: list[float] = []
    kept_clean: list[float] = []
    for example in load(split):
        if not example.reply:
            continue
        analysis = pipeline(example.partner, example.reply)
        if analysis.safety.level != "none" or not analysis.pitfalls:
            continue
        with_pitfall += 1
        if analysis.suggestion is None:
            continue
        check = verify(example.partner, analysis.suggestion)
        assert not check.pitfalls and check.score is not None and analysis.score is not None
        found += 1
        gains.append(check.score - analysis.score)
        # Wording kept, counted over the parts of the draft that had no pitfall (the rest is meant to go).
        clean = "".join(
            ch if not any(p.start <= i < p.end for p in analysis.pitfalls) else " "
            for i, ch in enumerate(example.reply)
        )
        kept.append(kept_share(example.reply, analysis.suggestion))
        if _words(clean):
            kept_clean.append(kept_share(clean, analysis.suggestion))
    return {
        "replies": with_pitfall,
        "coverage": found / with_pitfall if with_pitfall else 0.0,
        "gain": statistics.mean(gains) if gains else 0.0,
        "kept": statistics.mean(kept) if kept else 0.0,
        "kept_clean": statistics.mean(kept_clean) if kept_clean else 0.0,
    }


def run() -> list[BenchRow]:
    rows: list[BenchRow] = []
    for split in ("dev", "test"):
        m = measure(split)
        data = f"labelled/{split} ({int(m['replies'])} replies w/ pitfall)"
        rows += [
            BenchRow("suggest", data, "verified suggestion found", m["coverage"], 1.0),
            BenchRow("suggest", data, "mean score gain (points)", m["gain"]),
            BenchRow("suggest", data, "draft words kept (all)", m["kept"]),
            BenchRow("suggest", data, "draft words kept (pitfall-free parts)", m["kept_clean"]),
        ]
    return rows


if __name__ == "__main__":
    for split in sys.argv[1:] or ["dev"]:
        print(split, measure(split))
