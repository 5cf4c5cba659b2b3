"""The comparison as JSON, exactly as `shared/spec/comparison-json.md` says (schema reader.comparison/1)."""

from __future__ import annotations

import json
import re
from typing import Any

from reader.core.compare import collector_paused
from reader.core.model import Comparison, Span

SCHEMA = "reader.comparison/1"


def to_dict(comparison: Comparison) -> dict[str, Any]:
    articles = [
        {
            "index": a.index,
            "path": a.path,
            "title": a.title,
            "text": a.text,
            "encoding": a.encoding,
            "format": a.source_format,
            **{k: v for k, v in (("source_title", a.source_title), ("outlet", a.outlet), ("date", a.date)) if v},
            "segments": [
                {"index": s.index, "paragraph": s.paragraph, "start": s.start, "end": s.end, "text": s.text}
                for s in a.segments
            ],
        }
        for a in comparison.articles
    ]
    claims = []
    for c in comparison.claims:
        claim: dict[str, Any] = {
            "index": c.index,
            "members": [{"article": m.article, "segment": m.segment} for m in c.members],
            "status": c.status,
            "score": c.score,
            "shared_terms": list(c.shared_terms),
        }
        if c.moves:
            claim["moved"] = [
                {
                    "article": m.article,
                    "segment": m.segment,
                    "from": {"article": m.from_article, "segment": m.from_segment},
                }
                for m in c.moves
            ]
        if c.corrected:
            claim["corrected"] = True
        claims.append(claim)
    details = [
        {
            "kind": d.kind,
            "category": d.category,
            "claim": d.claim,
            "article": d.article,
            "start": d.start,
            "end": d.end,
            "text": d.text,
            "counterparts": [{**_span(s), "value": s.value, "speaker": _speaker(s.speaker)} for s in d.counterparts],
            "role": d.fact_role,
            "against": d.against,
            "value": d.value,
            "speaker": _speaker(d.speaker),
            "layer": "fact",
        }
        for d in comparison.details
    ]
    changes = [
        {
            "claim": c.claim,
            "article": c.article,
            "against": c.against,
            "kind": c.kind,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "layer": c.layer,
        }
        for c in comparison.changes
    ]
    cosmetic = [
        {"claim": c.claim, "article": c.article, "against": c.against, **_span(c), "layer": c.layer}
        for c in comparison.cosmetic
    ]
    sources = [
        {
            "article": a.index,
            "cites": [
                {"who": c.who, "claim": c.claim, "start": c.start, "end": c.end, "text": c.text}
                for c in comparison.sources_of(a.index)
            ],
            "only_here": sorted(
                {c.who for c in comparison.sources_of(a.index) if comparison.cited_by[c.who] == (a.index,)}
            ),
        }
        for a in comparison.articles
    ]
    paragraph_links = [
        {
            "article": link.article,
            "paragraph": link.paragraph,
            "other": link.other,
            "other_paragraph": link.other_paragraph,
            "claims": link.shared,
        }
        for link in comparison.paragraph_links
    ]
    return {
        "schema": SCHEMA,
        "base": comparison.base,
        "articles": articles,
        "claims": claims,
        "details": details,
        "changes": changes,
        "cosmetic": cosmetic,
        "sources": sources,
        "paragraph_links": paragraph_links,
    }


def _span(span: Any) -> dict[str, Any]:
    return {"article": span.article, "start": span.start, "end": span.end, "text": span.text}


def _speaker(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {**_span(span), "value": span.value}


# Characters a terminal may act on (C1 controls, such as U+009B CSI) or that reorder
# text (bidirectional overrides): written as \u escapes, so the JSON decodes to the
# same text but printing it to a terminal is harmless.
_UNSAFE = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def render(comparison: Comparison, indent: int | None = 2) -> str:
    """The comparison as JSON: indented by `indent` spaces for people, or compact (`None`), which
    Python's C encoder writes (an indent forces its pure-Python encoder: a fifth of a long run)."""
    separators = (",", ":") if indent is None else None
    with collector_paused():
        text = json.dumps(to_dict(comparison), ensure_ascii=False, indent=indent, separators=separators)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
