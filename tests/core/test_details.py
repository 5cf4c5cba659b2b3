"""Details: which facts a version inserts or alters, by category."""

from __future__ import annotations

import pytest

from reader.core.compare import compare_texts
from reader.core.details import category
from reader.core.normalize import tokenize

CATEGORIES = [
    ("number", "freed 1,500 prisoners", "number"),
    ("year is a date", "since the war began in 2022", "date"),
    ("month is a date", "on May 18", "date"),
    ("quote", "he said ‘we are still waiting’", "quote"),
    ("quoted term is no quotation", "a ‘1,000 for 1,000’ deal", "number"),
    ("source", "according to Interfax", "source"),
    ("obtained by", "memos obtained by Reuters", "source"),
    ("attributed to analysts", "as interpreted by analysts", "source"),
    ("name", "talks with Medinsky", "name"),
    ("other", "a bargaining chip", "other"),
    ("small number in words is wording", "between the two nations", "other"),
    ("large number in words is a figure", "freed two thousand prisoners", "number"),
]


@pytest.mark.parametrize(("name", "text", "expected"), CATEGORIES, ids=[r[0] for r in CATEGORIES])
def test_category(name: str, text: str, expected: str) -> None:
    assert category(text, tokenize(text), {"medinsky", "interfax", "reuters"}) == expected


BASE = (
    "Peskov said Moscow sent its list of 1,000 prisoners to Kyiv on Monday.\n"
    "The talks in Istanbul were mediated by neutral parties.\n"
)


def test_altered_number_is_a_number_detail() -> None:
    other = BASE.replace("1,000", "1,500")
    comparison = compare_texts([BASE, other])
    altered = [d for d in comparison.details if d.kind == "altered"]
    assert any(d.category == "number" and "1,500" in d.text for d in altered)
    assert any(c.text == "1,000" for d in altered for c in d.counterparts)
    assert comparison.claim_of(1, 0).status == "altered"


def test_format_only_change_is_same() -> None:
    other = BASE.replace("1,000", "1000").replace("Monday", "monday")
    comparison = compare_texts([BASE, other])
    assert {c.status for c in comparison.claims} == {"same"}
    assert comparison.changes == ()
    assert comparison.details == ()


def test_inserted_source_is_reported() -> None:
    other = BASE.replace("Monday.", "Monday, according to Interfax.")
    comparison = compare_texts([BASE, other])
    inserted = [d for d in comparison.details if d.kind == "inserted" and d.article == 1]
    assert any(d.category == "source" and "Interfax" in d.text for d in inserted)


def test_mediator_change_is_altered() -> None:
    other = BASE.replace("mediated by neutral parties", "held under the auspices of the UN")
    comparison = compare_texts([BASE, other])
    claim = comparison.claim_of(1, 1)
    assert claim.status == "altered"
    details = comparison.details_in(claim.index)
    assert any("UN" in d.text or "neutral" in d.text for d in details)


def test_detail_offsets_are_exact() -> None:
    other = BASE.replace("1,000", "1,500").replace("Monday.", "Monday, according to Interfax.")
    comparison = compare_texts([BASE, other])
    for d in comparison.details:
        assert comparison.articles[d.article].text[d.start : d.end] == d.text
        for c in d.counterparts:
            assert comparison.articles[c.article].text[c.start : c.end] == c.text
    for ch in comparison.changes:
        assert comparison.articles[ch.article].text[ch.start : ch.end] == ch.text
