"""The comparison as JSON, exactly as `shared/spec/comparison-json.md` says (schema reader.comparison/1)."""

from __future__ import annotations

import json
import re
from typing import Any

from reader.core.model import Comparison

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
            "counterparts": [
                {"article": s.article, "start": s.start, "end": s.end, "text": s.text} for s in d.counterparts
            ],
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
        }
        for c in comparison.changes
    ]
    return {
        "schema": SCHEMA,
        "base": comparison.base,
        "articles": articles,
        "claims": claims,
        "details": details,
        "changes": changes,
    }


# Characters a terminal may act on (C1 controls, such as U+009B CSI) or that reorder
# text (bidirectional overrides): written as \u escapes, so the JSON decodes to the
# same text but printing it to a terminal is harmless.
_UNSAFE = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def render(comparison: Comparison) -> str:
    text = json.dumps(to_dict(comparison), ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
