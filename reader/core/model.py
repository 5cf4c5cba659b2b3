"""The one model the pipeline builds and every face (app, exporters) reads.

All offsets (`start`, `end`) are character offsets, Python `str` indices, into
the owning article's own `text`: `article.text[start:end]` is exactly the
span's text. The model is immutable; the app and the exporters only read it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

STATUSES = ("same", "reworded", "altered", "unique")
CATEGORIES = ("number", "date", "name", "quote", "source", "other")


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence of an article: the unit a claim is made of."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One version of the story, as loaded and segmented."""

    index: int
    path: str
    title: str
    text: str
    segments: tuple[Segment, ...]
    paragraphs: tuple[Paragraph, ...] = ()
    encoding: str = "utf-8"
    source_format: str = "text"  # text | markdown | html
    source_title: str = ""  # from the story's metadata or the page, when known
    outlet: str = ""
    date: str = ""

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.segments]

    def segment_at(self, offset: int) -> Segment | None:
        """The segment whose text holds character `offset`, if any (offsets between sentences hold none)."""
        k = bisect_right(self._starts, offset) - 1
        if k >= 0 and offset < self.segments[k].end:
            return self.segments[k]
        return None

    @property
    def name(self) -> str:
        """The file name (or the path as given, for stdin and URLs)."""
        return self.path.rstrip("/").rsplit("/", 1)[-1] or self.path


@dataclass(frozen=True, slots=True)
class Member:
    article: int
    segment: int


@dataclass(frozen=True, slots=True)
class Move:
    """A member that stands out of order in its article, compared with the reference article."""

    article: int
    segment: int
    from_article: int
    from_segment: int


@dataclass(frozen=True)
class Claim:
    """Corresponding segments across articles: one statement, told by one or more versions."""

    index: int
    members: tuple[Member, ...]
    status: str
    score: float = 1.0
    shared_terms: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()
    corrected: bool = False  # its members were changed by a reader's re-pair or un-pair (corrections.py)

    @cached_property
    def articles(self) -> tuple[int, ...]:
        """The articles that carry this claim, in order, each once."""
        return tuple(sorted({m.article for m in self.members}))

    def segments_of(self, article: int) -> tuple[int, ...]:
        return tuple(m.segment for m in self.members if m.article == article)

    def is_moved_in(self, article: int) -> bool:
        return any(mv.article == article for mv in self.moves)


@dataclass(frozen=True, slots=True)
class Span:
    article: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Detail:
    """A fact that one article inserts, or words differently from its counterpart."""

    kind: str  # inserted | altered
    category: str  # one of CATEGORIES
    claim: int
    article: int
    start: int
    end: int
    text: str
    counterparts: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """Words of a claim member that its counterpart in `against` lacks or words differently."""

    claim: int
    article: int
    against: int
    kind: str  # inserted | replaced
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Comparison:
    """N articles aligned into claims, with the word changes and details inside each claim."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    details: tuple[Detail, ...] = ()
    changes: tuple[Change, ...] = ()
    base: int = 0

    @cached_property
    def _claim_of(self) -> dict[tuple[int, int], int]:
        return {(m.article, m.segment): c.index for c in self.claims for m in c.members}

    def claim_of(self, article: int, segment: int) -> Claim:
        """The claim that holds segment `segment` of article `article`."""
        return self.claims[self._claim_of[(article, segment)]]

    def counterparts(self, article: int, segment: int) -> dict[int, tuple[int, ...]]:
        """For each other article, the segments that tell the same claim."""
        claim = self.claim_of(article, segment)
        found: dict[int, list[int]] = {}
        for m in claim.members:
            if m.article != article:
                found.setdefault(m.article, []).append(m.segment)
        return {a: tuple(s) for a, s in found.items()}

    @cached_property
    def _details_by_claim(self) -> dict[int, tuple[Detail, ...]]:
        return _by_claim(self.details)

    @cached_property
    def _changes_by_claim(self) -> dict[int, tuple[Change, ...]]:
        return _by_claim(self.changes)

    def details_in(self, claim: int, article: int | None = None) -> tuple[Detail, ...]:
        found = self._details_by_claim.get(claim, ())
        return found if article is None else tuple(d for d in found if d.article == article)

    def changes_in(self, claim: int, article: int | None = None) -> tuple[Change, ...]:
        found = self._changes_by_claim.get(claim, ())
        return found if article is None else tuple(c for c in found if c.article == article)

    def claims_in_order(self, article: int) -> Iterator[Claim]:
        """The claims an article carries, in that article's reading order, each once."""
        seen: set[int] = set()
        for seg in self.articles[article].segments:
            claim = self.claim_of(article, seg.index)
            if claim.index not in seen:
                seen.add(claim.index)
                yield claim


_Item = TypeVar("_Item", Detail, Change)


def _by_claim(items: tuple[_Item, ...]) -> dict[int, tuple[_Item, ...]]:
    grouped: dict[int, list[_Item]] = {}
    for item in items:
        grouped.setdefault(item.claim, []).append(item)
    return {k: tuple(v) for k, v in grouped.items()}
