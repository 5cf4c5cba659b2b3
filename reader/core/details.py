"""Details: what kind of fact a span of text holds (number, date, name, quote, source).

Language-neutral signals first (digits, quotation marks, capitalised words in
mid-sentence); small cue lists in several languages for dates and sources.
"""

from __future__ import annotations

import re

from .normalize import Token

MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec januar februar märz juni juli oktober dezember janvier
    février mars avril mai juin juillet août septembre octobre novembre décembre enero febrero marzo
    abril mayo junio julio agosto septiembre octubre noviembre diciembre января февраля марта апреля
    мая июня июля августа сентября октября ноября декабря січня лютого березня квітня травня червня
    липня серпня вересня жовтня листопада грудня""".split()
)
DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow".split())
_SOURCE_CUES = (
    "according to",
    "said",
    "says",
    "told",
    "stated",
    "reported",
    "reportedly",
    "obtained by",
    "confirmed by",
    "cited",
    "quoted",
    "wrote",
    "announced",
    "sources",
    "source",
    "spokesperson",
    "spokesman",
    "press secretary",
    "interview",
    "statement",
    "transcripts",
    "memos",
    "report",
    "analysts",
    "officials",
    "experts",
    "observers",
    "critics",
    "outlined by",
    "interpreted by",
    "experten",
    "analysten",
    "beamte",
    "analystes",
    "responsables",
    "analistas",
    "funcionarios",
    "аналитики",
    "эксперты",
    "чиновники",
    "аналітики",
    "експерти",
    "посадовці",
    "laut",
    "sagte",
    "berichtete",
    "zufolge",
    "selon",
    "a déclaré",
    "a dit",
    "según",
    "dijo",
    "afirmó",
    "по словам",
    "сообщил",
    "заявил",
    "сказал",
    "за словами",
    "повідомив",
    "заявив",
    "сказав",
)
_SOURCE_WORDS = frozenset(c for c in _SOURCE_CUES if " " not in c)
_SOURCE_PAIRS = frozenset(tuple(c.split()) for c in _SOURCE_CUES if " " in c)
# A quotation: an opening mark at a word's start and at least four words after it
# ("‘1,000 for 1,000’" is a quoted term, not a quotation).
_QUOTE = re.compile(r"(?:^|(?<=[\s(\[—–-]))[“‘«„\"](?:[^\s”’»\"]+\s+){3,}[^\s”’»\"]+")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def _has_date(tokens: list[Token]) -> bool:
    """A year, a weekday, or a month next to a number (so the verb 'may' is no date)."""
    for k, tok in enumerate(tokens):
        if tok.key in DAYS or tok.is_number and not tok.spelled and _YEAR.match(tok.key):
            return True
        if tok.key in MONTHS and any(0 <= n < len(tokens) and tokens[n].is_number for n in (k - 1, k + 1)):
            return True
    return False


def category(text: str, tokens: list[Token], capitalised: set[str]) -> str:
    """The most telling category of a span: quote, source, date, number, name, or other.

    `capitalised` holds the token keys that are written with a capital in
    mid-sentence somewhere in the comparison: names, in any cased script.
    """
    if _QUOTE.search(text):
        return "quote"
    keys = [t.key for t in tokens]
    if any(k in _SOURCE_WORDS for k in keys) or any(p in _SOURCE_PAIRS for p in zip(keys, keys[1:], strict=False)):
        return "source"
    if _has_date(tokens):
        return "date"
    if any(t.is_number and (not t.spelled or int(t.key) >= 100) for t in tokens):
        return "number"  # "two sides" is wording; "two thousand" and "2" are figures
    if any(k in capitalised for k in keys):
        return "name"
    return "other"


# What stands between two words inside a sentence (a quotation closed with a comma too: "…talk,” Peskov said")
_INSIDE_SENTENCE = frozenset(" \t\u00a0,;&/–—-”’»")


def capitalised_keys(text: str, tokens: list[Token]) -> set[str]:
    """Keys of the words of one sentence written with an initial capital where no
    sentence begins (not first, not right after an opening quote or a colon)."""
    found = set()
    for prev, t in zip(tokens, tokens[1:], strict=False):
        between = text[prev.end : t.start]
        if text[t.start].isupper() and all(c in _INSIDE_SENTENCE for c in between):
            found.add(t.key)
    return found
