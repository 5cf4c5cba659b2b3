"""Sources: who each version cites (agencies, outlets, officials, documents), once per mention.

Taken from the source facts of every sentence (`facts.py`), so the list, the
details and the marks agree; a face can then say "only version 2 cites Reuters"
(`Comparison.cited_by`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from reader.core.claims.facts import SentenceFact, same_name
from reader.model.comparison import Article, Citation, Claim, Fact


def citations(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    details: Sequence[Fact],
    facts_of: Callable[[int, Sequence[int]], list[SentenceFact]],
) -> tuple[Citation, ...]:
    """Every source fact of every article, in reading order, each with the source it stands for."""
    claim_of = {(m.article, m.segment): c.index for c in claims for m in c.members}
    found = []
    for art in articles:
        for seg in art.segments:
            for fact in facts_of(art.index, [seg.index]):
                if fact.category == "source" and not fact.minor:  # "he said" names no one
                    text = art.text[fact.start : fact.end]
                    name = art.text[fact.core[0] : fact.core[1]]
                    claim = claim_of[(art.index, seg.index)]
                    found.append(Citation(art.index, claim, fact.start, fact.end, text, fact.value, name))
    source = sources_of_names([c.who for c in found])
    return tuple(replace(c, source=source[c.who]) for c in found)


def sources_of_names(names: Sequence[str]) -> dict[str, str]:
    """Which source each cited name stands for: the fullest name that is the same as it (`same_name`: "Peskov"
    = "Dmitry Peskov", "UN" = "United Nations"), when there is exactly one; a name that could be two sources
    ("Trump": "Donald Trump" or "Ivanka Trump") stands for itself."""
    distinct = list(dict.fromkeys(names))
    fullest = sorted(distinct, key=lambda n: (-len(n.split()), -len(n)))
    source: dict[str, str] = {}
    heads: list[str] = []  # the names that stand for themselves, fullest first
    for name in fullest:
        same = [h for h in heads if same_name(name, h)]
        if len(same) == 1:
            source[name] = same[0]
        else:
            source[name] = name
            heads.append(name)
    return source
