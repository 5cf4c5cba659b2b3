"""The corrections in effect for one set of versions, from opening to closing.

Read once from the state folder (plus a file the user imports with --corrections),
applied to every comparison the aligner builds (the first one, and each rebase),
changed by the reader one correction at a time (only the touched claims are
compared again), undone last first, and kept in the state folder after each
change. The app and the reports both go through it, so they apply the same
corrections.

Each save sends what this session added or took back since its last save
(`base` is its list then), and the store merges that into the file as it is
now: another window's corrections on the same texts are kept. A notice about
the store (a file moved aside, a file that will not be replaced) is said once.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from reader.core.corrections import store as pairs_store
from reader.core.corrections.apply import Applied, Correction, apply
from reader.model.comparison import Comparison

NOT_KEPT = "corrections not kept"


class CorrectionSession:
    def __init__(self, imported: Sequence[Correction] = (), keep: bool = True) -> None:
        self.imported = list(imported)
        self.keep = keep  # the app keeps changes in the state folder; a report only reads
        self.corrections: list[Correction] | None = None  # None until the state folder was read
        self.base: list[Correction] = []  # this session's corrections as the state file last had them
        self._said: set[str] = set()
        self.uncorrected: Comparison | None = None
        self.current: Comparison | None = None
        self._lock = threading.Lock()  # the app's build worker (a rebase) and a correction's worker may overlap

    def open(self, comparison: Comparison) -> Applied:
        """Apply the corrections in effect to a comparison fresh from the aligner (read them first, once)."""
        with self._lock:
            return self._open(comparison)

    def _open(self, comparison: Comparison) -> Applied:
        notes: list[str] = []
        first = self.corrections is None
        if self.corrections is None:
            state = pairs_store.read_state(comparison.articles)
            notes.extend(self._once(state.notes))
            kept, self.base = state.corrections, state.exact
            self.corrections = pairs_store.merged(kept, self.imported)
            stored = kept
        else:
            stored = self.corrections
        self.uncorrected = comparison
        result = apply(comparison, self.corrections)
        self.corrections = list(result.applied)
        self.current = result.comparison
        if first and self.corrections != stored:
            notes.extend(self._save())
        return Applied(result.comparison, result.applied, (*result.notes, *notes))

    def add(self, correction: Correction) -> Applied:
        """One more correction, applied to the comparison on screen: only the claims it touches change."""
        with self._lock:
            return self._add(correction)

    def _add(self, correction: Correction) -> Applied:
        assert self.current is not None and self.corrections is not None, "open() comes first"
        result = apply(self.current, [correction])
        if result.applied:
            self.corrections.append(correction)
            self.current = result.comparison
            return Applied(result.comparison, result.applied, (*result.notes, *self._save()))
        return result

    def undo(self) -> Applied | None:
        """Take back the last correction (None when there is none): the rest are applied to the aligner's comparison."""
        with self._lock:
            return self._undo()

    def _undo(self) -> Applied | None:
        if not self.corrections or self.uncorrected is None:
            return None
        undone = self.corrections.pop()
        result = apply(self.uncorrected, self.corrections)
        self.corrections = list(result.applied)
        self.current = result.comparison
        return Applied(result.comparison, (undone,), (*result.notes, *self._save()))

    def _save(self) -> list[str]:
        if not self.keep or self.uncorrected is None or self.corrections is None:
            return []
        try:
            saved = pairs_store.save_state(self.uncorrected.articles, self.base, self.corrections)
        except pairs_store.CorrectionsError as exc:
            return self._once([pairs_store.refusal(exc)])
        except OSError as exc:
            where = exc.filename or pairs_store.state_dir()
            return self._once([f"corrections not kept: cannot write {where} ({exc.strerror or exc})"])
        self.base = list(self.corrections)
        return self._once(saved.notes)

    def _once(self, notes: Sequence[str]) -> list[str]:
        """The notes not said yet in this session: a refusal repeated at every correction is said once,
        and that corrections are not kept is said once whatever the reason (cannot read, then cannot write)."""
        fresh = []
        for note in notes:
            key = NOT_KEPT if note.startswith(NOT_KEPT) else note
            if key not in self._said:
                self._said.add(key)
                fresh.append(note)
        return fresh
