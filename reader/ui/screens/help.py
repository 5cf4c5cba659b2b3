"""HelpScreen: every key, generated from the bindings themselves so the list cannot drift."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# Keys that are two presses or that share one binding with others: spelled out for people.
CHORDS = [
    ("]c  [c", "next / previous claim that differs (c alone: show or hide cosmetic edits)"),
    (
        "]d  [d",
        "next / previous detail (number, date, name, quote, source): across the columns"
        " in the aligned view, in the focused column in the reading view",
    ),
    ("1 … 9", "focus that column (that version in the tables)"),
    ("views", "text views: aligned, reading, paragraphs; tables: claims (m), facts (f), sources (s); v walks all six"),
    ("ctrl+p", "command palette: jump to a claim or detail by its words; change theme"),
    ("mouse", "click a sentence to focus it; the wheel scrolls the columns in step"),
]

LEGEND = [
    ("▌  ▷", "the cursor sentence / its counterparts in the other columns"),
    ("+", "only this version has the sentence (status: only here)"),
    ("!  ~", "altered (a detail differs) / reworded"),
    ("=3 ~1 !2 +4", "a version's counts (header): claims it tells the same, reworded, altered, only here"),
    ("·", "claims and facts tables: this version lacks the claim or the fact"),
    ("◆", "sources table: a source only one version cites"),
    ("↕", "moved: out of order here compared with the base"),
    ("┄┄┄", "this version lacks the claim (aligned view)"),
    ("⋯ 3 only here", "aligned view: a run of claims one version tells alone, folded (z opens it)"),
    ("underline", "words inserted or replaced against the base (italic too: replaced)"),
    ("struck, dim", "on the base: words a version drops"),
    ("italic", "a cosmetic edit (case, punctuation, quote style, spelling), shown with c"),
    ("bold", "details: numbers, dates, names, quotes, sources (colour by category)"),
]


def _keys(binding: Binding) -> str:
    names = {
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "slash": "/",
        "question_mark": "?",
        "shift+tab": "shift+tab",
    }
    return ", ".join(names.get(k, k) for k in binding.key.split(","))


def key_table(groups: list[tuple[str, list[Binding]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in groups:
        table.add_row(Text(title, style="bold underline"), "")
        for b in bindings:
            if b.action.startswith(("chord", "prefix", "focus_column")):
                continue
            table.add_row(_keys(b), b.tooltip or b.description)
        table.add_row("", "")
    table.add_row(Text("Sequences and more", style="bold underline"), "")
    for keys, what in CHORDS:
        table.add_row(keys, what)
    table.add_row("", "")
    table.add_row(Text("Marks", style="bold underline"), "")
    for mark, what in LEGEND:
        table.add_row(mark, what)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="close_help"),
        Binding("j,down", "scroll('down')", "Down", id="help_down", show=False),
        Binding("k,up", "scroll('up')", "Up", id="help_up", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", id="help_page_down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", id="help_page_up", show=False),
    ]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel") as panel:
            panel.border_title = "Keys"
            panel.border_subtitle = "Esc closes"
            yield Static(key_table(self.groups))

    def action_scroll(self, how: str) -> None:
        """j / k and the page keys scroll the list, as they move the cursor in the views."""
        panel = self.query_one("#help-panel", VerticalScroll)
        getattr(panel, f"scroll_{how}")(animate=False)
