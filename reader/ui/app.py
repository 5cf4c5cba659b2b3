"""The reading app: shows the versions' text at once, the comparison's marks when it is built, and hosts the columns.

The command line starts it through `launch.run_app`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.notifications import SeverityLevel

from reader.core import Source
from reader.model import quoted, visible
from reader.ui.building import BuildCancelled, BuildFailed, EngineRun
from reader.ui.corrections import CORRECTION_BINDINGS, Corrections
from reader.ui.keymap import install_keymap, rebound
from reader.ui.layout import ALL
from reader.ui.navigation import nearest_column
from reader.ui.signals import end_on_signals, stop_ending_on_signals
from reader.ui.themes import DEFAULT_THEME, NO_COLOR_THEME, VARIABLE_DEFAULTS, load_themes
from reader.ui.views import TEXT_VIEWS
from reader.ui.widgets.columns import ColumnsView
from reader.ui.widgets.headers import ColumnHeaders
from reader.ui.widgets.keys import KeyBar
from reader.ui.widgets.status import StatusLine, describe_claim

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.widgets import Input

    from reader.core import Correction
    from reader.model import Comparison
    from reader.ui.widgets.tables import TableView

VIEW_ORDER = ("aligned", "reading", "paragraphs", "claims", "facts", "sources")  # what `v` walks through


def jump_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (textual.command is slow to import)."""
    from reader.ui.commands import JumpCommands

    return JumpCommands


class ReaderApp(App[int]):
    """Several versions of one story, side by side."""

    CSS_PATH = "app.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {jump_commands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding(
            "v",
            "cycle_view",
            "View",
            id="cycle_view",
            tooltip="Next view: aligned, reading, paragraphs, claims, facts, sources (the status line names it)",
        ),
        Binding("m", "show_view('claims')", "Claims", id="claims_view", tooltip="Claims × versions: who tells what"),
        Binding("f", "show_view('facts')", "Facts", id="facts_view", tooltip="Facts × versions: each version's value"),
        Binding("s", "show_view('sources')", "Sources", id="sources_view", tooltip="Who each version cites"),
        Binding("b", "make_base", "Base", id="make_base", tooltip="Compare every version with the focused one"),
        Binding("slash", "search", "Search", id="search", key_display="/"),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        *CORRECTION_BINDINGS,
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        sources: Sequence[Source],
        base: int = 0,
        theme: str | None = None,
        comparison: Comparison | None = None,
        user_theme_dir=None,
        corrections: Sequence[Correction] = (),
        view: str | None = None,
        warnings: Sequence[str] = (),
        cosmetic: bool | None = None,
        engine: EngineRun | None = None,
    ) -> None:
        no_color = os.environ.get("NO_COLOR") is not None  # read before App.__init__ pops it
        super().__init__()
        self.sources = list(sources)
        self.base = base
        self.comparison: Comparison | None = None
        self._given = comparison
        self._building = False
        self._engine = engine  # the comparison being built (launch.py starts it before the app is even imported)
        self._tables: TableView | None = None
        loaded = load_themes(user_theme_dir)
        self.theme_warnings = [*warnings, *loaded.warnings]
        self.skipped_themes = loaded.skipped  # why a user theme of that name is not there
        self.corrections = Corrections(self, corrections)
        self.user_keymap: dict[str, str] = {}  # keymap.toml's keys by binding id (install_keymap)
        self.start_view = view
        self.start_cosmetic = cosmetic
        for t in loaded.themes.values():
            self.register_theme(t)
        wanted = theme or (NO_COLOR_THEME if no_color else DEFAULT_THEME)
        if wanted not in self.available_themes:
            self.theme_warnings.append(f"theme {wanted!r} not found; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self._set_initial_theme(wanted)

    def _set_initial_theme(self, name: str) -> None:
        """Choose the theme before the stylesheet is first parsed.

        Assigning `self.theme` here would run Textual's theme watcher, which parses and
        applies the whole stylesheet a second time just after start-up; this does what
        the watcher does, minus that pass (later switches go through the watcher).
        """
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.update_classes({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield ColumnHeaders(
            [s.title or s.path.rstrip("/").rsplit("/", 1)[-1] or s.path for s in self.sources], id="headers"
        )
        yield ColumnsView(id="columns")  # the tables are made once the comparison is shown (see `tables`)
        yield StatusLine(id="status")
        yield KeyBar(id="keys")

    @property
    def view(self) -> ColumnsView:
        return self.query_one("#columns", ColumnsView)

    @property
    def tables(self) -> TableView:
        """The tables (claims, facts, sources), made on first use, at the latest just after the comparison's
        marks are painted (see show_comparison): the first frames do without them (their import, styles and
        layout: 3-4 ms of the text's first frame, 5-10 ms of the marks')."""
        if self._tables is None:
            self._tables = self._new_tables()
        return self._tables

    def _new_tables(self) -> TableView:
        from reader.ui.widgets.tables import TableView

        main = self.screen_stack[0]  # where the columns are, whatever screen is on top now
        tables = TableView(id="tables")
        main.mount(tables, before=main.query_one("#status"))
        return tables

    def _tables_ahead(self) -> None:
        """After the marks' frame: the tables made, ready when asked for (unless the app is closing)."""
        main = self.screen_stack[0] if self.screen_stack else None
        if self._tables is None and main is not None and main.is_attached and not (self._exit or main._closing):
            self._tables = self._new_tables()

    @property
    def tables_shown(self) -> bool:
        """A table is on screen (not the text views); asks without making the tables."""
        return self._tables is not None and self._tables.display

    @property
    def view_name(self) -> str:
        """The view on screen: a text view of the columns, or a table."""
        return self.tables.table.name if self.tables_shown else self.view.view

    def on_load(self) -> None:
        """Start comparing before the screen is even composed (and before the app starts any thread, so the
        engine's process forks from a single-threaded one): start-up and engine overlap."""
        engine = self._engine
        if self._given is None and engine is not None and engine.base == self.base:
            self._building = True
            if engine.started:
                self._await_comparison(engine)  # else on_mount starts it after the first frame
        elif self._given is None:
            self._build(self.base)

    def on_unmount(self) -> None:
        """Closing: the comparison still being built is dropped, its process killed, not waited for."""
        if self._engine is not None:
            self._engine.cancel()
        if not self.is_headless:
            stop_ending_on_signals()

    def on_mount(self) -> None:
        if not self.is_headless:
            end_on_signals(self)  # SIGTERM and SIGHUP leave as `q` does: the terminal is restored
        self.theme_warnings.extend(install_keymap(self))
        self.start_view = self.check_start_view(self.start_view, VIEW_ORDER)
        if self.start_cosmetic is not None:
            self.view.cosmetic = self.start_cosmetic
        if self.start_view in TEXT_VIEWS:
            self.view.view = self.start_view
            self.start_view = None
        for warning in self.theme_warnings:
            self.say(warning, severity="warning", timeout=8)
        self.view.focus()
        if self._given is not None:
            self.show_comparison(self._given)
        elif self.comparison is None:
            self._show_text()
        self.call_after_refresh(self._after_first_frame)

    # ---- building the comparison --------------------------------------------

    def _show_text(self) -> None:
        """The versions' text at once, in their reading order, while the comparison is built (its marks follow)."""
        from reader.core import read_article

        self.view.preview([read_article(i, s) for i, s in enumerate(self.sources)], self.base)

    def _after_first_frame(self) -> None:
        """The text is on screen: a short comparison starts now (see EngineRun.long); the collector, which
        launch.py keeps off while the app starts, comes back on, kept off what start-up made (it lives on); and
        the columns wrap the sentences for the aligned view while the comparison is built."""
        engine = self._engine
        if engine is not None and not engine.started and not engine.cancelled:
            engine.start()
            self._await_comparison(engine)
        gc.freeze()
        if not (self._building and engine is not None and not engine.in_process):
            gc.enable()  # an engine in a thread of the app (no fork) keeps it off until its comparison is shown
        if self.comparison is None:
            self.view.wrap_ahead()

    def _start_build(self, base: int) -> None:
        self.view.loading = True
        self.query_one(StatusLine).show(f"comparing {len(self.sources)} versions…", "")
        self._build(base)

    def _build(self, base: int) -> None:
        """Start building the comparison on `base` (in its own process where it can: building.py), dropping
        any build still running; a worker thread waits for it."""
        self._building = True
        if self._engine is not None:
            self._engine.cancel()
        self._engine = EngineRun(self.sources, base)
        self._engine.start()
        self._await_comparison(self._engine)

    @work(thread=True, exclusive=True, group="build")
    def _await_comparison(self, engine: EngineRun) -> None:
        _ = self.corrections.session  # its modules imported (5 ms) while the engine works, not after it is done
        try:
            comparison = engine.result()
            gc.freeze()  # the model lives as long as it is shown: the collector's passes need not walk it
            comparison = self.corrections.corrected(comparison)
        except BuildCancelled:
            return
        except BuildFailed as exc:  # the engine failed: say so and leave, never a traceback
            self.call_from_thread(self.exit, return_code=1, message=Text(f"reader: comparison failed: {exc}"))
            return
        if engine is self._engine and not engine.cancelled:
            self.call_from_thread(self.show_comparison, comparison)

    def show_comparison(self, comparison: Comparison, corrected: bool = False) -> None:
        """Show a comparison, the cursor on the sentence read meanwhile; after a correction (`corrected`)
        on that sentence even where it now stands in a fold (an un-paired sentence is told by one version)."""
        view = self.view
        keep = (view.col, view.seg) if view.docs else (None, None)  # on the sentence read meanwhile, if any
        self.comparison = comparison
        self.base = comparison.base
        self._building = False
        if not view.is_mounted:  # finished before the screen was composed: on_mount shows it
            self._given = comparison
            return
        view.loading = False
        view.show(comparison, keep[0], keep[1], open_folds=corrected)
        gc.freeze()  # the model and its layout live as long as the screen: keep the collector off them
        gc.enable()
        if self.tables_shown:
            self.tables.show(comparison, self.tables.table.name, self.tables.col)
            self.tables.focus()
        else:
            view.focus()
            self.call_after_refresh(self._tables_ahead)
        self.screen.refresh_bindings()  # the view was loading, so the key bar held only the app's keys

    @property
    def ready(self) -> bool:
        return self.comparison is not None and not self.view.loading

    # ---- reacting to the columns ----------------------------------------------

    @property
    def _torn_down(self) -> bool:
        """The widgets are gone (the app is closing) while a message about them is still queued."""
        return not self.query("#columns")

    def on_columns_view_changed(self, _message: ColumnsView.Changed) -> None:
        if self._torn_down:
            return
        comp, view = self.comparison, self.view
        if comp is None and view.docs:  # the text alone so far
            self.query_one(ColumnHeaders).follow(view.visible_columns, view.column_width, view.col)
            self.query_one(StatusLine).show(f"comparing {len(self.sources)} versions… (marks follow)", "reading")
            return
        if comp is None or not view.docs:
            return
        if self.start_view:  # a table from config.toml: shown once the comparison is
            name, self.start_view = self.start_view, None
            self.show_view(name)
            return
        self.query_one(ColumnHeaders).update(comp, view.visible_columns, view.column_width, view.col)
        right = [view.view]
        if view.fold == ALL and view.folded:
            right.append("folded")
        if view.cosmetic:
            right.append("cosmetic shown")
        if self.corrections.picked is not None:
            right.append(self.corrections.status())
        if view.search_query:
            pos = view.search_position
            right.append(f"“{view.search_query}” {pos or '-'}/{len(view.search_hits)}")
        n = len(comp.articles)
        if view.visible_count < n:
            cols = view.visible_columns
            right.append(f"{cols.start + 1}–{cols.stop} of {n}")
        left = describe_claim(comp, view.col, view.seg) if comp.articles[view.col].segments else ""
        if view.detail is not None:
            d = next(
                (
                    d
                    for d in comp.details_in(comp.claim_of(view.col, view.seg).index, view.col)
                    if (d.start, d.end) == view.detail
                ),
                None,
            )
            if d is not None:
                left = f"{d.fact_role} {d.category} {quoted(d.text, 40)} · " + left
        if view.notice:
            left = view.notice
        self.query_one(StatusLine).show(left, " · ".join(right))

    def on_table_view_changed(self, _message: TableView.Changed) -> None:
        if self._torn_down:
            return
        tables = self.tables
        if self.comparison is None or not tables.display:
            return
        right = [tables.table.name, tables.filter]
        if self.corrections.picked is not None:
            right.append(self.corrections.status())
        self.query_one(StatusLine).show(tables.describe(), " · ".join(right))

    def on_table_view_open(self, message: TableView.Open) -> None:
        """Enter on a cell: that version's sentence in the reading view."""
        self.show_view("reading")
        self.view.goto(message.article, message.segment, message.span, open_folds=True)

    def on_table_view_back(self, _message: TableView.Back) -> None:
        """Escape in a table: the text view it was opened from (the columns keep its name), on the same claim."""
        self.show_view(self.view.view, back=True)

    def on_columns_view_open_claim(self, message: ColumnsView.OpenClaim) -> None:
        if self.comparison is not None:
            from reader.ui.screens.claim import ClaimScreen

            self.push_screen(ClaimScreen(self.comparison, message.article, message.segment, self.view.painter.style))

    def jump(self, article: int, segment: int, detail: tuple[int, int] | None = None) -> None:
        """Go to a sentence (and detail) chosen elsewhere, e.g. in the command palette."""
        self.view.goto(article, segment, detail, open_folds=True)
        self.view.focus()

    # ---- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Views, tables and rebasing need the comparison: not offered while only the text is shown."""
        if self.comparison is None and action in ("cycle_view", "show_view", "make_base"):
            return False
        return super().check_action(action, parameters)

    def action_cycle_view(self) -> None:
        """The next view in VIEW_ORDER; the status line names the one shown."""
        self.show_view(VIEW_ORDER[(VIEW_ORDER.index(self.view_name) + 1) % len(VIEW_ORDER)])

    def action_show_view(self, name: str) -> None:
        self.show_view(name)

    def show_view(self, name: str, back: bool = False) -> None:
        """Put view `name` on screen, on the version and claim the cursor is on now. `back` (Escape from a
        table): on that claim even where the version lacks it (the nearest version that tells it) or a fold
        hides it; `v` only walks on, as cheaply as it can (a new layout at 10 x 1,000 takes 150-180 ms)."""
        view, tables = self.view, self.tables
        if self.comparison is None or not view.docs:
            return
        if name in TEXT_VIEWS:
            if tables.display:
                col, row = tables.col, tables.current
                tables.display = False
                view.display = True
                self.query_one(ColumnHeaders).display = True
                view.set_view(name)
                told = self.comparison.claims[row.claim] if row is not None else None
                if told is not None and back and col not in told.articles:  # the nearest version telling it
                    col = nearest_column(told.articles, col, view.visible_columns)
                if told is not None and col in told.articles:
                    view.goto(col, told.segments_of(col)[0], open_folds=back)
                view.focus()
                view.post_message(ColumnsView.Changed())
            else:
                view.set_view(name)
            return
        claim = self.comparison.claim_of(view.col, view.seg).index if not tables.display else None
        col = view.col if not tables.display else tables.col
        view.display = False
        self.query_one(ColumnHeaders).display = False
        tables.display = True
        tables.show(self.comparison, name, col, claim)
        tables.focus()

    def action_make_base(self) -> None:
        col = self.tables.col if self.tables_shown else self.view.col
        if self.comparison is None or col == self.comparison.base:
            return
        if self.tables_shown:
            self.view.col = col
        self._start_build(col)

    def _search_field(self) -> Input | None:
        from textual.widgets import Input

        found = self.query("#search")
        return found.first(Input) if found else None

    def action_search(self) -> None:
        field = self._search_field()
        if field is None:  # mounted on first use: it is not needed to show the first screen
            from textual.widgets import Input

            field = Input(placeholder="search all versions (Enter to find, Esc to cancel)", id="search")
            self.mount(field, before="#status")
        field.display = True
        field.value = self.view.search_query
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.view.focus()
        query = event.value.strip()
        if not query:
            self.view.action_clear_search()
            return
        found = self.view.search(query)
        if not found:
            self.notify(f"“{query}” is in no version", timeout=3, markup=False)

    def on_key(self, event) -> None:
        field = self._search_field()
        if event.key == "escape" and field is not None and field.has_focus:
            field.display = False
            self.view.focus()
            event.stop()

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen
        from reader.ui.widgets.tables import TableView

        groups = [
            ("Text views", [b for b in ColumnsView.BINDINGS if isinstance(b, Binding)]),
            (
                "Tables",
                [b for b in TableView.BINDINGS if isinstance(b, Binding) and not b.action.startswith("version")],
            ),
            ("Views, app", [b for b in self.BINDINGS if isinstance(b, Binding)]),
        ]
        self.push_screen(HelpScreen([(title, rebound(bindings, self.user_keymap)) for title, bindings in groups]))

    # ---- corrections and copying (reader/ui/corrections.py) --------------------

    def action_unpair(self) -> None:
        self.corrections.unpair()

    def action_pair(self) -> None:
        self.corrections.pair()

    def action_undo_correction(self) -> None:
        self.corrections.undo()

    def action_copy_sentence(self) -> None:
        self.corrections.copy_sentence()

    def action_copy_claim(self) -> None:
        self.corrections.copy_claim()

    def say(self, message: str, severity: SeverityLevel = "information", timeout: float = 4) -> None:
        """A notification that shows text from files (sentences, names, keymap lines) as text:
        control characters as placeholders, brackets never read as markup."""
        self.notify(visible(message, keep_newlines=False), severity=severity, timeout=timeout, markup=False)

    def check_start_view(self, name: str | None, known: Sequence[str]) -> str | None:
        """config.toml's view if the app has it; else None, with a warning that lists the views."""
        if name is None or name in known:
            return name
        self.theme_warnings.append(f"config.toml: no view {name!r}; the views are {', '.join(known)}")
        return None
