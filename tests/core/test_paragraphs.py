"""Which paragraphs correspond, from the claims they share (reader/model/paragraphs.py)."""

from __future__ import annotations

import pytest

from reader.core import compare_texts
from reader.model.paragraphs import paragraph_links, paragraph_rows

A = "The storm hit the coast on Monday. Winds reached 120 km/h.\n\nSchools were closed. Power returned on Wednesday."
SPLIT = (
    "The storm hit the coast on Monday.\n\nWinds reached 120 km/h.\n\nSchools were closed. Power returned on Wednesday."
)
EXTRA = (
    "A new paragraph only here tells of rescue teams arriving by boat.\n\n"
    "The storm hit the coast on Monday. Winds reached 120 km/h.\n\nSchools were closed. Power returned on Wednesday."
)
SWAPPED = (
    "Schools were closed. Power returned on Wednesday.\n\nThe storm hit the coast on Monday. Winds reached 120 km/h."
)


def rows_of(texts):
    comparison = compare_texts(texts)
    return comparison, paragraph_rows(comparison)


@pytest.mark.parametrize(
    ("name", "texts", "expected"),
    [
        ("same paragraphs", [A, A], [{0: [0], 1: [0]}, {0: [1], 1: [1]}]),
        ("a paragraph split in two joins one row", [A, SPLIT], [{0: [0], 1: [0, 1]}, {0: [1], 1: [2]}]),
        ("a paragraph only one version has stays with the next it shares", [A, EXTRA], None),
        ("a moved paragraph keeps its column in order", [A, SWAPPED], None),
    ],
)
def test_paragraph_rows(name, texts, expected):
    comparison, rows = rows_of(texts)
    if expected is not None:
        assert rows == expected, name
    for article in range(len(texts)):
        placed = [p for row in rows for p in row.get(article, [])]
        paragraphs = sorted({s.paragraph for s in comparison.articles[article].segments})
        assert placed == paragraphs, f"{name}: every paragraph once, in the version's own order"


def test_links_count_the_claims_two_paragraphs_share():
    comparison = compare_texts([A, SPLIT])
    links = paragraph_links(comparison, 0, 1)
    assert [(link.paragraph, link.other_paragraph, link.shared) for link in links] == [(0, 0, 1), (0, 1, 1), (1, 2, 2)]
