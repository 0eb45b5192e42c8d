"""A writer killed with SIGKILL loses nothing it committed and leaves nothing half-written, on both engines."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time

from sqlalchemy.engine import Engine

from feelheard.storage import repo
from feelheard.storage.db import dispose_engines, get_engine, session_scope

# Each transaction writes a ~40 KB journal entry whose checksum is in its payload, plus a setting with the same
# number: a torn write would show up as a bad checksum, a missing partner row, or a gap in the numbers.
WRITER = r"""
import hashlib, sys, time
from feelheard.storage import repo
from feelheard.storage.db import get_engine, session_scope

url, mode = sys.argv[1], sys.argv[2]
engine = get_engine(url)
with session_scope(engine) as s:
    me = repo.local_user(s).id
    start = len(repo.list_settings(s, user_id=me))
i = start
while True:
    i += 1
    body = (f"entry {i} " * 4000)
    with session_scope(engine) as s:
        repo.save_item(s, owner_id=me, kind="journal", body=body,
                       payload={"n": i, "sha": hashlib.sha256(body.encode()).hexdigest()})
        repo.set_setting(s, user_id=me, key=f"n{i}", value=i)
        if mode == "mid" and i >= start + 10:
            s.flush()
            print(f"mid {i}", flush=True)
            time.sleep(60)  # killed here: rows sent to the database, never committed
    print(f"ok {i}", flush=True)
"""


def _run_and_kill(url: str, mode: str) -> int:
    """Start the writer, kill it with SIGKILL, return the last number it reported as committed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    committed = 0
    deadline = time.monotonic() + 60
    try:
        for line in proc.stdout:
            word, number = line.split()
            if word == "ok":
                committed = int(number)
            if (mode == "mid" and word == "mid") or (mode == "loop" and committed >= 25):
                break
            assert time.monotonic() < deadline, "writer too slow"
        else:
            raise AssertionError(f"writer stopped early: {proc.stderr.read() if proc.stderr else ''}")
        if mode == "loop":
            time.sleep(0.003)  # let it get into the middle of the next write
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return committed


def _check_whole(engine: Engine, committed: int) -> int:
    with session_scope(engine) as s:
        me = repo.local_user(s).id
        items = repo.list_items(s, viewer_id=me, limit=10_000)
        settings = repo.list_settings(s, user_id=me)
    numbers = sorted(item.payload["n"] for item in items)
    assert numbers == list(range(1, len(numbers) + 1)), "a gap or a duplicate"
    assert len(numbers) >= committed, "a committed write was lost"
    assert len(numbers) <= committed + 1, "more rows than were ever written"
    for item in items:
        assert item.body is not None
        assert hashlib.sha256(item.body.encode()).hexdigest() == item.payload["sha"], "a torn row"
    assert sorted(settings.values()) == numbers, "half a transaction survived"
    return len(numbers)


def test_sigkill_mid_write_loses_nothing_committed(db_url: str) -> None:
    dispose_engines()
    first = _run_and_kill(db_url, "loop")
    kept = _check_whole(get_engine(db_url), first)
    dispose_engines()
    # Killed while holding an open, flushed transaction: none of it may appear.
    second = _run_and_kill(db_url, "mid")
    assert second >= kept
    assert _check_whole(get_engine(db_url), second) == second
