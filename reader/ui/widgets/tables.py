"""TableView: a table view (claims, facts, sources) drawn line by line, a cursor on one cell.

The table object (reader/ui/tables.py) decides the rows; this widget paints them,
keeps the cursor (row, version), the filter and the order, and says where Enter
goes. The first two lines stay put: the filter bar, then the versions' names.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Comparison, visible
from reader.ui.navigation import clamp_step
from reader.ui.tables import FACT_CATEGORIES, TABLES, ClaimsTable, Row, Table

FIXED = 2  # the filter bar and the versions' names
LABEL_MIN = 12


def fit(text: str, width: int) -> str:
    """`text` cut (with …) or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    text = visible(text, keep_newlines=False)
    if cell_len(text) > width:
        out, used = [], 0
        for ch in text:
            w = cell_len(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - cell_len(text))


class TableView(ScrollView, can_focus=True):
    """Rows of a table view, one narrow column per version; Enter reads the cell's sentence."""

    BINDINGS = [
        Binding("j,down", "move(1, 0)", "Next", id="table_down", key_display="j", tooltip="Next row"),
        Binding("k,up", "move(-1, 0)", "Prev", id="table_up", show=False, tooltip="Previous row"),
        Binding("h,left", "move(0, -1)", "Version ←", id="table_left", show=False, tooltip="Version to the left"),
        Binding("l,right", "move(0, 1)", "Version →", id="table_right", show=False, tooltip="Version to the right"),
        Binding("t", "next_filter", "Filter", id="table_filter", tooltip="Next filter of the rows (the bar on top)"),
        Binding("o", "next_order", "Order", id="table_order", tooltip="Facts: reading order or by category"),
        Binding("enter", "open", "Read", id="table_open", tooltip="Read this cell's sentence in the reading view"),
        Binding(
            "escape", "back", "Back", id="table_back", tooltip="Back to the text view you came from, on this claim"
        ),
        Binding("pagedown,space", "page(1)", "Page down", id="table_page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="table_page_up", show=False),
        Binding("home", "move(-1000000000, 0)", "First", id="table_first", show=False),
        Binding("end,G", "move(1000000000, 0)", "Last", id="table_last", show=False),
        *(
            Binding(str(i), f"version({i - 1})", f"Version {i}", id=f"table_version_{i}", show=False)
            for i in range(1, 10)
        ),
    ]

    # Here rather than in app.tcss: parsed when the tables are first made, not before the app's first frame.
    DEFAULT_CSS = """
    TableView {
        display: none;
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        background: $background;
        color: $foreground;
    }
    TableView:focus { background-tint: transparent; }
    TableView > .tables--bar { background: $panel; }
    TableView > .tables--bar-on { text-style: bold reverse; }
    TableView > .tables--header { text-style: bold; }
    TableView > .tables--cursor { background: $reader-cursor; text-style: reverse bold; }
    TableView > .tables--row { background: $reader-counterpart; }
    TableView > .tables--lacks { color: $reader-gap; }
    TableView > .tables--unique { color: $reader-unique; text-style: bold; }
    TableView > .tables--moved { color: $reader-moved; text-style: bold; }
    TableView > .tables--altered { color: $reader-number; text-style: bold; }
    TableView > .tables--only { color: $reader-unique; text-style: bold; }
    TableView > .tables--number { color: $reader-number; }
    TableView > .tables--date { color: $reader-date; }
    TableView > .tables--name { color: $reader-name; }
    TableView > .tables--quote { color: $reader-quote; }
    TableView > .tables--source { color: $reader-source; }
    """

    COMPONENT_CLASSES = {
        "tables--bar",
        "tables--bar-on",
        "tables--header",
        "tables--cursor",
        "tables--row",
        "tables--lacks",
        "tables--unique",
        "tables--moved",
        "tables--altered",
        "tables--only",
        *(f"tables--{category}" for category in FACT_CATEGORIES),
    }

    class Changed(Message):
        """The cursor, filter or order moved: the status line redraws."""

    class Open(Message):
        """Read a version's sentence (and the words in it) in the reading view."""

        def __init__(self, article: int, segment: int, span: tuple[int, int] | None) -> None:
            super().__init__()
            self.article = article
            self.segment = segment
            self.span = span

    class Back(Message):
        """Leave the table for the text view it was opened from, on the claim of the cursor's row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.table: Table = ClaimsTable()
        self.filter = "all"
        self.order = "reading order"
        self.rows: list[Row] = []
        self.row = 0
        self.col = 0
        self._styles: dict[str, Style] = {}
        self._rows: dict[tuple[str, str, str], list[Row]] = {}  # per table, filter, order: rows are model data
        self.notice = ""  # why Enter went nowhere: the status line says it until the next move
        self._state: dict[str, tuple[str, str, int, int]] = {}  # per table: filter, order, row, col

    # ---- what is shown ------------------------------------------------------

    def show(self, comparison: Comparison, name: str, col: int | None = None, claim: int | None = None) -> None:
        """Show table `name` of `comparison`, on version `col` and the row of `claim` when given."""
        if self.comparison is not None:
            self._state[self.table.name] = (self.filter, self.order, self.row, self.col)
        if comparison is not self.comparison:
            self._state.clear()
            self._rows.clear()
        self.comparison = comparison
        self.table = TABLES[name]()
        self.filter, self.order, self.row, self.col = self._state.get(
            name, (self.table.filters[0], self.table.orders[0], 0, 0)
        )
        self._rebuild()
        if col is not None:
            self.col = min(col, len(comparison.articles) - 1)
        if claim is not None:
            self.row = next((i for i, r in enumerate(self.rows) if r.claim >= claim), self.row)
        self._settle()

    def _rebuild(self) -> None:
        assert self.comparison is not None
        key = (self.table.name, self.filter, self.order)
        rows = self._rows.get(key)
        if rows is None:
            rows = self._rows[key] = self.table.rows(self.comparison, self.filter, self.order)
        self.rows = rows
        self.row = max(0, min(self.row, len(self.rows) - 1))
        self._styles.clear()

    def _rows_height(self) -> int:
        return max(self.scrollable_content_region.height - FIXED, 1)

    def _settle(self, moved_from: tuple[int, int] | None = None) -> None:
        """Keep the cursor row on screen, repaint (only the two rows and the header after a move
        that does not scroll), tell the app."""
        self.notice = ""
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + FIXED)
        height = self._rows_height()
        top = round(self.scroll_y)
        if self.row < top:
            top = self.row
        elif self.row >= top + height:
            top = self.row - height + 1
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False)
            self.refresh()
        elif moved_from is None:
            self.refresh()
        else:
            old_row, old_col = moved_from
            for row in {old_row, self.row}:
                self.refresh_lines(row + FIXED, 1)
            if old_col != self.col:
                self.refresh_lines(top + 1, 1)  # the header marks the focused version
        self.post_message(self.Changed())

    @property
    def current(self) -> Row | None:
        return self.rows[self.row] if self.rows else None

    def describe(self) -> str:
        if self.notice:
            return self.notice
        row = self.current
        if row is None or self.comparison is None:
            return f"no row is {self.filter}"
        return self.table.describe(self.comparison, row, self.col)

    # ---- keys ---------------------------------------------------------------

    def action_move(self, rows: int, cols: int) -> None:
        if self.comparison is None:
            return
        before = (self.row, self.col)
        i = clamp_step(self.row, rows, len(self.rows))
        if i is not None:
            self.row = i
        self.col = clamp_step(self.col, cols, len(self.comparison.articles)) or 0
        self._settle(moved_from=before)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self._rows_height() - 1), 0)

    def action_version(self, col: int) -> None:
        if self.comparison is not None and col < len(self.comparison.articles):
            before = (self.row, self.col)
            self.col = col
            self._settle(moved_from=before)

    def action_next_filter(self) -> None:
        self.set_filter(self.table.filters[(self.table.filters.index(self.filter) + 1) % len(self.table.filters)])

    def set_filter(self, name: str) -> None:
        """Show only the rows `name` keeps, staying on the same claim where it is kept."""
        claim = self.current.claim if self.current else 0
        self.filter = name
        self._rebuild()
        self.row = next((i for i, r in enumerate(self.rows) if r.claim >= claim), max(len(self.rows) - 1, 0))
        self._settle()

    def action_next_order(self) -> None:
        orders = self.table.orders
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        self._rebuild()
        self._settle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_order":
            return len(self.table.orders) > 1  # hidden where there is one order only
        return True

    def action_open(self) -> None:
        row = self.current
        if row is None or self.comparison is None:
            return
        cell = row.cells[self.col]
        if cell.segment is None:
            name = self.comparison.articles[self.col].name
            self.notice = f"{name} lacks this; pick a version that has it (h / l)"
            self.post_message(self.Changed())
            return
        self.post_message(self.Open(self.col, cell.segment, cell.span))

    def action_back(self) -> None:
        self.post_message(self.Back())

    # ---- mouse --------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.comparison is None:
            return
        if offset.y == 0:
            for start, end, name in self._filter_zones():
                if start <= offset.x < end:
                    self.set_filter(name)
            return
        label, cell = self._widths()
        if offset.y < FIXED or offset.x < label:
            return
        row = round(self.scroll_y) + offset.y - FIXED
        col = (offset.x - label) // (cell + 1)
        if 0 <= row < len(self.rows) and 0 <= col < len(self.comparison.articles):
            self.row, self.col = row, col
            self._settle()
            if event.chain == 2:
                self.action_open()

    # ---- drawing ------------------------------------------------------------

    def style(self, name: str) -> Style:
        found = self._styles.get(name)
        if found is None:
            found = self._styles[name] = self.get_component_rich_style(f"tables--{name}", partial=True)
        return found

    def _widths(self) -> tuple[int, int]:
        """(label cells, cells per version) for the current width; a cell is followed by one space."""
        width = self.scrollable_content_region.width
        n = len(self.comparison.articles) if self.comparison else 1
        if self.table.cell_width:
            cell = self.table.cell_width
            return max(width - n * (cell + 1), LABEL_MIN), cell
        label = max(LABEL_MIN, min(28, width // 4))
        return label, max((width - label) // n - 1, 3)

    def _filter_zones(self) -> list[tuple[int, int, str]]:
        zones, x = [], len(self.table.title) + 2
        for name in self.table.filters:
            zones.append((x, x + len(name) + 2, name))
            x += len(name) + 3
        return zones

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.comparison is None:
            return Strip.blank(width, base)
        if y == 0:
            segments = self._filter_bar(base)
        elif y == 1:
            segments = self._header(base)
        else:
            index = round(self.scroll_y) + y - FIXED
            segments = self._row(index, base) if 0 <= index < len(self.rows) else []
        used = sum(s.cell_length for s in segments)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return Strip(segments).crop(0, width)

    def _filter_bar(self, base: Style) -> list[Segment]:
        bar = base + self.style("bar")
        out = [Segment(self.table.title + "  ", bar + Style(bold=True))]
        for name in self.table.filters:
            on = name == self.filter
            text = f"[{name}]" if on else f" {name} "
            out.append(Segment(text, bar + self.style("bar-on") if on else bar))
            out.append(Segment(" ", bar))
        if len(self.table.orders) > 1:
            out.append(Segment(f" {self.order} (o)", bar))
        return out

    def _header(self, base: Style) -> list[Segment]:
        """The versions by title where a column is wide enough, by number where not."""
        assert self.comparison is not None
        label, cell = self._widths()
        head = base + self.style("header")
        out = [Segment(fit(f"{len(self.rows)} {self.table.name}", label), head)]
        for a, article in enumerate(self.comparison.articles):
            name = f"{a + 1}" if cell < 8 else f"{a + 1} {article.source_title or article.title or article.name}"
            style = head + self.style("cursor") if a == self.col else head
            out.append(Segment(fit(name, cell), style))
            out.append(Segment(" ", head))
        return out

    def _row(self, index: int, base: Style) -> list[Segment]:
        row = self.rows[index]
        label, cell = self._widths()
        here = index == self.row
        row_style = base + self.style("row") if here else base
        out = [
            Segment(
                fit(row.label, label - 1) + " ", row_style + self.style("only") if row.kind == "only" else row_style
            )
        ]
        for a, c in enumerate(row.cells):
            style = row_style + self.style(c.kind) if c.kind in ("lacks", "unique", "moved", "altered") else row_style
            if c.text and c.kind in FACT_CATEGORIES:
                style += self.style(c.kind)  # a value in its category's colour, as in the text
            if here and a == self.col:
                style += self.style("cursor")
            text = c.text.center(cell) if self.table.cell_width else c.text
            if c.short and cell_len(text) > cell:  # too long to show whole: the part that differs
                text = c.short
            out.append(Segment(fit(text or ("·" if not self.table.cell_width else ""), cell), style))
            out.append(Segment(" ", row_style))
        return out
