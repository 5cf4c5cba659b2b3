"""The fact cases' scoring, in process: the rules of ../shared/fact-cases/score_facts.py on the engine's model.

A fact edit (labelled `nonsim_fact_correction` or `lexical_entity`) is found when a detail or one of its
counterparts overlaps it; a detail whose overlapping labelled spans are all no-fact edits (`lexical_generic`,
`nonsim_format`, `nonsim_noise_deletion`) is a false alarm. Shared by the suite's floor (a fast subset,
tests/core/test_fact_cases.py) and the benchmark (the whole set, bench/bench_facts.py).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import compare_versions

SHARED = Path(__file__).resolve().parents[2] / "shared"
CASES = SHARED / "fact-cases"
FACT = frozenset({"nonsim_fact_correction", "lexical_entity"})
NO_FACT = frozenset({"lexical_generic", "nonsim_format", "nonsim_noise_deletion"})


@dataclass
class Score:
    """What one case (or several, added up) shows: no-fact edits and the alarms on them, fact edits found."""

    no_fact: int = 0
    alarms: list[str] = field(default_factory=list)
    found: Counter[str] = field(default_factory=Counter)  # by category
    facts: Counter[str] = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.no_fact += other.no_fact
        self.alarms += other.alarms
        self.found.update(other.found)
        self.facts.update(other.facts)
        self.missed += other.missed

    @property
    def alarm_rate(self) -> float:
        return len(self.alarms) / max(self.no_fact, 1)

    def recall(self, category: str | None = None) -> float:
        if category is None:
            return sum(self.found.values()) / max(sum(self.facts.values()), 1)
        return self.found[category] / max(self.facts[category], 1)

    def line(self) -> str:
        by = ", ".join(f"{c} {self.found[c]}/{self.facts[c]} ({self.recall(c):.2f})" for c in sorted(self.facts))
        return (
            f"false alarms {len(self.alarms)} on {self.no_fact} no-fact edits (rate {self.alarm_rate:.3f}); "
            f"fact edits found {sum(self.found.values())}/{sum(self.facts.values())} ({self.recall():.3f}): {by}"
        )


def cases(every: int = 1) -> list[Path]:
    """The fact cases, every `every`-th of them in name order."""
    return sorted(p for p in CASES.iterdir() if (p / "gold.json").exists())[::every]


def score(case: Path) -> Score:
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    comparison = compare_versions([str(case / v["file"]) for v in gold["versions"]])
    texts = [a.text for a in comparison.articles]
    spans: list[tuple[int, int, int, str]] = []  # article, start, end, category
    for group in gold["edit_groups"]:
        for op in group["ops"]:
            for side, key in ((0, "a_span"), (1, "b_span")):
                span = op.get(key)
                if span and span[1] > span[0] and op["type"] != "equal":
                    spans.append((side, span[0], span[1], group["category"]))
    result = Score(no_fact=sum(c in NO_FACT for *_, c in spans))
    marks = [(d.article, d.start, d.end) for d in comparison.details]
    marks += [(c.article, c.start, c.end) for d in comparison.details for c in d.counterparts]
    for d in comparison.details:
        over = [c for a, s, e, c in spans if a == d.article and s < d.end and d.start < e]
        if over and all(c in NO_FACT for c in over):
            result.alarms.append(f"{case.name}: {d.fact_role} {d.category} {d.text!r}")
    for a, s, e, c in spans:
        if c in FACT:
            result.facts[c] += 1
            if any(pa == a and ps < e and s < pe for pa, ps, pe in marks):
                result.found[c] += 1
            else:
                result.missed.append(f"{case.name}: {c} {texts[a][s:e]!r}")
    return result


def score_all(paths: list[Path]) -> Score:
    total = Score()
    for case in paths:
        total.add(score(case))
    return total
