"""Layout: the lines each column shows, as offsets into its article, for the aligned and reading views.

The aligned view gives every sentence lines of its own (a claim is a row); the
reading view flows a paragraph's sentences on as prose, so a line may hold the
end of one sentence and the start of the next (its `pieces`).
Wrapping and line placement are done once per width (cheap: offsets only);
turning a line into styled cells happens later, and only for lines on screen.
Nothing here judges similarity: claims, statuses and moves come from the model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.cells import cell_len

from reader.model import Article, Claim, Comparison, Segment

TEXT, BLANK, GAP, FOLD = "text", "blank", "gap", "fold"
FOLD_MIN_RUN = 3
# What is folded: nothing; runs of claims one version tells alone (the aligned view's start); those and runs of
# claims unchanged everywhere (`z` from open).
OPEN, LONE, ALL = "open", "lone", "all"
LONE_FOLD_VERSIONS = 3  # with two versions, a claim one of them tells is the difference itself: never folded

_WORD = re.compile(r"\S+")


class Piece(NamedTuple):
    """The part of one sentence that stands on a line; `first`: the sentence starts here."""

    segment: int
    start: int
    end: int
    first: bool


class Line(NamedTuple):
    """One screen line of a column: part of a sentence, or a blank, gap or fold line.

    A line holding parts of several sentences (reading view) lists them in `pieces`;
    `segment` is then the first of them. Lines with one sentence leave `pieces` empty.
    (A named tuple: tens of thousands are made per layout, and tuples are the cheapest.)
    """

    kind: str
    segment: int = -1
    start: int = 0
    end: int = 0
    first: bool = False
    label: str = ""
    pieces: tuple[Piece, ...] = ()


def pieces_of(line: Line) -> tuple[Piece, ...]:
    """The sentence parts on a text line, whether it holds one sentence or several."""
    return line.pieces or (Piece(line.segment, line.start, line.end, line.first),)


def column_geometry(width: int, n: int, least: int) -> tuple[int, int]:
    """(columns shown, cells per column) for `n` versions in `width` cells, each at least `least` wide.

    Shared by the columns and the headers, which draw the column grid before the comparison exists.
    """
    count = max(1, min(n, (width + 1) // (least + 1)))
    return count, (width - (count - 1)) // count


@dataclass
class ColumnDoc:
    """The lines of one column, and where each sentence the cursor can land on sits."""

    article: int
    lines: list[Line] = field(default_factory=list)
    entries: list[int] = field(default_factory=list)
    first_line: dict[int, int] = field(default_factory=dict)
    line_count: dict[int, int] = field(default_factory=dict)
    position: dict[int, int] = field(default_factory=dict)

    def add_segment(self, segment: int, lines: list[Line]) -> None:
        self.first_line[segment] = len(self.lines)
        self.line_count[segment] = len(lines)
        self.position[segment] = len(self.entries)
        self.entries.append(segment)
        self.lines.extend(lines)

    def add_flow(self, segments: Sequence[int], lines: list[Line], placed: Sequence[tuple[int, int]]) -> None:
        """Sentences flowed together: `placed[i]` is (first line, line count) of `segments[i]` in `lines`."""
        top = len(self.lines)
        for s, (first, count) in zip(segments, placed, strict=True):
            self.first_line[s] = top + first
            self.line_count[s] = count
            self.position[s] = len(self.entries)
            self.entries.append(s)
        self.lines.extend(lines)

    def add_folded(self, segments: list[int], label: str) -> None:
        """Folded sentences all point at the one fold line (so counterparts still line up)."""
        for s in segments:
            self.first_line[s] = len(self.lines)
            self.line_count[s] = 1
        self.lines.append(Line(FOLD, label=label))


_BLANK = Line(BLANK)
_GAP = Line(GAP)
_GAP_FIRST = Line(GAP, first=True)


def inline_room(text: str, start: int) -> int:
    """Cells a sentence starting mid-line at `start` adds for its status glyph, set apart from the prose
    ("spine. ~ It has", never "spine.~It"): the glyph and a space after the space before it, or, with
    no space before it, a space on each side."""
    return 2 if start > 0 and text[start - 1].isspace() else 3


def wrap(text: str, start: int, end: int, width: int, starts: Sequence[int] = ()) -> list[tuple[int, int]]:
    """Greedy word wrap of text[start:end] into (start, end) offsets of at most `width` cells.

    `starts` (sorted): offsets where a sentence begins; one that begins mid-line takes `inline_room`
    cells more, so its glyph fits (one that begins a line has its glyph in the gutter)."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    line_start = line_end = -1
    used = 0
    k = 0
    for match in _WORD.finditer(text, start, end):
        ws, we = match.span()
        word = match.group()
        w = len(word) if word.isascii() else cell_len(word)
        inside = at_word = 0  # the rooms of sentences starting inside this word, and at its first letter
        while k < len(starts) and starts[k] < we:
            if starts[k] == ws:
                at_word = inline_room(text, ws)
            elif starts[k] > ws:
                inside += inline_room(text, starts[k])
            k += 1
        if line_start >= 0 and used + (ws - line_end) + w + inside + at_word <= width:
            used += (ws - line_end) + w + inside + at_word
            line_end = we
            continue
        w += inside
        if line_start >= 0:
            lines.append((line_start, line_end))
        while w > width:  # a word longer than the column: cut it
            cut, taken = ws, 0
            while cut < we and taken + cell_len(text[cut]) <= width:
                taken += cell_len(text[cut])
                cut += 1
            cut = max(cut, ws + 1)
            lines.append((ws, cut))
            ws = cut
            w = cell_len(text[ws:we])
        line_start, line_end, used = (ws, we, w) if ws < we else (-1, -1, 0)  # nothing left of the word
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines or [(start, start)]


def flow(text: str, segments: Sequence[Segment], width: int) -> tuple[list[Line], list[tuple[int, int]]]:
    """Wrap consecutive sentences of one paragraph as prose: each ends where the next begins, mid-line.

    Returns the lines and, per sentence, (first line, line count). A line with one
    sentence only is a plain line; one shared by several lists their pieces.
    """
    spans = wrap(text, segments[0].start, segments[-1].end, width, [seg.start for seg in segments[1:]])
    firsts = [-1] * len(segments)
    lasts = [-1] * len(segments)
    lines: list[Line] = []
    n = len(segments)
    k = 0
    for i, (ls, le) in enumerate(spans):
        while k < n and segments[k].end <= ls:
            k += 1
        if k < n and segments[k].start <= ls and segments[k].end >= le:  # most lines: inside one sentence
            first = firsts[k] < 0
            if first:
                firsts[k] = i
            lasts[k] = i
            lines.append(Line(TEXT, segments[k].index, ls, le, first))
            continue
        pieces: list[Piece] = []
        j = k
        while j < len(segments) and segments[j].start < le:
            seg = segments[j]
            a, b = max(seg.start, ls), min(seg.end, le)
            if a < b:
                pieces.append(Piece(seg.index, a, b, firsts[j] < 0))
                if firsts[j] < 0:
                    firsts[j] = i
                lasts[j] = i
            j += 1
        if len(pieces) == 1 and (pieces[0].start, pieces[0].end) == (ls, le):
            p = pieces[0]
            lines.append(Line(TEXT, p.segment, ls, le, p.first))
        elif pieces:
            lines.append(Line(TEXT, pieces[0].segment, ls, le, any(p.first for p in pieces), "", tuple(pieces)))
        else:  # only text outside any sentence (none in practice): drawn, owned by the sentence before
            owner = segments[max(k - 1, 0)].index
            lines.append(Line(TEXT, owner, ls, le, False, "", (Piece(owner, ls, ls, False),)))
    placed = []
    for j in range(len(segments)):
        if firsts[j] < 0:  # a sentence with no visible text: it sits where the one before ends
            firsts[j] = lasts[j] = max(0, min(lasts[j - 1] if j else 0, len(lines) - 1))
        placed.append((firsts[j], lasts[j] - firsts[j] + 1))
    return lines, placed


def is_foldable(claim: Claim, n_articles: int) -> bool:
    """Unchanged everywhere: the same words in every version, in place."""
    return claim.status == "same" and len(claim.articles) == n_articles and not claim.moves


def is_lone(claim: Claim) -> bool:
    """Told by one version only: a row of gaps in every other column of the aligned view."""
    return len(claim.articles) == 1


def folds_lone(fold: str, n_articles: int) -> bool:
    """Whether the aligned view folds the runs of claims one version tells alone."""
    return fold != OPEN and n_articles >= LONE_FOLD_VERSIONS


def differs(claim: Claim, n_articles: int) -> bool:
    """Worth stopping at: anything but a claim told identically by every version."""
    return not is_foldable(claim, n_articles)


def same_sentences(these: Sequence[Article], those: Sequence[Article]) -> bool:
    """Whether two sets of articles hold the same texts cut into the same sentences, so that what is wrapped
    for one is wrapped for the other: the versions read before the comparison, and the comparison's own."""
    return these is those or (
        len(these) == len(those)
        and all(a.text == b.text and a.segments == b.segments for a, b in zip(these, those, strict=True))
    )


class Wrapper:
    """Wraps the articles' sentences at one width, each once."""

    def __init__(self, articles: Sequence[Article], width: int) -> None:
        self.articles = articles
        self.width = max(width, 1)
        self._cache: dict[tuple[int, int], list[Line]] = {}
        self._flows: dict[tuple[int, int, int], tuple[list[Line], list[tuple[int, int]]]] = {}

    def serves(self, articles: Sequence[Article], width: int) -> bool:
        """Whether this wraps `articles` at `width`; it takes them on if they hold the same sentences as its own
        (the comparison's articles, when the versions' text was shown first: its wrapping is kept)."""
        if self.width != max(width, 1) or not same_sentences(self.articles, articles):
            return False
        self.articles = articles
        return True

    def spans(self, article: int, segment: int) -> list[Line]:
        """The sentence's lines; they hold no position, so every layout can share them."""
        key = (article, segment)
        found = self._cache.get(key)
        if found is None:
            art = self.articles[article]
            seg = art.segments[segment]
            found = self._cache[key] = [
                Line(TEXT, segment, start, end, i == 0)
                for i, (start, end) in enumerate(wrap(art.text, seg.start, seg.end, self.width))
            ]
        return found

    def flow(self, article: int, first: int, last: int) -> tuple[list[Line], list[tuple[int, int]]]:
        """Sentences first..last (inclusive, one paragraph) flowed as prose, each run once per width."""
        key = (article, first, last)
        found = self._flows.get(key)
        if found is None:
            art = self.articles[article]
            found = self._flows[key] = flow(art.text, art.segments[first : last + 1], self.width)
        return found


def wrapper_for(articles: Sequence[Article], width: int, wrapper: Wrapper | None) -> Wrapper:
    """`wrapper` if it wraps these articles at this width, else a new one."""
    return wrapper if wrapper is not None and wrapper.serves(articles, width) else Wrapper(articles, width)


def _fold_label(count: int) -> str:
    return f"⋯ {count} unchanged {'claim' if count == 1 else 'claims'} (z)"


def _lone_label(here: int, run: int) -> str:
    """A folded run of claims each told by one version: this column's count, else the run's."""
    return f"⋯ {here} only here (z)" if here else f"⋯ {run} only in others (z)"


def _fold_runs(flags: list[bool], least: int = FOLD_MIN_RUN) -> list[tuple[int, int]]:
    """(start, end) index ranges of runs of True at least `least` long."""
    runs, i = [], 0
    while i < len(flags):
        if flags[i]:
            j = i
            while j < len(flags) and flags[j]:
                j += 1
            if j - i >= least:
                runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _hidden_label(count: int) -> str:
    """Short enough for a 30-cell column: the headers' ◀ ▶ say which versions are off screen."""
    return f"⋯ {count} {'claim' if count == 1 else 'claims'} only off screen"


def _fold_rows(
    docs: list[ColumnDoc], rows: Sequence[Mapping[int, Sequence[int]]], label: str | Callable[[int], str]
) -> None:
    """Several claim rows shown as one line (folded, or carried only by columns off screen); `label` may
    depend on how many of the rows the column carries."""
    per_article: dict[int, list[int]] = {}
    carried: dict[int, int] = {}
    for members in rows:
        for a, segs in members.items():
            per_article.setdefault(a, []).extend(segs)
            carried[a] = carried.get(a, 0) + 1
    for doc in docs:
        text = label if isinstance(label, str) else label(carried.get(doc.article, 0))
        doc.add_folded(per_article.get(doc.article, []), text)
        doc.lines.append(_BLANK)


def build_aligned(
    comparison: Comparison,
    width: int,
    fold: str = OPEN,
    shown: set[int] | None = None,
    wrapper: Wrapper | None = None,
) -> list[ColumnDoc]:
    """Rows are claims; every column gets the same number of lines per row, gaps where it lacks one.

    Folded (`fold`): each run of claims one version tells alone is one line, with its counts (from
    three versions on; the view starts so, so that its first screen shows what versions share), and
    with ALL also each run of claims unchanged everywhere.
    When only some columns are `shown`, the claims none of them carries shrink to one marker line,
    so the screen is not filled with gaps standing for versions paged off to the side.
    """
    n = len(comparison.articles)
    wrapper = wrapper_for(comparison.articles, width, wrapper)
    docs = [ColumnDoc(a) for a in range(n)]
    claims = comparison.claims
    fold_at: dict[int, tuple[int, str]] = {}
    if fold == ALL:
        fold_at = {k: (end, _fold_label(end - k)) for k, end in _fold_runs([is_foldable(c, n) for c in claims])}
    if folds_lone(fold, n):
        fold_at.update((k, (end, LONE)) for k, end in _fold_runs([is_lone(c) for c in claims], least=1))
    k = 0
    while k < len(claims):
        if k in fold_at:
            end, label = fold_at[k]
            rows = [c.segments_by_article for c in claims[k:end]]
            _fold_rows(docs, rows, functools.partial(_lone_label, run=end - k) if label == LONE else label)
            k = end
            continue
        if shown is not None and shown.isdisjoint(claims[k].segments_by_article):
            end = k
            while end < len(claims) and shown.isdisjoint(claims[end].segments_by_article):
                end += 1
            _fold_rows(docs, [c.segments_by_article for c in claims[k:end]], _hidden_label(end - k))
            k = end
            continue
        claim = claims[k]
        cells = {a: [(s, wrapper.spans(a, s)) for s in segs] for a, segs in claim.segments_by_article.items()}
        counted = [a for a in cells if shown is None or a in shown] or list(cells)
        height = max(sum(len(sp) for _, sp in cells[a]) for a in counted)
        for doc in docs:
            used = 0
            for s, spans in cells.get(doc.article, ()):
                doc.add_segment(s, spans)
                used += len(spans)
            if used == 0:
                doc.lines.append(_GAP_FIRST)
                used = 1
            doc.lines.extend([_GAP] * (height - used))
            doc.lines.append(_BLANK)
        k += 1
    return docs


def build_reading(
    comparison: Comparison, width: int, fold: str = OPEN, wrapper: Wrapper | None = None
) -> list[ColumnDoc]:
    """Each column in its own order (see `flow_columns`), runs of claims unchanged everywhere folded when asked
    (ALL; a version's own sentences are its text here, never folded)."""
    n = len(comparison.articles)
    folded = fold == ALL

    def folds(article: Article) -> dict[int, int]:
        return dict(_fold_runs([is_foldable(comparison.claim_of(article.index, s.index), n) for s in article.segments]))

    return flow_columns(comparison.articles, width, folds if folded else None, wrapper)


def flow_columns(
    articles: Sequence[Article],
    width: int,
    folds: Callable[[Article], dict[int, int]] | None = None,
    wrapper: Wrapper | None = None,
) -> list[ColumnDoc]:
    """Each column in its own order: a paragraph's sentences flow on as prose, a blank line between paragraphs.

    Needs only the articles, so the app shows the text this way before the comparison exists.
    `folds(article)` maps the first sentence of each folded run to the end of the run. A folded
    run breaks the flow: the paragraph goes on, on the line after the fold.
    """
    wrapper = wrapper_for(articles, width, wrapper)
    docs = []
    for article in articles:
        doc = ColumnDoc(article.index)
        segments = article.segments
        fold_at = folds(article) if folds is not None else {}
        i, paragraph = 0, None
        while i < len(segments):
            seg = segments[i]
            if paragraph is not None and seg.paragraph != paragraph:
                doc.lines.append(_BLANK)
            paragraph = seg.paragraph
            if i in fold_at:
                end = fold_at[i]
                doc.add_folded([s.index for s in segments[i:end]], _fold_label(end - i))
                paragraph = segments[end - 1].paragraph
                i = end
                continue
            end = i + 1
            while end < len(segments) and segments[end].paragraph == paragraph and end not in fold_at:
                end += 1
            lines, placed = wrapper.flow(article.index, i, end - 1)
            doc.add_flow([s.index for s in segments[i:end]], lines, placed)
            i = end
        docs.append(doc)
    return docs


def build_paragraphs(
    comparison: Comparison,
    width: int,
    rows: list[dict[int, list[int]]],
    fold: str = OPEN,
    shown: set[int] | None = None,
    wrapper: Wrapper | None = None,
) -> list[ColumnDoc]:
    """Rows are corresponding paragraphs (`rows`, from core.paragraphs): each column flows its own
    paragraphs of the row as prose, and every column gets the same number of lines per row.

    Folded (ALL), a row whose every sentence is unchanged everywhere shrinks to one line.
    """
    n = len(comparison.articles)
    folded = fold == ALL
    wrapper = wrapper_for(comparison.articles, width, wrapper)
    docs = [ColumnDoc(a) for a in range(n)]
    runs = {a: _paragraph_runs(comparison, a) for a in range(n)}
    for row in rows:
        if folded and all(
            is_foldable(comparison.claim_of(a, s), n) for a, ps in row.items() for p in ps for s in runs[a][p]
        ):
            count = len({comparison.claim_of(a, s).index for a, ps in row.items() for p in ps for s in runs[a][p]})
            _fold_rows(
                docs, [{a: tuple(s for p in ps for s in runs[a][p]) for a, ps in row.items()}], _fold_label(count)
            )
            continue
        cells: dict[int, list[tuple[list[int], list[Line], list[tuple[int, int]]]]] = {}
        for a, ps in row.items():
            for p in ps:
                segs = runs[a][p]
                lines, placed = wrapper.flow(a, segs[0], segs[-1])
                cells.setdefault(a, []).append((segs, lines, placed))
        counted = [a for a in cells if shown is None or a in shown] or list(cells)
        height = max((sum(len(lines) for _, lines, _ in cells[a]) + len(cells[a]) - 1 for a in counted), default=1)
        for doc in docs:
            used = 0
            for i, (segs, lines, placed) in enumerate(cells.get(doc.article, ())):
                if i:
                    doc.lines.append(_BLANK)
                    used += 1
                doc.add_flow(segs, lines, placed)
                used += len(lines)
            if used == 0:
                doc.lines.append(_GAP_FIRST)
                used = 1
            doc.lines.extend([_GAP] * (height - used))
            doc.lines.append(_BLANK)
    return docs


def _paragraph_runs(comparison: Comparison, article: int) -> dict[int, list[int]]:
    """Each paragraph's sentence indexes, in order."""
    runs: dict[int, list[int]] = {}
    for seg in comparison.articles[article].segments:
        runs.setdefault(seg.paragraph, []).append(seg.index)
    return runs
