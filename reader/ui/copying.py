"""What `y` and `Y` put on the clipboard: the focused sentence, or the focused claim in every version as Markdown."""

from __future__ import annotations

import re

from reader.model import Comparison

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def sentence_text(comparison: Comparison, article: int, segment: int) -> str:
    """The sentence exactly as its version has it, its line breaks folded to spaces."""
    return " ".join(comparison.articles[article].segments[segment].text.split())


def claim_markdown(comparison: Comparison, article: int, segment: int) -> str:
    """The claim holding (article, segment), one Markdown list line per version, led by the version's name;
    a version that lacks the claim says so, so the lines always stand for every version."""
    claim = comparison.claim_of(article, segment)
    lines = []
    for art in comparison.articles:
        segs = claim.segments_of(art.index)
        told = " ".join(sentence_text(comparison, art.index, s) for s in segs)
        lines.append(f"- **{_escape(art.name)}**: {_escape(told) if segs else '_(not in this version)_'}")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
