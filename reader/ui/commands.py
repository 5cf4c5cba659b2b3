"""Command palette providers: jump to a claim or a detail by typing some of its words.

(Theme switching comes from Textual's own "Theme" system command, which lists
every registered theme, the reader's and the user's included.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch

from reader.model import visible
from reader.ui.styling import STATUS_WORDS

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

MOST_HITS = 40


def _candidates(app: ReaderApp) -> Iterator[tuple[str, str, int, int, tuple[int, int] | None]]:
    """(text, help, article, segment, detail span) for every claim and every detail."""
    comp = app.comparison
    if comp is None:
        return
    focused = app.view.col
    for claim in comp.claims:
        article = focused if focused in claim.articles else claim.articles[0]
        segment = claim.segments_of(article)[0]
        text = visible(comp.articles[article].segments[segment].text, keep_newlines=False)
        where = f"claim {claim.index + 1} · {STATUS_WORDS[claim.status]} · in {len(claim.articles)} versions"
        yield text[:120], where, article, segment, None
    seen: set[tuple[int, int, int, str]] = set()
    for d in comp.details:
        key = (d.article, d.start, d.end, d.category)
        found = comp.articles[d.article].segment_at(d.start)
        if found is None or key in seen:  # a fact the base alone has is a detail per version lacking it: one entry
            continue
        seen.add(key)
        seg = found.index
        text = visible(d.text, keep_newlines=False)[:100]
        where = f"{d.fact_role} detail · version {d.article + 1}"
        yield f"{d.category}: {text}", where, d.article, seg, (d.start, d.end)


def _highlight(candidate: str, offsets: Sequence[int]) -> Content:
    """Like Matcher.highlight, but the candidate is article text, so never parsed as markup."""
    content = Content(candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize("bold reverse", offset, offset + 1)
    return content


class JumpCommands(Provider):
    """Claims and details of the open comparison, found by their words."""

    async def search(self, query: str) -> Hits:
        app: ReaderApp = self.app  # type: ignore[assignment]
        fuzzy = FuzzySearch()
        found = []
        for text, where, article, segment, detail in _candidates(app):
            score, offsets = fuzzy.match(query, text)
            if score > 0:
                found.append((score, text, offsets, where, article, segment, detail))
        found.sort(key=lambda f: -f[0])
        for score, text, offsets, where, article, segment, detail in found[:MOST_HITS]:
            yield Hit(
                score, _highlight(text, offsets), partial(app.jump, article, segment, detail), text=text, help=where
            )
