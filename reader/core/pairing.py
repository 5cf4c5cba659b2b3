"""Pairing: which sentences of two articles tell the same thing.

Sentences are paired when they are each other's best match; a sentence is also
joined to a partner that is already paired when most of it is contained there
(one version merging two sentences that another keeps apart), and a weaker match
is believed when it stands right beside a strong pair. How weak depends on how
closely the two articles are related: versions that rewrite one another (many
strong pairs) make a weak pair beside a strong one believable; stories told at
different stages do not. Whatever the words, no pair is made of two sentences
whose meanings point apart (meaning.py): shared rare words are evidence, not proof.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .evidence import Scores
from .meaning import Meaning

PAIR_MIN = (0.25, 0.18)  # cosine a mutual-best pair needs (unrelated articles, close rewrites)
JOIN_MIN = 0.18  # cosine a one-sided best needs to join an existing pair
JOIN_CONTAINED = 0.20  # and the share of the smaller sentence it must cover
CONTEXT_MIN = (0.25, 0.10)  # cosine for a sentence that stands by its neighbour's partner
PARAGRAPH_MIN = (0.15, 0.0)  # and for one whose neighbour in the same paragraph is paired there
RELATED = (0.15, 0.30)  # mean cosine of the strongest pairs at which articles count unrelated / close
STRONGEST = 5  # how many of the strongest pairs tell how related two articles are
DILUTION = 0.6  # a sentence joining a pair must keep the match at least this strong
APART = -0.05  # sentences whose centred meaning vectors are further apart than this are never paired

Merged = Callable[[int, int, int, int], float]  # (side, n, x, y) -> cosine of n and x read as one, with y


@dataclass(frozen=True)
class Bars:
    pair: float
    context: float
    paragraph: float

    @classmethod
    def between(cls, strongest: list[float], shorter: int) -> Bars:
        """Bars for two articles whose strongest mutual pairs have these cosines (the
        shorter article having `shorter` sentences: three strong pairs out of three
        sentences tell as much as five out of fifty)."""
        mean = sum(strongest) / max(1, min(STRONGEST, shorter))
        t = min(1.0, max(0.0, (mean - RELATED[0]) / (RELATED[1] - RELATED[0])))

        def mix(ends: tuple[float, float]) -> float:
            return ends[0] + (ends[1] - ends[0]) * t

        return cls(mix(PAIR_MIN), mix(CONTEXT_MIN), mix(PARAGRAPH_MIN))


def pair_edges(
    scores: Scores,
    paragraphs: tuple[Sequence[int], Sequence[int]],
    merged: Merged | None = None,
    meaning: Meaning | None = None,
) -> list[tuple[int, int, float, bool]]:
    """Mutual best pairs (strong); then one-sided bests that a merge explains; then
    sentences that a weaker match places beside their neighbour's partner. With
    `meaning`, none of them may pair two sentences that mean different things."""

    def agree(i: int, j: int) -> bool:
        return meaning is None or meaning.of(i, j) >= APART

    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for (i, j), (cos, _) in scores.items():  # ties go to the earlier sentence, whatever the order here
        old = best_a.get(i)
        if old is None or cos > old[0] or cos == old[0] and j < old[1]:
            best_a[i] = (cos, j)
        old = best_b.get(j)
        if old is None or cos > old[0] or cos == old[0] and i < old[1]:
            best_b[j] = (cos, i)
    mutual = {i: (cos, j) for i, (cos, j) in best_a.items() if best_b.get(j, (0.0, -1))[1] == i}
    shorter = min(len(paragraphs[0]), len(paragraphs[1]))
    bars = Bars.between(sorted((cos for cos, _ in mutual.values()), reverse=True)[:STRONGEST], shorter)
    edges = {(i, j): cos for i, (cos, j) in mutual.items() if cos >= bars.pair and agree(i, j)}
    strong = set(edges)
    paired_a = {i for i, _ in edges}
    paired_b = {j for _, j in edges}
    for i, (cos, j) in best_a.items():
        if i not in paired_a and j in paired_b and _joins(scores, i, j) and agree(i, j):
            edges[(i, j)] = cos
    for j, (cos, i) in best_b.items():
        if j not in paired_b and i in paired_a and _joins(scores, i, j) and agree(i, j):
            edges[(i, j)] = cos
    _attach_in_context(scores, edges, paragraphs, bars, merged, agree)
    return [(i, j, cos, (i, j) in strong) for (i, j), cos in sorted(edges.items())]


def _joins(scores: Scores, i: int, j: int) -> bool:
    """Is i~j a one-sided best strong enough, and contained enough, to join a pair?"""
    cos, contained = scores[(i, j)]
    return cos >= JOIN_MIN and contained >= JOIN_CONTAINED


def _attach_in_context(
    scores: Scores,
    edges: dict[tuple[int, int], float],
    paragraphs: tuple[Sequence[int], Sequence[int]],
    bars: Bars,
    merged: Merged | None = None,
    agree: Callable[[int, int], bool] = lambda i, j: True,
) -> None:
    """Unpaired sentences join a weaker match that stands right by their neighbour's partner;
    weaker still when that neighbour shares their paragraph.

    Runs until nothing changes; each round looks at both articles from the same
    state, so the result does not depend on which article is first.
    """
    partners: tuple[dict[int, set[int]], ...] = (defaultdict(set), defaultdict(set))
    for i, j in edges:
        partners[0][i].add(j)
        partners[1][j].add(i)
    frontier = (set(partners[0]), set(partners[1]))
    while frontier[0] or frontier[1]:
        added: dict[tuple[int, int], float] = {}
        for side in (0, 1):
            mine, para = partners[side], paragraphs[side]
            for x in {n + d for n in frontier[side] for d in (-1, 1)}:
                if x in mine or not 0 <= x < len(para):
                    continue
                fits = []
                for n in (x - 1, x + 1):
                    if n not in mine:
                        continue
                    least = bars.paragraph if para[n] == para[x] else bars.context
                    for y in {p + d for p in mine[n] for d in (-1, 0, 1)}:
                        pair = (y, x) if side else (x, y)
                        found = scores.get(pair)
                        if found is None or found[0] < least or not agree(*pair):
                            continue
                        if merged is not None and not _fits_in(side, x, y, partners[1 - side], scores, merged):
                            continue
                        fits.append((found[0], -y, y))
                if fits:
                    cos, _, y = max(fits)
                    added[(y, x) if side else (x, y)] = cos
        edges.update(added)
        frontier = ({i for i, _ in added}, {j for _, j in added})
        for i, j in added:
            partners[0][i].add(j)
            partners[1][j].add(i)


def _fits_in(
    side: int,
    x: int,
    y: int,
    their_partners: dict[int, set[int]],
    scores: Scores,
    merged: Merged,
) -> bool:
    """May x join y, which its own article already pairs with q? Only if x matches y nearly
    as well as q does (a second telling), or x read with q does (a continuation): an
    inserted sentence does neither."""
    own = scores.get((y, x) if side else (x, y), (0.0, 0.0))[0]
    for q in their_partners.get(y, ()):
        alone = scores.get((y, q) if side else (q, y), (0.0, 0.0))[0]
        if own < DILUTION * alone and merged(side, q, x, y) < DILUTION * alone:
            return False
    return True
