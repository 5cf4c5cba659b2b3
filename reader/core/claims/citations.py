"""Sources: who each version cites (agencies, outlets, officials, documents), once per mention.

Taken from the source facts of every sentence (`facts.py`), so the list, the
details and the marks agree; a face can then say "only version 2 cites Reuters"
(`Comparison.cited_by`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.claims.facts import Fact
from reader.model.comparison import Article, Citation, Claim, Detail


def citations(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    details: Sequence[Detail],
    facts_of: Callable[[int, Sequence[int]], list[Fact]],
) -> tuple[Citation, ...]:
    """Every source fact of every article, in reading order."""
    claim_of = {(m.article, m.segment): c.index for c in claims for m in c.members}
    found = []
    for art in articles:
        for seg in art.segments:
            for fact in facts_of(art.index, [seg.index]):
                if fact.category == "source" and not fact.minor:  # "he said" names no one
                    text = art.text[fact.start : fact.end]
                    found.append(
                        Citation(art.index, claim_of[(art.index, seg.index)], fact.start, fact.end, text, fact.value)
                    )
    return tuple(found)
