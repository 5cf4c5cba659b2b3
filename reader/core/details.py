"""Details: the signals facts are found by that other stages share (month names; capitals inside sentences).

What a fact is, and its category, is decided in `facts.py`; values in `values.py`.
"""

from __future__ import annotations

from .normalize import Token

MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec januar februar märz juni juli oktober dezember janvier
    février mars avril mai juin juillet août septembre octobre novembre décembre enero febrero marzo
    abril mayo junio julio agosto septiembre octubre noviembre diciembre января февраля марта апреля
    мая июня июля августа сентября октября ноября декабря січня лютого березня квітня травня червня
    липня серпня вересня жовтня листопада грудня""".split()
)
# What stands between two words inside a sentence (a quotation closed with a comma too: "…talk,” Peskov said)
_INSIDE_SENTENCE = frozenset(" \t\u00a0,;&/–—-”’»")


def capitalised_keys(text: str, tokens: list[Token]) -> set[str]:
    """Keys of the words of one sentence written with an initial capital where no
    sentence begins: not first, and with only spaces, commas, dashes or a closing
    quotation mark before it (not an opening quote, a colon, a heading's markup);
    and acronyms wherever they stand ("NATO officials have warned")."""
    found = set()
    for prev, t in zip(tokens, tokens[1:], strict=False):
        between = text[prev.end : t.start]
        if text[t.start].isupper() and all(c in _INSIDE_SENTENCE for c in between):
            found.add(t.key)
    if tokens and any(text[t.start].islower() for t in tokens):  # a sentence in capitals has no acronym
        found.update(t.key for t in tokens if is_acronym(text[t.start : t.end]))
    return found


def is_acronym(word: str) -> bool:
    """Two or more letters, all capitals (NATO, UN, SBU, ЗСУ): a name in any cased script."""
    return len(word) >= 2 and word.isalpha() and word.isupper()
