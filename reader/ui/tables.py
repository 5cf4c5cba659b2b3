"""The table views: claims x versions, facts x versions, sources. One object per view, no Textual.

Each table turns the model into rows of cells, one cell per version, every cell
a jump target (a sentence of that version, and the words in it). The table widget
(widgets/tables.py) only paints them and moves a cursor over them. A table has
filters (the filter bar) and, for facts, an order (reading order or by category).

The facts table reads the model through one adapter, `fact_slots`: it groups
each fact with its counterparts and their values; the sources table reads the
model's citations (`Comparison.sources`, `cited_by`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reader.core import carried_span, is_history, same_values
from reader.model import CATEGORIES, Claim, Comparison, quoted
from reader.ui.layout import differs
from reader.ui.styling import MOVED_GLYPH, STATUS_WORDS
from reader.ui.timeline import timeline_claim_line, timeline_claim_rows, timeline_fact_line, timeline_fact_rows
from reader.ui.wording import version_name

LACKS_GLYPH = "·"
CELL_GLYPH = {"same": "=", "reworded": "~", "altered": "!", "unique": "+"}
CELL_WORDS = {**STATUS_WORDS, "lacks": "lacks it", "moved": "moved"}
FACT_CATEGORIES = CATEGORIES  # every category is a kind of fact (the model's one table)


@dataclass(frozen=True)
class Cell:
    """One version's entry in a row: what to show, its kind (a status or a category), where Enter goes."""

    text: str
    kind: str
    segment: int | None = None
    span: tuple[int, int] | None = None
    short: str = ""  # the part that differs from the row's other values (… for what they share), for narrow cells
    value: str = ""  # a fact's value as compared (Fact.value: "12" for "twelve"); "" in the other tables

    @property
    def compared(self) -> str:
        """What the cell's fact is compared by: its value, or its words where it carries none."""
        return self.value or self.text


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    claim: int
    kind: str = ""  # the row's own kind: a fact's category, `only` for a source one version cites
    order: tuple[int, ...] = field(default=(), compare=False)


class Table:
    """A table view: its filters, its orders, and the rows it shows for a comparison."""

    name = ""
    title = ""
    filters: tuple[str, ...] = ("all",)
    orders: tuple[str, ...] = ("reading order",)
    cell_width = 0  # 0: the versions share the width left of the labels

    def rows(self, comparison: Comparison, filter: str, order: str) -> list[Row]:
        raise NotImplementedError

    def describe(self, comparison: Comparison, row: Row, col: int) -> str:
        """The status line for the cell under the cursor."""
        cell = row.cells[col]
        return f"{cell.kind} · {row.label}"


def opening_words(comparison: Comparison, claim: Claim) -> str:
    """The claim as the base tells it (else the first version that does), for the row's label."""
    article = comparison.base if comparison.base in claim.articles else claim.articles[0]
    segment = claim.segments_of(article)[0]
    return " ".join(comparison.articles[article].segments[segment].text.split())


def cell_status(claim: Claim, article: int) -> str:
    """One version's status for a claim: lacks, moved, only here, or the claim's own status."""
    if article not in claim.articles:
        return "lacks"
    if claim.is_moved_in(article):
        return "moved"
    if len(claim.articles) == 1:
        return "unique"
    return claim.status


class ClaimsTable(Table):
    """One row per claim, in reading order; a glyph per version: which versions tell it, and how."""

    name = "claims"
    title = "claims × versions"
    filters = ("all", "differs", "only in one", "in all but one", "moved")
    cell_width = 3

    def keeps(self, claim: Claim, n: int, filter: str) -> bool:
        if filter == "differs":
            return differs(claim, n)
        if filter == "only in one":
            return len(claim.articles) == 1
        if filter == "in all but one":
            return n > 2 and len(claim.articles) == n - 1
        if filter == "moved":
            return bool(claim.moves)
        return True

    def rows(self, comparison: Comparison, filter: str, order: str) -> list[Row]:
        n = len(comparison.articles)
        out = []
        for claim in comparison.claims:
            if not self.keeps(claim, n, filter):
                continue
            cells = []
            for a in range(n):
                status = cell_status(claim, a)
                glyph = MOVED_GLYPH if status == "moved" else LACKS_GLYPH if status == "lacks" else CELL_GLYPH[status]
                segs = claim.segments_of(a)
                cells.append(Cell(glyph, status, segs[0] if segs else None))
            out.append(Row(opening_words(comparison, claim), tuple(cells), claim.index, claim.status))
        return timeline_claim_rows(comparison, out) if is_history(comparison) else out

    def describe(self, comparison: Comparison, row: Row, col: int) -> str:
        if is_history(comparison):
            return timeline_claim_line(comparison, row.claim, col, row.label)
        claim = comparison.claims[row.claim]
        n = len(comparison.articles)
        here = f"{CELL_WORDS[row.cells[col].kind]} in {version_name(comparison, col)}"
        return f"#{claim.index + 1} {here} · in {len(claim.articles)} of {n} · {row.label}"


@dataclass(frozen=True)
class FactSlot:
    """One fact as each version tells it: `values[article]` = (start, end, words, value) in that article.

    The value is the fact as compared (1,000 = one thousand); the words are how the version puts it."""

    category: str
    claim: int
    values: dict[int, tuple[int, int, str, str]]


_slots: tuple[Comparison, list[FactSlot]] | None = None  # the last comparison's facts: two tables read them


def fact_slots(comparison: Comparison) -> list[FactSlot]:
    """The facts of the story, each with the value every version gives it (the adapter to the model).

    A detail and its counterparts are one fact; details whose spans overlap join the same fact.
    """
    global _slots
    if _slots is None or _slots[0] is not comparison:
        _slots = (comparison, _fact_slots(comparison))
    return _slots[1]


def _fact_slots(comparison: Comparison) -> list[FactSlot]:
    slots: list[FactSlot] = []
    owner: dict[tuple[int, int, int], int] = {}
    for d in comparison.details:
        if d.category not in FACT_CATEGORIES:
            continue
        spans = [
            (d.article, d.start, d.end, d.text, d.value or d.text),
            *((s.article, s.start, s.end, s.text, s.value or s.text) for s in d.counterparts),
        ]
        found = next((owner[(a, s, e)] for a, s, e, _, _ in spans if (a, s, e) in owner), None)
        if found is None:
            found = len(slots)
            slots.append(FactSlot(d.category, d.claim, {}))
        values = slots[found].values
        for a, s, e, text, value in spans:
            owner[(a, s, e)] = found
            values.setdefault(a, (s, e, text, value))
    slots = _join_disjoint(slots)
    for slot in slots:
        _fill_unchanged(comparison, slot)
        carry_values(comparison, slot)
    return slots


def _join_disjoint(slots: list[FactSlot]) -> list[FactSlot]:
    """One row per fact: facts of one claim and category that no version tells twice are one fact told
    differently (each version is compared with the base, so two versions changing a fact the base
    lacks, "May 19" and "May 20", come as two facts)."""
    joined: list[FactSlot] = []
    for slot in slots:
        into = next(
            (
                j
                for j in joined
                if (j.claim, j.category) == (slot.claim, slot.category) and not j.values.keys() & slot.values.keys()
            ),
            None,
        )
        if into is None:
            joined.append(FactSlot(slot.category, slot.claim, dict(slot.values)))
        else:
            into.values.update(slot.values)
    return joined


def _fill_unchanged(comparison: Comparison, slot: FactSlot) -> None:
    """A version that tells the claim with a value word for word as another gives it has that value too
    (the model marks a detail only where it differs, so the versions agreeing with the base carry none)."""
    claim = comparison.claims[slot.claim]
    for a in claim.articles:
        if a in slot.values:
            continue
        article = comparison.articles[a]
        for s in claim.segments_of(a):
            seg = article.segments[s]
            for _, _, text, value in list(slot.values.values()):
                at = article.text.find(text, seg.start, seg.end) if text else -1
                if at >= 0:
                    slot.values[a] = (at, at + len(text), text, value)
                    break
            if a in slot.values:
                break


def carry_values(comparison: Comparison, slot: FactSlot) -> None:
    """Give a fact's value to the versions that tell its words as another version does, as the engine compares
    words (reader.core.carried_span), in their own: "twelve prisoners" beside "12 prisoners". The model marks a
    fact only where its value differs from the base's, so these versions carry none of their own and the table
    would say they lack it (a history: "gone"). The nearest version that tells it first (in a history the one
    just before or after); a version given the value can pass it on (a sentence reworded around the words)."""
    claim = comparison.claims[slot.claim]
    values = slot.values
    gained = True
    while gained:  # again while a version gained it: it may pass it on
        gained = False
        for a in [a for a in claim.articles if a not in values]:
            for known in sorted(values, key=lambda k: (abs(k - a), k)):
                start, end, _, value = values[known]
                span = carried_span(comparison, claim, known, a, start, end)
                if span is not None:
                    values[a] = (*span, comparison.articles[a].text[span[0] : span[1]], value)
                    gained = True
                    break


def differing_parts(values: list[str]) -> list[str]:
    """Each value with the words all of them share at the start and at the end elided (…), so a narrow
    cell shows where they differ ("…to retire…" against "…to step down…"); each keeps a word of its own. A word
    is shared whatever marks it carries: a version that gives a quotation's words unquoted shares its first word."""
    words = [v.split() for v in values]
    if len(words) < 2:
        return list(values)
    bare = [[_unmarked(w) for w in ws] for ws in words]
    least = min(len(w) for w in words)
    head = 0
    while head < least - 1 and len({w[head] for w in bare}) == 1:
        head += 1
    tail = 0
    while tail < least - head - 1 and len({w[-1 - tail] for w in bare}) == 1:
        tail += 1
    if not head and not tail:
        return list(values)
    return [("…" if head else "") + " ".join(w[head : len(w) - tail]) + ("…" if tail else "") for w in words]


def _unmarked(word: str) -> str:
    """A word without the quotation marks and punctuation around it ("“Our" is "Our", "level,”" is "level")."""
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return word[start:end] or word


def _fact_cells(comparison: Comparison, slot: FactSlot) -> tuple[Cell, ...]:
    cells = []
    for a in range(len(comparison.articles)):
        value = slot.values.get(a)
        if value is None:
            cells.append(Cell("", "lacks"))
            continue
        start, end, text, compared = value
        seg = comparison.articles[a].segment_at(start)
        words = " ".join(text.split())
        cells.append(Cell(words, slot.category, seg.index if seg else None, (start, end), value=compared))
    told = [c for c in cells if c.text]
    shorts = iter(differing_parts([c.text for c in told]))
    return tuple(replace(c, short=next(shorts)) if c.text else c for c in cells)


class FactsTable(Table):
    """The fact sheet: one row per fact that differs, each version's value in its column."""

    name = "facts"
    title = "facts × versions"
    filters = ("all", *FACT_CATEGORIES)
    orders = ("reading order", "by category")

    def rows(self, comparison: Comparison, filter: str, order: str) -> list[Row]:
        out = []
        for slot in fact_slots(comparison):
            if filter != "all" and slot.category != filter:
                continue
            claim = comparison.claims[slot.claim]
            told = [v[3] for v in slot.values.values()]
            if all(same_values(v, told[0]) for v in told) and len(slot.values) >= len(claim.articles):
                continue  # every version carrying the claim gives the same value: nothing differs
            label = f"{slot.category} #{slot.claim + 1}"
            rank = FACT_CATEGORIES.index(slot.category) if order == "by category" else 0
            out.append(Row(label, _fact_cells(comparison, slot), slot.claim, slot.category, (rank, slot.claim)))
        out = timeline_fact_rows(comparison, out) if is_history(comparison) else out
        return sorted(out, key=lambda r: r.order)

    def describe(self, comparison: Comparison, row: Row, col: int) -> str:
        cell = row.cells[col]
        value = quoted(cell.text) if cell.text else "lacks it"
        if is_history(comparison):
            return timeline_fact_line(comparison, row, col)
        line = f"{row.kind} in claim #{row.claim + 1}, {version_name(comparison, col)}: {value}"
        alike = [b for b, c in enumerate(row.cells) if cell.text and c.text != cell.text and _same_value(c, cell)]
        if alike:  # "twelve prisoners" beside "12 prisoners": one value, so not why the row is shown
            line += " · the same value as " + ", ".join(version_name(comparison, b) for b in alike)
        return line


def _same_value(one: Cell, other: Cell) -> bool:
    """Whether two cells give a fact one value, as the model compares it (Fact.value), in whatever words."""
    return bool(one.text and other.text) and same_values(one.compared, other.compared)


class SourcesTable(Table):
    """Who each version cites: one row per source, named as the texts write it ("Dmitry Peskov", its other
    names grouped with it: "Peskov"), the words each version cites it with; a source only one version
    cites is marked ◆."""

    name = "sources"
    title = "sources"
    filters = ("all", "only in one")

    def rows(self, comparison: Comparison, filter: str, order: str) -> list[Row]:
        out = []
        n = len(comparison.articles)
        for source, cites in comparison.cited_sources.items():
            only = len(comparison.cited_by[source]) == 1
            if filter == "only in one" and not only:
                continue
            first: dict[int, Cell] = {}
            for c in cites:
                if c.article in first:
                    continue
                seg = comparison.articles[c.article].segment_at(c.start)
                first[c.article] = Cell(
                    " ".join(c.text.split()), "source", seg.index if seg else None, (c.start, c.end)
                )
            claim = min(c.claim for c in cites)
            cells = tuple(first.get(a, Cell("", "lacks")) for a in range(n))
            label = ("◆ " if only else "  ") + comparison.source_name(source)
            out.append(Row(label, cells, claim, "only" if only else "shared", (claim,)))
        return sorted(out, key=lambda r: r.order)

    def describe(self, comparison: Comparison, row: Row, col: int) -> str:
        cell = row.cells[col]
        citing = [a for a, c in enumerate(row.cells) if c.text]
        if row.kind == "only":
            who = f"only {version_name(comparison, citing[0])} cites it"
        else:
            who = f"cited by {len(citing)} of {len(row.cells)} versions"
        value = quoted(cell.text) if cell.text else "not cited"
        return f"{version_name(comparison, col)}: {value} · {who}"


TABLES: dict[str, type[Table]] = {t.name: t for t in (ClaimsTable, FactsTable, SourcesTable)}
