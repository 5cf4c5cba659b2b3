"""Pairing: which sentences of two articles tell the same thing.

Two kinds of pairs of versions call for two ways of reading them:

- **parallel** versions (translations, editions, simplifications, revisions) tell the
  same things in the same order: order is evidence. Strong mutual pairs chained in
  both orders are anchors; between two anchors, the sentences are aligned bead by bead
  on weaker evidence (backbone.py: 1:1 up to 1:3 and 3:1, skips free); what both sides
  leave over may still pair out of order, on strong evidence only (a move).
- **stories told at different stages** share a topic, reorder freely and insert a lot:
  there order proves little, and a weak pair between two anchors is mostly a guess.
  Sentences pair when they are each other's best match on rare words, a sentence
  merged by the other version joins its partner, and a weaker match is believed only
  right beside a strong pair.

Which kind a pair is, the texts say: in parallel versions the best matches of
consecutive sentences follow each other closely (`in_step`). Whatever the words, no
pair is made of two sentences whose meanings point apart (meaning.py): shared rare
words are evidence, not proof.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.align.backbone import best_beads, heaviest_chain
from reader.core.align.evidence import FewUnits, PairScores, ReadAsOne, Scores, UnitSimilarity
from reader.core.align.meaning import Meaning

PAIR_MIN = (0.25, 0.18)  # cosine a mutual-best pair needs (unrelated articles, close rewrites)
JOIN_MIN = 0.18  # cosine a one-sided best needs to join an existing pair
JOIN_CONTAINED = 0.20  # and the share of the smaller sentence it must cover
CONTEXT_MIN = (0.25, 0.10)  # cosine for a sentence that stands by its neighbour's partner
PARAGRAPH_MIN = (0.15, 0.0)  # and for one whose neighbour in the same paragraph is paired there
RELATED = (0.15, 0.30)  # mean cosine of the strongest pairs at which articles count unrelated / close
STRONGEST = 5  # how many of the strongest pairs tell how related two articles are
DILUTION = 0.6  # a sentence joining a pair must keep the match at least this strong
APART = -0.05  # sentences whose centred meaning vectors are further apart than this are never paired
MOVE_MIN = 0.2  # cosine a mutual best pair out of the backbone's order needs (a move)
PARALLEL = 0.5  # share of consecutive sentences whose best matches step along together: parallel versions
STEP = 3  # how far apart (in sentences) the best matches of two neighbours may be to count as in step
GAP_MIN = 0.05  # similarity above chance a 1:1 bead between two anchors needs (parallel versions)
MERGE_MIN = 0.1  # and a bead of two or three sentences on one side
MERGE_COST = 0.05  # what a merge must gain beyond that
LEFT_MIN = 0.35  # similarity above chance that two sentences the backbone left out need to pair out of order
ATTACH_GROWS = 0.05  # how much a sentence must add to its neighbour's match to join it
GAP_CELLS = 250_000  # a gap larger than this (rows x columns) is not searched bead by bead
CHANCE_SAMPLE = 24  # sentences of each article sampled to tell how alike unrelated sentences are

ANCHOR, BEAD, MOVE = "anchor", "bead", "move"  # what backs a pair, in the order claims are formed
Merged = Callable[[int, int, int, int], float]  # (side, n, x, y) -> cosine of n and x read as one, with y
Similarity = Callable[[Sequence[int], Sequence[int], int], "UnitSimilarity | FewUnits"]
Agree = Callable[[int, int], bool]
Best = dict[int, tuple[float, int]]


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
    similarity: Similarity | None = None,
    read_as_one: ReadAsOne | None = None,
) -> list[tuple[int, int, float, str]]:
    """The pairs of sentences of two articles that tell the same thing: (i, j, similarity, kind),
    the kind saying what backs the pair: ANCHOR (a strong pair in order), BEAD (order and
    weaker evidence, or a place beside a pair) or MOVE (strong evidence, out of order).

    `scores` are the rare-word cosines (evidence.pair_scores); `similarity` and `read_as_one`
    the blended evidence for sentences between anchors and beside pairs (without them, only
    the rare-word pairs are made)."""

    def agree(i: int, j: int) -> bool:
        return meaning is None or meaning.of(i, j) >= APART

    rows, cols = len(paragraphs[0]), len(paragraphs[1])
    best_a, best_b = _best_matches(scores)
    mutual = {i: (cos, j) for i, (cos, j) in best_a.items() if best_b.get(j, (0.0, -1))[1] == i}
    bars = Bars.between(sorted((cos for cos, _ in mutual.values()), reverse=True)[:STRONGEST], min(rows, cols))
    candidates = {(i, j): cos for i, (cos, j) in mutual.items() if cos >= bars.pair and agree(i, j)}
    # mutual pairs chained in both orders are the anchors; one out of that order is a move, if strong
    anchors = heaviest_chain((i, j, cos) for (i, j), cos in candidates.items())
    edges = {pair: candidates[pair] for pair in anchors}
    moved = {pair: cos for pair, cos in candidates.items() if pair not in edges and cos >= MOVE_MIN}
    edges.update(moved)
    moves = set(moved)
    if similarity is not None and read_as_one is not None and in_step(best_a, best_b, rows, cols) >= PARALLEL:
        # what a version splits off an anchor's sentence (sharing a rare word with it) joins it
        # before the gaps are read: growing a strong pair's match is better evidence than a weak bead
        def split_off(i: int, j: int) -> bool:
            return (i, j) in scores and agree(i, j)

        edges.update(_attach_beside({pair: edges[pair] for pair in anchors}, paragraphs, read_as_one, split_off))
        moves |= _parallel_edges(edges, anchors, scores, rows, cols, similarity, read_as_one, agree)
        _join_merged(edges, scores, best_a, best_b, agree)
        edges.update(_attach_beside(edges, paragraphs, read_as_one, agree))
    else:
        _join_merged(edges, scores, best_a, best_b, agree)
        _attach_in_context(scores, edges, paragraphs, bars, merged, agree)

    chained = set(anchors)

    def kind(pair: tuple[int, int]) -> str:
        return ANCHOR if pair in chained else MOVE if pair in moves else BEAD

    return [(i, j, cos, kind((i, j))) for (i, j), cos in sorted(edges.items())]


def _best_matches(scores: Scores) -> tuple[Best, Best]:
    """Each sentence's best match in the other article (ties go to the earlier sentence)."""
    if isinstance(scores, PairScores):  # found already, with the scores
        return scores.best
    best_a: Best = {}
    best_b: Best = {}
    for (i, j), (cos, _) in scores.items():
        old = best_a.get(i)
        if old is None or cos > old[0] or cos == old[0] and j < old[1]:
            best_a[i] = (cos, j)
        old = best_b.get(j)
        if old is None or cos > old[0] or cos == old[0] and i < old[1]:
            best_b[j] = (cos, i)
    return best_a, best_b


def in_step(best_a: Best, best_b: Best, rows: int, cols: int) -> float:
    """How parallel two articles are: the share of consecutive sentences whose best matches
    also follow each other closely (parallel versions step along a diagonal; stories told
    at different stages scatter)."""
    steps = total = 0
    for best, count in ((best_a, rows), (best_b, cols)):
        for n in range(count - 1):
            total += 1
            here, there = best.get(n), best.get(n + 1)
            if here is not None and there is not None and 0 <= there[1] - here[1] <= STEP:
                steps += 1
    return steps / total if total else 0.0


def _parallel_edges(
    edges: dict[tuple[int, int], float],
    anchors: list[tuple[int, int]],
    scores: Scores,
    rows: int,
    cols: int,
    similarity: Similarity,
    read_as_one: ReadAsOne,
    agree: Agree,
) -> set[tuple[int, int]]:
    """Parallel versions: the beads in each gap between two anchors, then moves among what is
    left on both sides, added to `edges`; returns those moves."""
    floor = _chance(similarity, rows, cols)
    taken_a, taken_b = {i for i, _ in edges}, {j for _, j in edges}
    before = (-1, -1)
    for i, j in [*anchors, (rows, cols)]:
        gap_rows = [x for x in range(before[0] + 1, i) if x not in taken_a]  # not already paired
        gap_cols = [y for y in range(before[1] + 1, j) if y not in taken_b]
        for x, y, sim in _gap_pairs(similarity, gap_rows, gap_cols, agree, floor):
            edges[(x, y)] = sim
        before = (i, j)
    paired_a = {i for i, _ in edges}
    paired_b = {j for _, j in edges}
    left_rows = [i for i in range(rows) if i not in paired_a]
    left_cols = [j for j in range(cols) if j not in paired_b]
    moved = _moved_pairs(scores, read_as_one, left_rows, left_cols, agree, floor)
    edges.update(moved)
    return set(moved)


def _chance(similarity: Similarity, rows: int, cols: int) -> float:
    """How alike two sentences of these articles are by chance (sharing the story's topic and
    its glue words): the median similarity of sentences sampled evenly from both, leaving
    out each one's best match (which may be its partner). Evidence between anchors counts
    above it."""
    pick_a = sorted({k * rows // CHANCE_SAMPLE for k in range(CHANCE_SAMPLE)})
    pick_b = sorted({k * cols // CHANCE_SAMPLE for k in range(CHANCE_SAMPLE)})
    sims = similarity(pick_a, pick_b, 1)
    table = [[sims.of(x, 1, y, 1) for y in range(len(pick_b))] for x in range(len(pick_a))]
    values = sorted(v for row in table for v in sorted(row)[:-1])
    return values[len(values) // 2] if values else 0.0


def _gap_pairs(
    similarity: Similarity, rows: list[int], cols: list[int], agree: Agree, floor: float
) -> list[tuple[int, int, float]]:
    """The pairs the beads of one gap make (a sentence may stand in a bead of up to three)."""
    if not rows or not cols or len(rows) * len(cols) > GAP_CELLS:
        return []
    sims = similarity(rows, cols, 3)

    def gain(i: int, di: int, j: int, dj: int) -> tuple[float, float]:
        sim = sims.of(i, di, j, dj)
        if di == dj == 1:
            return (sim - floor - GAP_MIN if agree(rows[i], cols[j]) else 0.0), sim
        return (sim - floor - MERGE_MIN) * (di + dj) / 2 - MERGE_COST, sim

    beads = best_beads(len(rows), len(cols), gain)
    return [(rows[x], cols[y], bead.similarity) for bead in beads for x, y in bead.links()]


def _moved_pairs(
    scores: Scores, read_as_one: ReadAsOne, rows: list[int], cols: list[int], agree: Agree, floor: float
) -> dict[tuple[int, int], float]:
    """Among the sentences the backbone left out on both sides, the pairs strong enough to be
    believed out of order: a move is a strong claim to put before a reader. A moved passage
    keeps its own order and its words, so the pairs that share rare words are chained again,
    on a stricter bar."""
    left_a, left_b = set(rows), set(cols)
    weighed = []
    for i, j in scores:
        if i in left_a and j in left_b and agree(i, j):
            sim = read_as_one([i], [j])
            if sim - floor > LEFT_MIN:
                weighed.append((i, j, sim))
    found = {(i, j): sim for i, j, sim in weighed}
    return {pair: found[pair] for pair in heaviest_chain((i, j, sim - floor - LEFT_MIN) for i, j, sim in weighed)}


def _attach_beside(
    edges: dict[tuple[int, int], float],
    paragraphs: tuple[Sequence[int], Sequence[int]],
    read_as_one: ReadAsOne,
    agree: Agree,
) -> dict[tuple[int, int], float]:
    """Sentences left alone beside a paired one join its partner when they tell more of it: read
    with the sentences already paired there, the match grows (a simplified version splitting
    one sentence into five; a quotation continued). An inserted sentence dilutes the match
    and stays alone. Runs until nothing changes, both articles from the same state."""
    partners: tuple[dict[int, set[int]], ...] = (defaultdict(set), defaultdict(set))
    for i, j in edges:
        partners[0][i].add(j)
        partners[1][j].add(i)
    added: dict[tuple[int, int], float] = {}
    frontier = (set(partners[0]), set(partners[1]))
    while frontier[0] or frontier[1]:
        found: dict[tuple[int, int], float] = {}
        for side in (0, 1):
            mine, theirs, para = partners[side], partners[1 - side], paragraphs[side]
            for x in sorted({n + d for n in frontier[side] for d in (-1, 1)}):
                if x in mine or not 0 <= x < len(para):
                    continue
                fits = []
                for n in (x - 1, x + 1):
                    if n not in mine or para[n] != para[x]:
                        continue
                    for y in mine[n]:
                        pair = (y, x) if side else (x, y)
                        if not agree(*pair):
                            continue
                        group = sorted(theirs[y])
                        before = read_as_one(group, [y]) if side == 0 else read_as_one([y], group)
                        grown = sorted({*group, x})
                        after = read_as_one(grown, [y]) if side == 0 else read_as_one([y], grown)
                        if after >= before + ATTACH_GROWS:
                            fits.append((after - before, -y, y))
                if fits:
                    _, _, y = max(fits)
                    pair = (y, x) if side else (x, y)
                    found[pair] = read_as_one([pair[0]], [pair[1]])
        added.update(found)
        frontier = ({i for i, _ in found}, {j for _, j in found})
        for i, j in found:
            partners[0][i].add(j)
            partners[1][j].add(i)
    return added


def _join_merged(edges: dict[tuple[int, int], float], scores: Scores, best_a: Best, best_b: Best, agree: Agree) -> None:
    """A sentence still alone whose best match is already paired joins it, when most of it is
    told there (one version merging two sentences that the other keeps apart)."""
    paired_a = {i for i, _ in edges}
    paired_b = {j for _, j in edges}
    for i, (cos, j) in best_a.items():
        if i not in paired_a and j in paired_b and _joins(scores, i, j) and agree(i, j):
            edges[(i, j)] = cos
    for j, (cos, i) in best_b.items():
        if j not in paired_b and i in paired_a and _joins(scores, i, j) and agree(i, j):
            edges[(i, j)] = cos


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
