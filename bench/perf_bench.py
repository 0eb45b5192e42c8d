"""Speed and memory of the whole coach, measured the way a user meets it.

- warm latency of one exchange (two ~40-word texts), one core (FEELHEARD_THREADS=1), full pipeline;
- cold start: `feelheard analyze` for one pair, as a fresh process (wall clock);
- bulk JSON Lines throughput on this machine's 2 cores, and the peak memory of that run.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import BenchRow
from bench.labelled import load

PARTNER = (
    "I spent the whole evening cooking your favourite dinner for our anniversary and you showed up two hours "
    "late without even texting. I sat there alone watching the food go cold and I felt like an idiot for "
    "caring so much."
)
REPLY = (
    "I'm really sorry, work ran late and my phone died, but honestly you're overreacting a bit, it's just "
    "one dinner. We can do it again on Saturday, I promise. I didn't mean to hurt you, you know how busy "
    "this month is."
)


DAYS = ("Saturday", "Sunday", "Friday", "Monday", "Tuesday")


def _variant(i: int) -> tuple[str, str]:
    """The same ~40-word exchange with small changes, so no two iterations are identical."""
    hours = ("two", "three", "four", "nearly two", "almost three")[i % 5]
    return (
        PARTNER.replace("two hours", f"{hours} hours"),
        REPLY.replace("Saturday", DAYS[i % 5] + f" at {i % 12 + 1}"),
    )


def _exe() -> str:
    return str(Path(sys.executable).with_name("feelheard"))


def warm_latency(n: int = 200) -> tuple[float, float, float]:
    os.environ["FEELHEARD_THREADS"] = "1"
    from feelheard import load_pipeline

    pipeline = load_pipeline()
    fast = pipeline.without("suggest")
    encoder = pipeline.get("encode")
    for _ in range(10):
        pipeline(PARTNER, REPLY)
    times = []
    no_suggest = []
    for timed, store in ((pipeline, times), (fast, no_suggest)):
        for i in range(n):
            # Every exchange is new: the encoder's cache is emptied so repeats are not free.
            encoder.clear_cache()  # type: ignore[attr-defined]
            partner, reply = _variant(i)
            start = time.perf_counter()
            timed(partner, reply)
            store.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.99 * (len(times) - 1))], statistics.median(no_suggest)


def cold_start(runs: int = 3) -> float:
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [_exe(), "analyze", "--partner", PARTNER, "--reply", REPLY],
            check=True,
            capture_output=True,
            timeout=120,
        )
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def bulk(n: int = 2000) -> tuple[float, float]:
    examples = [e for e in load("dev") if e.reply or e.partner]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for i in range(n):
                e = examples[i % len(examples)]
                handle.write(json.dumps({"id": i, "partner": e.partner, "reply": e.reply}) + "\n")
        env = {**os.environ, "FEELHEARD_THREADS": str(os.cpu_count() or 2)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(
            [_exe(), "analyze", "--jsonl", str(source), "--out", str(Path(tmp) / "out.jsonl")],
            check=True,
            capture_output=True,
            env=env,
            timeout=1200,
        )
        wall = time.perf_counter() - start
        peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return n / wall, peak_kb / 1024


def run() -> list[BenchRow]:
    p50, p99, p50_fast = warm_latency()
    cold = cold_start()
    rate, peak = bulk()
    return [
        BenchRow("speed", "one exchange, 1 core", "p50 latency (full pipeline)", p50, 15.0, False, "ms"),
        BenchRow("speed", "one exchange, 1 core", "p99 latency (full pipeline)", p99, 40.0, False, "ms"),
        BenchRow(
            "speed", "one exchange, 1 core", "p50 latency without suggestion", p50_fast, None, False, "ms"
        ),
        BenchRow("speed", "feelheard analyze, one pair", "cold start wall time", cold, 1.0, False, "s"),
        BenchRow("speed", "JSONL, 2000 exchanges", "throughput (2 cores)", rate, 200.0, True, "ex/s"),
        BenchRow("memory", "JSONL, 2000 exchanges", "peak RSS", peak, 400.0, False, "MB"),
    ]
