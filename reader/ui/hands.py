"""The reader's hands on the comparison: un-pair (x), re-pair (p, then p), undo (u), copy (y, Y).

A mixin of the app: its actions read the focused sentence from the columns, ask
the pair session (core/pairs_session.py) for the corrected comparison, and show
it with the app's own `_show_comparison`, which keeps the cursor where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding

from reader.core.visible import visible
from reader.ui.copying import claim_markdown, sentence_text

if TYPE_CHECKING:  # the engine's modules are imported off the path to the first frame
    from reader.core.corrections import Applied, Correction
    from reader.core.model import Comparison
    from reader.core.pairs_session import PairSession

HANDS_BINDINGS = [
    Binding(
        "x",
        "unpair",
        "Un-pair",
        id="unpair",
        show=False,
        tooltip="Take the focused sentence out of its claim: it becomes only here (u undoes)",
    ),
    Binding(
        "p",
        "pair",
        "Pair",
        id="pair",
        show=False,
        tooltip="Pick the focused sentence; p on a sentence of another column then moves it into that claim",
    ),
    Binding(
        "u", "undo_correction", "Undo", id="undo_correction", show=False, tooltip="Undo the last re-pair or un-pair"
    ),
    Binding("y", "copy_sentence", "Copy", id="copy_sentence", show=False, tooltip="Copy the focused sentence"),
    Binding(
        "Y",
        "copy_claim",
        "Copy claim",
        id="copy_claim",
        show=False,
        tooltip="Copy the focused claim in every version, one Markdown line per version",
    ),
]
CLIPBOARD_NOTE = "through the terminal (OSC 52, works over SSH)"


class HandsActions:
    """Actions of the app on the focused sentence; `init_hands` is called from the app's __init__."""

    def init_hands(self, pairs: Sequence[Correction] = ()) -> None:
        self._pairs = list(pairs)
        self._pair_session: PairSession | None = None
        self.picked: tuple[int, int] | None = None
        self.correcting = False  # a correction is being applied in its worker

    def check_start_view(self, name: str | None, known: Sequence[str]) -> str | None:
        """config.toml's view if the app has it; else None, with a warning that lists the views."""
        if name is None or name in known:
            return name
        self.theme_warnings.append(f"config.toml: no view {name!r}; the views are {', '.join(known)}")
        return None

    # ---- corrections -------------------------------------------------------------

    @property
    def pair_session(self) -> PairSession:
        if self._pair_session is None:
            from reader.core.pairs_session import PairSession

            self._pair_session = PairSession(self._pairs)
        return self._pair_session

    def say(self, message: str, severity: str = "information", timeout: float = 4) -> None:
        """A notification that shows text from files (sentences, names, keymap lines) as text:
        control characters as placeholders, brackets never read as markup."""
        self.notify(visible(message, keep_newlines=False), severity=severity, timeout=timeout, markup=False)

    def corrected(self, comparison: Comparison) -> Comparison:
        """A comparison fresh from the aligner with the corrections in effect (run in the build worker)."""
        self.picked = None
        result = self.pair_session.open(comparison)
        if result.notes:
            self.call_from_thread(self._tell_notes, result.notes)
        return result.comparison

    def _tell_notes(self, notes: Sequence[str]) -> None:
        for note in notes:
            self.say(note, severity="warning", timeout=8)

    def _focused(self) -> tuple[Comparison, int, int] | None:
        comp = self.comparison
        if comp is None or not self.ready:
            return None
        if self.correcting:
            self.say("Still applying the last correction", timeout=2)
            return None
        where = self._focused_sentence()
        if where is None:
            if self.tables_shown:
                self.say("This version lacks this row; move to one that has it (h / l)", timeout=3)
            return None
        if self.pair_session.current is not comp:  # a comparison given ready-made: open the session on it
            self.pair_session.open(comp)
            comp = self.pair_session.current
        return comp, *where

    def _focused_sentence(self) -> tuple[int, int] | None:
        """(version, sentence) under the cursor: a table's cell when a table is shown, else the columns' cursor."""
        if self.tables_shown:
            tables = self.tables
            row = tables.current
            segment = row.cells[tables.col].segment if row is not None else None
            return None if segment is None else (tables.col, segment)
        view = self.view
        return (view.col, view.seg) if self.comparison.articles[view.col].segments else None

    def _correct(self, change: Callable[[], Applied | None], said: Callable[[Applied], str]) -> None:
        """Run `change` (a session call) in a worker thread: the first correction of a long story makes the
        tokens of every sentence (about a second for 10 x 1,000 sentences), and the keys stay live meanwhile."""
        self.correcting = True
        self.run_worker(partial(self._correct_work, change, said), thread=True, group="pairs")

    def _correct_work(self, change: Callable[[], Applied | None], said: Callable[[Applied], str]) -> None:
        try:
            result = change()
        except Exception as exc:  # a bug of ours: say it, keep the comparison on screen
            self.call_from_thread(self._correction_failed, exc)
            return
        self.call_from_thread(self._show_applied, result, said)

    def _correction_failed(self, exc: Exception) -> None:
        self.correcting = False
        self.say(f"correction failed: {type(exc).__name__}: {exc}", severity="error", timeout=8)

    def _show_applied(self, result: Applied | None, said: Callable[[Applied], str]) -> None:
        self.correcting = False
        if result is None:
            self.say("No correction to undo", timeout=3)
            return
        self._show_comparison(result.comparison)
        for note in result.notes:
            self.say(note, severity="warning", timeout=8)
        if result.applied:
            self.say(said(result), timeout=4)

    def action_unpair(self) -> None:
        focused = self._focused()
        if focused is None:
            return
        comp, col, seg = focused
        if len(comp.claim_of(col, seg).articles) == 1:
            self.say("This sentence is already only in this version", timeout=3)
            return
        self.picked = None
        from reader.core import corrections

        correction = corrections.unpair(comp, col, seg)
        name = comp.articles[col].name
        self._correct(partial(self.pair_session.add, correction), lambda _: f"Un-paired: now only in {name} · u undoes")

    def action_pair(self) -> None:
        focused = self._focused()
        if focused is None:
            return
        comp, col, seg = focused
        picked = self.picked
        if picked is None or picked[0] == col:
            if picked == (col, seg):
                self.picked = None
                self.say("Pick cancelled", timeout=2)
            else:
                self.picked = (col, seg)
                self.say(
                    f"Picked “{_short(sentence_text(comp, col, seg))}”: focus its partner in another column, press p",
                    timeout=6,
                )
            self.post_message_changed()
            return
        self.picked = None
        if comp.claim_of(col, seg).index == comp.claim_of(*picked).index:
            self.say("These two sentences are already paired", timeout=3)
            self.post_message_changed()
            return
        from reader.core import corrections

        correction = corrections.pair(comp, picked[0], picked[1], col, seg)
        name = comp.articles[col].name
        self._correct(partial(self.pair_session.add, correction), lambda _: f"Re-paired with {name} · u undoes")

    def post_message_changed(self) -> None:
        """Redraw the status line (it shows the picked sentence)."""
        if self.tables_shown:
            from reader.ui.widgets.tables import TableView

            self.tables.post_message(TableView.Changed())
        else:
            from reader.ui.widgets.columns import ColumnsView

            self.view.post_message(ColumnsView.Changed())

    def action_undo_correction(self) -> None:
        if self._focused() is None:
            return
        self.picked = None
        self._correct(self.pair_session.undo, lambda result: f"Undone: {result.applied[0].describe()}")

    def hands_status(self) -> str:
        """A word for the status line while a sentence waits for its partner."""
        if self.picked is None:
            return ""
        col, seg = self.picked
        return f"pairing v{col + 1} sentence {seg + 1}"

    # ---- copy out ------------------------------------------------------------------

    def action_copy_sentence(self) -> None:
        focused = self._focused()
        if focused is not None:
            comp, col, seg = focused
            self._copy(sentence_text(comp, col, seg), "the sentence")

    def action_copy_claim(self) -> None:
        focused = self._focused()
        if focused is not None:
            comp, col, seg = focused
            self._copy(claim_markdown(comp, col, seg), f"the claim in {len(comp.articles)} versions (Markdown)")

    def _copy(self, text: str, what: str) -> None:
        self.copy_to_clipboard(text)
        self.say(f"Copied {what}, {len(text)} characters, {CLIPBOARD_NOTE}", timeout=4)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
