"""`make bench`: every benchmark in one table, each figure beside its target.

Usage: python -m bench [suite ...]   (suites: see SUITES; default all)
The table is also written to bench/RESULTS.md.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback

from bench.common import REPO_ROOT, BenchRow

SUITES = ("models", "heads", "empathy", "acts", "suggest", "practice", "safety", "perf", "transcript", "web")


def _fmt(value: float, unit: str) -> str:
    text = f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def main(argv: list[str]) -> int:
    wanted = argv or list(SUITES)
    rows: list[BenchRow] = []
    failures: list[str] = []
    for suite in wanted:
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{suite}_bench")
            rows.extend(module.run())
        except Exception:  # a broken suite is reported, the others still run
            failures.append(suite)
            traceback.print_exc()
        print(f"[{suite}: {time.perf_counter() - started:.1f}s]", file=sys.stderr)
    header = f"| {'suite':8} | {'dataset':34} | {'metric':52} | {'value':>12} | {'target':>10} | {'pass':4} |"
    lines = [header, "|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|"]
    for row in rows:
        target = (
            ""
            if row.target is None
            else ("\u2265 " if row.higher_is_better else "\u2264 ") + _fmt(row.target, row.unit)
        )
        verdict = {True: "pass", False: "FAIL", None: ""}[row.passed]
        lines.append(
            f"| {row.suite:8} | {row.dataset:34} | {row.metric:52} | {_fmt(row.value, row.unit):>12} | "
            f"{target:>10} | {verdict:4} |"
        )
    table = "\n".join(lines)
    print(table)
    (REPO_ROOT / "bench" / "RESULTS.md").write_text(
        "# Latest `make bench`\n\n" + table + "\n", encoding="utf-8"
    )
    if failures:
        print(f"suites that could not run: {', '.join(failures)}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
