"""Engine benchmark: speed, growth and memory of the comparison on generated rewrites.

    uv run python bench/bench_engine.py

Prints the median CPU time of several runs for the corpus and for 10 x 1,000 sentences,
the time ratio when the input doubles, and the peak memory (max RSS) of a run.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.workload import versions  # noqa: E402
from reader.core import compare_texts, compare_versions  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "prisoner-exchange"


def median_seconds(run, repeat: int) -> float:
    """Median CPU time of the process (not wall time: other work on a shared machine is not ours)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    corpus = median_seconds(lambda: compare_versions([str(CORPUS)]), 7)
    print(f"corpus (5 versions, in-process CPU): median {corpus * 1000:.0f} ms")
    command = [sys.executable, "-m", "reader", "--format", "json", str(CORPUS)]
    walls = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
    print(f"corpus, the whole command (reader --format json, wall clock): median {statistics.median(walls):.2f} s")
    half = versions(10, 500)
    full = versions(10, 1000)
    halves, fulls = [], []
    for _ in range(5):  # interleaved, so a busy spell on the machine hits both sizes alike
        halves.append(median_seconds(lambda: compare_texts(half), 1))
        fulls.append(median_seconds(lambda: compare_texts(full), 1))
    t_half, t_full = statistics.median(halves), statistics.median(fulls)
    ratios = [f / h for f, h in zip(fulls, halves, strict=True)]
    print(f"10 x 500 sentences: median {t_half:.2f} s")
    print(f"10 x 1000 sentences: median {t_full:.2f} s (the whole command's target: <= 1.2 s, see bench_peers.py)")
    print(f"ratio for 2x the input: median {statistics.median(ratios):.2f} over 5 interleaved rounds (linear = 2.0)")
    for size in (1000, 2000):  # 10 x 2,000 is over the command's input limit: the engine alone
        command = [sys.executable, __file__, "--child", str(size)]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        print(out.stdout.strip())


def child(size: int) -> None:
    texts = versions(10, size)
    start = time.process_time()
    compare_texts(texts)
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"10 x {size} engine alone, one run: {seconds:.2f} s CPU, peak memory (max RSS, whole process) {peak:.0f} MB")


if __name__ == "__main__":
    child(int(sys.argv[2])) if "--child" in sys.argv else main()
