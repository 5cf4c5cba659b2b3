"""Layers: the cosmetic layer of a claim, the differences of form between words that compare equal.

Words whose keys are equal (`normalize`, `values`) are the same words; the way
they are written may still differ: case, a curly or straight quote, a dash, a
number or date written another way (`22nd` / `22`, `$5m` / `$5 million`), or the
punctuation between them. A fact-checker wants these out of the way and an
editor wants them visible on demand: they are kept apart from the `changes`
(which the JSON contract says never hold such differences), as cosmetic spans.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .model import Change
from .normalize import Token
from .worddiff import Edit


def _plain(text: str) -> str:
    return " ".join(text.split())


def _equal_pairs(n_mine: int, n_theirs: int, diff: Sequence[Edit]) -> Iterator[tuple[int, int]]:
    """Index pairs (mine, theirs) of the tokens the diff leaves equal."""
    i = j = 0
    for edit in [*diff, Edit(n_mine, n_mine, n_theirs, n_theirs)]:
        while i < edit.start and j < edit.their_start:
            yield i, j
            i, j = i + 1, j + 1
        i, j = edit.end, edit.their_end


def restyled(
    text: str,
    their_text: str,
    mine: Sequence[Token],
    theirs: Sequence[Token],
    diff: Sequence[Edit],
    claim: int,
    article: int,
    against: int,
) -> list[Change]:
    """Spans of `mine` that differ from `theirs` in form only: an equal word written otherwise, or other
    punctuation between two equal words (marked where this side has any)."""
    found: list[Change] = []
    previous: tuple[int, int] | None = None
    for i, j in _equal_pairs(len(mine), len(theirs), diff):
        a, b = mine[i], theirs[j]
        if a.end - a.start != b.end - b.start or text[a.start : a.end] != their_text[b.start : b.end]:
            found.append(Change(claim, article, against, "replaced", a.start, a.end, text[a.start : a.end], "cosmetic"))
        if previous is not None and previous == (i - 1, j - 1):
            gap, their_gap = text[mine[i - 1].end : a.start], their_text[theirs[j - 1].end : b.start]
            if gap != their_gap and gap.strip() and _plain(gap) != _plain(their_gap):
                s = mine[i - 1].end + (len(gap) - len(gap.lstrip()))
                e = a.start - (len(gap) - len(gap.rstrip()))
                found.append(Change(claim, article, against, "replaced", s, e, text[s:e], "cosmetic"))
        previous = (i, j)
    return found
