"""Who each article cites, on the whole of ../shared/source-cases (84 PolNeAR articles), in process.

The measures of `../shared/source-cases/score_sources.py` (precision, speech recall, who right),
computed from the `Comparison` of two copies of each article, as the scorer compares them; the
suite runs a fast subset (tests/core/test_source_cases.py). Exit 1 below a floor.

    uv run python bench/bench_sources.py [--show false,wrong_who,missed] [--n 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.source_scoring import CASES, Score, cases, cites_of, score  # noqa: E402

FLOORS = {"precision": 0.95, "speech_recall": 0.85, "who_right": 0.97}  # issue 20's targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", default="", help="comma-separated: false, wrong_who, missed")
    parser.add_argument("--n", type=int, default=20, help="how many of each to show")
    args = parser.parse_args()
    found = cases()
    if not found:
        print(f"bench_sources: the source cases are missing: {CASES}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    total = Score()
    for case in found:
        text, cites = cites_of(case)
        total.add(score(case, text, cites))
    print(f"sources: {len(found)} articles; {total.line()}; {time.perf_counter() - started:.1f} s")
    for kind in filter(None, args.show.split(",")):
        for item in getattr(total, kind)[: args.n]:
            print(f"  {kind}: {item}")
    low = [name for name, floor in FLOORS.items() if getattr(total, name) < floor]
    if low:
        print("below the floor: " + ", ".join(f"{n} {getattr(total, n):.3f} < {FLOORS[n]}" for n in low))
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
