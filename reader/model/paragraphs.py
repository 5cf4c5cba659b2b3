"""Paragraphs: which paragraphs of two versions correspond, judged by the claims they share.

Sentences are aligned into claims; paragraphs follow from them. Two paragraphs
correspond when they tell at least one claim in common, and the more they share,
the stronger the link. Book editions and long-form texts are read paragraph by
paragraph, so the paragraph view puts corresponding paragraphs on one row.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model.comparison import Comparison


@dataclass(frozen=True, slots=True)
class ParagraphLink:
    """Paragraph `paragraph` of article `article` and paragraph `other_paragraph` of `other` share `shared` claims."""

    article: int
    paragraph: int
    other: int
    other_paragraph: int
    shared: int


def paragraph_links(comparison: Comparison, article: int, other: int) -> tuple[ParagraphLink, ...]:
    """Every pair of paragraphs of `article` and `other` that tell a claim in common, in `article`'s order."""
    segments = comparison.articles[article].segments
    other_segments = comparison.articles[other].segments
    counts: dict[tuple[int, int], set[int]] = {}
    for seg in segments:
        claim = comparison.claim_of(article, seg.index)
        for s in claim.segments_of(other):
            counts.setdefault((seg.paragraph, other_segments[s].paragraph), set()).add(claim.index)
    return tuple(ParagraphLink(article, p, other, q, len(claims)) for (p, q), claims in sorted(counts.items()))


def paragraphs_of(comparison: Comparison, article: int) -> list[int]:
    """The paragraph numbers an article's sentences stand in, in order, each once."""
    seen: list[int] = []
    for seg in comparison.articles[article].segments:
        if not seen or seen[-1] != seg.paragraph:
            seen.append(seg.paragraph)
    return seen


def paragraph_rows(comparison: Comparison) -> list[dict[int, list[int]]]:
    """Rows of corresponding paragraphs: one row per paragraph of the base, each version's paragraphs beside.

    A version's paragraph joins the row of the base paragraph it shares the most claims with
    (the earlier on a tie); one that shares none, or whose best row lies above the one before it
    (a paragraph moved up), stays in the row of the paragraph before it, so every column still
    reads in its own order.
    """
    base = comparison.base
    base_paragraphs = paragraphs_of(comparison, base)
    row_of_base = {p: r for r, p in enumerate(base_paragraphs)}
    rows: list[dict[int, list[int]]] = [{base: [p]} for p in base_paragraphs]
    for article in range(len(comparison.articles)):
        if article == base:
            continue
        best: dict[int, tuple[int, int]] = {}
        for link in paragraph_links(comparison, article, base):
            row = row_of_base[link.other_paragraph]
            key = (link.shared, -row)
            if link.paragraph not in best or key > best[link.paragraph]:
                best[link.paragraph] = key
        row = 0
        for p in paragraphs_of(comparison, article):
            if p in best:
                row = max(row, -best[p][1])
            if not rows:
                rows.append({})
            rows[row].setdefault(article, []).append(p)
    return rows
