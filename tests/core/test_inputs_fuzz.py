"""Fuzzing the way in: random bytes into the loader, random text into the segmenter and the pipeline.

The loader may refuse (InputError with a one-line message) but must never raise
anything else; the segmenter's offsets must always hold.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import compare_texts
from reader.core.input.encoding import decode
from reader.core.input.load import InputError, source_from_bytes
from reader.core.text.segment import segment

# Derandomized: the same examples on every run, so CI never goes red by luck; to explore new
# examples locally, set derandomize=False for a while.
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
# Text that stresses the rules: sentence ends, quotes, CJK and RTL, controls, combining marks, emoji.
PIECES = st.sampled_from(
    [
        ". ",
        "! ",
        "? ",
        "… ",
        "。",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\t",
        "U.S.",
        "Dr. ",
        "1.5",
        "1,000",
        "“",
        "”",
        "«",
        "»",
        "(",
        ")",
        "[bold]",
        "[/]",
        "\x1b[31m",
        "\x00",
        "\x9b",
        "\u202e",
        "e\u0301",
        "👩‍👩‍👧",
        "東京",
        "مرحبا",
        "Word",
        "word",
        "A",
        "z",
        "-",
        "—",
        "'",
        '"',
        "#",
        "<p>",
        "</p>",
    ]
)
TEXT = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=80).map("".join))


def _one_line(exc: InputError) -> None:
    message = str(exc)
    assert message and "\n" not in message


@FUZZ
@given(st.binary(max_size=2000))
def test_decode_random_bytes(data):
    try:
        text, encoding = decode(data, "fuzz.txt")
    except InputError as exc:
        _one_line(exc)
        return
    assert "\r" not in text and "\x00" not in text and encoding


@FUZZ
@given(st.sampled_from(["a.txt", "a.md", "a.html", "-"]), st.one_of(st.binary(max_size=1500), TEXT.map(str.encode)))
def test_load_random_input_in_every_format(name, data):
    try:
        source = source_from_bytes(name, data)
    except InputError as exc:
        _one_line(exc)
        return
    assert source.text.strip() and "\r" not in source.text
    assert source.source_format in ("text", "markdown", "html")


def _check_segments(text: str) -> None:
    seg = segment(text)
    previous_end = 0
    for i, s in enumerate(seg.segments):
        assert s.index == i and 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text and s.text.strip()
        assert s.start >= previous_end  # in reading order, no overlap
        assert 0 <= s.paragraph < len(seg.paragraphs)
        previous_end = s.end


@FUZZ
@given(TEXT)
def test_segment_offsets_hold(text):
    _check_segments(text)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT.filter(str.strip), TEXT.filter(str.strip))
def test_pipeline_never_crashes_and_every_segment_is_in_one_claim(first, second):
    comparison = compare_texts([first, second])
    for article in comparison.articles:
        for s in article.segments:
            holders = [
                c
                for c in comparison.claims
                if any(m.article == article.index and m.segment == s.index for m in c.members)
            ]
            assert len(holders) == 1


MULTIBYTE = st.text(alphabet=st.sampled_from("’“”—éèüñßçàÖ東京مر"), min_size=4, max_size=40)
BAD_BYTES = st.lists(
    st.sampled_from([b"\xff", b"\xfe", b"\x80", b"\xc3(", b"\xe2\x82", b"\xc0\xaf"]), min_size=1, max_size=3
)


@FUZZ
@given(st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=200), MULTIBYTE, BAD_BYTES)
def test_utf8_with_a_few_bad_bytes_stays_utf8(ascii_text, multibyte, bad):
    """More valid multi-byte characters than bad bytes: UTF-8, each bad byte a U+FFFD, every good character kept."""
    data = (ascii_text + multibyte).encode() + b"".join(bad) + b" end."
    escaped = data.decode("utf-8", "surrogateescape")  # a bad byte is one lone surrogate
    bad_bytes = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    if bad_bytes == 0 or len(multibyte) <= bad_bytes:
        return  # the pieces made a valid sequence, or as much damage as text: detection decides
    text, encoding = decode(data, "fuzz.txt")
    noun = "byte" if bad_bytes == 1 else "bytes"
    assert encoding == f"utf-8 ({bad_bytes} bad {noun} replaced)"
    assert multibyte in text and text.count("\ufffd") == bad_bytes
