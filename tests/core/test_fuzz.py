"""Random text never crashes any stage, and offsets always hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import compare_texts
from reader.core.text.normalize import tokenize
from reader.core.text.segment import segment

ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
WORDY = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Kyiv",
                "1,000",
                "one thousand",
                "U.S.",
                "‘",
                "’",
                "“",
                "”",
                ".",
                "?",
                "\n",
                "\n\n",
                " ",
                "said",
                "Mr.",
                "2022",
                "—",
                "[bold]",
                "\x1b[31m",
                "é",
                "日本",
            ]
        ),
        st.text(ALPHABET, max_size=8),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(ALPHABET, max_size=300), WORDY))
def test_segment_and_tokenize_never_crash(text: str) -> None:
    result = segment(text)
    for seg in result.segments:
        assert text[seg.start : seg.end] == seg.text
        assert seg.text.strip()
    for tok in tokenize(text):
        assert 0 <= tok.start < tok.end <= len(text)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(WORDY, st.text(ALPHABET, max_size=200)), min_size=2, max_size=4))
def test_compare_never_crashes(texts: list[str]) -> None:
    comparison = compare_texts(texts)
    seen = sorted((m.article, m.segment) for c in comparison.claims for m in c.members)
    assert seen == sorted((a.index, s.index) for a in comparison.articles for s in a.segments)
    for item in (*comparison.details, *comparison.changes):
        assert comparison.articles[item.article].text[item.start : item.end] == item.text
