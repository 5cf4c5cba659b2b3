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

import functools
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .normalize import Token

STEM_CHARS = 6
# The bars a pair of sentences must clear depend on how closely the two articles
# are related: versions that rewrite one another (many strong pairs) make a weak
# pair beside a strong one believable; stories told at different stages do not.
PAIR_MIN = (0.25, 0.18)  # cosine a mutual-best pair needs (unrelated articles, close rewrites)
JOIN_MIN = 0.18  # cosine a one-sided best needs to join an existing pair
JOIN_CONTAINED = 0.20  # and the share of the smaller sentence it must cover
CONTEXT_MIN = (0.25, 0.10)  # cosine for a sentence that stands by its neighbour's partner
PARAGRAPH_MIN = (0.15, 0.0)  # and for one whose neighbour in the same paragraph is paired there
RELATED = (0.15, 0.30)  # mean cosine of the strongest pairs at which articles count unrelated / close
STRONGEST = 5
DILUTION = 0.6  # how many of the strongest pairs tell how related two articles are
DF_PER_ARTICLE = 4.5  # a term in more sentences than this per article is glue and carries no evidence
MAX_POSTINGS = 8  # nor is a term in more sentences than this of one article
MAX_PER_ARTICLE = 4  # a claim holds at most this many sentences of one article


@dataclass(frozen=True)
class Draft:
    """A claim before comparison: its members, how well they match, and why."""

    members: tuple[tuple[int, int], ...]
    score: float
    shared_terms: tuple[str, ...]
    moves: tuple[tuple[int, int, int, int], ...] = ()


@dataclass
class _Bags:
    terms: list[list[dict[str, float]]] = field(default_factory=list)  # article -> segment -> term -> weight²
    norms: list[list[float]] = field(default_factory=list)
    postings: list[dict[str, list[int]]] = field(default_factory=list)  # article -> rare term -> segments
    df: dict[str, int] = field(default_factory=dict)


def term_of(token: Token) -> str:
    """The matching key of a token: number value, or a word prefix (a crude, language-neutral stem).

    Only the part before an apostrophe counts: Meta's = Meta, l'accord ~ l (and
    the rest is a word of its own, see terms_of)."""
    if token.is_number:
        return "#" + token.key
    return token.key.split("'", 1)[0][:STEM_CHARS]


def terms_of(token: Token) -> list[str]:
    """Every matching key a token holds: each part between apostrophes, stemmed."""
    if token.is_number or "'" not in token.key:
        return [term_of(token)]
    return [part[:STEM_CHARS] for part in token.key.split("'") if part]


def _bags(tokens: Sequence[Sequence[Sequence[Token]]]) -> _Bags:
    bags = _Bags()
    sets = [[{term for t in seg for term in terms_of(t)} for seg in art] for art in tokens]
    df: dict[str, int] = defaultdict(int)
    for art in sets:
        for seg in art:
            for term in seg:
                df[term] += 1
    total = sum(len(art) for art in sets)
    limit = DF_PER_ARTICLE * len(sets)
    bags.df = dict(df)
    for art in sets:
        weights = [{t: math.log((total + 1) / df[t]) ** 2 for t in seg} for seg in art]
        postings: dict[str, list[int]] = defaultdict(list)
        for s, seg in enumerate(art):
            for term in seg:
                if df[term] <= limit:
                    postings[term].append(s)
        bags.terms.append(weights)
        bags.norms.append([math.sqrt(sum(seg.values())) for seg in weights])
        bags.postings.append({t: segs for t, segs in postings.items() if len(segs) <= MAX_POSTINGS})
    return bags


def _pair_scores(bags: _Bags, a: int, b: int) -> dict[tuple[int, int], tuple[float, float]]:
    """(cosine, containment) of every pair of sentences of a and b that share a rare term.

    Terms used in more than a few sentences per article carry no evidence of a
    match, so only the shared rare terms are summed (through an inverted index,
    which keeps the work close to linear in the number of sentences).
    """
    shared: dict[tuple[int, int], float] = defaultdict(float)
    postings_b = bags.postings[b]
    for term, segs_a in bags.postings[a].items():
        segs_b = postings_b.get(term)
        if not segs_b:
            continue
        for i in segs_a:
            weight = bags.terms[a][i][term]
            for j in segs_b:
                shared[(i, j)] += weight
    scores: dict[tuple[int, int], tuple[float, float]] = {}
    norms_a, norms_b = bags.norms[a], bags.norms[b]
    for (i, j), value in shared.items():
        na, nb = norms_a[i], norms_b[j]
        smaller = na if na < nb else nb
        scores[(i, j)] = (value / (na * nb), value / (smaller * smaller))
    return scores


@dataclass(frozen=True)
class _Bars:
    pair: float
    context: float
    paragraph: float

    @classmethod
    def between(cls, strongest: list[float]) -> _Bars:
        """Bars for two articles whose strongest mutual pairs have these cosines."""
        mean = sum(strongest) / STRONGEST
        t = min(1.0, max(0.0, (mean - RELATED[0]) / (RELATED[1] - RELATED[0])))

        def mix(ends: tuple[float, float]) -> float:
            return ends[0] + (ends[1] - ends[0]) * t

        return cls(mix(PAIR_MIN), mix(CONTEXT_MIN), mix(PARAGRAPH_MIN))


def _fits_in(
    side: int,
    x: int,
    y: int,
    their_partners: dict[int, set[int]],
    scores: dict[tuple[int, int], tuple[float, float]],
    merged: Callable[[int, int, int, int], float],
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


def _merged_cosine(bags: _Bags, pair: tuple[int, int], side: int, n: int, x: int, y: int) -> float:
    """Cosine of sentences n and x of one article, read as one, with sentence y of the other."""
    mine, theirs = pair if side == 0 else (pair[1], pair[0])
    union = dict(bags.terms[mine][n])
    union.update(bags.terms[mine][x])
    other = bags.terms[theirs][y]
    shared = sum(w for t, w in union.items() if t in other and t in bags.postings[mine])
    return shared / math.sqrt(sum(union.values()) * sum(other.values()))


def _pair_edges(
    scores: dict[tuple[int, int], tuple[float, float]],
    paragraphs: tuple[Sequence[int], Sequence[int]],
    merged: Callable[[int, int, int, int], float] | None = None,
) -> list[tuple[int, int, float, bool]]:
    """Mutual best pairs (strong); then one-sided bests that a merge explains; then
    sentences that a weaker match places beside their neighbour's partner."""
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
    bars = _Bars.between(sorted((cos for cos, _ in mutual.values()), reverse=True)[:STRONGEST])
    edges = {(i, j): cos for i, (cos, j) in mutual.items() if cos >= bars.pair}
    strong = set(edges)
    paired_a = {i for i, _ in edges}
    paired_b = {j for _, j in edges}
    for i, (cos, j) in best_a.items():
        if i not in paired_a and j in paired_b and cos >= JOIN_MIN and scores[(i, j)][1] >= JOIN_CONTAINED:
            edges[(i, j)] = cos
    for j, (cos, i) in best_b.items():
        if j not in paired_b and i in paired_a and cos >= JOIN_MIN and scores[(i, j)][1] >= JOIN_CONTAINED:
            edges[(i, j)] = cos
    _attach_in_context(scores, edges, paragraphs, bars, merged)
    return [(i, j, cos, (i, j) in strong) for (i, j), cos in sorted(edges.items())]


def _attach_in_context(
    scores: dict[tuple[int, int], tuple[float, float]],
    edges: dict[tuple[int, int], float],
    paragraphs: tuple[Sequence[int], Sequence[int]],
    bars: _Bars,
    merged: Callable[[int, int, int, int], float] | None = None,
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
                        found = scores.get((y, x) if side else (x, y))
                        if found is None or found[0] < least:
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


class _Groups:
    """Union-find over (article, segment), refusing unions that would pile up one article's sentences."""

    def __init__(self, lengths: Sequence[int]) -> None:
        self.parent = {(a, s): (a, s) for a, n in enumerate(lengths) for s in range(n)}
        self.counts: dict[tuple[int, int], dict[int, int]] = {m: {m[0]: 1} for m in self.parent}

    def find(self, x: tuple[int, int]) -> tuple[int, int]:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: tuple[int, int], y: tuple[int, int], strong: bool = True) -> bool:
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
    tokens: Sequence[Sequence[Sequence[Token]]], paragraphs: Sequence[Sequence[int]] | None = None, base: int = 0
) -> list[Draft]:
    """Group the segments of all articles into claims, in a reading order led by the base.

    `tokens[a][s]` are the tokens of segment s of article a; `paragraphs[a][s]` its paragraph.
    Mutual best pairs are joined first, strongest first; weaker links then only bring
    lone sentences into a claim, so chains of weak links never weld claims together.
    """
    if paragraphs is None:
        paragraphs = [list(range(len(art))) for art in tokens]
    bags = _bags(tokens)
    edges: list[tuple[bool, float, tuple[int, int], tuple[int, int]]] = []
    for a in range(len(tokens)):
        for b in range(a + 1, len(tokens)):
            merged = functools.partial(_merged_cosine, bags, (a, b))
            for i, j, cos, strong in _pair_edges(_pair_scores(bags, a, b), (paragraphs[a], paragraphs[b]), merged):
                edges.append((strong, cos, (a, i), (b, j)))
    edges.sort(key=lambda e: (not e[0], -e[1], e[2], e[3]))
    groups = _Groups([len(art) for art in tokens])
    edge_scores: dict[tuple[int, int], list[float]] = defaultdict(list)
    for strong, cos, x, y in edges:
        if groups.union(x, y, strong):
            edge_scores[x].append(cos)
            edge_scores[y].append(cos)
    members_of: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for m in groups.parent:
        members_of[groups.find(m)].append(m)
    drafts = []
    for members in members_of.values():
        members.sort()
        scores = [c for m in members for c in edge_scores.get(m, ())]
        score = sum(scores) / len(scores) if scores else 1.0
        drafts.append(Draft(tuple(members), round(score, 3), _shared_terms(bags, members)))
    ordered = _reading_order(drafts, [len(art) for art in tokens], base)
    return _mark_moves(ordered, len(tokens), base)


def _shared_terms(bags: _Bags, members: list[tuple[int, int]], most: int = 6) -> tuple[str, ...]:
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
