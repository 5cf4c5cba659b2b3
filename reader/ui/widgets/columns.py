"""ColumnsView: every version in its own column, drawn lazily line by line (Textual's Line API).

The widget keeps the reading state (focused column, focused sentence, view,
fold, search) and hosts one text view (views.py: the layout, and the order `n`
and `]d` walk); where a key goes is decided by the pure rules of navigation.py,
and painting.py draws only the lines on screen, from a cache: moving the cursor
repaints only the rows of the old and the new claim. Which sentences correspond
is always asked of the model (`Comparison.counterparts`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Article, Comparison, visible
from reader.ui.layout import (
    ALL,
    FOLD,
    LONE,
    OPEN,
    TEXT,
    ColumnDoc,
    Line,
    Wrapper,
    column_geometry,
    flow_columns,
    wrapper_for,
)
from reader.ui.navigation import (
    at_or_after,
    clamp_step,
    first_shown,
    next_carrier,
    search_order,
    step_sorted,
    step_wrapping,
    wrap_column,
)
from reader.ui.views import TEXT_VIEWS, AlignedView, ReadingView, TextView
from reader.ui.widgets.painting import GUTTER, ColumnPainter

MIN_COLUMN_WIDTH = 30
WRAP_AHEAD_STEP = 400  # sentences wrapped per turn while the comparison is built (about 3 ms)
# What needs the comparison (claims, statuses, counterparts): not offered while only the text is shown.
NEEDS_COMPARISON = frozenset(
    {
        "next_difference",
        "previous_difference",
        "prefix",
        "chord",
        "toggle_cosmetic",
        "counterpart",
        "toggle_fold",
        "open_claim",
    }
)


class ColumnsView(ScrollView, can_focus=True):
    """The versions side by side, aligned claim by claim or each in its own reading order."""

    BINDINGS = [
        Binding(
            "j,down",
            "cursor_down",
            "Next",
            id="cursor_down",
            key_display="j",
            tooltip="Next sentence in the focused column",
        ),
        Binding(
            "k,up",
            "cursor_up",
            "Prev",
            id="cursor_up",
            key_display="k",
            show=False,
            tooltip="Previous sentence in the focused column",
        ),
        Binding(
            "n",
            "next_difference",
            "Diff",
            id="next_difference",
            tooltip="Next claim that differs (next search hit after a search)",
        ),
        Binding(
            "N",
            "previous_difference",
            "Prev diff",
            id="previous_difference",
            show=False,
            tooltip="Previous claim that differs (previous search hit after a search)",
        ),
        Binding(
            "right_square_bracket",
            "prefix('next')",
            "]c ]d",
            id="prefix_next",
            show=False,
            tooltip="Then c: next difference, d: next detail",
        ),
        Binding(
            "left_square_bracket",
            "prefix('previous')",
            "[c [d",
            id="prefix_previous",
            show=False,
            tooltip="Then c: previous difference, d: previous detail",
        ),
        Binding("c", "chord('c')", "Difference", id="chord_difference", show=False),
        Binding(
            "c",
            "toggle_cosmetic",
            "Cosmetic",
            id="toggle_cosmetic",
            show=False,
            tooltip="Show or hide cosmetic edits (case, punctuation, quote style, a spelling fix); n and ]c stop "
            "at them while shown",
        ),
        Binding("d", "chord('d')", "Detail", id="chord_detail", show=False),
        Binding(
            "h,left", "focus_left", "Column ←", id="focus_left", show=False, tooltip="Focus the column to the left"
        ),
        Binding(
            "l,right", "focus_right", "Column →", id="focus_right", show=False, tooltip="Focus the column to the right"
        ),
        Binding("tab", "focus_next_column", "Next column", id="focus_next_column", show=False),
        Binding("shift+tab", "focus_previous_column", "Previous column", id="focus_previous_column", show=False),
        *(
            Binding(str(i), f"focus_column({i - 1})", f"Column {i}", id=f"focus_column_{i}", show=False)
            for i in range(1, 10)
        ),
        Binding(
            "g", "counterpart", "Jump", id="counterpart", tooltip="Jump to this claim in the next column that has it"
        ),
        Binding(
            "z",
            "toggle_fold",
            "Fold",
            id="toggle_fold",
            show=False,
            tooltip="Open the folds; when none, fold runs of unchanged claims and of claims one version tells",
        ),
        Binding(
            "enter",
            "open_claim",
            "Claim",
            id="open_claim",
            tooltip="The focused claim in every version, with its details",
        ),
        Binding("pagedown,space", "page_down", "Page down", id="page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="page_up", show=False),
        Binding("home", "first_sentence", "First", id="first_sentence", show=False),
        Binding("end,G", "last_sentence", "Last", id="last_sentence", show=False),
        Binding("escape", "clear_search", "Clear search", id="clear_search"),
    ]

    COMPONENT_CLASSES = {
        "columns--cursor",
        "columns--counterpart",
        "columns--marker",
        "columns--inserted",
        "columns--replaced",
        "columns--cosmetic",
        "columns--dropped",
        "columns--detail-number",
        "columns--detail-date",
        "columns--detail-name",
        "columns--detail-quote",
        "columns--detail-source",
        "columns--detail-focus",
        "columns--unique",
        "columns--moved",
        "columns--gap",
        "columns--fold",
        "columns--search",
        "columns--separator",
    }

    class Changed(Message):
        """The cursor, view, fold, search or visible columns changed: headers and status redraw."""

    class OpenClaim(Message):
        """The reader asked for the claim panel of the focused claim."""

        def __init__(self, article: int, segment: int) -> None:
            super().__init__()
            self.article = article
            self.segment = segment

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.articles: tuple[Article, ...] = ()  # the text shown: the comparison's, or the versions read before it
        self.text_view: TextView = AlignedView()
        self._after_preview: str | None = None  # the view to show once the comparison comes
        self.fold = LONE  # the aligned view opens on what versions share: runs of one-version claims folded
        self.cosmetic = False  # the cosmetic layer (case, punctuation, quote style) is hidden until `c`
        self.col = 0
        self.seg = 0
        self.detail: tuple[int, int] | None = None
        self.first_col = 0
        self.visible_count = 1
        self.column_width = MIN_COLUMN_WIDTH
        self.deltas: list[int] = []
        self.docs: list[ColumnDoc] = []
        self.search_query = ""
        self.search_hits: list[tuple[int, int]] = []
        self._search_origin = 0
        self.notice = ""  # why the last key did nothing ("No further difference"): the status line says it
        self._pending: str | None = None
        self._counterparts: dict[int, set[int]] = {}
        self._layout_key: tuple | None = None
        self._layouts: LRUCache[tuple, list[ColumnDoc]] = LRUCache(6)  # recent layouts: paging back costs nothing
        self._wrapper: Wrapper | None = None
        self.painter = ColumnPainter(self)

    @property
    def view(self) -> str:
        """The name of the text view shown (aligned, reading, paragraphs)."""
        return self.text_view.name

    @view.setter
    def view(self, name: str) -> None:
        self.set_view(name)

    def set_view(self, name: str) -> None:
        """Show the text view `name`, keeping the cursor sentence on its row of the screen."""
        if self._after_preview is not None:  # only the text so far: shown in its reading order until the comparison
            self._after_preview = name
            return
        if name == self.text_view.name:
            return
        self.text_view = TEXT_VIEWS[name]()
        if not self.docs:
            return
        line, _ = self._cursor_lines()
        row = line - self.deltas[self.col] - round(self.scroll_y)
        self.deltas = [0] * len(self.docs)
        self._relayout(force=True, cursor_row=row)

    # ---- model and layout -------------------------------------------------

    def preview(self, articles: Sequence[Article], col: int = 0) -> None:
        """Show the versions' text before the comparison exists: each in its own reading order, no marks.

        `show` then brings the marks (and the view asked for), the cursor staying on its sentence and row."""
        self._after_preview = self.text_view.name
        self.text_view = ReadingView()
        self.articles = tuple(articles)
        self.col = min(col, len(self.articles) - 1)
        self.seg = 0
        self.deltas = [0] * len(self.articles)
        self._relayout(force=True)

    def wrap_ahead(self) -> None:
        """While the comparison is built, wrap each sentence as the aligned view will (its rows wrap sentence by
        sentence; the text shown meanwhile flows paragraph by paragraph), so the marks then only need placing.
        Only when the aligned view is the one to come (the reading and paragraph views flow, as the text shown)."""
        wrapper = self._wrapper
        if wrapper is not None and self.comparison is None and self._after_preview == AlignedView.name:
            self._wrap_some(wrapper, ((a.index, s.index) for a in self.articles for s in a.segments))

    def _wrap_some(self, wrapper: Wrapper, todo: Iterator[tuple[int, int]]) -> None:
        """WRAP_AHEAD_STEP sentences, then the rest in a later turn: keys and frames go first."""
        if wrapper is not self._wrapper or self.comparison is not None:
            return  # resized meanwhile, or the comparison came: its layout wraps what it needs
        for done, (article, segment) in enumerate(todo, 1):
            wrapper.spans(article, segment)
            if done == WRAP_AHEAD_STEP:
                self.call_later(self._wrap_some, wrapper, todo)
                return

    def show(
        self, comparison: Comparison, col: int | None = None, seg: int | None = None, open_folds: bool = False
    ) -> None:
        """Draw `comparison`, keeping the cursor on (col, seg) when given (segments survive a rebase); with
        `open_folds` (a correction of that very sentence), on it even where the new claims fold it away."""
        self.comparison = comparison
        self.articles = comparison.articles
        if self._after_preview is not None:
            self.text_view, self._after_preview = TEXT_VIEWS[self._after_preview](), None
        n = len(comparison.articles)
        self.col = comparison.base if col is None else min(col, n - 1)
        self.seg = 0 if seg is None else seg
        self.detail = None
        self.deltas = [0] * n
        self.painter.forget_spans()
        self._layouts.clear()
        if self.search_query:
            self._find(self.search_query)
        self._relayout(force=True)
        if open_folds and seg is not None and self._unfold_for(self.col, seg):
            self.goto(self.col, seg)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._on_theme_changed)

    def _on_theme_changed(self, _theme: object) -> None:
        self._invalidate()
        self.refresh()

    def _invalidate(self) -> None:
        self.painter.forget_styles()

    def render_line(self, y: int) -> Strip:
        return self.painter.render_line(y)

    def on_resize(self, _event: events.Resize) -> None:
        self._relayout()

    def _content_width(self) -> int:
        """The width the columns are laid out for.

        Before the first layout it is the screen's width less the scrollbar (the view
        spans the screen): laying out then lets the very first frame show the text,
        instead of a blank frame and the text one frame later. Resize corrects a miss.
        """
        width = self.scrollable_content_region.width
        if width <= 0 and not self.size:
            width = self.app.size.width - self.styles.scrollbar_size_vertical
        return width

    def _viewport_height(self) -> int:
        if not self.size:  # not laid out yet: the screen's height is the most it can be
            return max(self.app.size.height, 1)
        return max(self.scrollable_content_region.height, 1)

    def _relayout(self, force: bool = False, cursor_row: int | None = None) -> None:
        """Rebuild the lines of every column for the current width, view, fold and page.

        The cursor keeps its row on screen (`cursor_row`, default: where it is now), so
        switching view, folding or paging does not make the text jump.
        """
        if not self.articles:
            return
        width = self._content_width()
        if width <= 0:
            return
        n = len(self.articles)
        self.visible_count, self.column_width = column_geometry(width, n, MIN_COLUMN_WIDTH)
        self._page_columns()
        paged = self.text_view.shared_rows and self.visible_count < n
        comparison = self.comparison
        fold = self.fold if comparison is None else self.text_view.layout_fold(comparison, self.fold)
        key = (width, self.text_view.name, fold, self.first_col if paged else None)
        if key == self._layout_key and not force:
            self._settle(full=True)
            return
        if cursor_row is None and self.docs:
            line, _ = self._cursor_lines()
            cursor_row = line - self.deltas[self.col] - round(self.scroll_y)
        self._layout_key = key
        text_width = max(self.column_width - GUTTER - 1, 8)
        wrapper = self._wrapper = wrapper_for(self.articles, text_width, self._wrapper)  # kept across pages
        shown = set(self.visible_columns) if paged else None
        docs = self._layouts.get(key)
        if docs is None and comparison is None:
            docs = flow_columns(self.articles, text_width, None, wrapper)  # the text alone: no folds, no claims
        elif docs is None and comparison is not None:
            docs = self._layouts[key] = self.text_view.build(comparison, text_width, fold, shown, wrapper)
            gc.freeze()  # tens of thousands of lines that live on: a full collection walking them took 130-200 ms
        assert docs is not None  # one of the branches above made it, or it was kept
        self.docs = docs
        if self.text_view.shared_rows:
            self.deltas = [0] * n
        self._invalidate()
        doc = self.docs[self.col]
        if self.seg not in doc.position:
            self.seg = self._nearest_entry(doc, doc.first_line.get(self.seg, 0))
        self._update_virtual_size()
        if cursor_row is not None:
            line, _ = self._cursor_lines()
            self.scroll_to(y=max(0, line - max(cursor_row, 0)), animate=False)
        self._settle(full=True)

    def _nearest_entry(self, doc: ColumnDoc, line: int) -> int:
        """The sentence at or after `line` (else the last one before it) in `doc`."""
        i = at_or_after([doc.first_line[s] for s in doc.entries], line)
        return 0 if i is None else doc.entries[i]

    # ---- geometry ---------------------------------------------------------

    @property
    def visible_columns(self) -> range:
        return range(self.first_col, self.first_col + self.visible_count)

    def _page_columns(self) -> None:
        self.first_col = first_shown(self.first_col, self.visible_count, self.col, len(self.docs))

    def _cursor_lines(self) -> tuple[int, int]:
        doc = self.docs[self.col]
        return doc.first_line.get(self.seg, 0), doc.line_count.get(self.seg, 1)

    def _update_virtual_size(self) -> None:
        doc = self.docs[self.col]
        extra = 0 if self.text_view.shared_rows else self._viewport_height() // 2
        self.virtual_size = Size(self._content_width(), len(doc.lines) + extra)

    def _scroll_into_view(self) -> None:
        line, count = self._cursor_lines()
        height = self._viewport_height()
        margin = min(2, height // 6)
        top = round(self.scroll_y)
        if line - margin < top:
            top = line - margin
        elif line + count + margin > top + height:
            top = min(line - margin, line + count + margin - height)
        top = max(0, min(top, max(0, self.virtual_size.height - height)))
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False)

    def _anchor_counterparts(self) -> None:
        """Reading view: scroll each other column so its counterpart stands level with the cursor."""
        if self.text_view.shared_rows:
            return
        cursor_line, _ = self._cursor_lines()
        for c, segs in self._counterparts.items():
            doc = self.docs[c]
            lines = [doc.first_line[s] for s in segs if s in doc.first_line]
            if lines:
                self.deltas[c] = min(lines) - cursor_line
        self.deltas[self.col] = 0

    # ---- moving -----------------------------------------------------------

    def _marked_lines(self) -> list[tuple[int, int]]:
        """(virtual line, count) ranges holding the cursor sentence and its counterparts."""
        ranges = []
        for c, segs in [(self.col, {self.seg}), *self._counterparts.items()]:
            doc = self.docs[c]
            for s in segs:
                if s in doc.first_line:
                    ranges.append((doc.first_line[s] - self.deltas[c], doc.line_count[s]))
        return ranges

    def goto(self, col: int, seg: int, detail: tuple[int, int] | None = None, open_folds: bool = True) -> None:
        """Put the cursor on sentence `seg` of column `col` and bring it into view, opening the folds that hide
        it (the palette, a table, a search ask for a sentence by name; the keys that walk the view never
        aim at a folded one)."""
        if not self.docs:
            return
        if open_folds and 0 <= col < len(self.docs):
            self._unfold_for(col, seg)
        if col not in self.visible_columns and self.text_view.shared_rows:
            line, _ = self._cursor_lines()
            row = line - round(self.scroll_y)
            self.col, self.seg, self.detail = col, seg, detail
            self._relayout(cursor_row=row)
            return
        doc = self.docs[col]
        if seg not in doc.position:
            seg = self._nearest_entry(doc, doc.first_line.get(seg, 0))
        before = (round(self.scroll_y), self.first_col, list(self.deltas))
        old_marks = self._marked_lines()
        if not self.text_view.shared_rows and col != self.col:
            shift = self.deltas[col]
            self.deltas = [d - shift for d in self.deltas]
            self.col = col
            self._update_virtual_size()
            self.scroll_to(y=max(0, round(self.scroll_y) + shift), animate=False)
        self.col, self.seg, self.detail = col, seg, detail
        self._settle(full=False, old_marks=old_marks, before=before)

    def say(self, notice: str) -> None:
        """Say why a key went nowhere, in the status line until the next move (a toast costs a layout
        of its own, about 100 ms on a large comparison, and would cover the status line)."""
        self.notice = notice
        self.post_message(self.Changed())

    def _settle(
        self, full: bool, old_marks: Iterable[tuple[int, int]] = (), before: tuple[int, int, list[int]] | None = None
    ) -> None:
        """After any move: recompute marks, scroll, anchor, page; repaint what changed; tell the app."""
        self.notice = ""
        cps = self.comparison.counterparts(self.col, self.seg) if self.docs and self.comparison is not None else {}
        self._counterparts = {c: set(s) for c, s in cps.items()}
        self._update_virtual_size()
        self._scroll_into_view()
        self._anchor_counterparts()
        self._page_columns()
        after = (round(self.scroll_y), self.first_col, list(self.deltas))
        if full or before is None or before != after:
            self.refresh()
        else:
            for line, count in [*old_marks, *self._marked_lines()]:
                self.refresh_lines(line, count)
        self.post_message(self.Changed())

    def _move_entry(self, step: int) -> None:
        doc = self.docs[self.col]
        i = clamp_step(doc.position.get(self.seg, 0), step, len(doc.entries))
        if i is not None:
            self.goto(self.col, doc.entries[i])

    def action_cursor_down(self) -> None:
        self._move_entry(+1)

    def action_cursor_up(self) -> None:
        self._move_entry(-1)

    def _move_lines(self, lines: int) -> None:
        doc = self.docs[self.col]
        line, _ = self._cursor_lines()
        target = self._nearest_entry(doc, max(0, line + lines))
        if lines < 0 and doc.first_line.get(target, 0) > line + lines:
            i = max(0, doc.position[target] - 1)
            target = doc.entries[i] if doc.first_line[doc.entries[i]] <= line else target
        self.goto(self.col, target)

    def action_page_down(self) -> None:
        self._move_lines(max(1, self._viewport_height() - 3))

    def action_page_up(self) -> None:
        self._move_lines(-max(1, self._viewport_height() - 3))

    def action_first_sentence(self) -> None:
        if self.docs[self.col].entries:
            self.goto(self.col, self.docs[self.col].entries[0])

    def action_last_sentence(self) -> None:
        if self.docs[self.col].entries:
            self.goto(self.col, self.docs[self.col].entries[-1])

    # differences

    def _step_difference(self, step: int) -> None:
        assert self.comparison is not None
        found = self.text_view.difference(
            self.comparison, self.docs, self.col, self.seg, step, self.visible_columns, self.cosmetic, self.fold
        )
        if found is None:
            self.say("No further difference" if step > 0 else "No earlier difference")
        else:
            self.goto(*found)

    def action_next_difference(self) -> None:
        if self.search_hits:
            self._step_search(+1)
        else:
            self._step_difference(+1)

    def action_previous_difference(self) -> None:
        if self.search_hits:
            self._step_search(-1)
        else:
            self._step_difference(-1)

    # details

    def _step_detail(self, step: int) -> None:
        """Next / previous detail, in the order the view reads (see views.py)."""
        comp = self.comparison
        assert comp is not None
        start = self.detail[0] if self.detail else (-1 if step > 0 else 1 << 60)
        here, keys, targets = self.text_view.details(comp, self.docs, self.col, self.seg, start, self.fold)
        i = step_sorted(keys, here, step)
        if i is not None:
            col, seg, span = targets[i]
            self.goto(col, seg, span)
            return
        where = self.text_view.detail_scope(comp.articles[self.col].name)
        self.say(f"No {'further' if step > 0 else 'earlier'} detail{where}")

    # chords: ]c [c ]d [d

    def on_key(self, event: events.Key) -> None:
        """A chord prefix lasts for one key: any key other than c or d cancels it."""
        if self._pending is not None and event.key not in ("c", "d"):
            self._pending = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.comparison is None and action in NEEDS_COMPARISON:
            return False
        if action == "chord":
            return self._pending is not None
        if action == "clear_search":
            return bool(self.search_query)
        return True

    def action_prefix(self, direction: str) -> None:
        self._pending = direction

    def action_chord(self, kind: str) -> None:
        step = 1 if self._pending == "next" else -1
        self._pending = None
        if kind == "c":
            self._step_difference(step)
        else:
            self._step_detail(step)

    # columns

    def _focus_column(self, col: int) -> None:
        if not 0 <= col < len(self.docs) or col == self.col:
            return
        target = self._counterparts.get(col)
        doc = self.docs[col]
        if target:
            seg = min(target, key=lambda s: doc.first_line[s])
        else:
            line, _ = self._cursor_lines()
            seg = self._nearest_entry(doc, line - self.deltas[self.col] + self.deltas[col])
        self.goto(col, seg)

    def action_focus_left(self) -> None:
        self._focus_column(self.col - 1)

    def action_focus_right(self) -> None:
        self._focus_column(self.col + 1)

    def action_focus_next_column(self) -> None:
        self._focus_column(wrap_column(self.col, +1, len(self.docs)))

    def action_focus_previous_column(self) -> None:
        self._focus_column(wrap_column(self.col, -1, len(self.docs)))

    def action_focus_column(self, col: int) -> None:
        if col >= len(self.docs):
            self.say(f"There are only {len(self.docs)} versions")
            return
        self._focus_column(col)

    def action_counterpart(self) -> None:
        """Jump to the same claim in the next column (wrapping) that carries it, moved or not."""
        c = next_carrier(self.col, len(self.docs), lambda c: bool(self._counterparts.get(c)))
        if c is None:
            self.say("Only this version carries this claim")
            return
        doc = self.docs[c]
        self.goto(c, min(self._counterparts[c], key=lambda s: doc.first_line[s]))

    # view, fold, claim panel

    def action_toggle_cosmetic(self) -> None:
        """`c` alone (after `]` or `[` it is the chord `]c`): the cosmetic layer on or off."""
        self.cosmetic = not self.cosmetic
        self.painter.forget_spans()
        self._invalidate()
        self.refresh()
        self.post_message(self.Changed())

    @property
    def folded(self) -> bool:
        """Something is folded away in the view shown (`z` then opens it)."""
        return self.comparison is not None and self.text_view.folds_something(self.comparison, self.fold)

    def action_toggle_fold(self) -> None:
        """Open what is folded; when nothing is, fold runs of unchanged claims (and of one-version claims)."""
        self.fold = OPEN if self.folded else ALL
        self._relayout(force=True)

    def _unfold_for(self, col: int, seg: int) -> bool:
        """A sentence asked for by name (palette, search, a table) that a fold hides: open the folds."""
        doc = self.docs[col]
        if seg in doc.position or seg not in doc.first_line or self.fold == OPEN or self.comparison is None:
            return False
        if not self.text_view.folds_away(self.comparison, self.fold, self.comparison.claim_of(col, seg)):
            return False  # only in a column paged off screen: paging brings it
        line, _ = self._cursor_lines()
        row = line - self.deltas[self.col] - round(self.scroll_y)
        self.fold = OPEN
        self._relayout(force=True, cursor_row=row)
        return True

    def action_open_claim(self) -> None:
        self.post_message(self.OpenClaim(self.col, self.seg))

    # search

    def search(self, query: str) -> int:
        """Mark every sentence holding `query` and go to the first hit after the cursor."""
        self._find(query)
        hidden = next(((c, s) for c, s in self.search_hits if s not in self.docs[c].position), None)
        if hidden is not None:  # a hit folded away: what is searched for is shown
            self._unfold_for(*hidden)
        self._invalidate()
        if self.search_hits:
            self._step_search(+1, include_current=True)
        else:
            self.refresh()
            self.post_message(self.Changed())
        self.refresh_bindings()
        return len(self.search_hits)

    def _find(self, query: str) -> None:
        self.search_query = query
        self.search_hits = []
        self._search_origin = self.col
        if not query:
            return
        needle = query.casefold()
        for article in self.articles:
            for seg in article.segments:
                if needle in seg.text.casefold():
                    self.search_hits.append((article.index, seg.index))

    def _hit_key(self, col: int, seg: int) -> tuple[int, int]:
        return search_order(col, self.docs[col].position.get(seg, -1), self._search_origin, len(self.docs))

    def _step_search(self, step: int, include_current: bool = False) -> None:
        hits = sorted((self._hit_key(c, s), c, s) for c, s in self.search_hits if s in self.docs[c].position)
        i = step_wrapping([h[0] for h in hits], self._hit_key(self.col, self.seg), step, include_current)
        if i is None:
            self.say(f"“{self.search_query}” is folded away or not found")
            return
        _, c, s = hits[i]
        self.goto(c, s)

    def action_clear_search(self) -> None:
        self.search_query = ""
        self.search_hits = []
        self._invalidate()
        self.refresh()
        self.refresh_bindings()
        self.post_message(self.Changed())

    @property
    def search_position(self) -> int | None:
        """1-based index of the cursor's sentence among the search hits, if it is one."""
        try:
            return self.search_hits.index((self.col, self.seg)) + 1
        except ValueError:
            return None

    # ---- mouse ------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.docs:
            return
        slot = offset.x // (self.column_width + 1)
        col = self.first_col + slot
        if slot >= self.visible_count or col >= len(self.docs):
            return
        index = round(self.scroll_y) + self.deltas[col] + offset.y
        lines = self.docs[col].lines
        if 0 <= index < len(lines):
            line = lines[index]
            if line.kind == TEXT:
                x = offset.x - slot * (self.column_width + 1) - GUTTER
                self.goto(col, self._segment_at_cell(col, line, x))
            elif line.kind == FOLD:
                self.action_toggle_fold()

    def _segment_at_cell(self, col: int, line: Line, x: int) -> int:
        """The sentence drawn at cell `x` of a text line (the nearest one, off the text)."""
        if not line.pieces:
            return line.segment
        text = self.articles[col].text
        inline = self.painter.inline_glyphs(col, line, self.column_width - GUTTER)
        extra = 0
        for i, piece in enumerate(line.pieces):
            extra += inline.get(i, 0)  # the cells of a glyph set before this sentence
            if x < cell_len(visible(text[line.start : piece.end], keep_newlines=False)) + extra:
                return piece.segment
        return line.pieces[-1].segment
