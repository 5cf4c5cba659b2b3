"""The comparison as a Markdown report: each claim in every version, changes marked, facts listed.

What is marked is the model's (`Comparison.report_marks`, the same runs as the
HTML report): words a version inserts or replaces in **bold**, words the base
has and a version drops ~~struck through~~, a spelling fixed in _italics_; facts
under each claim, sources at the end.
"""

from __future__ import annotations

from reader.model import STATUS_LABELS, Article, Comparison, Fact, Mark, quoted

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
STATUS_WORDS = STATUS_LABELS
_WRAP = {"inserted": "**", "replaced": "**", "dropped": "~~"}


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


def _marked(article: Article, start: int, end: int, runs: tuple[Mark, ...]) -> str:
    """text[start:end] with the model's change runs wrapped (bold, or struck through when dropped)."""
    out, cursor = [], start
    for run in runs:
        wrap = "_" if run.layer == "cosmetic" else _WRAP[run.kind]
        out.append(_escape(article.text[cursor : run.start]))
        out.append(f"{wrap}{_escape(article.text[run.start : run.end])}{wrap}")
        cursor = run.end
    out.append(_escape(article.text[cursor:end]))
    return "".join(out)


def fact_line(d: Fact) -> str:
    """One fact, in words: who has it, what it is, and what stands for it in the other version."""
    text = _escape(quoted(d.text))
    if d.speaker is not None:
        text += f" (said by {_escape(d.speaker.text)})"
    if d.fact_role == "lacking":
        return f"- version {d.article + 1} has {d.category} {text}; version {(d.against or 0) + 1} lacks it"
    line = f"- version {d.article + 1} {d.fact_role} {d.category}: {text}"
    if d.counterparts:
        was = []
        for c in d.counterparts:
            said = f" (said by {_escape(c.speaker.text)})" if c.speaker is not None else ""
            was.append(f"{_escape(quoted(c.text))}{said} in version {c.article + 1}")
        line += " (was " + "; ".join(was) + ")"
    return line


def _names(comparison: Comparison) -> list[str]:
    """Each version's name as the report writes it; a history's versions (all of one URL) by their fetch time too."""
    names = [_escape(a.name) for a in comparison.articles]
    if any(a.fetched for a in comparison.articles):
        from reader.core import version_times

        names = [f"{n} ({t})" if t else n for n, t in zip(names, version_times(comparison), strict=True)]
    return names


def _sources(comparison: Comparison) -> list[str]:
    lines = ["## Sources", ""]
    names = _names(comparison)
    for art in comparison.articles:
        cited = list(dict.fromkeys(c.text for c in comparison.sources_of(art.index)))
        only = sorted(
            {
                comparison.source_name(c.cited)
                for c in comparison.sources_of(art.index)
                if comparison.cited_by[c.who] == (art.index,)
            }
        )
        line = f"- **{art.index + 1}. {names[art.index]}** cites: " + ("; ".join(map(_escape, cited)) or "nobody")
        if only and len(comparison.articles) > 1:
            line += f" (only this version: {', '.join(map(_escape, only))})"
        lines.append(line)
    lines.append("")
    return lines


def render(comparison: Comparison) -> str:
    arts = comparison.articles
    names = _names(comparison)
    lines = ["# Comparison of " + ", ".join(f"{a.index + 1}. {names[a.index]}" for a in arts), ""]
    lines.append(
        f"Base version: {comparison.base + 1}. {names[comparison.base]}. "
        "Words a version inserts or replaces are in **bold**; words of the base that a version "
        "drops are ~~struck through~~; a spelling fixed is in _italics_."
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
            text = " ".join(
                _marked(art, art.segments[s].start, art.segments[s].end, comparison.report_marks(a, s))
                for s in claim.segments_of(a)
            )
            lines.append(f"- **{a + 1}. {names[a]}**: {text}")
        details = comparison.details_in(claim.index)
        if details:
            lines.append("")
            lines.append("Facts:")
            lines.extend(fact_line(d) for d in details)
        lines.append("")
    lines.extend(_sources(comparison))
    return "\n".join(lines)
