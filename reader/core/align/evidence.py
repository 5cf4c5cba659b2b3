"""Evidence: what two sentences share, weighted by how rare it is.

Each sentence becomes a bag of terms (word prefixes and number values) weighted
by how rare the term is across all sentences of all articles (IDF), so names,
numbers and places count for much and words every sentence uses count for
little; no word list of any language is involved. Terms used in more than a few
sentences per article carry no evidence at all, which keeps the pairing close
to linear in the number of sentences (an inverted index of the rare terms).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from reader.core.align.meaning import to_unit_length
from reader.core.text.normalize import Token, TokenTable

if TYPE_CHECKING:
    import numpy as np

STEM_CHARS = 6
DF_PER_ARTICLE = 4.5  # a term in more sentences than this per article is glue and carries no evidence
MAX_POSTINGS = 8  # nor is a term in more sentences than this of one article
MEANING_SHARE = 0.4  # of the evidence between neighbours, the share that meaning gives

Scores = dict[tuple[int, int], tuple[float, float]]  # (i, j) -> (cosine, containment)


@dataclass
class Bags:
    """Every sentence's weighted terms, and where the rare ones occur."""

    terms: list[list[dict[str, float]]] = field(default_factory=list)  # article -> segment -> term -> weight²
    norms: list[list[float]] = field(default_factory=list)
    postings: list[dict[str, list[int]]] = field(default_factory=list)  # article -> rare term -> segments
    df: dict[str, int] = field(default_factory=dict)
    _rare: list[_RarePostings] | None = field(default=None, repr=False)

    def rare(self, article: int) -> _RarePostings:
        """An article's postings as arrays (made once, for every pair the article is in)."""
        if self._rare is None:
            numbers = {term: n for n, term in enumerate(self.df)}
            self._rare = [_RarePostings(p, t, numbers) for p, t in zip(self.postings, self.terms, strict=True)]
        return self._rare[article]


class _RarePostings:
    """An article's rare terms (by number, in its postings' order), their weights and their sentences,
    as arrays: term k's sentences are `segments[starts[k]:starts[k] + counts[k]]`."""

    def __init__(self, postings: dict[str, list[int]], terms: list[dict[str, float]], numbers: dict[str, int]) -> None:
        import numpy as np

        self.terms = np.fromiter((numbers[t] for t in postings), dtype=np.intp, count=len(postings))
        self.counts = np.fromiter(map(len, postings.values()), dtype=np.intp, count=len(postings))
        self.starts = np.cumsum(self.counts) - self.counts
        self.segments = np.fromiter(chain.from_iterable(postings.values()), dtype=np.intp, count=int(self.counts.sum()))
        # a term's weight is the same in every sentence (its rarity in the comparison)
        self.weights = np.array([terms[segs[0]][t] for t, segs in postings.items()], dtype=np.float64)
        self.places = np.full(len(numbers), -1, dtype=np.intp)  # where each term stands here, or -1
        self.places[self.terms] = np.arange(len(self.terms))


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


def term_bags(tokens: Sequence[TokenTable | Sequence[Sequence[Token]]]) -> Bags:
    bags = Bags()
    known: dict[tuple[str, bool], list[str]] = {}  # (key, is_number) -> terms: each distinct word stemmed once

    def terms(word: tuple[str, bool]) -> list[str]:
        found = known.get(word)
        if found is None:
            found = known[word] = terms_of(Token(0, 0, *word))
        return found

    def words(art: TokenTable | Sequence[Sequence[Token]], s: int) -> Iterable[tuple[str, bool]]:
        return art.words(s) if isinstance(art, TokenTable) else ((t.key, t.is_number) for t in art[s])

    # sorted, so sums run in the same order whatever the string hashing of the process
    sets = [[sorted({term for w in words(art, s) for term in terms(w)}) for s in range(len(art))] for art in tokens]
    df: dict[str, int] = defaultdict(int)
    for art in sets:
        for seg in art:
            for term in seg:
                df[term] += 1
    total = sum(len(art) for art in sets)
    limit = DF_PER_ARTICLE * len(sets)
    bags.df = dict(df)
    weight = {t: math.log((total + 1) / n) ** 2 for t, n in df.items()}  # each term's, worked out once
    rare = {t for t, n in df.items() if n <= limit}
    for art in sets:
        weights = [dict(zip(seg, map(weight.__getitem__, seg), strict=True)) for seg in art]
        postings: dict[str, list[int]] = defaultdict(list)
        for s, seg in enumerate(art):
            for term in seg:
                if term in rare:
                    postings[term].append(s)
        bags.terms.append(weights)
        bags.norms.append([math.sqrt(sum(seg.values())) for seg in weights])
        bags.postings.append({t: segs for t, segs in postings.items() if len(segs) <= MAX_POSTINGS})
    return bags


def pair_scores(bags: Bags, a: int, b: int) -> Scores:
    """(cosine, containment) of every pair of sentences of a and b that share a rare term.

    Terms used in more than a few sentences per article carry no evidence of a
    match, so only the shared rare terms are summed (through an inverted index,
    which keeps the work close to linear in the number of sentences). The sums are
    array operations: each shared term adds its weight to every pair of its
    sentences, in the order of a's terms, then of their sentences, as a loop would.
    """
    import numpy as np

    mine, theirs = bags.rare(a), bags.rare(b)
    where = theirs.places[mine.terms]  # each of a's rare terms in b's postings, or -1
    shared = np.flatnonzero(where >= 0)
    if not len(shared):
        return {}
    count_a, count_b = mine.counts[shared], theirs.counts[where[shared]]
    term = np.repeat(np.arange(len(shared)), count_a)  # the shared term of each of a's postings
    fan = count_b[term]  # how many of b's sentences each of a's postings meets
    i = np.repeat(_runs(mine.segments, mine.starts[shared], count_a), fan)
    j = theirs.segments[np.repeat(theirs.starts[where[shared]][term], fan) + _ranges(fan)]
    columns = len(bags.norms[b])
    keys, first, inverse = np.unique(i * columns + j, return_index=True, return_inverse=True)
    # bincount adds each pair's weights one by one, in the order above: the very sums of a loop
    sums = np.bincount(inverse.ravel(), weights=np.repeat(mine.weights[shared][term], fan))
    rows, cols = np.divmod(keys, columns)  # sorted by a's sentence, then b's
    na, nb = np.asarray(bags.norms[a])[rows], np.asarray(bags.norms[b])[cols]
    smaller = np.minimum(na, nb)
    cosine, contained = sums / (na * nb), sums / (smaller * smaller)
    by_col = np.argsort(cols, kind="stable")  # sorted by b's sentence, then a's
    best = (_best(rows, cols, cosine, first), _best(cols[by_col], rows[by_col], cosine[by_col], first[by_col]))
    order = np.argsort(first, kind="stable")  # pairs in the order they were first met
    pairs = zip(rows[order].tolist(), cols[order].tolist(), strict=True)
    scores = PairScores(zip(pairs, zip(cosine[order].tolist(), contained[order].tolist(), strict=True), strict=True))
    scores.best = best
    return scores


class PairScores(dict[tuple[int, int], tuple[float, float]]):
    """Scores, with each sentence's best match on either side (`best`: as pairing's
    `_best_matches` finds them, read off the arrays the scores were made from)."""

    best: tuple[dict[int, tuple[float, int]], dict[int, tuple[float, int]]]


def _best(mine: np.ndarray, theirs: np.ndarray, cosine: np.ndarray, met: np.ndarray) -> dict[int, tuple[float, int]]:
    """Each sentence of one side (`mine`) with its best match's (cosine, sentence) on the other:
    the highest cosine, a tie going to the earlier sentence; in the order the sentences are first
    met in the scores (`met`: where each pair was first met). The pairs come sorted by `mine`, then
    by `theirs`: each sentence's pairs are one run, read with one reduction each, no sort by cosine."""
    import numpy as np

    starts = np.flatnonzero(np.r_[True, mine[1:] != mine[:-1]])
    top = np.maximum.reduceat(cosine, starts)
    at_top = cosine == np.repeat(top, np.diff(np.r_[starts, len(mine)]))
    # the first pair of a run at its top cosine has the earliest of those sentences (runs are sorted by it)
    first_top = np.minimum.reduceat(np.where(at_top, np.arange(len(mine)), len(mine)), starts)
    heads = np.argsort(np.minimum.reduceat(met, starts), kind="stable")
    found = zip(top[heads].tolist(), theirs[first_top[heads]].tolist(), strict=True)
    return dict(zip(mine[starts[heads]].tolist(), found, strict=True))


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..n-1 for each n of counts, one after another."""
    import numpy as np

    return np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)


def _runs(values: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """values[start:start + count] for each start and count, one after another."""
    import numpy as np

    return values[np.repeat(starts, counts) + _ranges(counts)]


def merged_cosine(bags: Bags, pair: tuple[int, int], side: int, n: int, x: int, y: int) -> float:
    """Cosine of sentences n and x of one article, read as one, with sentence y of the other."""
    mine, theirs = pair if side == 0 else (pair[1], pair[0])
    union = dict(bags.terms[mine][n])
    union.update(bags.terms[mine][x])
    other = bags.terms[theirs][y]
    shared = sum(w for t, w in union.items() if t in other and t in bags.postings[mine])
    return shared / math.sqrt(sum(union.values()) * sum(other.values()))


class UnitSimilarity:
    """How alike runs of up to `longest` consecutive sentences of two articles are, for the
    sentences `rows` of one and `cols` of the other (a gap between anchors, or what the
    backbone left over).

    Two kinds of evidence, blended: every shared term weighted by rarity (not only the rare
    ones the inverted index keeps), and meaning (the centred sentence vectors), which finds
    rewordings that share few words. A run reads as one sentence: its terms united, its
    vectors summed.
    """

    def __init__(
        self,
        bags: Bags,
        pair: tuple[int, int],
        rows: Sequence[int],
        cols: Sequence[int],
        vectors: tuple[np.ndarray, np.ndarray] | None,
        longest: int = 3,
    ) -> None:
        import numpy as np

        a, b = pair
        units_a = _units(rows, longest)
        units_b = _units(cols, longest)
        vocabulary: dict[str, int] = {}
        for art, units in ((a, units_a), (b, units_b)):
            for unit in units:
                for s in unit:
                    for term in bags.terms[art][s]:
                        vocabulary.setdefault(term, len(vocabulary))
        words = [_term_matrix(bags.terms[art], units, vocabulary) for art, units in ((a, units_a), (b, units_b))]
        similarity = (words[0] @ words[1].T) * (1.0 - MEANING_SHARE)
        if vectors is not None:
            means = [_unit_vectors(v, units) for v, units in ((vectors[0], units_a), (vectors[1], units_b))]
            similarity += np.maximum(means[0] @ means[1].T, 0.0) * MEANING_SHARE
        self.table = similarity.tolist()
        self.offsets_a = _offsets(len(rows), longest)
        self.offsets_b = _offsets(len(cols), longest)

    def of(self, i: int, di: int, j: int, dj: int) -> float:
        """Similarity of rows[i:i+di] read as one with cols[j:j+dj] read as one."""
        return self.table[self.offsets_a[di - 1] + i][self.offsets_b[dj - 1] + j]


def _units(indices: Sequence[int], longest: int) -> list[tuple[int, ...]]:
    """Every run of 1..longest consecutive entries of indices, shortest runs first."""
    return [tuple(indices[s : s + k]) for k in range(1, longest + 1) for s in range(len(indices) - k + 1)]


def _offsets(count: int, longest: int) -> list[int]:
    """Where the runs of each length start in the list _units makes."""
    offsets, at = [], 0
    for k in range(1, longest + 1):
        offsets.append(at)
        at += max(0, count - k + 1)
    return offsets


def _term_matrix(terms: list[dict[str, float]], units: list[tuple[int, ...]], vocabulary: dict[str, int]) -> np.ndarray:
    """Rows of unit length: each run's terms, weighted by rarity."""
    import numpy as np

    matrix = np.zeros((len(units), max(1, len(vocabulary))), dtype=np.float32)
    for r, unit in enumerate(units):
        for s in unit:
            for term, weight in terms[s].items():
                matrix[r, vocabulary[term]] = math.sqrt(weight)
    to_unit_length(matrix)
    return matrix


def _unit_vectors(vectors: np.ndarray, units: list[tuple[int, ...]]) -> np.ndarray:
    import numpy as np

    out = np.zeros((len(units), vectors.shape[1]), dtype=np.float32)
    for r, unit in enumerate(units):
        out[r] = vectors[list(unit)].sum(axis=0)
    to_unit_length(out)
    return out


class FewUnits:
    """UnitSimilarity for a small gap: each run read as one when asked, with the dictionaries
    of ReadAsOne (building matrices costs more than it saves for a few sentences)."""

    def __init__(self, read_as_one: ReadAsOne, rows: Sequence[int], cols: Sequence[int]) -> None:
        self.read_as_one, self.rows, self.cols = read_as_one, rows, cols
        self.seen: dict[tuple[int, int, int, int], float] = {}

    def of(self, i: int, di: int, j: int, dj: int) -> float:
        key = (i, di, j, dj)
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = self.read_as_one(self.rows[i : i + di], self.cols[j : j + dj])
        return found


class ReadAsOne:
    """The blended similarity of a few sentences of one article, read as one, with a few of the
    other: the same evidence as UnitSimilarity, for sentences that need not stand together."""

    def __init__(
        self,
        bags: Bags,
        pair: tuple[int, int],
        vectors: tuple[np.ndarray, np.ndarray] | None,
    ) -> None:
        self.terms = (bags.terms[pair[0]], bags.terms[pair[1]])
        self.vectors = vectors

    def __call__(self, xs: Sequence[int], ys: Sequence[int]) -> float:
        words = _cosine(_union(self.terms[0], xs), _union(self.terms[1], ys))
        if self.vectors is None:
            return words
        from numpy import sqrt

        u, v = _summed(self.vectors[0], xs), _summed(self.vectors[1], ys)
        norm = float(sqrt(u.dot(u)) * sqrt(v.dot(v)))  # what np.linalg.norm does, without its checks
        meaning = max(0.0, float(u.dot(v)) / norm) if norm else 0.0
        return words * (1.0 - MEANING_SHARE) + meaning * MEANING_SHARE


def _summed(vectors: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """The sum of some rows; one row is itself, not copied through a sum (which would only turn a -0.0 into
    0.0: a zero's sign, which the cosine below cannot tell, as max(0.0, -0.0) is 0.0)."""
    return vectors[rows[0]] if len(rows) == 1 else vectors[list(rows)].sum(axis=0)


def _cosine(mine: dict[str, float], theirs: dict[str, float]) -> float:
    """Cosine of two bags whose values are squared weights."""
    if len(mine) > len(theirs):
        mine, theirs = theirs, mine
    shared = sum(w for t, w in mine.items() if t in theirs)
    norms = math.sqrt(sum(mine.values()) * sum(theirs.values()))
    return shared / norms if norms else 0.0


def _union(terms: list[dict[str, float]], segments: Sequence[int]) -> dict[str, float]:
    if len(segments) == 1:
        return terms[segments[0]]
    union: dict[str, float] = {}
    for s in segments:
        union.update(terms[s])
    return union
