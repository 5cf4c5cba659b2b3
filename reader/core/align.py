"""Align: the sentences of N articles into claims, with moves.

Each sentence becomes a bag of terms (word prefixes and number values) weighted
by how rare the term is across all sentences of all articles (IDF), so names,
numbers and places count for much and words every sentence shares count for
little; no word list of any language is involved. For every pair of articles,
sentences are paired when they are each other's best match, and a sentence is
also joined to a partner that is already paired when most of it is contained
there (one version merging two sentences that another keeps apart). Claims are
the connected groups of these pairs. A member out of order against the
reference article (not on the longest increasing run) is marked moved.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .normalize import Token

STEM_CHARS = 6
PAIR_MIN = 0.21  # cosine a mutual-best pair needs
JOIN_MIN = 0.20  # cosine a one-sided best needs to join an existing pair
JOIN_CONTAINED = 0.20  # and the share of the smaller sentence it must cover
CONTEXT_MIN = 0.12  # cosine enough for a sentence that stands by its neighbour's partner
PARAGRAPH_MIN = 0.06  # and for one whose neighbour in the same paragraph is paired there
CANDIDATE_DF_SHARE = 0.5  # terms in more than this share of sentences do not propose candidates


@dataclass(frozen=True)
class Draft:
    """A claim before comparison: its members, how well they match, and why."""

    members: tuple[tuple[int, int], ...]
    score: float
    shared_terms: tuple[str, ...]
    moves: tuple[tuple[int, int, int, int], ...] = ()


@dataclass
class _Bags:
    terms: list[list[dict[str, float]]] = field(default_factory=list)  # article -> segment -> term -> weight
    norms: list[list[float]] = field(default_factory=list)
    df: dict[str, int] = field(default_factory=dict)
    total: int = 0


def term_of(token: Token) -> str:
    """The matching key of a token: number value, or a word prefix (a crude, language-neutral stem)."""
    if token.is_number:
        return "#" + token.key
    return token.key[:STEM_CHARS]


def _bags(tokens: Sequence[Sequence[Sequence[Token]]]) -> _Bags:
    bags = _Bags()
    sets = [[{term_of(t) for t in seg} for seg in art] for art in tokens]
    df: dict[str, int] = defaultdict(int)
    for art in sets:
        for seg in art:
            for term in seg:
                df[term] += 1
    total = sum(len(art) for art in sets)
    bags.df, bags.total = dict(df), total
    for art in sets:
        weights = [{t: math.log((total + 1) / df[t]) for t in seg} for seg in art]
        bags.terms.append(weights)
        bags.norms.append([math.sqrt(sum(w * w for w in seg.values())) for seg in weights])
    return bags


def _pair_scores(bags: _Bags, a: int, b: int) -> dict[tuple[int, int], tuple[float, float]]:
    """(cosine, containment) of every pair of sentences of a and b that share a rare enough term."""
    limit = max(2, int(bags.total * CANDIDATE_DF_SHARE))
    index: dict[str, list[int]] = defaultdict(list)
    for j, seg in enumerate(bags.terms[b]):
        for term in seg:
            if bags.df[term] <= limit:
                index[term].append(j)
    scores: dict[tuple[int, int], tuple[float, float]] = {}
    for i, seg in enumerate(bags.terms[a]):
        candidates: set[int] = set()
        for term in seg:
            candidates.update(index.get(term, ()))
        for j in candidates:
            other = bags.terms[b][j]
            small, large = (seg, other) if len(seg) <= len(other) else (other, seg)
            shared = sum(w * w for t, w in small.items() if t in large)
            if shared <= 0:
                continue
            na, nb = bags.norms[a][i], bags.norms[b][j]
            cosine = shared / (na * nb)
            contained = shared / min(na * na, nb * nb)
            scores[(i, j)] = (cosine, contained)
    return scores


def _pair_edges(
    scores: dict[tuple[int, int], tuple[float, float]], paragraphs: tuple[Sequence[int], Sequence[int]]
) -> list[tuple[int, int, float]]:
    """Mutual best pairs; then one-sided bests that a merge explains; then sentences
    that a weaker match places beside their neighbour's partner."""
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for (i, j), (cos, _) in sorted(scores.items()):
        if cos > best_a.get(i, (0.0, -1))[0]:
            best_a[i] = (cos, j)
        if cos > best_b.get(j, (0.0, -1))[0]:
            best_b[j] = (cos, i)
    edges = {
        (i, j): cos for i, (cos, j) in best_a.items() if best_b.get(j, (0.0, -1))[1] == i and cos >= PAIR_MIN
    }
    paired_a = {i for i, _ in edges}
    paired_b = {j for _, j in edges}
    for i, (cos, j) in sorted(best_a.items()):
        if i not in paired_a and j in paired_b and cos >= JOIN_MIN and scores[(i, j)][1] >= JOIN_CONTAINED:
            edges[(i, j)] = cos
    for j, (cos, i) in sorted(best_b.items()):
        if j not in paired_b and i in paired_a and cos >= JOIN_MIN and scores[(i, j)][1] >= JOIN_CONTAINED:
            edges[(i, j)] = cos
    _attach_in_context(scores, edges, paragraphs)
    return [(i, j, cos) for (i, j), cos in sorted(edges.items())]


def _attach_in_context(
    scores: dict[tuple[int, int], tuple[float, float]],
    edges: dict[tuple[int, int], float],
    paragraphs: tuple[Sequence[int], Sequence[int]],
) -> None:
    """Unpaired sentences join a weaker match that stands right by their neighbour's partner;
    weaker still when that neighbour shares their paragraph.

    Runs until nothing changes; each round looks at both articles from the same
    state, so the result does not depend on which article is first.
    """
    by_a: dict[int, list[tuple[int, float]]] = defaultdict(list)
    by_b: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, j), (cos, _) in scores.items():
        if cos >= min(CONTEXT_MIN, PARAGRAPH_MIN):
            by_a[i].append((j, cos))
            by_b[j].append((i, cos))
    while True:
        partners_a: dict[int, set[int]] = defaultdict(set)
        partners_b: dict[int, set[int]] = defaultdict(set)
        for i, j in edges:
            partners_a[i].add(j)
            partners_b[j].add(i)
        added: dict[tuple[int, int], float] = {}
        for by, partners, para, flip in ((by_a, partners_a, paragraphs[0], False), (by_b, partners_b, paragraphs[1], True)):
            for x, candidates in by.items():
                if x in partners:
                    continue
                fits = []
                for n in (x - 1, x + 1):
                    if n not in partners:
                        continue
                    floor = PARAGRAPH_MIN if para[n] == para[x] else CONTEXT_MIN
                    near = {p + d for p in partners[n] for d in (-1, 0, 1)}
                    fits.extend((cos, -abs(y - x), y) for y, cos in candidates if y in near and cos >= floor)
                if fits:
                    cos, _, y = max(fits)
                    added[(y, x) if flip else (x, y)] = cos
        if not added:
            return
        edges.update(added)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(self, x: tuple[int, int]) -> tuple[int, int]:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: tuple[int, int], y: tuple[int, int]) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def align(
    tokens: Sequence[Sequence[Sequence[Token]]], paragraphs: Sequence[Sequence[int]] | None = None, base: int = 0
) -> list[Draft]:
    """Group the segments of all articles into claims, in a reading order led by the base.

    `tokens[a][s]` are the tokens of segment s of article a; `paragraphs[a][s]` its paragraph.
    """
    if paragraphs is None:
        paragraphs = [list(range(len(art))) for art in tokens]
    bags = _bags(tokens)
    uf = _UnionFind()
    edge_scores: dict[tuple[int, int], list[float]] = defaultdict(list)
    for a in range(len(tokens)):
        for s in range(len(tokens[a])):
            uf.find((a, s))
    for a in range(len(tokens)):
        for b in range(a + 1, len(tokens)):
            for i, j, cos in _pair_edges(_pair_scores(bags, a, b), (paragraphs[a], paragraphs[b])):
                uf.union((a, i), (b, j))
                edge_scores[(a, i)].append(cos)
                edge_scores[(b, j)].append(cos)
    groups: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for a in range(len(tokens)):
        for s in range(len(tokens[a])):
            groups[uf.find((a, s))].append((a, s))
    drafts = []
    for members in groups.values():
        members.sort()
        scores = [c for m in members for c in edge_scores.get(m, ())]
        score = sum(scores) / len(scores) if scores else 1.0
        drafts.append(Draft(tuple(members), round(score, 3), _shared_terms(bags, members)))
    ordered = _reading_order(drafts, [len(art) for art in tokens], base)
    return _mark_moves(ordered, len(tokens), base)


def _shared_terms(bags: _Bags, members: list[tuple[int, int]], most: int = 6) -> tuple[str, ...]:
    """The rarest terms that more than one article of the claim uses: why they were paired."""
    articles = {a for a, _ in members}
    if len(articles) < 2:
        return ()
    seen: dict[str, set[int]] = defaultdict(set)
    for a, s in members:
        for term in bags.terms[a][s]:
            seen[term].add(a)
    shared = [t for t, arts in seen.items() if len(arts) > 1]
    shared.sort(key=lambda t: (bags.df[t], t))
    return tuple(t.lstrip("#") for t in shared[:most])


def _reading_order(drafts: list[Draft], lengths: list[int], base: int) -> list[Draft]:
    """Claims in the base's order; a claim the base lacks follows the claim before it in its own article."""
    claim_at = {m: k for k, d in enumerate(drafts) for m in d.members}
    keys: dict[int, tuple[float, ...]] = {}
    for s in range(lengths[base]):
        keys.setdefault(claim_at[(base, s)], (float(s),))
    for a in [base] + [x for x in range(len(lengths)) if x != base]:
        previous: tuple[float, ...] = (-1.0,)
        for s in range(lengths[a]):
            k = claim_at[(a, s)]
            if k not in keys:
                keys[k] = previous + (float(a), float(s))
            previous = keys[k]
    order = sorted(range(len(drafts)), key=lambda k: keys[k])
    return [drafts[k] for k in order]


def _mark_moves(drafts: list[Draft], n_articles: int, base: int) -> list[Draft]:
    """A member is moved when its claim sits out of the article's order relative to the claims order."""
    position = {m: k for k, d in enumerate(drafts) for m in d.members}
    moves: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for a in range(n_articles):
        if a == base:
            continue
        sequence = []  # (claim position, segment) for this article's members shared with the base
        for k, d in enumerate(drafts):
            if any(m[0] == base for m in d.members):
                sequence.extend((k, s) for (art, s) in d.members if art == a)
        sequence.sort(key=lambda x: x[1])
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
