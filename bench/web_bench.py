"""Load benchmark of the REST API: 50 concurrent clients on `POST /api/v1/analyze` over loopback for 30 s.

A real uvicorn server is started as a subprocess (as `feelheard serve` runs it: models preloaded) and warmed
up; then 50 asyncio clients (httpx, one keep-alive connection each) cycle through a set of everyday exchanges
for the whole window, in two phases:

* back-to-back: each client sends its next request as soon as the last one is answered (the hardest reading
  of "50 concurrent clients": latency is then 50 / throughput);
* typing pace: each client starts one request per second, like a person whose typing triggers a debounced
  analysis (50 requests/s offered in all).

Targets for each phase: no errors, p99 latency <= 250 ms on 2 cores. Throughput is informational.

Environment: FEELHEARD_WEB_BENCH_SECONDS (per phase, default 30), FEELHEARD_WEB_BENCH_CLIENTS (default 50),
FEELHEARD_WEB_BENCH_WORKERS (uvicorn worker processes; default 2, one per core of the 2-core target),
FEELHEARD_WEB_BENCH_PHASES (default "closed,paced").
Usage alone: python -m bench.web_bench
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

from bench.common import REPO_ROOT, BenchRow

SUITE = "web"
EXCHANGES: tuple[tuple[str, str], ...] = (
    ("I felt so alone at the party, you left me with people I didn't know", "You're overreacting, I was gone ten minutes"),
    ("I'm exhausted, work was brutal and nobody helped me all day", "Just calm down, everyone has bad days."),
    ("You forgot my birthday dinner again and I felt like I didn't matter", "Whatever, you always make a big deal out of nothing."),
    ("I'm really worried about my mum's test results", "That sounds scary. I'm here. What did the doctor say so far?"),
    ("I felt embarrassed when you joked about me in front of your friends", "You're too sensitive, it was just a joke."),
    ("Can we talk about the chores? I feel like I do everything", "I hear you. It sounds exhausting to carry all of it. What would help most this week?"),
    ("I didn't get the job.", "Oh no, I'm so sorry. You worked so hard for that. How are you feeling?"),
    ("You never listen to me", "I do listen! You just don't remember what I say."),
)  # fmt: skip


@dataclass
class Tally:
    """What the clients saw."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, FEELHEARD_SECRET_KEY=os.environ.get("FEELHEARD_SECRET_KEY", "bench-only-key"))
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "feelheard.web.app:create_serving_app",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log", "--no-server-header",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=REPO_ROOT, env=env)


async def _wait_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=base, timeout=5.0) as client:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited early with code {process.returncode}")
            try:
                response = await client.post("/api/v1/analyze", json={"partner": "hi", "reply": "hello"})
                if response.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not become ready")
            await asyncio.sleep(0.25)


async def _client(client: object, index: int, stop_at: float, tally: Tally, pace: float) -> None:
    import httpx

    assert isinstance(client, httpx.AsyncClient)
    turn = index
    if pace:
        # Spread the clients over the first second so they do not all fire together.
        await asyncio.sleep(pace * index / 50 % pace)
    while time.monotonic() < stop_at:
        next_start = time.monotonic() + pace
        partner, reply = EXCHANGES[turn % len(EXCHANGES)]
        turn += 1
        started = time.perf_counter()
        try:
            response = await client.post(
                "/api/v1/analyze", json={"partner": partner, "reply": reply, "id": turn}
            )
            status = response.status_code
        except httpx.HTTPError as exc:
            status = 0
            print(f"web bench: {type(exc).__name__}: {exc}", file=sys.stderr)
        elapsed = (time.perf_counter() - started) * 1000
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        if status != 200:
            tally.errors += 1
        else:
            tally.latencies_ms.append(elapsed)
        if pace:
            await asyncio.sleep(max(0.0, next_start - time.monotonic()))


async def load(base: str, clients: int, seconds: float, pace: float = 0.0) -> tuple[Tally, float]:
    """Run the clients against `base` (`pace`: seconds between one client's request starts; 0 = back-to-back).

    Returns:
        The tally and the measured wall time.
    """
    import httpx

    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30.0, limits=limits) as client:
        # Warm-up: every worker has loaded its models and seen each exchange once.
        await asyncio.gather(
            *(client.post("/api/v1/analyze", json={"partner": p, "reply": r}) for p, r in EXCHANGES * 2)
        )
        started = time.monotonic()
        await asyncio.gather(*(_client(client, i, started + seconds, tally, pace) for i in range(clients)))
        wall = time.monotonic() - started
    return tally, wall


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def run() -> list[BenchRow]:
    seconds = float(os.environ.get("FEELHEARD_WEB_BENCH_SECONDS", "30"))
    clients = int(os.environ.get("FEELHEARD_WEB_BENCH_CLIENTS", "50"))
    workers = int(os.environ.get("FEELHEARD_WEB_BENCH_WORKERS", "2"))
    phases = [
        p.strip()
        for p in os.environ.get("FEELHEARD_WEB_BENCH_PHASES", "closed,paced").split(",")
        if p.strip()
    ]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = _start_server(port, workers)
    rows: list[BenchRow] = []
    try:
        asyncio.run(_wait_ready(base, process))
        for phase in phases:
            pace = 1.0 if phase == "paced" else 0.0
            tally, wall = asyncio.run(load(base, clients, seconds, pace))
            how = "1 req/s each" if pace else "back-to-back"
            dataset = f"analyze, {clients} clients {how}, {seconds:.0f} s"
            done = len(tally.latencies_ms)
            if tally.errors:
                print(f"web bench ({how}): responses by status {tally.statuses}", file=sys.stderr)
            rows += [
                BenchRow(
                    SUITE, dataset, "errors (non-200 or failed requests)", float(tally.errors), 0.0, False
                ),
                BenchRow(
                    SUITE, dataset, "p99 latency", percentile(tally.latencies_ms, 99), 250.0, False, "ms"
                ),
                BenchRow(
                    SUITE, dataset, "p50 latency", percentile(tally.latencies_ms, 50), None, False, "ms"
                ),
                BenchRow(
                    SUITE,
                    dataset,
                    f"throughput ({workers} workers)",
                    done / wall if wall else 0.0,
                    None,
                    True,
                    "req/s",
                ),
            ]
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    return rows


if __name__ == "__main__":
    for row in run():
        verdict = {True: "pass", False: "FAIL", None: ""}[row.passed]
        print(
            f"{row.dataset:40} {row.metric:40} {row.value:10.1f} {row.unit:5} target {row.target}  {verdict}"
        )
