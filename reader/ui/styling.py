"""Styling: which spans of a sentence get which highlight, and turning a styled line into Rich segments.

The spans come straight from the model (word changes and details, as article
offsets). Text is always drawn from plain strings through `visible()`, so
escape sequences and `[markup]` in an article stay inert.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from reader.model import Comparison, visible

Span = tuple[int, int, str]  # start, end (article offsets), style name

STATUS_GLYPH = {"same": " ", "reworded": "~", "altered": "!", "unique": "+"}
MOVED_GLYPH = "↕"
GLYPH_RANK = {"altered": 3, "unique": 2, "reworded": 1}  # which glyph shows when sentences share a line
STATUS_WORDS = {"same": "same", "reworded": "reworded", "altered": "altered", "unique": "only here"}


def sentence_spans(comparison: Comparison, article: int, segment: int, cosmetic: bool = False) -> list[Span]:
    """The model's marks of one sentence (`Comparison.marks`, the same for every face), as style names:
    cosmetic edits (only when `cosmetic` is shown), then words inserted, replaced or, on the base,
    dropped by a version, then the facts on top (`detail-<category>`)."""
    spans: list[Span] = []
    for mark in comparison.marks(article, segment):
        if mark.layer == "cosmetic":
            if cosmetic:
                spans.append((mark.start, mark.end, "cosmetic"))
        elif mark.detail is not None:
            spans.append((mark.start, mark.end, f"detail-{mark.category}"))
        else:
            spans.append((mark.start, mark.end, mark.kind))  # inserted | replaced | dropped
    return spans


def search_spans(text: str, start: int, end: int, query: str) -> list[Span]:
    """Case-insensitive hits of `query` in text[start:end], as article offsets."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    return [(m.start(), m.end(), "search") for m in pattern.finditer(text, start, end)]


def styled_segments(
    text: str, start: int, end: int, base: Style, spans: Iterable[Span], style_of: Callable[[str], Style]
) -> list[Segment]:
    """Segments for text[start:end] (made visible, newlines as spaces) with `spans` layered on `base`."""
    shown = visible(text[start:end], keep_newlines=False)
    clipped = [(max(s, start) - start, min(e, end) - start, name) for s, e, name in spans if s < end and e > start]
    if not clipped:
        return [Segment(shown, base)] if shown else []
    cuts = sorted({0, len(shown), *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        style = base
        for s, e, name in clipped:
            if s <= a and e >= b:
                style = style + style_of(name)
        out.append(Segment(shown[a:b], style))
    return out


def styled_text(text: str, start: int, end: int, spans: Iterable[Span], style_of: Callable[[str], Style]) -> Text:
    """A Rich Text (built from a plain string, never markup) of text[start:end] with spans applied."""
    out = Text(visible(text[start:end], keep_newlines=False))
    for s, e, name in spans:
        if s < end and e > start:
            out.stylize(style_of(name), max(s, start) - start, min(e, end) - start)
    return out
