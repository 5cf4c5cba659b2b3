"""Normalisation: cosmetic differences fold away, values stay."""

from __future__ import annotations

import pytest

from reader.core.text.normalize import Seen, fold, number_value, tokenize, tokenize_spans


def keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text)]


SAME = [
    ("thousands separator", "1000 for 1000", "1,000 for 1,000"),
    ("number words", "one thousand prisoners", "1000 prisoners"),
    ("case", "Kyiv Said", "kyiv said"),
    ("curly quotes", "Putin’s list", "Putin's list"),
    ("spaces", "a   b", "a b"),
    ("german thousands", "1.000 Gefangene", "1000 Gefangene"),
    ("two hundred", "two hundred people", "200 people"),
]


@pytest.mark.parametrize(("name", "a", "b"), SAME, ids=[r[0] for r in SAME])
def test_same_after_normalising(name: str, a: str, b: str) -> None:
    assert keys(a) == keys(b)


DIFFERENT = [
    ("values differ", "1,000 prisoners", "1,500 prisoners"),
    ("decimal is not thousands", "1.5 percent", "15 percent"),
    ("words differ", "Kyiv", "Moscow"),
]


@pytest.mark.parametrize(("name", "a", "b"), DIFFERENT, ids=[r[0] for r in DIFFERENT])
def test_different_after_normalising(name: str, a: str, b: str) -> None:
    assert keys(a) != keys(b)


@pytest.mark.parametrize(
    ("raw", "value"), [("1,000", "1000"), ("1.5", "1.5"), ("2,500,000", "2500000"), ("12", "12"), ("3.10", "3.1")]
)
def test_number_value(raw: str, value: str) -> None:
    assert number_value(raw) == value


def test_fold_quotes_dashes_case() -> None:
    assert fold("“Hello” — World’s") == fold('"hello" - world\'s')


def test_token_offsets_point_into_text() -> None:
    text = "They freed one thousand people, 1,000 in all."
    for tok in tokenize(text):
        assert text[tok.start : tok.end].strip()
    assert [t.key for t in tokenize(text) if t.is_number] == ["1000", "1000"]


def test_unspaced_scripts_are_tokenised_by_character() -> None:
    assert keys("莫斯科发送了名单") == ["莫", "斯", "科", "发", "送", "了", "名", "单"]
    assert keys("Kyiv’s list") == ["kyiv's", "list"]


def test_tokenize_spans_reads_each_distinct_sentence_once_with_the_same_tokens():
    text = "Two thousand came. It rained on 1,000 fields.\nTwo thousand came. Café’s “owner” left."
    spans = [(0, 18), (19, 45), (46, 64), (65, 86)]
    seen: Seen = {}
    table = tokenize_spans(text, spans, seen)
    assert list(table) == [tokenize(text, s, e) for s, e in spans]
    assert [list(table.words(s)) for s in range(len(table))] == [
        [(t.key, t.is_number) for t in tokenize(text, s, e)] for s, e in spans
    ]
    assert len(seen) == 3  # the repeated sentence was read once
    again = tokenize_spans("x. " + text, [(s + 3, e + 3) for s, e in spans], seen)  # another text: moved
    assert list(again) == [tokenize("x. " + text, s + 3, e + 3) for s, e in spans]
    with pytest.raises(IndexError):
        table[len(spans)]


LONG_DIGITS = [
    ("5,000 digits", "7" * 5000),
    ("digits in groups of three", ",".join(["100"] * 3000)),
    ("digits with a fraction", "9" * 400 + ".5"),
    ("thousands spaced out", " ".join(["100"] * 300)),
    ("an amount beyond any float", "$" + " ".join(["999"] * 200) + " dollars"),
    ("a long time", "9" * 4400 + ":30 pm"),
    ("a long day", "9" * 4400 + " May 2006"),
]


@pytest.mark.parametrize(("name", "digits"), LONG_DIGITS, ids=[r[0] for r in LONG_DIGITS])
def test_any_digit_string_is_a_value_or_plain_text(name: str, digits: str) -> None:
    from reader.core import Source, compare_versions

    first = f"The count was {digits} people. Another sentence follows here."
    second = f"The count was {digits} persons. Another sentence follows here."
    table = tokenize_spans(first, [(0, len(first))], {})
    assert [t.key for t in table[0]] == keys(first)
    comparison = compare_versions([Source("a.txt", first), Source("b.txt", second)])
    assert comparison.claims  # compared, not refused: a value, or the digits as plain text
