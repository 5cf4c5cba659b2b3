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
from collections.abc import Sequence
from dataclasses import dataclass, field

from .normalize import Token

STEM_CHARS = 6
DF_PER_ARTICLE = 4.5  # a term in more sentences than this per article is glue and carries no evidence
MAX_POSTINGS = 8  # nor is a term in more sentences than this of one article

Scores = dict[tuple[int, int], tuple[float, float]]  # (i, j) -> (cosine, containment)


@dataclass
class Bags:
    """Every sentence's weighted terms, and where the rare ones occur."""

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


def term_bags(tokens: Sequence[Sequence[Sequence[Token]]]) -> Bags:
    bags = Bags()
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


def pair_scores(bags: Bags, a: int, b: int) -> Scores:
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


def merged_cosine(bags: Bags, pair: tuple[int, int], side: int, n: int, x: int, y: int) -> float:
    """Cosine of sentences n and x of one article, read as one, with sentence y of the other."""
    mine, theirs = pair if side == 0 else (pair[1], pair[0])
    union = dict(bags.terms[mine][n])
    union.update(bags.terms[mine][x])
    other = bags.terms[theirs][y]
    shared = sum(w for t, w in union.items() if t in other and t in bags.postings[mine])
    return shared / math.sqrt(sum(union.values()) * sum(other.values()))
