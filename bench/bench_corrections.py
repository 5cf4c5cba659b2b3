"""How long a correction takes, against building the whole comparison again (what a correction would cost
without per-claim recomputation). Run: uv run python bench/bench_corrections.py"""

from __future__ import annotations

import functools
import time

from bench.workload import versions
from reader.core import compare_texts
from reader.core.corrections import apply as corrections


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    for count, sentences in ((3, 100), (10, 1000)):
        texts = versions(count, sentences)
        build_ms = best_of(3, lambda texts=texts: compare_texts(texts))
        comp = compare_texts(texts)
        first = next(c for c in comp.claims if len(c.articles) > 1)
        a, s = first.members[0].article, first.members[0].segment
        fix = [corrections.unpair(comp, a, s)]
        apply_fix = functools.partial(corrections.apply, comp, fix)
        context_ms = best_of(1, apply_fix)  # the first one makes the tokens
        apply_ms = best_of(9, apply_fix)
        print(
            f"{count} x {sentences} sentences: build {build_ms:.0f} ms; first correction {context_ms:.0f} ms "
            f"(tokens made once); each later correction {apply_ms:.1f} ms"
        )


if __name__ == "__main__":
    main()
