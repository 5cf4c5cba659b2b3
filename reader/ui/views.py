"""The text views: how the columns are laid out and in which order `n` and `]d` walk them, one object per view.

The columns widget hosts one of these at a time and does the drawing they share
(a line of a sentence looks the same in every view). A view says:
- `build`: the lines of every column (layout.py does the wrapping);
- `shared_rows`: whether the columns scroll as one table (rows line up) or each
  column scrolls on its own, its counterparts anchored level with the cursor;
- `difference` and `details`: the stops of `n` / `]c` and `]d`, in the view's reading order,
  using the pure rules of navigation.py.
The tables (claims, facts, sources) are views of another kind: see tables.py.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.model import Claim, Comparison, Fact
from reader.ui.layout import (
    ALL,
    OPEN,
    ColumnDoc,
    Wrapper,
    build_aligned,
    build_paragraphs,
    build_reading,
    differs,
    folds_lone,
    is_foldable,
    is_lone,
)
from reader.ui.navigation import nearest_column, next_matching

Target = tuple[int, int]  # column, sentence


def differing(comparison: Comparison, cosmetic: bool) -> Callable[[Claim], bool]:
    """Where `n` stops: a claim that differs, and, while the cosmetic layer is shown, one with cosmetic edits."""
    n = len(comparison.articles)
    if not cosmetic:
        return lambda claim: differs(claim, n)
    restyled = {c.claim for c in comparison.cosmetic}
    return lambda claim: differs(claim, n) or claim.index in restyled


def facts_in(comparison: Comparison, claim: int, article: int) -> tuple[Fact, ...]:
    """The details `]d` stops at: every detail is a fact (numbers, dates, names, quotes, sources)."""
    return comparison.details_in(claim, article)


DetailKey = tuple[int, ...]
DetailTarget = tuple[int, int, tuple[int, int]]  # column, sentence, span


class TextView:
    """What every text view shares: sentences walked in the focused column's own order."""

    name = ""
    shared_rows = False
    description = ""

    def __init__(self) -> None:
        self._details_docs: object = None  # the layout the details below were found in
        self._column_details: dict[int, tuple[list[DetailKey], list[DetailTarget]]] = {}

    def build(
        self, comparison: Comparison, width: int, fold: str, shown: set[int] | None, wrapper: Wrapper
    ) -> list[ColumnDoc]:
        raise NotImplementedError

    def difference(
        self,
        comparison: Comparison,
        docs: list[ColumnDoc],
        col: int,
        seg: int,
        step: int,
        shown: range,
        cosmetic: bool = False,
        fold: str = OPEN,
    ) -> Target | None:
        """The next sentence (by `step`) in the focused column whose claim differs (cosmetically too, when shown)."""
        doc = docs[col]
        entries = doc.entries
        stops = differing(comparison, cosmetic)
        i = next_matching(
            len(entries), doc.position.get(seg, 0), step, lambda i: stops(comparison.claim_of(col, entries[i]))
        )
        return None if i is None else (col, entries[i])

    def details(
        self, comparison: Comparison, docs: list[ColumnDoc], col: int, seg: int, start: int, fold: str
    ) -> tuple[DetailKey, list[DetailKey], list[DetailTarget]]:
        """(where the cursor is, the sorted stops of `]d`, their targets): the focused column's details in order.

        Kept per column until the layout changes (a column of 1,000 sentences takes a while to walk).
        """
        doc = docs[col]
        if self._details_docs is not docs:
            self._details_docs, self._column_details = docs, {}
        found = self._column_details.get(col)
        if found is None:
            keys: list[DetailKey] = []
            targets: list[DetailTarget] = []
            segments = comparison.articles[col].segments
            for pos, s in enumerate(doc.entries):
                sentence = segments[s]
                claim = comparison.claim_of(col, s).index
                for d in sorted(facts_in(comparison, claim, col), key=lambda d: d.start):
                    if d.start < sentence.end and d.end > sentence.start:
                        keys.append((pos, d.start))
                        targets.append((col, s, (d.start, d.end)))
            found = self._column_details[col] = (keys, targets)
        return (doc.position.get(seg, 0), start), found[0], found[1]

    def detail_scope(self, name: str) -> str:
        """How a 'no further detail' notice says where it looked."""
        return f" in {name}"

    def folds_something(self, comparison: Comparison, fold: str) -> bool:
        """Whether `fold` hides anything in this view (then `z` opens it, else it folds)."""
        return fold == ALL

    def folds_away(self, comparison: Comparison, fold: str, claim: Claim) -> bool:
        """Whether `fold` may hide `claim` here (not whether it stands off screen, in a column paged away)."""
        return fold == ALL and is_foldable(claim, len(comparison.articles))

    def layout_fold(self, comparison: Comparison, fold: str) -> str:
        """The fold state as this view's layout depends on it: states that lay out alike share one layout
        (only the aligned view folds one-version claims, so here LONE lays out as OPEN)."""
        return ALL if fold == ALL else OPEN


class AlignedView(TextView):
    """Rows are claims, in the base's order; a version lacking a claim shows a gap."""

    name = "aligned"
    shared_rows = True
    description = "rows are claims"

    def __init__(self) -> None:
        super().__init__()
        self._details: tuple[Comparison, str, tuple[list[DetailKey], list[DetailTarget]]] | None = None

    def build(
        self, comparison: Comparison, width: int, fold: str, shown: set[int] | None, wrapper: Wrapper
    ) -> list[ColumnDoc]:
        return build_aligned(comparison, width, fold, shown, wrapper)

    def difference(
        self,
        comparison: Comparison,
        docs: list[ColumnDoc],
        col: int,
        seg: int,
        step: int,
        shown: range,
        cosmetic: bool = False,
        fold: str = OPEN,
    ) -> Target | None:
        """The next claim (row) that differs; the same column if it carries the claim, else the nearest one."""
        claims = comparison.claims
        stops = differing(comparison, cosmetic)
        hidden = _folded_away(comparison, fold)
        k = next_matching(
            len(claims), comparison.claim_of(col, seg).index, step, lambda k: stops(claims[k]) and not hidden(claims[k])
        )
        if k is None:
            return None
        claim = claims[k]
        target = col if col in claim.articles else nearest_column(claim.articles, col, shown)
        return target, claim.segments_of(target)[0]

    def details(
        self, comparison: Comparison, docs: list[ColumnDoc], col: int, seg: int, start: int, fold: str
    ) -> tuple[DetailKey, list[DetailKey], list[DetailTarget]]:
        """Every detail in the table's reading order: rows top to bottom, columns left to right, then the words.

        Taken from the model rather than the lines, so details in columns paged off screen count too.
        """
        claim = comparison.claim_of(col, seg)
        segs = claim.segments_of(col)
        here = (claim.index, col, segs.index(seg) if seg in segs else 0, start)
        kept = self._details
        if kept is None or kept[0] is not comparison or kept[1] != fold:
            kept = self._details = (comparison, fold, _aligned_details(comparison, fold))
        keys, targets = kept[2]
        return here, keys, targets

    def detail_scope(self, name: str) -> str:
        return ""

    def folds_something(self, comparison: Comparison, fold: str) -> bool:
        return fold == ALL or (
            folds_lone(fold, len(comparison.articles)) and any(is_lone(c) for c in comparison.claims)
        )

    def folds_away(self, comparison: Comparison, fold: str, claim: Claim) -> bool:
        return _folded_away(comparison, fold)(claim)

    def layout_fold(self, comparison: Comparison, fold: str) -> str:
        return fold if fold == ALL or folds_lone(fold, len(comparison.articles)) else OPEN


def _folded_away(comparison: Comparison, fold: str) -> Callable[[Claim], bool]:
    """Whether the aligned view folds a claim away under `fold` (`n` and `]d` walk only what is shown)."""
    n = len(comparison.articles)
    lone = folds_lone(fold, n)
    return lambda claim: (lone and is_lone(claim)) or (fold == ALL and is_foldable(claim, n))


def _aligned_details(comparison: Comparison, fold: str) -> tuple[list[DetailKey], list[DetailTarget]]:
    keys: list[DetailKey] = []
    targets: list[DetailTarget] = []
    hidden = _folded_away(comparison, fold)
    for claim in comparison.claims:
        if hidden(claim):
            continue
        for col in claim.articles:
            segments = comparison.articles[col].segments
            for i, s in enumerate(claim.segments_of(col)):
                sentence = segments[s]
                for d in sorted(facts_in(comparison, claim.index, col), key=lambda d: d.start):
                    if d.start < sentence.end and d.end > sentence.start:
                        keys.append((claim.index, col, i, d.start))
                        targets.append((col, s, (d.start, d.end)))
    return keys, targets


class ReadingView(TextView):
    """Each version in its own order, paragraphs flowing as prose; counterparts stand level with the cursor."""

    name = "reading"
    description = "each version in its own order"

    def build(
        self, comparison: Comparison, width: int, fold: str, shown: set[int] | None, wrapper: Wrapper
    ) -> list[ColumnDoc]:
        return build_reading(comparison, width, fold, wrapper)


class ParagraphView(TextView):
    """Rows are corresponding paragraphs (from the claims they share): for book editions and long-form texts."""

    name = "paragraphs"
    shared_rows = True
    description = "rows are corresponding paragraphs"

    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[Comparison, list[dict[int, list[int]]]] | None = None

    def build(
        self, comparison: Comparison, width: int, fold: str, shown: set[int] | None, wrapper: Wrapper
    ) -> list[ColumnDoc]:
        if self._rows is None or self._rows[0] is not comparison:
            from reader.model import paragraph_rows  # imported when this view is first asked for

            self._rows = (comparison, paragraph_rows(comparison))
        return build_paragraphs(comparison, width, self._rows[1], fold, shown, wrapper)


TEXT_VIEWS: dict[str, type[TextView]] = {v.name: v for v in (AlignedView, ReadingView, ParagraphView)}
