"""A reader's corrections of the comparison: un-pair (x), re-pair (p, then p), undo (u); and copy (y, Y).

The app holds one `Corrections`: its actions read the focused sentence from the app's
columns or table, ask the engine's correction session for the corrected comparison, and
show it with the app's own `show_comparison`, which keeps the cursor where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding

from reader.ui.copying import claim_markdown, sentence_text

if TYPE_CHECKING:  # the engine's modules are imported off the path to the first frame
    from reader.core import Applied, Correction, CorrectionSession
    from reader.model import Comparison
    from reader.ui.app import ReaderApp

CORRECTION_BINDINGS = [
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


class Corrections:
    """The app's corrections and copying, on the focused sentence; the app's actions call these."""

    def __init__(self, app: ReaderApp, kept: Sequence[Correction] = ()) -> None:
        self.app = app
        self._kept = list(kept)  # the corrections given at start (--corrections)
        self._session: CorrectionSession | None = None
        self.picked: tuple[int, int] | None = None
        self.correcting = False  # a correction is being applied in its worker

    # ---- corrections -------------------------------------------------------------

    @property
    def session(self) -> CorrectionSession:
        if self._session is None:
            from reader.core import CorrectionSession

            self._session = CorrectionSession(self._kept)
        return self._session

    def corrected(self, comparison: Comparison) -> Comparison:
        """A comparison fresh from the aligner with the corrections in effect (run in the build worker)."""
        self.picked = None
        result = self.session.open(comparison)
        if result.notes:
            self.app.call_from_thread(self._tell_notes, result.notes)
        return result.comparison

    def _tell_notes(self, notes: Sequence[str]) -> None:
        for note in notes:
            self.app.say(note, severity="warning", timeout=8)

    def _focused(self) -> tuple[Comparison, int, int] | None:
        comp = self.app.comparison
        if comp is None or not self.app.ready:
            return None
        if self.correcting:
            self.app.say("Still applying the last correction", timeout=2)
            return None
        where = self._focused_sentence()
        if where is None:
            if self.app.tables_shown:
                self.app.say("This version lacks this row; move to one that has it (h / l)", timeout=3)
            return None
        if self.session.current is not comp:  # a comparison given ready-made: open the session on it
            self.session.open(comp)
        current = self.session.current
        return None if current is None else (current, *where)

    def _focused_sentence(self) -> tuple[int, int] | None:
        """(version, sentence) under the cursor: a table's cell when a table is shown, else the columns' cursor."""
        if self.app.tables_shown:
            tables = self.app.tables
            row = tables.current
            segment = row.cells[tables.col].segment if row is not None else None
            return None if segment is None else (tables.col, segment)
        view, comp = self.app.view, self.app.comparison
        return (view.col, view.seg) if comp is not None and comp.articles[view.col].segments else None

    def _correct(self, change: Callable[[], Applied | None], said: Callable[[Applied], str]) -> None:
        """Run `change` (a session call) in a worker thread: the first correction of a long story makes the
        tokens of every sentence (about a second for 10 x 1,000 sentences), and the keys stay live meanwhile."""
        self.correcting = True
        self.app.run_worker(partial(self._correct_work, change, said), thread=True, group="corrections")

    def _correct_work(self, change: Callable[[], Applied | None], said: Callable[[Applied], str]) -> None:
        try:
            result = change()
        except Exception as exc:  # a bug of ours: say it, keep the comparison on screen
            self.app.call_from_thread(self._correction_failed, exc)
            return
        self.app.call_from_thread(self._show_applied, result, said)

    def _correction_failed(self, exc: Exception) -> None:
        self.correcting = False
        self.app.say(f"correction failed: {type(exc).__name__}: {exc}", severity="error", timeout=8)

    def _show_applied(self, result: Applied | None, said: Callable[[Applied], str]) -> None:
        self.correcting = False
        if result is None:
            self.app.say("No correction to undo", timeout=3)
            return
        self.app.show_comparison(result.comparison, corrected=True)
        for note in result.notes:
            self.app.say(note, severity="warning", timeout=8)
        if result.applied:
            self.app.say(said(result), timeout=4)

    def unpair(self) -> None:
        focused = self._focused()
        if focused is None:
            return
        comp, col, seg = focused
        if len(comp.claim_of(col, seg).articles) == 1:
            self.app.say("This sentence is already only in this version", timeout=3)
            return
        self.picked = None

        from reader.core import unpair

        correction = unpair(comp, col, seg)
        name = comp.articles[col].name
        self._correct(partial(self.session.add, correction), lambda _: f"Un-paired: now only in {name} · u undoes")

    def pair(self) -> None:
        focused = self._focused()
        if focused is None:
            return
        comp, col, seg = focused
        picked = self.picked
        if picked is None or picked[0] == col:
            if picked == (col, seg):
                self.picked = None
                self.app.say("Pick cancelled", timeout=2)
            else:
                self.picked = (col, seg)
                self.app.say(
                    f"Picked “{_short(sentence_text(comp, col, seg))}”: focus its partner in another column, press p",
                    timeout=6,
                )
            self.post_message_changed()
            return
        self.picked = None
        if comp.claim_of(col, seg).index == comp.claim_of(*picked).index:
            self.app.say("These two sentences are already paired", timeout=3)
            self.post_message_changed()
            return

        from reader.core import pair

        correction = pair(comp, picked[0], picked[1], col, seg)
        name = comp.articles[col].name
        self._correct(partial(self.session.add, correction), lambda _: f"Re-paired with {name} · u undoes")

    def post_message_changed(self) -> None:
        """Redraw the status line (it shows the picked sentence)."""
        if self.app.tables_shown:
            from reader.ui.widgets.tables import TableView

            self.app.tables.post_message(TableView.Changed())
        else:
            from reader.ui.widgets.columns import ColumnsView

            self.app.view.post_message(ColumnsView.Changed())

    def undo(self) -> None:
        if self._focused() is None:
            return
        self.picked = None
        self._correct(self.session.undo, lambda result: f"Undone: {result.applied[0].describe()}")

    def status(self) -> str:
        """A word for the status line while a sentence waits for its partner."""
        if self.picked is None:
            return ""
        col, seg = self.picked
        return f"pairing v{col + 1} sentence {seg + 1}"

    # ---- copy out ------------------------------------------------------------------

    def copy_sentence(self) -> None:
        focused = self._focused()
        if focused is not None:
            comp, col, seg = focused
            self._copy(sentence_text(comp, col, seg), "the sentence")

    def copy_claim(self) -> None:
        focused = self._focused()
        if focused is not None:
            comp, col, seg = focused
            self._copy(claim_markdown(comp, col, seg), f"the claim in {len(comp.articles)} versions (Markdown)")

    def _copy(self, text: str, what: str) -> None:
        self.app.copy_to_clipboard(text)
        self.app.say(f"Copied {what}, {len(text)} characters, {CLIPBOARD_NOTE}", timeout=4)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
