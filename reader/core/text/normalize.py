"""Normalise: words into comparison keys, so cosmetic differences fold away.

Case, curly vs straight quotes, dashes and number format are cosmetic:
`1000`, `1,000` and `one thousand` all become the key `1000`. Works on any
script (words are Unicode `\\w` runs).
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from typing import NamedTuple

# Scripts written without spaces between words (Chinese, Japanese): each character is
# a token of its own, since a run of them is a whole phrase, not a word.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,\u00a0\u202f]\d+)*)"  # 1000, 1,000, 1.5, 1 000
    rf"|(?P<char>[{_UNSPACED}])"
    rf"|(?P<word>[^\W{_UNSPACED}]+(?:['’][^\W{_UNSPACED}]+)*)",
)
# Number words of the languages users read stories in. Comparison only: a word
# that is not here is simply compared as a word.
_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "eins": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "zehn": 10,
    "hundert": 100,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "cinq": 5,
    "dix": 10,
    "cent": 100,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cinco": 5,
    "diez": 10,
    "cien": 100,
    "один": 1,
    "два": 2,
    "три": 3,
    "пять": 5,
    "десять": 10,
    "сто": 100,
    "hundred": 100,
}
_HUNDREDS = frozenset({"hundred", "hundert", "cent", "cien", "сто"})
_SCALES = {
    "thousand": 1_000,
    "tausend": 1_000,
    "mille": 1_000,
    "mil": 1_000,
    "тысяча": 1_000,
    "тысячи": 1_000,
    "тисяча": 1_000,
    "тисячі": 1_000,
    "million": 1_000_000,
    "millionen": 1_000_000,
    "millón": 1_000_000,
    "millones": 1_000_000,
    "millions": 1_000_000,
    "миллион": 1_000_000,
    "мільйон": 1_000_000,
    "billion": 1_000_000_000,
    "milliard": 1_000_000_000,
    "milliarde": 1_000_000_000,
}
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_SCALES)
_FOLD = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "—": "-",
        "–": "-",
        "‒": "-",
        "―": "-",
        "‐": "-",
        "\u00a0": " ",
    }
)


_intern = sys.intern
_token = tuple.__new__  # a Token from all five fields, without the Python-level __new__ a named tuple has


class Token(NamedTuple):
    """A word or number at text[start:end], with the key it is compared by.

    A named tuple, not a dataclass: a long comparison makes hundreds of thousands,
    and tuples of plain values are not tracked by the garbage collector, whose
    passes would otherwise grow with their number."""

    start: int
    end: int
    key: str
    is_number: bool = False
    spelled: bool = False  # a number written in words ("two", "one thousand")


# A numeral longer than this is compared as plain text, digit for digit, not as a value: no count, amount
# or date is written with more, and a value of thousands of digits could not even be turned into a number
# (Python refuses int() of over 4,300 digits; float() of over 308 is infinite).
MAX_NUMERAL_CHARS = 40


def fold(text: str) -> str:
    """Cosmetic normal form of a span: quotes, dashes, spaces and case folded."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).casefold().split())


def number_value(raw: str) -> str:
    """Canonical value of a numeral: '1,000' -> '1000', '1.5' -> '1.5', '1.000' -> '1000'."""
    parts = re.split(r"[.,\u00a0\u202f]", raw)
    seps = re.findall(r"[.,\u00a0\u202f]", raw)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and (len(set(seps)) == 1):
        return str(int("".join(parts)))
    if len(seps) == 1:
        whole, frac = parts
        frac = frac.rstrip("0")
        return f"{int(whole)}.{frac}" if frac else str(int(whole))
    return raw


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words and numbers of text[start:end], number words folded into values."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    number_words = False
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if m.lastgroup == "num" and len(word) <= MAX_NUMERAL_CHARS:
            tokens.append(_token(Token, (*m.span(), number_value(word), True, False)))
            continue
        key = _word_key(word)
        number_words = number_words or key in _NUMBER_WORDS
        tokens.append(_token(Token, (*m.span(), key, False, False)))
    return _fold_number_words(tokens) if number_words else tokens


def _word_key(word: str) -> str:
    # one string per distinct word: a long comparison holds hundreds of thousands of tokens
    return _intern(word.lower() if word.isascii() else unicodedata.normalize("NFKC", word).translate(_FOLD).casefold())


_new_token = functools.partial(tuple.__new__, Token)  # a Token from a tuple of its five fields, in C
_NO = itertools.repeat(False)


class TokenTable:
    """The tokens of one text's sentences in flat arrays (where each starts and ends, its key, its
    kind), not a tuple per token: a long comparison holds hundreds of thousands of tokens, and a
    tuple with its two numbers takes about six times the room (some 160 bytes against 26).
    `table[s]` gives sentence s's tokens as `Token`s, made when asked; `words(s)` only their keys
    and whether each is a number."""

    __slots__ = ("_bounds", "_ends", "_keys", "_numbers", "_spelled", "_starts")

    def __init__(self) -> None:
        self._starts, self._ends = array("i"), array("i")  # a text has at most a million characters
        self._keys: list[str] = []
        self._numbers, self._spelled = array("b"), array("b")
        self._bounds = array("l", [0])  # sentence s's tokens are [bounds[s], bounds[s + 1])

    def __len__(self) -> int:
        return len(self._bounds) - 1

    def __getitem__(self, s: int) -> list[Token]:
        lo, hi = self._span(s)
        numbers = self._numbers[lo:hi]
        if 1 not in numbers:  # no number, so no number in words either: every flag is False
            columns = (self._starts[lo:hi], self._ends[lo:hi], self._keys[lo:hi], _NO, _NO)
            return list(map(_new_token, zip(*columns, strict=False)))  # the flags never run out
        return list(
            map(
                _new_token,
                zip(
                    self._starts[lo:hi],
                    self._ends[lo:hi],
                    self._keys[lo:hi],
                    map(bool, self._numbers[lo:hi]),
                    map(bool, self._spelled[lo:hi]),
                    strict=True,
                ),
            )
        )

    def __iter__(self) -> Iterator[list[Token]]:
        return (self[s] for s in range(len(self)))

    def columns(self, s: int) -> tuple[array[int], array[int], list[str], array[int]]:
        """Sentence s's tokens as columns: where each starts, where it ends, its key, whether it is a number."""
        lo, hi = self._span(s)
        return self._starts[lo:hi], self._ends[lo:hi], self._keys[lo:hi], self._numbers[lo:hi]

    def words(self, s: int) -> Iterator[tuple[str, bool]]:
        """Sentence s's tokens as (key, is a number), without making a Token of each."""
        lo, hi = self._span(s)
        return zip(self._keys[lo:hi], map(bool, self._numbers[lo:hi]), strict=True)

    def _span(self, s: int) -> tuple[int, int]:
        if not 0 <= s < len(self):
            raise IndexError(s)
        return self._bounds[s], self._bounds[s + 1]

    def append(self, tokens: list[Token]) -> None:
        """The next sentence's tokens."""
        if tokens:
            starts, ends, keys, numbers, spelled = zip(*tokens, strict=True)
            self._starts.extend(starts)
            self._ends.extend(ends)
            self._keys.extend(keys)
            self._numbers.extend(numbers)
            self._spelled.extend(spelled)
        self._bounds.append(len(self._keys))

    def read(self, text: str, start: int, end: int, keys: dict[str, str]) -> None:
        """The next sentence: `tokenize(text, start, end)` written straight into the arrays, without a
        Token per word (`keys`: each word's key, kept by the caller across sentences). A sentence with
        number words ("one thousand") is read by `tokenize` itself, which folds them."""
        starts, ends, found, numbers = [], [], [], []
        for m in _TOKEN.finditer(text, start, end):
            word = m.group()
            if m.lastgroup == "num" and len(word) <= MAX_NUMERAL_CHARS:
                key, number = number_value(word), True
            else:
                key, number = keys.get(word) or keys.setdefault(word, _word_key(word)), False
                if key in _NUMBER_WORDS:
                    self.append(tokenize(text, start, end))
                    return
            starts.append(m.start())
            ends.append(m.end())
            found.append(key)
            numbers.append(number)
        self._starts.extend(starts)
        self._ends.extend(ends)
        self._keys.extend(found)
        self._numbers.extend(numbers)
        self._spelled.frombytes(bytes(len(found)))  # no number words here
        self._bounds.append(len(self._keys))

    def append_copy(self, other: TokenTable, s: int, shift: int) -> None:
        """The next sentence's tokens: those of `other`'s sentence s (the same text), moved by `shift`."""
        lo, hi = other._span(s)
        self._starts.extend([n + shift for n in other._starts[lo:hi]])
        self._ends.extend([n + shift for n in other._ends[lo:hi]])
        self._keys.extend(other._keys[lo:hi])
        self._numbers.extend(other._numbers[lo:hi])
        self._spelled.extend(other._spelled[lo:hi])
        self._bounds.append(len(self._keys))


Seen = dict[str, tuple[TokenTable, int, int]]  # a sentence's text -> the table, sentence and offset it was read at


def tokenize_spans(text: str, spans: Iterable[tuple[int, int]], seen: Seen) -> TokenTable:
    """`tokenize` of each text[start:end], into one table; each distinct span text is read once:
    versions of one story repeat most sentences word for word. `seen` is shared across texts; a
    repeat's tokens are the first reading's, moved to where it stands."""
    table = TokenTable()
    keys: dict[str, str] = {}  # each distinct word's key, made once per text
    for start, end in spans:
        piece = text[start:end]
        found = seen.get(piece)
        if found is None:
            seen[piece] = (table, len(table), start)
            table.read(text, start, end, keys)
        else:
            first, s, at = found
            table.append_copy(first, s, start - at)
    return table


def _fold_number_words(tokens: list[Token]) -> list[Token]:
    """Runs like 'one thousand' become one number token whose key is its value."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j, total, current = i, 0, 0
        while j < len(tokens) and not tokens[j].is_number and (tokens[j].key in _UNITS or tokens[j].key in _SCALES):
            word = tokens[j].key
            if word in _UNITS:
                multiplies = word in _HUNDREDS and current
                current = current * _UNITS[word] if multiplies else current + _UNITS[word]
            else:
                total += max(current, 1) * _SCALES[word]
                current = 0
            j += 1
        if j > i and (j - i > 1 or tokens[i].key in _SCALES or tokens[i].key not in ("un", "une", "uno", "one")):
            out.append(Token(tokens[i].start, tokens[j - 1].end, str(total + current), True, spelled=True))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return out
