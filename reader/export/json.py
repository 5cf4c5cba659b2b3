"""The comparison as JSON, exactly as `shared/spec/comparison-json.md` says (schema reader.comparison/1)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import orjson

from reader.core import collector_paused
from reader.model import Comparison, Span

SCHEMA = "reader.comparison/1"
LIST_CHUNK = 2000  # items of a long list encoded at once in compact JSON


def to_dict(comparison: Comparison) -> dict[str, Any]:
    articles = [
        {
            "index": a.index,
            "path": a.path,
            "title": a.title,
            "text": a.text,
            "encoding": a.encoding,
            "format": a.source_format,
            **{
                k: v
                for k, v in (
                    ("source_title", a.source_title),
                    ("outlet", a.outlet),
                    ("date", a.date),
                    ("fetched", a.fetched),
                )
                if v
            },
            "segments": [
                {"index": s.index, "paragraph": s.paragraph, "start": s.start, "end": s.end, "text": s.text}
                for s in a.segments
            ],
        }
        for a in comparison.articles
    ]
    from reader.core import claim_events, is_history  # the timeline's rules, loaded when a report is made

    claims = []
    history = is_history(comparison)  # a page's versions in fetch order: each claim says what happened when
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
        if history:
            claim["events"] = list(claim_events(comparison, c))
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
                {
                    "who": c.who,
                    "claim": c.claim,
                    "start": c.start,
                    "end": c.end,
                    "text": c.text,
                    "name": c.name,
                    "source": c.cited,
                }
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
    return "".join(render_pieces(comparison, indent))


def render_pieces(comparison: Comparison, indent: int | None = 2) -> Iterator[str]:
    """`render`'s text in pieces, to write one after another: compact JSON is written key by key of
    the top object and a long list LIST_CHUNK items at a time (the same text: the C encoder writes
    a list item by item, a comma between), so no second copy of a report of tens of MB is made, and
    each piece can be written and let go before the next is made."""
    with collector_paused():
        data = to_dict(comparison)
    if indent is not None:
        return iter([_safe(json.dumps(data, ensure_ascii=False, indent=indent)), "\n"])
    return _compact(data)


def _compact(data: dict[str, Any]) -> Iterator[str]:
    def dumps(value: Any) -> str:
        return _safe(_encoded(value))

    yield "{"
    for n, (key, value) in enumerate(data.items()):
        yield ("," if n else "") + dumps(key) + ":"
        if isinstance(value, list) and len(value) > LIST_CHUNK:
            yield "["
            for start in range(0, len(value), LIST_CHUNK):
                yield ("," if start else "") + dumps(value[start : start + LIST_CHUNK])[1:-1]
            yield "]"
        else:
            yield dumps(value)
    yield "}\n"


def _encoded(value: Any) -> str:
    """Compact JSON of a value: orjson's text is json.dumps' (with ensure_ascii=False and no spaces) for
    everything a comparison holds, made four to five times faster (10 x 1,000: 0.095 -> 0.020 s); what
    orjson refuses (a file name's undecodable bytes, kept as surrogates) goes through json.dumps."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _safe(text: str) -> str:
    if text.isascii() and "\x7f" not in text:  # the usual report: two fast scans, not a regular expression's
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
