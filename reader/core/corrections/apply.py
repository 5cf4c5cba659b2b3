"""Corrections: a reader's own re-pairings and un-pairings, applied over a finished comparison.

A correction names its sentences by content (the version's text hash, the
sentence's index and text), never by file name or argument order, so it follows
the same texts wherever they are opened and is dropped, with a note, when a
version changed under it. Applying corrections moves members between the
claims the aligner drafted and compares again only the claims they touched;
every other claim, change and detail is kept as it was (renumbered if claims
were added or removed before it).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from reader.core.align.evidence import DF_PER_ARTICLE, terms_of
from reader.model.comparison import Article, Change, Citation, Claim, Comparison, Fact

if TYPE_CHECKING:  # the engine is imported when a correction is applied, not with the app (start-up time)
    from reader.core.claims.compare import ClaimContext

UNPAIR, PAIR = "unpair", "pair"
_Numbered = TypeVar("_Numbered", Change, Fact)
MOST_SHARED_TERMS = 6


@dataclass(frozen=True)
class SentenceRef:
    """One sentence, named by content: the hash of its version's text, its index and its text."""

    version: str
    index: int
    text: str


@dataclass(frozen=True)
class Correction:
    """`unpair`: the sentence leaves its claim and stands alone ("only here").
    `pair`: the sentence leaves its claim and joins the claim of `partner` (another version's sentence)."""

    kind: str
    sentence: SentenceRef
    partner: SentenceRef | None = None

    def describe(self) -> str:
        what = "un-paired" if self.kind == UNPAIR else "re-paired"
        return f"{what} “{_short(self.sentence.text)}”"


@dataclass(frozen=True)
class Applied:
    """A comparison with corrections applied, which of them applied, and why the others did not."""

    comparison: Comparison
    applied: tuple[Correction, ...]
    notes: tuple[str, ...]


def version_hash(article: Article) -> str:
    """A version's identity: its text's content, whatever its file is called."""
    return hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def sentence_ref(comparison: Comparison, article: int, segment: int) -> SentenceRef:
    art = comparison.articles[article]
    return SentenceRef(version_hash(art), segment, art.segments[segment].text)


def unpair(comparison: Comparison, article: int, segment: int) -> Correction:
    return Correction(UNPAIR, sentence_ref(comparison, article, segment))


def pair(comparison: Comparison, article: int, segment: int, partner_article: int, partner_segment: int) -> Correction:
    return Correction(
        PAIR, sentence_ref(comparison, article, segment), sentence_ref(comparison, partner_article, partner_segment)
    )


class _Context:
    """What applying corrections to one comparison needs: which article each version hash is,
    and the per-claim comparison's context (tokens, term counts), made once per set of articles."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.article_of = {version_hash(a): a.index for a in comparison.articles}
        self._by_text: dict[int, dict[str, list[int]]] = {}

    def indices_of(self, article: int, text: str) -> list[int]:
        """The sentences of an article with exactly this text: one dictionary per article, made on first
        use, so a thousand references that no longer fit cost a thousand look-ups, not a thousand scans."""
        table = self._by_text.get(article)
        if table is None:
            table = {}
            for s in self.comparison.articles[article].segments:
                table.setdefault(s.text, []).append(s.index)
            self._by_text[article] = table
        return table.get(text, [])

    @property
    def claims(self) -> ClaimContext:
        return _claim_context(self.comparison.articles)

    def resolve(self, ref: SentenceRef) -> tuple[int, int] | None:
        """(article, segment) of a sentence reference, or None when its version or sentence is gone."""
        a = self.article_of.get(ref.version)
        if a is None:
            return None
        segments = self.comparison.articles[a].segments
        if 0 <= ref.index < len(segments) and segments[ref.index].text == ref.text:
            return a, ref.index
        same = self.indices_of(a, ref.text)
        return (a, same[0]) if len(same) == 1 else None


_LAST: list[tuple[tuple[Article, ...], ClaimContext]] = []


def _claim_context(articles: tuple[Article, ...]) -> ClaimContext:
    """The last articles' context is kept: the next correction, an undo or a rebase reuses its tokens."""
    if _LAST and _LAST[0][0] is articles:
        return _LAST[0][1]
    from reader.core.claims.compare import claim_context

    made = claim_context(articles)
    _LAST[:] = [(articles, made)]
    return made


def apply(comparison: Comparison, corrections: Sequence[Correction]) -> Applied:
    """Apply `corrections` in order to `comparison` (as built by the aligner), comparing again only touched claims."""
    if not corrections:
        return Applied(comparison, (), ())
    ctx = _Context(comparison)
    groups: list[list[tuple[int, int]]] = [[(m.article, m.segment) for m in c.members] for c in comparison.claims]
    origin: list[int | None] = list(range(len(groups)))  # the claim each group was, None for a new or touched one
    applied: list[Correction] = []
    notes: list[str] = []
    for correction in corrections:
        note = _move(ctx, groups, origin, correction)
        if note is None:
            applied.append(correction)
        else:
            notes.append(note)
    if applied:
        groups, origin = _reading_order(comparison, groups, origin)
    return Applied(_rebuild(ctx, comparison, groups, origin), tuple(applied), summarised(notes))


def summarised(notes: Sequence[str]) -> tuple[str, ...]:
    """One line however many corrections were dropped: the first one's reason, and how many in all."""
    if len(notes) < 2:
        return tuple(notes)
    first = notes[0].removeprefix("dropped a correction: ")
    return (f"dropped {len(notes):,} corrections that no longer fit these texts (the first: {first})",)


def _reading_order(
    comparison: Comparison, groups: list[list[tuple[int, int]]], origin: list[int | None]
) -> tuple[list[list[tuple[int, int]]], list[int | None]]:
    """The claims put back in the aligner's reading order (led by the base, see align.py): a correction
    changes which claim a sentence is in, never the order a version is read in (an un-paired sentence
    stood right after its former claim, wherever its version tells it)."""
    from reader.core.align.grouping import Draft
    from reader.core.align.grouping import _reading_order as aligner_order

    drafts = [Draft(tuple(g), 0.0, ()) for g in groups]
    at = {id(d): k for k, d in enumerate(drafts)}
    lengths = [len(a.segments) for a in comparison.articles]
    order = [at[id(d)] for d in aligner_order(drafts, lengths, comparison.base)]
    return [groups[k] for k in order], [origin[k] for k in order]


def _move(ctx: _Context, groups: list[list[tuple[int, int]]], origin: list[int | None], c: Correction) -> str | None:
    """Move one member between groups as `c` says; a note when it no longer fits, else None."""
    where = ctx.resolve(c.sentence)
    if where is None:
        return f"dropped a correction: “{_short(c.sentence.text)}” is no longer in its version"
    g = next(i for i, grp in enumerate(groups) if where in grp)
    if c.kind == UNPAIR:
        if {a for a, _ in groups[g]} == {where[0]}:
            return f"dropped a correction: “{_short(c.sentence.text)}” is already only in its version"
        groups[g].remove(where)
        groups.insert(g + 1, [where])
        origin[g] = None
        origin.insert(g + 1, None)
        return None
    target = ctx.resolve(c.partner) if c.partner is not None else None
    if target is None or target[0] == where[0]:
        return f"dropped a correction: the partner of “{_short(c.sentence.text)}” is no longer there"
    h = next(i for i, grp in enumerate(groups) if target in grp)
    if g == h:
        return f"dropped a correction: “{_short(c.sentence.text)}” is already paired so"
    groups[g].remove(where)
    groups[h].append(where)
    groups[h].sort()
    origin[g] = origin[h] = None
    if not groups[g]:
        del groups[g]
        del origin[g]
    return None


def _rebuild(
    ctx: _Context, comparison: Comparison, groups: list[list[tuple[int, int]]], origin: list[int | None]
) -> Comparison:
    from reader.core.align.grouping import Draft
    from reader.core.claims.compare import compare_claim

    claims: list[Claim] = []
    changes: list[Change] = []
    details: list[Fact] = []
    cosmetic: list[Change] = []
    base = comparison.base
    for k, (members, was) in enumerate(zip(groups, origin, strict=True)):
        if was is not None:
            claim = comparison.claims[was]
            claims.append(claim if claim.index == k else replace(claim, index=k))
            changes.extend(_renumbered(comparison.changes_in(was), k))
            details.extend(_renumbered(comparison.details_in(was), k))
            cosmetic.extend(_renumbered(comparison.cosmetic_in(was), k))
            continue
        draft = Draft(tuple(members), _score(comparison, members), _shared_terms(ctx, members), _moves(ctx, members))
        claim, claim_changes, claim_details, claim_cosmetic = compare_claim(ctx.claims, k, draft, base)
        claims.append(replace(claim, corrected=True))
        changes.extend(claim_changes)
        details.extend(claim_details)
        cosmetic.extend(claim_cosmetic)
    claim_at = {(m.article, m.segment): k for k, c in enumerate(claims) for m in c.members}
    sources = tuple(_moved_citation(comparison, c, claim_at) for c in comparison.sources)
    return Comparison(
        comparison.articles, tuple(claims), tuple(details), tuple(changes), base, tuple(cosmetic), sources
    )


def _moved_citation(comparison: Comparison, citation: Citation, claim_at: dict[tuple[int, int], int]) -> Citation:
    """A citation names its claim: the claim its sentence is in now (the fact itself does not change)."""
    segment = comparison.articles[citation.article].segment_at(citation.start)
    k = claim_at.get((citation.article, segment.index)) if segment is not None else None
    return citation if k is None or k == citation.claim else replace(citation, claim=k)


def _renumbered(items: Sequence[_Numbered], k: int) -> list[_Numbered]:
    """The items of a claim now standing at index k (when claims before it came or went)."""
    if not items or items[0].claim == k:
        return list(items)
    make: Any = type(items[0])  # Change or Fact, built from its fields in order
    names = _field_names(make)
    return [make(*(k if n == "claim" else getattr(item, n) for n in names)) for item in items]


@functools.cache
def _field_names(cls: Any) -> tuple[str, ...]:
    """Constructing with the fields in order takes a third of the time of dataclasses.replace."""
    return tuple(f.name for f in fields(cls) if f.init)


def _score(comparison: Comparison, members: list[tuple[int, int]]) -> float:
    """A touched claim keeps the score of the claim most of its members came from (1.0 when alone)."""
    if len({a for a, _ in members}) < 2:
        return 1.0
    counts: dict[int, int] = {}
    for a, s in members:
        k = comparison.claim_of(a, s).index
        counts[k] = counts.get(k, 0) + 1
    return comparison.claims[max(counts, key=lambda k: (counts[k], -k))].score


def _moves(ctx: _Context, members: list[tuple[int, int]]) -> tuple[tuple[int, int, int, int], ...]:
    """Moves the members had in their former claims, while the base sentence they moved from is still with them."""
    kept = set(members)
    found = []
    for a, s in members:
        for mv in ctx.comparison.claim_of(a, s).moves:
            if (mv.article, mv.segment) == (a, s) and (mv.from_article, mv.from_segment) in kept:
                found.append((mv.article, mv.segment, mv.from_article, mv.from_segment))
    return tuple(found)


def _shared_terms(ctx: _Context, members: list[tuple[int, int]]) -> tuple[str, ...]:
    """The rarest terms that more than one version of the claim uses (why it holds together)."""
    tokens, df = ctx.claims.tokens, ctx.claims.df
    limit = DF_PER_ARTICLE * len(ctx.comparison.articles)
    seen: dict[str, set[int]] = {}
    for a, s in members:
        for token in tokens[a][s]:
            for term in terms_of(token):
                seen.setdefault(term, set()).add(a)
    shared = sorted(
        (t for t, arts in seen.items() if len(arts) > 1 and df.get(t, 0) <= limit), key=lambda t: (df[t], t)
    )
    return tuple(shared[:MOST_SHARED_TERMS])


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
