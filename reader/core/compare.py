"""Compare: the pipeline's one entry point, and the word changes and details inside each claim.

Each member of a claim is compared, word by word on normalised keys, with its
reference: the base article's member, or (for the base itself, and for claims
the base lacks) the first other article that carries the claim.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .align import Draft, align
from .details import capitalised_keys, category
from .evidence import term_bags, term_of, terms_of
from .load import Source, load_sources, normalize_newlines
from .meaning import sentence_vectors
from .model import Article, Change, Claim, Comparison, Detail, Member, Move, Span
from .normalize import Token, tokenize
from .segment import segment
from .worddiff import edits

FACT_CATEGORIES = frozenset({"number", "date", "name", "quote", "source"})  # an 'other' change is rewording
RARE_SHARE = 0.08  # a term in at most this share of all sentences is content, not glue
_OPENING_MARKS = frozenset('“‘«„"')
_CLOSING_MARKS = frozenset('”’»"')
_CLAUSE_MARKS = frozenset(",;:()[]—–")
_SENTENCE_MARKS = _CLAUSE_MARKS | frozenset(".!?…。！？")
Progress = Callable[[str], None]


class _Context:
    """What the comparison of one claim needs to know about the whole comparison."""

    def __init__(self, articles: Sequence[Article], tokens: list[list[list[Token]]], df: dict[str, int]):
        self.articles = articles
        self.tokens = tokens
        self.df = df  # in how many sentences each term stands (the alignment's own count)
        self.capitalised: set[str] = set()
        for a, art in enumerate(articles):
            for s, seg_tokens in enumerate(tokens[a]):
                if not (art.title and s == 0):
                    self.capitalised |= capitalised_keys(art.text, seg_tokens)
        total = sum(len(t) for t in tokens)
        self.rare_limit = max(2, int(total * RARE_SHARE))

    def is_content(self, token: Token) -> bool:
        return token.is_number or token.key in self.capitalised or self.df[term_of(token)] <= self.rare_limit

    def member_tokens(self, article: int, segments: Sequence[int]) -> list[Token]:
        return [t for s in segments for t in self.tokens[article][s]]


@dataclass
class _Found:
    changes: list[Change]
    details: list[Detail]


def _split_at_segments(article: Article, segments: Sequence[int], run: list[Token]) -> list[list[Token]]:
    """A run of tokens cut where a segment ends, so no span crosses two sentences."""
    pieces: list[list[Token]] = []
    for s in segments:
        seg = article.segments[s]
        piece = [t for t in run if seg.start <= t.start < seg.end]
        if piece:
            pieces.append(piece)
    return pieces


def _clauses(text: str, run: list[Token], marks: frozenset[str] | None = None) -> list[list[Token]]:
    """A run of tokens cut at clause punctuation (or other `marks`): each piece is one fact, roughly."""
    marks = marks or _CLAUSE_MARKS
    pieces: list[list[Token]] = [[]]
    for prev, tok in zip([None, *run], run, strict=False):
        gap = text[prev.end : tok.start] if prev is not None else ""
        if any(c in marks for c in gap) or " - " in gap:
            pieces.append([])
        pieces[-1].append(tok)
    return [p for p in pieces if p]


def _span(article: Article, run: list[Token]) -> tuple[int, int, str]:
    start, end = run[0].start, run[-1].end
    return start, end, article.text[start:end]


def _fact_span(article: Article, run: list[Token]) -> tuple[int, int, str]:
    """A detail's span: the words, with a quotation mark that opens or closes right at them."""
    text = article.text
    start, end = run[0].start, run[-1].end
    if start > 0 and text[start - 1] in _OPENING_MARKS:
        start -= 1
    if end < len(text) and text[end] in _CLOSING_MARKS:
        end += 1
    return start, end, text[start:end]


def _inserted_details(ctx: _Context, claim: int, article: int, run: list[Token]) -> list[Detail]:
    art = ctx.articles[article]
    found = []
    for clause in _clauses(art.text, run):
        if any(ctx.is_content(t) for t in clause):
            start, end, text = _fact_span(art, clause)
            found.append(Detail("inserted", category(text, clause, ctx.capitalised), claim, article, start, end, text))
    return found


def _compare_member(
    ctx: _Context, claim: int, article: int, segs: Sequence[int], ref: int, ref_segs: Sequence[int], altered: bool
) -> _Found:
    """Word changes of one member against its reference member, and the details they carry."""
    art = ctx.articles[article]
    mine, theirs = ctx.member_tokens(article, segs), ctx.member_tokens(ref, ref_segs)
    found = _Found([], [])
    for edit in edits([t.key for t in mine], [t.key for t in theirs]):
        if edit.kind == "deleted":
            continue  # the reference's own words: its side reports them
        run = mine[edit.start : edit.end]
        kind = "inserted" if edit.kind == "inserted" else "replaced"
        for piece in _split_at_segments(art, segs, run):
            start, end, text = _span(art, piece)
            found.changes.append(Change(claim, article, ref, kind, start, end, text))
        other = theirs[edit.their_start : edit.their_end]
        if kind == "inserted":
            found.details.extend(_inserted_details(ctx, claim, article, run))
        else:
            found.details.extend(_replaced_details(ctx, claim, article, run, ref, other, altered))
    return found


def _replaced_details(
    ctx: _Context, claim: int, article: int, run: list[Token], ref: int, other: list[Token], altered: bool
) -> list[Detail]:
    """A replaced run, clause by clause. A clause that stands for a clause of the other run
    is altered against it (reported from one side only: `altered`); a clause left over,
    with nothing on the other side to stand for, is a fact this version inserts."""
    art, ref_art = ctx.articles[article], ctx.articles[ref]
    mine = [c for c in _clauses(art.text, run, _SENTENCE_MARKS) if any(ctx.is_content(t) for t in c)]
    theirs = [c for c in _clauses(ref_art.text, other, _SENTENCE_MARKS) if any(ctx.is_content(t) for t in c)]
    partner = _match_clauses(mine, theirs)
    found = []
    for n, clause in enumerate(mine):
        start, end, text = _fact_span(art, clause)
        cat = category(text, clause, ctx.capitalised)
        if n not in partner:
            found.append(Detail("inserted", cat, claim, article, start, end, text))
        elif altered:
            o_start, o_end, o_text = _fact_span(ref_art, theirs[partner[n]])
            counterpart = (Span(ref, o_start, o_end, o_text),)
            found.append(Detail("altered", cat, claim, article, start, end, text, counterpart))
    return found


def _match_clauses(mine: list[list[Token]], theirs: list[list[Token]]) -> dict[int, int]:
    """Which clause of theirs each clause of mine stands for: those sharing most words first,
    then the rest in order. The same pairs whichever side asks, so each side's report agrees."""
    if not mine or not theirs:
        return {}
    words = [{term for t in c for term in terms_of(t)} for c in mine]
    other_words = [{term for t in c for term in terms_of(t)} for c in theirs]
    ranked = sorted(
        ((len(a & b), i, j) for i, a in enumerate(words) for j, b in enumerate(other_words) if a & b),
        key=lambda x: (-x[0], abs(x[1] / len(mine) - x[2] / len(theirs)), x[1] + x[2], x[1]),
    )
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in ranked:
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    rest_mine = [i for i in range(len(mine)) if i not in partner]
    rest_theirs = [j for j in range(len(theirs)) if j not in taken]
    partner.update(zip(rest_mine, rest_theirs, strict=False))
    return partner


def _context_paragraphs(article: Article) -> list[int]:
    """Each segment's paragraph, for alignment; a headline counts as part of the lead
    paragraph, which it sums up."""
    paragraphs = [s.paragraph for s in article.segments]
    if article.title and len(paragraphs) > 1:
        paragraphs[0] = paragraphs[1]
    return paragraphs


def _reference(article: int, present: Sequence[int], base: int) -> int | None:
    if article != base and base in present:
        return base
    others = [a for a in present if a != article]
    return others[0] if others else None


def _status(ctx: _Context, by_article: dict[int, list[int]], details: list[Detail]) -> str:
    if len(by_article) < 2:
        return "unique"
    keys = {tuple(t.key for t in ctx.member_tokens(a, segs)) for a, segs in by_article.items()}
    if len(keys) == 1:
        return "same"
    facts = any(d.kind == "altered" and d.category in FACT_CATEGORIES for d in details)
    return "altered" if facts else "reworded"


def build(sources: Sequence[Source], base: int = 0, progress: Progress | None = None) -> Comparison:
    """Segment, align and compare loaded sources into one Comparison."""
    if not 0 <= base < len(sources):
        raise ValueError(f"base must be between 1 and {len(sources)}")
    with _collector_paused():
        return _build(sources, base, progress)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A comparison makes many small objects and no reference cycles: the cyclic garbage
    collector's passes over them would make the time grow faster than the input."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(sources: Sequence[Source], base: int, progress: Progress | None) -> Comparison:
    say = progress or (lambda _msg: None)
    say("segmenting")
    articles: list[Article] = []
    tokens: list[list[list[Token]]] = []
    for i, src in enumerate(sources):
        seg = segment(src.text)
        articles.append(
            Article(
                i,
                src.path,
                seg.title,
                src.text,
                seg.segments,
                seg.paragraphs,
                src.encoding,
                src.source_format,
                src.title,
                src.outlet,
                src.date,
            )
        )
        tokens.append([tokenize(src.text, s.start, s.end) for s in seg.segments])
    say("aligning")
    bags = term_bags(tokens)
    vectors = sentence_vectors([[art.text[s.start : s.end] for s in art.segments] for art in articles])
    drafts = align(tokens, [_context_paragraphs(art) for art in articles], base, bags, vectors)
    say("comparing")
    ctx = _Context(articles, tokens, bags.df)
    claims, changes, details = [], [], []
    for k, draft in enumerate(drafts):
        claim, claim_changes, claim_details = _compare_claim(ctx, k, draft, base)
        claims.append(claim)
        changes.extend(claim_changes)
        details.extend(claim_details)
    return Comparison(tuple(articles), tuple(claims), tuple(details), tuple(changes), base)


def _compare_claim(ctx: _Context, k: int, draft: Draft, base: int) -> tuple[Claim, list[Change], list[Detail]]:
    by_article: dict[int, list[int]] = defaultdict(list)
    for a, s in draft.members:
        by_article[a].append(s)
    present = sorted(by_article)
    changes: list[Change] = []
    details: list[Detail] = []
    for a in present:
        ref = _reference(a, present, base)
        if ref is None:
            for s in by_article[a]:
                details.extend(_inserted_details(ctx, k, a, ctx.tokens[a][s]))
            continue
        found = _compare_member(ctx, k, a, by_article[a], ref, by_article[ref], altered=(ref == base or a > ref))
        changes.extend(found.changes)
        details.extend(found.details)
    members = tuple(Member(a, s) for a, s in draft.members)
    moves = tuple(Move(*m) for m in draft.moves)
    shared = tuple(_surface(ctx, draft.members, term) for term in draft.shared_terms)
    claim = Claim(k, members, _status(ctx, by_article, details), draft.score, shared, moves)
    return claim, changes, details


ClaimContext = _Context


def claim_context(articles: Sequence[Article]) -> ClaimContext:
    """What comparing one claim reads (tokens, term counts), made again from finished articles:
    corrections compare only the claims they touch, after the whole comparison was built."""
    tokens = [[tokenize(a.text, s.start, s.end) for s in a.segments] for a in articles]
    return _Context(articles, tokens, term_bags(tokens).df)


def compare_claim(ctx: ClaimContext, k: int, draft: Draft, base: int) -> tuple[Claim, list[Change], list[Detail]]:
    """One claim compared on its own (public for corrections; the same code `build` runs per claim)."""
    return _compare_claim(ctx, k, draft, base)


def _surface(ctx: _Context, members: Sequence[tuple[int, int]], term: str) -> str:
    """A matching term as a reader would write it: the first word of the claim that carries it."""
    for a, s in members:
        for token in ctx.tokens[a][s]:
            if term in terms_of(token):
                return ctx.articles[a].text[token.start : token.end]
    return term.lstrip("#")


def compare(paths: Sequence[str], base: int = 0, progress: Progress | None = None) -> Comparison:
    """Load the versions at `paths` (files, directories, `-`) and compare them."""
    return build(load_sources(list(paths)), base, progress)


def compare_texts(texts: Sequence[str], base: int = 0) -> Comparison:
    """Compare texts given in memory (tests, scripts): paths are their positions."""
    return build([Source(f"<text {i + 1}>", normalize_newlines(t)) for i, t in enumerate(texts)], base)
