"""The facts on a fast subset of the fact cases (../shared/fact-cases: SWiPE documents whose edits people
labelled), scored in process as ../shared/fact-cases/score_facts.py scores them. The whole set:
bench/bench_facts.py.

The floors are what the engine reaches today on every eighth case: raise them as the facts improve, never
lower them. Without ../shared the test fails under CI (the floor must be held there) and is skipped locally.
"""

from __future__ import annotations

import os

import pytest

from bench.fact_scoring import CASES, cases, score_all

EVERY = 8  # 60 of the 479 cases, about a second
MAX_ALARM_RATE = 0.034  # today 8 on 238 no-fact edits (0.034)
MIN_FOUND = 15  # of 21 fact edits (nonsim_fact_correction 8/11, lexical_entity 7/10)


def test_fact_case_floors() -> None:
    if not CASES.is_dir():
        if os.environ.get("CI"):
            pytest.fail(
                f"{CASES} is missing: the fact cases (../shared/fact-cases) must be beside the repository in CI"
            )
        pytest.skip(f"{CASES} is not beside the repository")
    total = score_all(cases(EVERY))
    assert total.alarm_rate <= MAX_ALARM_RATE, total.line() + "\n" + "\n".join(total.alarms)
    assert sum(total.found.values()) >= MIN_FOUND, total.line() + "\n" + "\n".join(total.missed)
