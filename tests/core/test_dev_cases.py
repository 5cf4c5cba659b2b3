"""Alignment on a fast subset of the development cases (../shared/dev-cases), through the real command.

The floors are what the engine reaches today, per case, at or above the textbook aligner
(`shared/eval/baseline_dp.py`) on each: raise them as alignment improves, never lower them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tests.shared_data import SHARED, require_shared

ROOT = Path(__file__).resolve().parents[2]
CASES = SHARED / "dev-cases"
SCORER = CASES / "score_dev.py"

# case -> least link F1 (baseline_dp in the comment); fast cases of every kind: a near-duplicate
# revision, moved passages, learner simplifications with splits and merges, a translation
FLOORS = {
    "moved_john_9_twenty_vs_oeb": 0.97,  # baseline 0.89
    "moved_jonah_1_noyes_vs_bbe": 0.90,  # baseline 0.69
    "moved_matthew_2_darby_vs_bbe": 0.91,  # baseline 0.54
    "deplain_learner_152_bundestagswahl": 0.90,  # baseline 0.84 (0.96 before anchors grew first: traded for 117)
    "deplain_learner_154_duden": 0.95,  # baseline 0.94
    "deplain_learner_57_frauen_spitzenpositionen": 0.89,  # baseline 0.67
    "bible_jonah_1_noyes_vs_bbe": 0.92,  # baseline 0.86
    "bible_matthew_2_3way": 0.89,  # baseline 0.70 (0.93 when a question mark could split a quotation)
    "deplain_learner_117_hamburg": 0.93,  # baseline 0.91
}


def _f1(rows: list[dict]) -> float:
    tp, pred, gold = (sum(r[k] for r in rows) for k in ("tp", "pred", "gold"))
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def test_dev_case_floors() -> None:
    require_shared(SCORER)
    by_case: dict[str, list[dict]] = defaultdict(list)
    for only in ("moved", "learner_15", "learner_57", "learner_117", "bible_jonah", "bible_matthew"):
        out = subprocess.run(
            [sys.executable, str(SCORER), "--reader", f"{sys.executable} -m reader", "--only", only, "--json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
        )
        assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
        report = out.stdout[: out.stdout.rindex("}") + 1]  # the JSON, then the summary line
        for row in json.loads(report)["links"]:
            by_case[row["case"]].append(row)
    scores = {case: _f1(rows) for case, rows in by_case.items()}
    below = {case: round(scores.get(case, 0.0), 3) for case, least in FLOORS.items() if scores.get(case, 0.0) < least}
    assert not below, below
