"""ColumnHeaders: above each column, the version's title, where it came from and its counts.

The second line says where the text came from: the file name (when the title is
not just that), the outlet and date when a story.toml or the page gave them, and,
at the right, how the file was read (format and encoding), since a wrong guess at
the encoding is the first thing to suspect when a version reads oddly.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from reader.model import Article, Comparison, visible
from reader.ui.layout import column_geometry
from reader.ui.widgets.columns import MIN_COLUMN_WIDTH
from reader.ui.wording import counts_line

SCROLLBAR = 1  # the columns' vertical scrollbar (app.tcss): they are this much narrower than the headers

FORMAT_LABELS = {"markdown": "md", "html": "html"}  # plain text needs no label


def column_counts(comparison: Comparison, article: int) -> tuple[int, int, int, int]:
    """(same, reworded, altered, only here): the claims this version tells, each counted once, by status.

    The four add up to the version's claims, so no count holds another ("84 shared, 11 altered" did).
    """
    counts = dict.fromkeys(("same", "reworded", "altered", "unique"), 0)
    for claim in comparison.claims_in_order(article):
        counts["unique" if len(claim.articles) == 1 else claim.status] += 1
    return counts["same"], counts["reworded"], counts["altered"], counts["unique"]


def title_of(article: Article) -> str:
    """The title given by the story's metadata or the page, else the text's own, else the file name."""
    return visible(article.source_title or article.title or article.name, keep_newlines=False)


def origin_of(article: Article) -> str:
    """File name (unless it is already the title), outlet and date, as far as they are known."""
    parts = [article.name] if title_of(article) != visible(article.name, keep_newlines=False) else []
    parts += [p for p in (article.outlet, article.date) if p]
    return visible(" · ".join(parts), keep_newlines=False)


def reading_of(article: Article) -> str:
    """How the file was read: its format (unless plain text) and the encoding chosen."""
    fmt = FORMAT_LABELS.get(article.source_format, "")
    return visible(" ".join(p for p in (fmt, article.encoding) if p), keep_newlines=False)


class ColumnHeaders(Widget):
    """Three lines per visible column; the focused one stands out, hidden columns are announced."""

    COMPONENT_CLASSES = {"headers--focused", "headers--title", "headers--dim"}

    def __init__(self, names: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = [visible(n, keep_newlines=False) for n in names]  # shown until the comparison is built
        self.comparison: Comparison | None = None
        self.columns: range = range(0)
        self.width = 30
        self.focused = 0
        self._counts: dict[int, tuple[int, int, int, int]] = {}

    def follow(self, columns: range, width: int, focused: int) -> None:
        """Before the comparison: the names over the columns the text is paged to, the focused one marked."""
        if (columns, width, focused) != (self.columns, self.width, self.focused):
            self.columns, self.width, self.focused = columns, width, focused
            self.refresh()

    def update(self, comparison: Comparison, columns: range, width: int, focused: int) -> None:
        if comparison is not self.comparison:
            self._counts = {a.index: column_counts(comparison, a.index) for a in comparison.articles}
        state = (comparison, columns, width, focused)
        if state != (self.comparison, self.columns, self.width, self.focused):
            self.comparison, self.columns, self.width, self.focused = state
            self.refresh()

    def render(self) -> Text:
        comp = self.comparison
        if comp is None:
            return self._pending()
        n = len(comp.articles)
        rows = [Text(), Text(), Text()]
        for i, a in enumerate(self.columns):
            article = comp.articles[a]
            focused = a == self.focused
            base = self.get_component_rich_style("headers--focused") if focused else Style()
            if i:
                for row in rows:
                    row.append("│", self.get_component_rich_style("headers--dim"))
            left = "◀ " if i == 0 and self.columns.start > 0 else ""
            right = " ▶" if i == len(self.columns) - 1 and self.columns.stop < n else ""
            star = " ★base" if a == comp.base else ""
            head = Text(f"{left}{a + 1}{star} ", style=base + Style(bold=True))
            head.append(title_of(article), base + self.get_component_rich_style("headers--title", partial=True))
            rows[0].append(self._fit(head, self.width - len(right), base))
            if right:
                rows[0].append(right, base + Style(bold=True))
            rows[1].append(self._origin_line(article, base))
            counts = Text(counts_line(self._counts[a]), base)
            rows[2].append(self._fit(counts, self.width, base))
        out = Text("\n").join(rows)
        out.no_wrap = True
        return out

    def _pending(self) -> Text:
        """Before the comparison exists: the versions' names, in the columns they (will) fill."""
        dim = self.get_component_rich_style("headers--dim")
        if not self.names or not self.size.width:
            return Text("comparing versions…", style=dim)
        n = len(self.names)
        columns, width = self.columns, self.width
        if not columns:  # no text laid out yet: the columns it will fill
            count, width = column_geometry(self.size.width - SCROLLBAR, n, MIN_COLUMN_WIDTH)
            columns = range(count)
        rows = [Text(), Text(), Text()]
        for i, a in enumerate(columns):
            focused = a == self.focused and bool(self.columns)
            base = self.get_component_rich_style("headers--focused") if focused else Style()
            if i:
                for row in rows:
                    row.append("│", dim)
            left = "◀ " if i == 0 and columns.start > 0 else ""
            right = " ▶" if i == len(columns) - 1 and columns.stop < n else ""
            head = Text(f"{left}{a + 1} ", style=base + Style(bold=True))
            head.append(self.names[a], base + self.get_component_rich_style("headers--title", partial=True))
            rows[0].append(self._fit(head, width - len(right), base))
            rows[0].append(right, base + Style(bold=True))
            rows[1].append(self._fit(Text("comparing versions…", dim), width, Style()))
            rows[2].append(" " * width)
        out = Text("\n").join(rows)
        out.no_wrap = True
        return out

    def _origin_line(self, article: Article, base: Style) -> Text:
        """Origin at the left, format and encoding at the right; the origin gives way first."""
        reading = reading_of(article)
        dim = base + self.get_component_rich_style("headers--dim", partial=True)
        if len(reading) + 1 > self.width:  # a column too narrow for both: the encoding alone
            return self._fit(Text(reading, dim), self.width, base)
        room = self.width - len(reading) - 1
        line = self._fit(Text(origin_of(article), base), room, base)
        line.append(" ", base)
        line.append(reading, dim)
        return line

    @staticmethod
    def _fit(text: Text, width: int, style: Style) -> Text:
        text.truncate(max(width, 0), overflow="ellipsis", pad=True)
        if text.cell_len < width:
            text.append(" " * (width - text.cell_len), style)
        return text
