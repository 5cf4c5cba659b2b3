"""The pipeline: loaded versions -> segment -> align -> compare each claim -> one `Comparison`.

`compare_versions` is what the faces call (through `reader.core`); `compare_texts` compares
texts held in memory (scripts and tests). Each stage lives in its own subpackage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.align.evidence import term_bags
from reader.core.align.grouping import align
from reader.core.align.meaning import sentence_vectors
from reader.core.claims.citations import citations
from reader.core.claims.compare import ClaimContext, compare_claim
from reader.core.collector import collector_paused
from reader.core.input.load import Source, load_sources, normalize_newlines
from reader.core.text.normalize import Seen, TokenTable, tokenize_spans
from reader.core.text.segment import read_article
from reader.model.comparison import Article, Comparison

Progress = Callable[[str], None]


def compare_versions(
    versions: Sequence[str] | Sequence[Source],
    base: int = 0,
    progress: Progress | None = None,
) -> Comparison:
    """Compare the versions: paths (files, folders, `-` for standard input, URLs) to load,
    or sources already loaded. `base` is the version the others are compared with (0-based);
    `progress` is told each stage's name as it starts."""
    if all(isinstance(v, Source) for v in versions):
        return build([v for v in versions if isinstance(v, Source)], base, progress)
    return build(load_sources([str(v) for v in versions], progress), base, progress)


def compare_texts(texts: Sequence[str], base: int = 0) -> Comparison:
    """Compare texts given in memory (tests, scripts): paths are their positions."""
    return build([Source(f"<text {i + 1}>", normalize_newlines(t)) for i, t in enumerate(texts)], base)


def build(sources: Sequence[Source], base: int = 0, progress: Progress | None = None) -> Comparison:
    """Segment, align and compare loaded sources into one Comparison."""
    if not 0 <= base < len(sources):
        raise ValueError(f"base must be between 1 and {len(sources)}")
    with collector_paused():
        return _build(sources, base, progress)


def _build(sources: Sequence[Source], base: int, progress: Progress | None) -> Comparison:
    say = progress or (lambda _msg: None)
    say("segmenting")
    articles: list[Article] = []
    tokens: list[TokenTable] = []
    read: Seen = {}  # each distinct sentence is tokenised once
    for i, src in enumerate(sources):
        article = read_article(i, src)
        articles.append(article)
        tokens.append(tokenize_spans(src.text, ((s.start, s.end) for s in article.segments), read))
    say("aligning")
    bags = term_bags(tokens)
    vectors = sentence_vectors([[art.text[s.start : s.end] for s in art.segments] for art in articles])
    drafts = align(tokens, [_context_paragraphs(art) for art in articles], base, bags, vectors)
    del vectors  # the alignment's evidence: a large comparison's memory peaks in what follows
    say("comparing")
    ctx = ClaimContext(articles, tokens, bags)
    del bags
    claims, changes, details, cosmetic = [], [], [], []
    for k, draft in enumerate(drafts):
        claim, claim_changes, claim_details, claim_cosmetic = compare_claim(ctx, k, draft, base)
        claims.append(claim)
        changes.extend(claim_changes)
        details.extend(claim_details)
        cosmetic.extend(claim_cosmetic)
    cited = citations(articles, claims, details, ctx.facts)
    return Comparison(tuple(articles), tuple(claims), tuple(details), tuple(changes), base, tuple(cosmetic), cited)


def _context_paragraphs(article: Article) -> list[int]:
    """Each segment's paragraph, for alignment; a headline counts as part of the lead
    paragraph, which it sums up."""
    paragraphs = [s.paragraph for s in article.segments]
    if article.title and len(paragraphs) > 1:
        paragraphs[0] = paragraphs[1]
    return paragraphs
