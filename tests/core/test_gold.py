"""Alignment quality on the hand-made gold, measured by the project's scorer through the real command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.shared_data import SHARED, require_shared

ROOT = Path(__file__).resolve().parents[2]
SCORER = SHARED / "eval" / "score_alignment.py"
GOLD = SHARED / "gold" / "seed-gold.json"

# The floors the engine holds today; raise them as alignment improves, never lower them.
MIN_F1 = 0.70
# Issue 20 made a detail a fact and nothing else (no "other" words): this gold also lists content phrases
# as inserted details ("held in undisclosed locations", "the risk of misinformation"), 41 of the 43 inserted
# ones then missed hold no number, date, name, quotation or source. Recall was 0.85 with them, 0.65 without.
# A sentence only one version tells no longer marks the names the other version names elsewhere ("Kyiv has
# yet to respond": Kyiv is in every version): 15 of those phrases were covered only by such a name.
MIN_DETAIL_RECALL = 0.56  # today 0.568 (96 of 169)
MIN_DETAIL_PRECISION = 0.75  # today 0.760 (19 of 25)
MIN_UNIQUE_KEPT = 0.90


def test_gold_floors() -> None:
    require_shared(SCORER, GOLD)
    reader = f"{sys.executable} -m reader"
    out = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(GOLD),
            "--texts",
            str(ROOT / "corpus" / "prisoner-exchange"),
            "--reader",
            reader,
            "--min-f1",
            str(MIN_F1),
            "--min-detail-recall",
            str(MIN_DETAIL_RECALL),
            "--min-detail-precision",
            str(MIN_DETAIL_PRECISION),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    overall = next(line for line in out.stdout.splitlines() if line.startswith("overall:"))
    kept, total = overall.split("unique kept apart ")[1].split(";")[0].split("/")
    assert int(kept) / int(total) >= MIN_UNIQUE_KEPT, overall
