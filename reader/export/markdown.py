"""The comparison as a Markdown report: each claim in every version, changes marked, details listed."""

from __future__ import annotations

from reader.core.model import Article, Comparison

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
STATUS_WORDS = {"same": "same", "reworded": "reworded", "altered": "altered", "unique": "only here"}


def _escape(text: str) -> str:
    """Article text as literal Markdown: no markup of its own survives."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>()#+!|~":
            out.append("\\" + ch)
        elif ch < " " and ch != "\n" or "\x7f" <= ch < "\xa0" or ch in _BIDI:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out).replace("\n", " ")


def _marked(article: Article, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[start:end] with the changed spans in bold."""
    out, cursor = [], start
    for s, e in sorted(spans):
        if s < cursor or e > end:
            continue
        out.append(_escape(article.text[cursor:s]))
        out.append(f"**{_escape(article.text[s:e])}**")
        cursor = e
    out.append(_escape(article.text[cursor:end]))
    return "".join(out)


def render(comparison: Comparison) -> str:
    arts = comparison.articles
    lines = ["# Comparison of " + ", ".join(f"{a.index + 1}. {_escape(a.name)}" for a in arts), ""]
    lines.append(
        f"Base version: {comparison.base + 1}. {_escape(arts[comparison.base].name)}. "
        "Words a version inserts or replaces are in **bold**."
    )
    lines.append("")
    for claim in comparison.claims:
        where = ", ".join(str(a + 1) for a in claim.articles)
        lines.append(
            f"## Claim {claim.index + 1}: {STATUS_WORDS[claim.status]} (in {len(claim.articles)} of "
            f"{len(arts)}: {where})"
        )
        if claim.moves:
            for mv in claim.moves:
                lines.append(
                    f"- moved in version {mv.article + 1}: version {mv.from_article + 1} has it as "
                    f"sentence {mv.from_segment + 1}"
                )
        lines.append("")
        for a in claim.articles:
            art = arts[a]
            spans = [(c.start, c.end) for c in comparison.changes_in(claim.index, a)]
            text = " ".join(
                _marked(art, art.segments[s].start, art.segments[s].end, spans) for s in claim.segments_of(a)
            )
            lines.append(f"- **{a + 1}. {_escape(art.name)}**: {text}")
        details = comparison.details_in(claim.index)
        if details:
            lines.append("")
            lines.append("Details:")
            for d in details:
                line = f"- version {d.article + 1} {d.kind} {d.category}: “{_escape(d.text)}”"
                if d.counterparts:
                    line += (
                        " (was "
                        + "; ".join(f"“{_escape(c.text)}” in version {c.article + 1}" for c in d.counterparts)
                        + ")"
                    )
                lines.append(line)
        lines.append("")
    return "\n".join(lines)
