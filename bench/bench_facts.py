"""The facts on the whole fact-cases set (479 SWiPE documents whose edits people labelled), in process.

    uv run python bench/bench_facts.py [--every N] [--show N]

The same rules as ../shared/fact-cases/score_facts.py (which runs the command per case; use it to
confirm), about ten times faster: for the inner loop and for the figures in docs. The suite holds a
floor on a fast subset (tests/core/test_fact_cases.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fact_scoring import CASES, cases, score_all  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=1, help="every N-th case only")
    ap.add_argument("--show", type=int, default=0, help="print N alarms and N missed fact edits")
    args = ap.parse_args()
    if not CASES.is_dir():
        sys.exit(f"bench_facts: {CASES} not found (../shared/fact-cases beside the repository)")
    started = time.process_time()
    chosen = cases(args.every)
    total = score_all(chosen)
    print(f"facts: {len(chosen)} cases; {total.line()}; CPU {time.process_time() - started:.1f} s")
    for line in total.alarms[: args.show]:
        print("  alarm ", line)
    for line in total.missed[: args.show]:
        print("  missed", line)


if __name__ == "__main__":
    main()
