"""Details: the signals facts are found by that other stages share (month names; capitals inside sentences).

What a fact is, and its category, is decided in `facts.py`; values in `values.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec januar februar märz juni juli oktober dezember janvier
    février mars avril mai juin juillet août septembre octobre novembre décembre enero febrero marzo
    abril mayo junio julio agosto septiembre octubre noviembre diciembre января февраля марта апреля
    мая июня июля августа сентября октября ноября декабря січня лютого березня квітня травня червня
    липня серпня вересня жовтня листопада грудня""".split()
)
# What stands between two words inside a sentence (a quotation closed with a comma too: "…talk,” Peskov said; a
# bracket opened: "Tatjana Mittermayer (Germany)")
_INSIDE_SENTENCE = frozenset(" \t\u00a0,;&/–—-”’»([")


def capitalised_keys(text: str, starts: Sequence[int], ends: Sequence[int], keys: Sequence[str]) -> set[str]:
    """Keys of the words of one sentence (each word's start, end and key) written with an initial
    capital where no sentence begins: not first, and with only spaces, commas, dashes or a closing
    quotation mark before it (not an opening quote, a colon, a heading's markup); and acronyms
    wherever they stand ("NATO officials have warned")."""
    found = {
        key
        for before, start, key in zip(ends, starts[1:], keys[1:], strict=False)  # each word after the first
        if text[start].isupper() and _inside_sentence(text[before:start])
    }
    if starts and any(text[start].islower() for start in starts):  # a sentence in capitals has no acronym
        # a word that begins in lower case is no acronym: only the others are asked
        found.update(
            key
            for start, end, key in zip(starts, ends, keys, strict=True)
            if not text[start].islower() and is_acronym(text[start:end])
        )
    return found


def _inside_sentence(between: str) -> bool:
    return between == " " or all(c in _INSIDE_SENTENCE for c in between)


def is_acronym(word: str) -> bool:
    """Two or more letters, all capitals (NATO, UN, SBU, ЗСУ): a name in any cased script."""
    return len(word) >= 2 and word.isalpha() and word.isupper()
