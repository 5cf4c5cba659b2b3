"""Painting the text views: a line of a column as styled cells, with its gutter (marker and status glyph).

Shared by every text view (aligned, reading, paragraphs): a sentence looks the same
in each; only where its lines stand differs (views.py). Held by ColumnsView, whose
state (the comparison, the lines, the cursor, the search) it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from reader.model import visible
from reader.ui.layout import BLANK, FOLD, GAP, TEXT, Line, Piece, inline_room, pieces_of
from reader.ui.styling import GLYPH_RANK, MOVED_GLYPH, STATUS_GLYPH, search_spans, sentence_spans, styled_segments

if TYPE_CHECKING:
    from reader.ui.widgets.columns import ColumnsView

GUTTER = 2  # marker glyph + status glyph


class ColumnPainter:
    """The drawing half of a ColumnsView: `render_line` and the cached cells it is made of.

    It reads the view's state (the comparison, the lines, the cursor, the search) and owns the
    caches of what it drew; the view tells it when those go stale."""

    def __init__(self, columns: ColumnsView) -> None:
        self.columns = columns
        self._generation = 0
        self._cache: LRUCache[tuple, list[Segment]] = LRUCache(8192)
        self._styles: dict[str, Style] = {}
        self._spans: dict[tuple[int, int], list] = {}

    def forget_spans(self) -> None:
        """The marks changed (a comparison arrived, corrections, the cosmetic layer)."""
        self._spans.clear()

    def forget_styles(self) -> None:
        """The theme changed: every style and every drawn cell is stale."""
        self._generation += 1
        self._styles.clear()
        self._cache.clear()

    def style(self, name: str) -> Style:
        found = self._styles.get(name)
        if found is None:
            found = self._styles[name] = self.columns.get_component_rich_style(f"columns--{name}", partial=True)
        return found

    def spans_of(self, col: int, seg: int) -> list:
        key = (col, seg)
        found = self._spans.get(key)
        if found is None:
            if self.columns.comparison is None:  # the text alone, before the comparison: nothing to mark
                return []
            found = self._spans[key] = sentence_spans(self.columns.comparison, col, seg, self.columns.cosmetic)
        return found

    def _base_style(self) -> Style:
        found = self._styles.get("")
        if found is None:
            found = self._styles[""] = self.columns.rich_style
        return found

    def render_line(self, y: int) -> Strip:
        width = self.columns.scrollable_content_region.width
        base = self._base_style()
        if not self.columns.docs:
            return Strip.blank(width, base)
        segments: list[Segment] = []
        top = round(self.columns.scroll_y) + y
        separator = Segment("│", base + self.style("separator"))
        used = 0
        for i, col in enumerate(self.columns.visible_columns):
            if i:
                segments.append(separator)
                used += 1
            segments.extend(self._cell(col, top + self.columns.deltas[col], base))
            used += self.columns.column_width
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return Strip(segments, width)

    def _mark(self, col: int, seg: int) -> int:
        """2: the cursor sentence, 1: a counterpart of it, 0: neither."""
        if col == self.columns.col and seg == self.columns.seg:
            return 2
        return 1 if seg in self.columns._counterparts.get(col, ()) else 0

    def _cell(self, col: int, index: int, base: Style) -> list[Segment]:
        doc = self.columns.docs[col]
        width = self.columns.column_width
        if not 0 <= index < len(doc.lines):
            return [Segment(" " * width, base)]
        line = doc.lines[index]
        marks: tuple[int, ...] = ()
        if line.kind == TEXT:
            marks = tuple(self._mark(col, p.segment) for p in pieces_of(line))
        key = (col, index, marks, self.columns.detail if 2 in marks else None, self._generation)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._draw(col, line, marks, base, width)
            self._cache[key] = cached
        return cached

    def _text_style(self, status: str, mark: int, base: Style) -> Style:
        style = base
        if status == "unique":
            style += self.style("unique")
        if mark == 2:
            style += self.style("cursor")
        elif mark == 1:
            style += self.style("counterpart")
        return style

    def _glyph(self, col: int, seg: int) -> tuple[str, Style, int]:
        """The status glyph of a sentence, its style, and its rank when several start on one line."""
        if self.columns.comparison is None:
            return " ", self.style("marker"), 0
        claim = self.columns.comparison.claim_of(col, seg)
        if claim.is_moved_in(col):
            return MOVED_GLYPH, self.style("moved"), 4
        glyph = STATUS_GLYPH.get(claim.status, " ")
        style = self.style("unique") if claim.status == "unique" else self.style("marker")
        return glyph, style, GLYPH_RANK.get(claim.status, 0)

    def _draw(self, col: int, line: Line, marks: tuple[int, ...], base: Style, width: int) -> list[Segment]:
        comp = self.columns.comparison
        if line.kind == BLANK:
            return [Segment(" " * width, base)]
        if line.kind == GAP:
            dash = "┄┄┄" if line.first else ""
            return [
                Segment(" " * GUTTER, base),
                Segment(dash, base + self.style("gap")),
                Segment(" " * (width - GUTTER - len(dash)), base),
            ]
        if line.kind == FOLD:
            room = width - GUTTER
            label = line.label if len(line.label) <= room else line.label[: room - 1] + "…"
            return [
                Segment(" " * GUTTER, base),
                Segment(label, base + self.style("fold")),
                Segment(" " * (width - GUTTER - len(label)), base),
            ]
        article = self.columns.articles[col]
        pieces = pieces_of(line)
        styles = [
            self._text_style(comp.claim_of(col, p.segment).status if comp is not None else "", m, base)
            for p, m in zip(pieces, marks, strict=True)
        ]
        body: list[Segment] = []
        pos = line.start
        inline = self.inline_glyphs(col, line, width - GUTTER)
        for i, (piece, mark, text_style) in enumerate(zip(pieces, marks, styles, strict=True)):
            if piece.start > pos:  # the space between two sentences belongs to neither
                body.extend(styled_segments(article.text, pos, piece.start, base, (), self.style))
            if i in inline:  # a sentence starting mid-line: its glyph set apart, a space on each side
                glyph, glyph_style, _ = self._glyph(col, piece.segment)
                if inline[i] == 3:
                    body.append(Segment(" ", base))
                body.append(Segment(glyph, base + glyph_style))
                body.append(Segment(" ", base))
            spans = list(self.spans_of(col, piece.segment))
            if self.columns.search_query:
                seg = article.segments[piece.segment]
                spans += search_spans(article.text, seg.start, seg.end, self.columns.search_query)
            if mark == 2 and self.columns.detail is not None:
                spans.append((self.columns.detail[0], self.columns.detail[1], "detail-focus"))
            body.extend(styled_segments(article.text, piece.start, piece.end, text_style, spans, self.style))
            pos = max(pos, piece.end)
        if pos < line.end:
            body.extend(styled_segments(article.text, pos, line.end, base, (), self.style))
        out = self._gutter(col, pieces, marks, styles)
        out.extend(body)
        used = GUTTER + sum(seg.cell_length for seg in body)
        if used < width:
            out.append(Segment(" " * (width - used), styles[-1]))
        return out

    def inline_glyphs(self, col: int, line: Line, room: int) -> dict[int, int]:
        """The pieces of a text line whose sentence starts mid-line with a glyph to show, and the cells each
        adds (layout.inline_room, which the wrapping reserved); none beyond `room` cells (a cut word)."""
        pieces = line.pieces
        if len(pieces) < 2 or self.columns.comparison is None:
            return {}
        text = self.columns.articles[col].text
        used = -1  # the line's own cells, counted only when a glyph is to be set (most sentences have none)
        out: dict[int, int] = {}
        for i, piece in enumerate(pieces):
            if i and piece.first and self._glyph(col, piece.segment)[0] != " ":
                if used < 0:
                    shown = text[line.start : line.end]
                    plain = shown.isascii() and shown.isprintable()  # one cell a character, as drawn
                    used = len(shown) if plain else cell_len(visible(shown, keep_newlines=False))
                extra = inline_room(text, piece.start)
                if used + extra <= room:
                    out[i] = extra
                    used += extra
        return out

    def _gutter(
        self, col: int, pieces: tuple[Piece, ...], marks: tuple[int, ...], styles: list[Style]
    ) -> list[Segment]:
        """Marker and status glyph: ▌ on every line of the cursor sentence, ▷ where a counterpart
        starts; the glyph only of a sentence that starts the line (one starting mid-line has its
        glyph inline, in the space before it, so no glyph stands beside another sentence's tail)."""
        lead = (
            marks.index(2)
            if 2 in marks
            else next((i for i, (p, m) in enumerate(zip(pieces, marks, strict=True)) if m == 1 and p.first), 0)
        )
        marker = "▌" if marks[lead] == 2 else "▷" if marks[lead] == 1 and pieces[lead].first else " "
        glyph, glyph_style, owner = " ", self.style("marker"), lead
        best = -1
        for i, piece in enumerate(pieces):
            if piece.first and i == 0:  # never the glyph of a sentence that starts mid-line (it stands inline)
                g, g_style, rank = self._glyph(col, piece.segment)
                rank = 9 if marks[i] == 2 else 8 if marks[i] == 1 else rank  # the marked sentence's own
                if rank > best:
                    glyph, glyph_style, owner, best = g, g_style, i, rank
        return [Segment(marker, styles[lead] + self.style("marker")), Segment(glyph, styles[owner] + glyph_style)]
