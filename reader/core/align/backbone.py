"""Backbone: the monotone alignment of two versions' sentences.

Versions of one story keep most of their sentences in the order they had, so
order is evidence: a sentence standing between two matched pairs most likely
matches the sentence between their partners, even when they share few words.
Two searches use it, as the sentence aligners of the field do (Gale-Church,
hunalign, Vecalign, Bertalign):

- `heaviest_chain`: of many candidate pairs, the ones that keep both orders and
  weigh most together (a weighted longest increasing subsequence, O(k log k));
  strong pairs chained this way are the anchors that cut the texts into gaps.
- `best_beads`: inside one gap, dynamic programming over beads of 1:1, 1:2, 2:1,
  1:3 and 3:1 sentences, where leaving a sentence out costs nothing and a bead
  gains its similarity above a bar (a merge must beat the bar by more).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

BEADS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1))


@dataclass(frozen=True, slots=True)
class Bead:
    """Sentences a[i:i+di] and b[j:j+dj] tell the same thing, with this similarity."""

    i: int
    di: int
    j: int
    dj: int
    similarity: float

    def links(self) -> list[tuple[int, int]]:
        return [(x, y) for x in range(self.i, self.i + self.di) for y in range(self.j, self.j + self.dj)]


def heaviest_chain(pairs: Iterable[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The pairs (i, j, weight > 0), strictly increasing in i and in j, of greatest total weight."""
    ordered = sorted(pairs)
    if not ordered:
        return []
    size = max(j for _, j, _ in ordered) + 1
    tree_value = [0.0] * (size + 1)  # Fenwick tree of prefix maxima over j
    tree_index = [-1] * (size + 1)
    back = [-1] * len(ordered)
    total = [0.0] * len(ordered)

    def best_before(j: int) -> tuple[float, int]:
        value, index = 0.0, -1
        k = j  # positions 1..j of the tree hold j' < j
        while k > 0:
            if tree_value[k] > value:
                value, index = tree_value[k], tree_index[k]
            k -= k & -k
        return value, index

    def record(j: int, value: float, index: int) -> None:
        k = j + 1
        while k <= size:
            if value > tree_value[k]:
                tree_value[k], tree_index[k] = value, index
            k += k & -k

    start = 0
    while start < len(ordered):
        end = start
        while end < len(ordered) and ordered[end][0] == ordered[start][0]:
            end += 1
        for n in range(start, end):  # pairs of one i may not chain with each other
            value, index = best_before(ordered[n][1])
            total[n], back[n] = value + ordered[n][2], index
        for n in range(start, end):
            record(ordered[n][1], total[n], n)
        start = end
    n = max(range(len(ordered)), key=lambda k: (total[k], -k))
    chain = []
    while n >= 0:
        chain.append((ordered[n][0], ordered[n][1]))
        n = back[n]
    return chain[::-1]


Gain = Callable[[int, int, int, int], tuple[float, float]]  # (i, di, j, dj) -> (gain, similarity); gain <= 0: never


def best_beads(rows: int, cols: int, gain: Gain, beads: Sequence[tuple[int, int]] = BEADS) -> list[Bead]:
    """The beads over a[0:rows] and b[0:cols], in order, whose gains sum highest; a sentence
    in no bead is left out for free."""
    if rows == 0 or cols == 0:
        return []
    width = cols + 1
    score = [0.0] * ((rows + 1) * width)
    step: list[tuple[int, int, float] | None] = [None] * ((rows + 1) * width)  # (di, dj, similarity)
    for i in range(rows + 1):
        for j in range(cols + 1):
            if i == 0 and j == 0:
                continue
            here = i * width + j
            best, move = -1.0, None
            if i and score[here - width] > best:
                best, move = score[here - width], (1, 0, 0.0)
            if j and score[here - 1] > best:
                best, move = score[here - 1], (0, 1, 0.0)
            for di, dj in beads:
                if di <= i and dj <= j:
                    g, similarity = gain(i - di, di, j - dj, dj)
                    if g > 0 and score[here - di * width - dj] + g > best:
                        best, move = score[here - di * width - dj] + g, (di, dj, similarity)
            score[here], step[here] = best, move
    found: list[Bead] = []
    i, j = rows, cols
    while i or j:
        move = step[i * width + j]
        assert move is not None
        di, dj, similarity = move
        if di and dj:
            found.append(Bead(i - di, di, j - dj, dj, similarity))
        i, j = i - di, j - dj
    return found[::-1]
