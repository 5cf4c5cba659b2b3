"""The reader beside the simplest peer, in the same run: ratios are the figures to keep.

    uv run python bench/bench_peers.py [--rounds 5] [--only corpus] [--before DIR]

Runs the whole `reader --format json` command and a difflib sentence diff (each version's
sentences against the base's, as `difflib.SequenceMatcher` over sentence lists, and the words
inside each replaced run of sentences) on the same
inputs, interleaved, as child processes, and prints medians of CPU time (user + system of
the child) and peak memory (max RSS), and the reader / difflib ratios. Workloads: the
corpus, and generated close rewrites (bench/workload.py) of 10 x 500, 10 x 1,000,
10 x 2,000 (over the reader's limit of (versions - 1) x sentences: reported as refused) and
2 x 6,000 sentences. The peer does far less than the reader (no pairing of reworded or moved
sentences, no facts): it is the floor to approach, not the bar. Also printed: how the reader's
time grows when the input doubles, and `import textual.app` (the corpus target's yardstick).
The reader's output goes to a pipe, so its JSON is compact (as any program reading it gets).
`--before DIR` also runs the reader of another checkout (e.g. `git worktree add DIR COMMIT`, or
`git archive COMMIT | tar -x -C DIR`), interleaved in the same rounds, for a before/after of a change.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.workload import versions  # noqa: E402

DIFFLIB = """
import difflib, re, sys
from pathlib import Path
paths = sorted(Path(sys.argv[1]).iterdir()) if Path(sys.argv[1]).is_dir() else [Path(p) for p in sys.argv[1:]]
texts = [p.read_text(encoding="utf-8") for p in paths if p.suffix in (".txt", ".md")]
split = [re.split(r"(?<=[.!?])\\s+", t) for t in texts]
for other in split[1:]:
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, split[0], other, autojunk=False).get_opcodes():
        print(op, a0, a1, b0, b1)
        if op == "replace":  # the words that changed inside, as a diff tool shows them
            words = difflib.SequenceMatcher(None, " ".join(split[0][a0:a1]).split(), " ".join(other[b0:b1]).split())
            print(words.get_opcodes())
"""


def cpu_seconds(command: list[str], checkout: Path | None = None) -> float:
    """CPU seconds (user + system) of one child process running `command` (with `checkout`'s reader)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, **_at(checkout))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def peak_memory(command: list[str], checkout: Path | None = None) -> float:
    """Peak memory (MB) of `command`, measured in a fresh grandchild so earlier runs do not count."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    command = [sys.executable, "-c", probe, *command]
    out = subprocess.run(command, capture_output=True, text=True, check=True, **_at(checkout))
    return float(out.stdout.strip())


def _at(checkout: Path | None) -> dict:
    """How to run `python -m reader` from another checkout: from its folder (`-m` looks there first)."""
    if checkout is None:
        return {}
    return {"cwd": checkout, "env": {**os.environ, "PYTHONPATH": str(checkout)}}


def write(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(texts):
        (folder / f"v{n:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--only", metavar="TEXT", help="only the workloads whose name holds TEXT (e.g. corpus)")
    ap.add_argument("--before", metavar="DIR", type=Path, help="also time the reader of the checkout in DIR")
    args = ap.parse_args()
    before = args.before.resolve() if args.before else None
    rounds = args.rounds
    env_python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        workloads = {
            "corpus (5 versions)": (ROOT / "corpus" / "prisoner-exchange").resolve(),
            "10 x 500 sentences": write(Path(tmp) / "w500", versions(10, 500)),
            "10 x 1,000 sentences": write(Path(tmp) / "w1000", versions(10, 1000)),
            "10 x 2,000 sentences": write(Path(tmp) / "w2000", versions(10, 2000)),
            "2 x 6,000 sentences": write(Path(tmp) / "w6000", versions(2, 6000)),
        }
        if args.only:
            workloads = {name: path for name, path in workloads.items() if args.only in name}
        print(f"medians of {rounds} interleaved rounds; CPU = user + system of the whole command")
        runs: dict[str, list[float]] = {}
        for name, path in workloads.items():
            reader = [env_python, "-m", "reader", "--format", "json", str(path)]
            peer = [env_python, "-c", DIFFLIB, str(path)]
            trial = subprocess.run(reader, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if trial.returncode == 2:  # over the reader's input limits (reader/core/input/load.py)
                print(f"{name:22s} refused by the reader: {trial.stderr.strip()}")
                continue
            ours, theirs, earlier = [], [], []
            for _ in range(rounds):
                ours.append(cpu_seconds(reader))
                theirs.append(cpu_seconds(peer))
                if before:
                    earlier.append(cpu_seconds(reader, before))
            runs[name] = ours
            ratio = statistics.median(o / t for o, t in zip(ours, theirs, strict=True))
            memory = peak_memory(reader)
            print(
                f"{name:22s} reader {statistics.median(ours):6.2f} s  difflib {statistics.median(theirs):6.2f} s  "
                f"ratio {ratio:5.1f}x  reader peak {memory:4.0f} MB"
            )
            if before:
                was = statistics.median(e / t for e, t in zip(earlier, theirs, strict=True))
                print(
                    f"{'':22s} before {statistics.median(earlier):6.2f} s  {'':17s}"
                    f"ratio {was:5.1f}x  before peak {peak_memory(reader, before):4.0f} MB"
                )
        for small, large in (("10 x 500", "10 x 1,000"), ("10 x 1,000", "10 x 2,000")):
            a, b = runs.get(f"{small} sentences"), runs.get(f"{large} sentences")
            if a and b:
                doubling = statistics.median(y / x for x, y in zip(a, b, strict=True))
                print(f"doubling the input ({small} -> {large}): reader CPU x{doubling:.2f} (linear = 2.0)")
    import_cost = [cpu_seconds([env_python, "-c", "import textual.app"]) for _ in range(rounds)]
    print(f"python -c 'import textual.app': {statistics.median(import_cost):.2f} s (corpus target: reader <= 2x this)")
    print(f"bytecode: {'compiled' if _has_bytecode() else 'none: every run compiled its modules anew'}")


def _has_bytecode() -> bool:
    """Whether numpy and the reader have compiled bytecode (`uv sync --compile-bytecode` writes the
    installed packages'; a run without PYTHONDONTWRITEBYTECODE writes the reader's own)."""
    found = [importlib.util.find_spec(name) for name in ("numpy", "reader.core.claims.compare")]
    return all(spec and spec.origin and Path(importlib.util.cache_from_source(spec.origin)).exists() for spec in found)


if __name__ == "__main__":
    main()
