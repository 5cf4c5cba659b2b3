"""Fingerprints of the JSON the engine writes, to prove a change leaves behaviour as it was.

Run before and after a change that should not alter any result (a speed-up, a refactor) and
compare the two outputs: every line must match. Inputs: the corpus, every dev case in
../shared/dev-cases (where present) and a generated 10 x 200 workload.

    uv run python bench/snapshot_json.py > /tmp/before.json
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from reader.core import compare_versions
from reader.export.json import to_dict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workload import versions  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEV_CASES = ROOT.parent / "shared" / "dev-cases"


def fingerprint(paths: list[str]) -> str:
    """The JSON's hash, read with paths relative to their folder (the JSON names its files)."""
    folder = Path(paths[0]).parent if len(paths) > 1 else Path(paths[0])
    names = [str(Path(path).relative_to(folder)) for path in paths] if len(paths) > 1 else ["."]
    here = os.getcwd()
    os.chdir(folder)
    try:
        comparison = compare_versions(names)
    except Exception as error:  # a fingerprint of the failure is still a fingerprint
        return f"error {type(error).__name__}: {str(error)[:80]}"
    finally:
        os.chdir(here)
    text = json.dumps(to_dict(comparison), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main() -> None:
    inputs = {"corpus": [str(ROOT / "corpus" / "prisoner-exchange")]}
    if DEV_CASES.is_dir():
        for case in sorted(p for p in DEV_CASES.iterdir() if p.is_dir()):
            inputs[case.name] = [str(case)]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, text in enumerate(versions(10, 200)):
            path = Path(folder) / f"v{number:02d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        inputs["workload 10x200"] = paths
        prints = {name: fingerprint(paths) for name, paths in inputs.items()}
    json.dump(prints, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
