"""The value readers of the registry against the engine's own, on the fact cases' dates, numbers and amounts.

    uv pip install dateparser number-parser price-parser quantulum3   # not dependencies: measured here only
    uv run python bench/bench_value_libraries.py [../shared/fact-cases]

Every date and number fact the engine reads in the fact cases (both versions of each document) is read
again by a library: dateparser (dates), number-parser (numbers in words), price-parser (amounts of money),
quantulum3 (quantities with their unit). For each: how many of the engine's facts it reads at all, how many
to the same value, a sample where they differ (to tell who is right), and its time per fact.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core import Source, read_article  # noqa: E402
from reader.core.claims.compare import claim_context  # noqa: E402

CASES = Path(__file__).resolve().parents[2] / "shared" / "fact-cases"


def engine_facts(cases: Path) -> list[tuple[str, str, str, str]]:
    """(category, text, value, sentence) of every date and number fact the engine reads."""
    found = []
    for case in sorted(p for p in cases.iterdir() if (p / "gold.json").exists()):
        gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
        for version in gold["versions"]:
            text = (case / version["file"]).read_text(encoding="utf-8")
            article = read_article(0, Source(version["file"], text))
            ctx = claim_context([article])
            for s, seg in enumerate(article.segments):
                for f in ctx.facts(0, [s]):
                    if f.category in ("date", "number") and f.counts != "coordinates":
                        found.append((f.category, text[f.core[0] : f.core[1]], f.value, seg.text))
    return found


def _date_value(parsed) -> str:
    return parsed.strftime("%Y-%m-%d")


def measure(name: str, facts: list[tuple[str, str, str, str]], read: Callable[[str], str | None]) -> None:
    started = time.process_time()
    read_at_all = same = 0
    differ: list[str] = []
    for _category, text, value, _sentence in facts:
        try:
            theirs = read(text)
        except Exception:  # noqa: BLE001 - a library that fails on a fact reads nothing of it
            theirs = None
        if theirs is None:
            continue
        read_at_all += 1
        if theirs == value or theirs.endswith(value) or value.endswith(theirs):
            same += 1
        elif len(differ) < 8:
            differ.append(f"{text!r}: engine {value!r}, {name} {theirs!r}")
    spent = time.process_time() - started
    print(
        f"{name}: {len(facts)} facts; read {read_at_all} ({read_at_all / max(len(facts), 1):.2f}), the engine's value "
        f"{same} ({same / max(read_at_all, 1):.2f} of those read); {spent / max(len(facts), 1) * 1e6:.0f} µs a fact"
    )
    for line in differ:
        print("   ", line)


def main() -> None:
    cases = Path(sys.argv[1]) if len(sys.argv) > 1 else CASES
    started = time.process_time()
    facts = engine_facts(cases)
    print(f"engine: {len(facts)} date and number facts read in {time.process_time() - started:.1f} s (with segmenting)")
    dates = [f for f in facts if f[0] == "date"]
    numbers = [f for f in facts if f[0] == "number"]

    import dateparser  # noqa: PLC0415 - measured, not a dependency

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": []}

    def by_dateparser(text: str) -> str | None:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
        if parsed is None:
            return None
        return str(parsed.year) if text.strip().isdigit() else _date_value(parsed)

    measure("dateparser", dates, by_dateparser)

    from number_parser import parse_number  # noqa: PLC0415

    def by_number_parser(text: str) -> str | None:
        words = text.split()
        parsed = parse_number(" ".join(words[:3]))
        return None if parsed is None else str(parsed)

    measure("number-parser", numbers, by_number_parser)

    from price_parser import Price  # noqa: PLC0415

    def by_price_parser(text: str) -> str | None:
        price = Price.fromstring(text)
        if price.amount is None or price.currency is None:
            return None
        amount = price.amount.normalize()
        return f"{price.currency}{amount:f}"

    measure("price-parser", [f for f in numbers if any(c in f[1] for c in "$€£¥")], by_price_parser)

    from quantulum3 import parser as quantities  # noqa: PLC0415

    def by_quantulum(text: str) -> str | None:
        found = quantities.parse(text)
        if not found:
            return None
        value = found[0].value
        return str(int(value)) if float(value).is_integer() else str(value)

    measure("quantulum3", numbers, by_quantulum)


if __name__ == "__main__":
    main()
