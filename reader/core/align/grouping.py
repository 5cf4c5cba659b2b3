"""Align: the sentences of N articles into claims, with moves.

Every pair of articles is paired sentence by sentence (pairing.py, on the evidence
of evidence.py); the pairs are then joined into claims, strongest first, with weak
links only bringing lone sentences in. Claims stand in a reading order led by the
base; a member out of order against the base (not on the longest increasing run)
is marked moved.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.align.evidence import Bags, FewUnits, ReadAsOne, UnitSimilarity, merged_cosine, pair_scores, term_bags
from reader.core.align.meaning import Meaning
from reader.core.align.pairing import ANCHOR, BEAD, MOVE, pair_edges
from reader.core.text.normalize import Token, TokenTable

if TYPE_CHECKING:
    import numpy as np

MAX_PER_ARTICLE = 4  # a claim holds at most this many sentences of one article
FEW_CELLS = 16  # a gap of up to this many pairs of sentences is scored pair by pair, not with matrices
FORMED = {ANCHOR: 0, BEAD: 1, MOVE: 2}  # claims grow along the backbone first, moves join last


@dataclass(frozen=True)
class Draft:
    """A claim before comparison: its members, how well they match, and why."""

    members: tuple[tuple[int, int], ...]
    score: float
    shared_terms: tuple[str, ...]
    moves: tuple[tuple[int, int, int, int], ...] = ()


class _Groups:
    """Union-find over the sentences of all articles, numbered one article after another (a number
    per sentence, not an (article, segment) pair: a large comparison unites tens of thousands of
    pairs), refusing unions that would pile up one article's sentences."""

    def __init__(self, lengths: Sequence[int]) -> None:
        self.article = [a for a, n in enumerate(lengths) for _ in range(n)]
        self.parent = list(range(len(self.article)))
        self.counts: dict[int, dict[int, int]] = {m: {a: 1} for m, a in enumerate(self.article)}

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int, strong: bool = True) -> bool:
        """Join the groups of x and y. A weak link may only bring a lone sentence into a
        group; a strong one may also join two groups, if no article is in both."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return True
        cx, cy = self.counts[rx], self.counts[ry]
        if sum(cx.values()) > 1 and sum(cy.values()) > 1 and (not strong or cx.keys() & cy.keys()):
            return False
        if any(cx.get(a, 0) + n > MAX_PER_ARTICLE for a, n in cy.items()):
            return False
        keep, drop = min(rx, ry), max(rx, ry)
        self.parent[drop] = keep
        merged = self.counts.pop(drop)
        for a, n in self.counts[keep].items():
            merged[a] = merged.get(a, 0) + n
        self.counts[keep] = merged
        return True


def align(
    tokens: Sequence[TokenTable | Sequence[Sequence[Token]]],
    paragraphs: Sequence[Sequence[int]] | None = None,
    base: int = 0,
    bags: Bags | None = None,
    vectors: Sequence[np.ndarray] | None = None,
) -> list[Draft]:
    """Group the segments of all articles into claims, in a reading order led by the base.

    `tokens[a][s]` are the tokens of segment s of article a; `paragraphs[a][s]` its paragraph;
    `bags` their weighted terms, when the caller has them already; `vectors[a][s]` the
    segment's meaning vector (meaning.py), which vetoes pairs whose meanings point apart.
    Mutual best pairs are joined first, strongest first; weaker links then only bring
    lone sentences into a claim, so chains of weak links never weld claims together.
    """
    if paragraphs is None:
        paragraphs = [list(range(len(art))) for art in tokens]
    import numpy as np

    bags = bags or term_bags(tokens)
    columns: list[list[float]] = [[], [], [], [], [], []]  # each edge's (order formed, cosine, a, i, b, j)
    for a in range(len(tokens)):
        for b in range(a + 1, len(tokens)):
            merged = functools.partial(merged_cosine, bags, (a, b))
            meaning = Meaning(vectors[a], vectors[b]) if vectors is not None else None
            pair_vectors = (vectors[a], vectors[b]) if vectors is not None else None
            read_as_one = ReadAsOne(bags, (a, b), pair_vectors)
            similarity = functools.partial(_unit_similarity, bags, (a, b), pair_vectors, read_as_one)
            edges = pair_edges(
                pair_scores(bags, a, b),
                (paragraphs[a], paragraphs[b]),
                merged,
                meaning,
                similarity,
                read_as_one,
            )
            columns[0].extend(FORMED[kind] for _, _, _, kind in edges)
            columns[1].extend(cos for _, _, cos, _ in edges)
            columns[2].extend([a] * len(edges))
            columns[3].extend(i for i, _, _, _ in edges)
            columns[4].extend([b] * len(edges))
            columns[5].extend(j for _, j, _, _ in edges)
    # edges in the order claims are formed, strongest first, then by place; as columns of numbers,
    # not a tuple of tuples per edge (a large comparison has a hundred thousand edges)
    order, cosines, *places = (np.array(column) for column in columns)
    del columns
    lengths = [len(art) for art in tokens]
    groups = _Groups(lengths)
    offsets = np.cumsum([0, *lengths[:-1]], dtype=np.intp)  # article a's sentence s is number offsets[a] + s
    edge_scores: dict[int, list[float]] = defaultdict(list)
    ranked = np.lexsort((*places[::-1], -cosines, order)).tolist()
    a_of, i_of, b_of, j_of = (column.astype(np.intp) for column in places)
    xs, ys = (offsets[a_of] + i_of).tolist(), (offsets[b_of] + j_of).tolist()
    weak, cos_of = (order == FORMED[BEAD]).tolist(), cosines.tolist()
    for n in ranked:
        x, y = xs[n], ys[n]
        if groups.union(x, y, not weak[n]):
            edge_scores[x].append(cos_of[n])
            edge_scores[y].append(cos_of[n])
    members_of: dict[int, list[int]] = defaultdict(list)
    for m in range(len(groups.parent)):
        members_of[groups.find(m)].append(m)
    drafts = []
    first = offsets.tolist()
    for numbers in members_of.values():  # each in order: articles, then segments
        scores = [c for m in numbers for c in edge_scores.get(m, ())]
        score = sum(scores) / len(scores) if scores else 1.0
        members = [(groups.article[m], m - first[groups.article[m]]) for m in numbers]
        drafts.append(Draft(tuple(members), round(score, 3), _shared_terms(bags, members)))
    ordered = _reading_order(drafts, lengths, base)
    return _mark_moves(ordered, len(tokens), base)


def _unit_similarity(
    bags: Bags,
    pair: tuple[int, int],
    vectors: tuple[np.ndarray, np.ndarray] | None,
    read_as_one: ReadAsOne,
    rows: Sequence[int],
    cols: Sequence[int],
    longest: int,
) -> UnitSimilarity | FewUnits:
    """The similarity of runs of sentences in a gap: matrices for a large one, each run as asked
    for a small one."""
    if len(rows) * len(cols) <= FEW_CELLS:
        return FewUnits(read_as_one, rows, cols)
    return UnitSimilarity(bags, pair, rows, cols, vectors, longest)


def _shared_terms(bags: Bags, members: list[tuple[int, int]], most: int = 6) -> tuple[str, ...]:
    """The rarest terms (evidence, not glue) that more than one article of the claim
    uses: why they were paired."""
    articles = {a for a, _ in members}
    if len(articles) < 2:
        return ()
    seen: dict[str, set[int]] = defaultdict(set)
    for a, s in members:
        for term in bags.terms[a][s]:
            if term in bags.postings[a]:
                seen[term].add(a)
    shared = [t for t, arts in seen.items() if len(arts) > 1]
    shared.sort(key=lambda t: (bags.df[t], t))
    return tuple(shared[:most])


def _reading_order(drafts: list[Draft], lengths: list[int], base: int) -> list[Draft]:
    """Claims in the base's order, opening with the base's first sentence where the other
    versions allow; a claim the base lacks stands where its article puts it, between the
    claims it shares with the base (positions interpolated between those anchors)."""
    claim_at = {m: k for k, d in enumerate(drafts) for m in d.members}
    base_position: dict[int, int] = {}
    for s in range(lengths[base]):
        base_position.setdefault(claim_at[(base, s)], s)
    keys: dict[int, tuple[float, int, int]] = {k: (float(p), base, p) for k, p in base_position.items()}
    for a in range(len(lengths)):
        if a == base:
            continue
        anchors = [(s, base_position[claim_at[(a, s)]]) for s in range(lengths[a]) if claim_at[(a, s)] in base_position]
        kept = _longest_increasing([p for _, p in anchors])
        points = [(s, float(p)) for n, (s, p) in enumerate(anchors) if n in kept]
        # what an article tells before its first anchor follows the base's opening sentence,
        # unless that anchor is the opening itself
        points.insert(0, (-1, -1.0 if points and points[0][1] == 0 else 0.0))
        points.append((lengths[a], float(lengths[base])))
        xs = [x for x, _ in points]
        for s in range(lengths[a]):
            k = claim_at[(a, s)]
            if k not in keys:
                right = bisect_left(xs, s)
                (x0, y0), (x1, y1) = points[right - 1], points[right]
                keys[k] = (y0 + (y1 - y0) * (s - x0) / (x1 - x0), a, s)
    order = sorted(range(len(drafts)), key=lambda k: keys[k])
    return [drafts[k] for k in order]


def _mark_moves(drafts: list[Draft], n_articles: int, base: int) -> list[Draft]:
    """A member is moved when its claim sits out of the article's order relative to the claims order."""
    moves: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    with_base = [(k, d) for k, d in enumerate(drafts) if any(m[0] == base for m in d.members)]
    for a in range(n_articles):
        if a == base:
            continue
        # (claim position, segment) for this article's members shared with the base
        sequence = sorted(((k, s) for k, d in with_base for (art, s) in d.members if art == a), key=lambda x: x[1])
        keep = _longest_increasing([k for k, _ in sequence])
        for idx, (k, s) in enumerate(sequence):
            if idx not in keep:
                from_seg = min(s2 for (art, s2) in drafts[k].members if art == base)
                moves[k].append((a, s, base, from_seg))
    return [
        Draft(d.members, d.score, d.shared_terms, tuple(moves.get(k, ()))) if k in moves else d
        for k, d in enumerate(drafts)
    ]


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest non-decreasing subsequence of values."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        pos = bisect_left(tails, v + 1)
        if pos == len(tails):
            tails.append(v)
            tail_idx.append(i)
        else:
            tails[pos] = v
            tail_idx[pos] = i
        prev[i] = tail_idx[pos - 1] if pos else -1
    keep: set[int] = set()
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep
