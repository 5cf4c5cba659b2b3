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

from reader.core.claims.worddiff import Edit
from reader.core.text.normalize import Token
from reader.model.comparison import Change


def _plain(text: str) -> str:
    return " ".join(text.split())


def _between_words(*gaps: str) -> bool:
    """Is each gap only what stands between two neighbouring words? A member of two sentences far
    apart (a claim that joins a sentence told twice) runs on from one to the other: the text between
    them is no punctuation of theirs."""
    return not any(ch.isalnum() for gap in gaps for ch in gap)


def _equal_blocks(n_mine: int, n_theirs: int, diff: Sequence[Edit]) -> Iterator[tuple[int, int, int]]:
    """(mine start, theirs start, length) of each run of tokens the diff leaves equal."""
    i = j = 0
    for edit in [*diff, Edit(n_mine, n_mine, n_theirs, n_theirs)]:
        length = min(edit.start - i, edit.their_start - j)
        if length > 0:
            yield i, j, length
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
    for i0, j0, length in _equal_blocks(len(mine), len(theirs), diff):
        first, last = mine[i0], mine[i0 + length - 1]
        their_first, their_last = theirs[j0], theirs[j0 + length - 1]
        if text[first.start : last.end] == their_text[their_first.start : their_last.end]:
            continue  # the whole run written alike: the usual case
        for k in range(length):
            a, b = mine[i0 + k], theirs[j0 + k]
            if text[a.start : a.end] != their_text[b.start : b.end]:
                found.append(
                    Change(claim, article, against, "replaced", a.start, a.end, text[a.start : a.end], "cosmetic")
                )
            if k:
                gap, their_gap = text[mine[i0 + k - 1].end : a.start], their_text[theirs[j0 + k - 1].end : b.start]
                if (
                    gap != their_gap
                    and gap.strip()
                    and _plain(gap) != _plain(their_gap)
                    and _between_words(gap, their_gap)
                ):
                    s = mine[i0 + k - 1].end + (len(gap) - len(gap.lstrip()))
                    e = a.start - (len(gap) - len(gap.rstrip()))
                    found.append(Change(claim, article, against, "replaced", s, e, text[s:e], "cosmetic"))
    return found
