"""What inputs at the size limits cost: two versions of many short sentences, timed in a fresh process.

    uv run python -m bench.bench_limits [SENTENCES[xWORDS] ...]

Each run builds two versions of SENTENCES sentences of WORDS words and a number ("Kalo 12 mira."
with 2 words: about 14 characters, the densest text the limits let through), one paragraph each,
loads and compares them as the command line does, and prints seconds and peak memory. Every run
is a fresh process, so peaks do not mix.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time

_SYLLABLES = "ka lo mi ra tu sen vor da pel ni os ter ul gan bri sto fa ze".split()


def sentences(n: int, version: int, words: int = 2, seed: int = 7) -> str:
    """`n` sentences of `words` words and a number; every tenth differs between versions, one paragraph."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        chosen = ["".join(rng.choice(_SYLLABLES) for _ in range(2)) for _ in range(words)]
        number = rng.randint(10, 99) + (version if i % 10 == 3 else 0)
        out.append(f"{chosen[0].capitalize()} {number} {' '.join(chosen[1:])}.")
    return " ".join(out)


def _one(spec: str) -> dict[str, float]:
    from reader.core.input.load import source_from_bytes
    from reader.core.pipeline import build

    n, _, words = spec.partition("x")
    texts = [sentences(int(n), v, int(words or 2)) for v in range(2)]
    start = time.perf_counter()
    sources = [source_from_bytes(f"v{v}.txt", t.encode()) for v, t in enumerate(texts)]
    build(sources)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "sentences": int(n),
        "words": int(words or 2),
        "chars": len(texts[0]),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb),
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(_one(argv[1])))
        return
    for spec in argv or ["10000", "20000", "40000"]:
        out = subprocess.run([sys.executable, "-m", "bench.bench_limits", "--one", spec], capture_output=True)
        print(out.stdout.decode().strip() or out.stderr.decode().strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
