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
from typing import TYPE_CHECKING, Literal, TypeVar, get_args

if TYPE_CHECKING:
    from reader.model.paragraphs import ParagraphLink

Status = Literal["same", "reworded", "altered", "unique"]
Layer = Literal["cosmetic", "wording", "fact"]  # what a change is: a change of form, of words, or of a fact
Role = Literal["inserted", "altered", "lacking"]  # a fact only this version has, one it changes, one it drops
FactKind = Literal["inserted", "altered"]  # a lacking fact is `inserted` on the base side, as the JSON says
ChangeKind = Literal["inserted", "replaced"]
MarkKind = Literal["inserted", "replaced", "dropped", "restyled", "altered", "lacking"]
STATUSES: tuple[Status, ...] = get_args(Status)
LAYERS: tuple[Layer, ...] = get_args(Layer)
ROLES: tuple[Role, ...] = get_args(Role)


@dataclass(frozen=True, slots=True)
class Category:
    """A kind of fact, with the theme variable that colours it and the words the legends use."""

    name: str
    colour: str  # the theme variable (themes/*.toml, [variables]) that colours it
    legend: str


# The one table of categories: themes, the help screen and every exporter derive from it.
CATEGORY_TABLE = (
    Category("number", "reader-number", "numbers, amounts of money, percentages, with what they count"),
    Category("date", "reader-date", "dates, years, weekdays and times"),
    Category("name", "reader-name", "people, places and organisations"),
    Category("quote", "reader-quote", "quotations, with their speaker"),
    Category("source", "reader-source", "sources and attributions: who is cited"),
)
CATEGORIES = tuple(c.name for c in CATEGORY_TABLE)
STATUS_LABELS = {"same": "same", "reworded": "reworded", "altered": "altered", "unique": "only here"}
ROLE_LABELS = {"inserted": "inserted", "altered": "altered", "lacking": "lacking"}


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
    fetched: str = ""  # when this version was fetched (UTC, ISO 8601), for a history's versions (reader.archive)

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
    status: Status
    score: float = 1.0
    shared_terms: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()
    corrected: bool = False  # its members were changed by a reader's re-pair or un-pair (corrections.py)

    @cached_property
    def articles(self) -> tuple[int, ...]:
        """The articles that carry this claim, in order, each once."""
        return tuple(sorted({m.article for m in self.members}))

    def segments_of(self, article: int) -> tuple[int, ...]:
        return self.segments_by_article.get(article, ())

    @cached_property
    def segments_by_article(self) -> dict[int, tuple[int, ...]]:
        """Each article's segments in this claim, articles in member order: asked for every pair of versions
        (paragraph links) and every row the app lays out, so the members are read once."""
        found: dict[int, list[int]] = {}
        for m in self.members:
            found.setdefault(m.article, []).append(m.segment)
        return {a: tuple(segments) for a, segments in found.items()}

    def is_moved_in(self, article: int) -> bool:
        return any(mv.article == article for mv in self.moves)


@dataclass(frozen=True, slots=True)
class Span:
    """A span of an article: a detail's counterpart (with its fact's value and speaker) or a speaker."""

    article: int
    start: int
    end: int
    text: str
    value: str = ""
    speaker: Span | None = None


@dataclass(frozen=True)
class Fact:
    """A fact that one article inserts, or words differently from its counterpart."""

    kind: FactKind
    category: str  # one of CATEGORIES
    claim: int
    article: int
    start: int
    end: int
    text: str
    counterparts: tuple[Span, ...] = ()
    role: Role | Literal[""] = ""  # one of ROLES; "" for details made before roles existed (read as `kind`)
    against: int | None = None  # the article this one was compared with (None: a claim only this one tells)
    value: str = ""  # the fact's value: two facts with equal values are the same fact, however written
    speaker: Span | None = None  # a quotation's speaker, when the sentence names one

    @property
    def fact_role(self) -> Role:
        """inserted, altered or lacking (a fact of the base that version `against` lacks)."""
        return self.role or self.kind


@dataclass(frozen=True, slots=True)
class Change:
    """Words of a claim member that its counterpart in `against` lacks or words differently."""

    claim: int
    article: int
    against: int
    kind: ChangeKind
    start: int
    end: int
    text: str
    layer: Layer = "wording"  # one of LAYERS: cosmetic (a spelling fixed), wording, or fact (it touches a fact)


@dataclass(frozen=True, slots=True)
class Citation:
    """Who an article cites, once per mention: `who` is the cited name as compared (its value), `name` as
    the article writes it ("Dmitry Peskov"), `source` the one source all its names stand for (the fullest
    of them, as compared: "Peskov" and "Dmitry Peskov" are both "dmitry peskov")."""

    article: int
    claim: int
    start: int
    end: int
    text: str
    who: str
    name: str = ""
    source: str = ""

    @property
    def cited(self) -> str:
        """The source this citation stands for (`source`, or `who` for one made without it)."""
        return self.source or self.who


@dataclass(frozen=True, slots=True)
class Mark:
    """A span a face marks in a sentence, decided here once for every face.

    layer: cosmetic | wording | fact. kind: for cosmetic and wording marks `inserted` or
    `replaced` (words a version adds or words differently than the base), `dropped` (on the
    base: words a version leaves out) or `restyled` (case, punctuation or quote style only);
    for fact marks the detail's role (inserted | altered | lacking), with its category."""

    start: int
    end: int
    layer: Layer
    kind: MarkKind
    category: str = ""
    detail: Fact | None = None


@dataclass(frozen=True)
class Comparison:
    """N articles aligned into claims, with the word changes and details inside each claim."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    details: tuple[Fact, ...] = ()
    changes: tuple[Change, ...] = ()
    base: int = 0
    cosmetic: tuple[Change, ...] = ()  # differences of form only (case, punctuation, quote style): layer cosmetic
    sources: tuple[Citation, ...] = ()

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
    def _details_by_claim(self) -> dict[int, tuple[Fact, ...]]:
        return _by_claim(self.details)

    @cached_property
    def _changes_by_claim(self) -> dict[int, tuple[Change, ...]]:
        return _by_claim(self.changes)

    def details_in(self, claim: int, article: int | None = None) -> tuple[Fact, ...]:
        found = self._details_by_claim.get(claim, ())
        return found if article is None else tuple(d for d in found if d.article == article)

    def changes_in(self, claim: int, article: int | None = None) -> tuple[Change, ...]:
        found = self._changes_by_claim.get(claim, ())
        return found if article is None else tuple(c for c in found if c.article == article)

    @cached_property
    def _cosmetic_by_claim(self) -> dict[int, tuple[Change, ...]]:
        return _by_claim(self.cosmetic)

    def cosmetic_in(self, claim: int) -> tuple[Change, ...]:
        """The differences of form only (layer cosmetic) inside a claim."""
        return self._cosmetic_by_claim.get(claim, ())

    def drawn_changes(self, claim: int, article: int) -> tuple[Change, ...]:
        """The word changes a face draws in `article`'s member of `claim`: against the base. The base
        itself shows the words a version drops or replaces (its changes against each version);
        a claim the base lacks shows each member's changes against its reference."""
        found = self.claims[claim]
        base = self.base
        changes = self.changes_in(claim, article)
        if article == base or base not in found.articles:
            return changes
        return tuple(c for c in changes if c.against == base)

    def marks(self, article: int, segment: int) -> tuple[Mark, ...]:
        """Every span to mark in one sentence, clipped to it, in drawing order: cosmetic, then wording,
        then facts on top. The same for the app, the Markdown and the HTML report."""
        seg = self.articles[article].segments[segment]
        claim = self.claim_of(article, segment).index
        found: dict[tuple[int, int, str, str, str], Mark] = {}

        def add(start: int, end: int, layer: Layer, kind: MarkKind, category: str = "", detail: Fact | None = None):
            s, e = max(start, seg.start), min(end, seg.end)
            if s < e and (s, e, layer, kind, category) not in found:
                found[(s, e, layer, kind, category)] = Mark(s, e, layer, kind, category, detail)

        base_side = article == self.base
        for c in self._cosmetic_by_claim.get(claim, ()):
            if c.article == article and (
                base_side or c.against == self.base or self.base not in self.claims[claim].articles
            ):
                add(c.start, c.end, "cosmetic", "restyled")
        for c in self.drawn_changes(claim, article):
            kind = "dropped" if base_side and c.kind == "inserted" else c.kind
            add(c.start, c.end, c.layer, kind)
        for d in self.details_in(claim, article):
            add(d.start, d.end, "fact", d.fact_role, d.category, d)
        order = {"cosmetic": 0, "wording": 1, "fact": 2}
        return tuple(sorted(found.values(), key=lambda m: (order[m.layer], m.start, m.end)))

    def report_marks(self, article: int, segment: int) -> tuple[Mark, ...]:
        """The change marks a report draws in the text of one sentence, as runs that do not overlap:
        words inserted or replaced against the base (and, on the base, words a version drops), each
        with its layer (a spelling fixed is a cosmetic change; differences of form only, `restyled`,
        and the facts themselves are not drawn in the text: reports list the facts under each claim).
        Where two versions mark the same base words differently, the strongest kind wins: replaced,
        then inserted, then dropped; then the fact layer, then wording, then cosmetic.
        """
        changes = [m for m in self.marks(article, segment) if m.detail is None and m.kind != "restyled"]
        cuts = sorted({p for m in changes for p in (m.start, m.end)})
        runs: list[Mark] = []
        for start, end in zip(cuts, cuts[1:], strict=False):
            over = [m for m in changes if m.start <= start and end <= m.end]
            if not over:
                continue
            best = max(over, key=lambda m: (_KIND_RANK[m.kind], LAYERS.index(m.layer)))
            last = runs[-1] if runs else None
            if last is not None and last.end == start and (last.kind, last.layer) == (best.kind, best.layer):
                runs[-1] = Mark(last.start, end, last.layer, last.kind)
            else:
                runs.append(Mark(start, end, best.layer, best.kind))
        return tuple(runs)

    def facts(self, article: int | None = None) -> tuple[Fact, ...]:
        """The details (facts inserted, altered or lacking), of one article or of all, in claim order."""
        return self.details if article is None else tuple(d for d in self.details if d.article == article)

    def sources_of(self, article: int) -> tuple[Citation, ...]:
        """Who an article cites, in reading order."""
        return tuple(c for c in self.sources if c.article == article)

    @cached_property
    def cited_by(self) -> dict[str, tuple[int, ...]]:
        """Each cited name (by value) and the articles that cite its source under any of its names: a source
        only one version cites has one article here ("only version 2 cites Reuters"; "Peskov" in one version
        and "Dmitry Peskov" in another is one source both cite)."""
        found: dict[str, set[int]] = {}
        for c in self.sources:
            found.setdefault(c.cited, set()).add(c.article)
        return {name: tuple(sorted(found[c.cited])) for c in self.sources for name in (c.who, c.cited)}

    @cached_property
    def cited_sources(self) -> dict[str, tuple[Citation, ...]]:
        """Each source (`Citation.cited`), in the order first cited, with every citation of it."""
        found: dict[str, list[Citation]] = {}
        for c in self.sources:
            found.setdefault(c.cited, []).append(c)
        return {source: tuple(cites) for source, cites in found.items()}

    def source_name(self, source: str) -> str:
        """A source as the texts write it: the name of its citation whose value is the source's own (the
        fullest), else the first one's ("Dmitry Peskov", "Interfax", not "dmitry peskov")."""
        cites = self.cited_sources.get(source, ())
        fullest = next((c for c in cites if c.who == source and c.name), None)
        first = fullest or next((c for c in cites if c.name), None)
        return " ".join(first.name.split()) if first is not None else source

    @cached_property
    def paragraph_links(self) -> tuple[ParagraphLink, ...]:
        """Which paragraphs of every two articles correspond: those that tell a claim in common
        (paragraphs.py), for each pair of articles in order, the first's paragraphs in order."""
        from reader.model.paragraphs import paragraph_links

        n = len(self.articles)
        return tuple(link for a in range(n) for b in range(a + 1, n) for link in paragraph_links(self, a, b))

    def claims_in_order(self, article: int) -> Iterator[Claim]:
        """The claims an article carries, in that article's reading order, each once."""
        seen: set[int] = set()
        for seg in self.articles[article].segments:
            claim = self.claim_of(article, seg.index)
            if claim.index not in seen:
                seen.add(claim.index)
                yield claim


_KIND_RANK = {"replaced": 3, "inserted": 2, "dropped": 1}
_Item = TypeVar("_Item", Fact, Change)


def _by_claim(items: tuple[_Item, ...]) -> dict[int, tuple[_Item, ...]]:
    grouped: dict[int, list[_Item]] = {}
    for item in items:
        grouped.setdefault(item.claim, []).append(item)
    return {k: tuple(v) for k, v in grouped.items()}
