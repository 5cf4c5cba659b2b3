"""The tables of a history (`reader history URL`) read as a timeline. Pure: no Textual.

In a history the versions are one page at successive fetch times, so the claims table's cells
say what happened to each claim at each version against the version before (appeared, changed,
removed), not against the base; its status line says when, in fetch times. The facts table's
labels and status line say when each fact changed. The events themselves are the model's
(reader/core/claims/timeline.py); this module only chooses glyphs and words.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core import claim_events, event_times, value_changes, version_times
from reader.model import Comparison, quoted

EVENT_GLYPHS = {"first": "=", "new": "+", "back": "+", "same": "=", "changed": "~", "removed": "×", "absent": "·"}
EVENT_KINDS = {  # the table widget's styles: a new claim as `only here`, a change as altered, a removal as lacking
    "first": "same",
    "new": "unique",
    "back": "unique",
    "same": "same",
    "changed": "altered",
    "removed": "lacks",
    "absent": "lacks",
}
EVENT_WORDS = {
    "first": "told from the first version",
    "new": "first appeared",
    "back": "came back",
    "same": "unchanged",
    "changed": "changed",
    "removed": "removed",
    "absent": "not told",
}


def timeline_claim_rows(comparison: Comparison, rows: list) -> list:  # noqa: ANN001 (tables.Row)
    """The claims table's rows with each cell the claim's event at that version."""
    out = []
    for row in rows:
        events = claim_events(comparison, comparison.claims[row.claim])
        cells = tuple(  # made directly, not with dataclasses.replace: ten times faster, and a table has many
            type(cell)(EVENT_GLYPHS[event], EVENT_KINDS[event], cell.segment, cell.span)
            for cell, event in zip(row.cells, events, strict=True)
        )
        out.append(replace(row, cells=cells))
    return out


def timeline_claim_line(comparison: Comparison, claim: int, col: int, label: str) -> str:
    """The status line: the claim's history in fetch times first (what a narrow screen keeps), then this
    version's event, then the claim's words."""
    events = claim_events(comparison, comparison.claims[claim])
    times = _times(comparison)
    story = [
        f"{EVENT_WORDS[event]} {', '.join(times[a] for a in versions)}"
        for event, versions in event_times(comparison, events).items()
    ]
    here = f"{col + 1} ({times[col]}): {EVENT_WORDS[events[col]]}"
    return " · ".join([f"#{claim + 1} " + ("; ".join(story) or "unchanged in every version"), here, label])


def timeline_fact_rows(comparison: Comparison, rows: list) -> list:  # noqa: ANN001 (tables.Row)
    """The facts table's rows, each label saying when its fact changed."""
    times = _times(comparison)
    out = []
    for row in rows:
        changed = value_changes(_values(row))
        when = ", ".join(times[a] for a in changed)
        out.append(replace(row, label=f"{row.label} changed {when}" if when else row.label))
    return out


def timeline_fact_line(comparison: Comparison, row, col: int) -> str:  # noqa: ANN001 (tables.Row)
    """The status line: when the fact under the cursor changed and what it was before, then its words here."""
    values = _values(row)
    times = _times(comparison)
    changes = []
    for a in value_changes(values):
        before = row.cells[a - 1].text
        was = f" (was {quoted(before)})" if before else " (new)"
        now = quoted(row.cells[a].text) if row.cells[a].text else "gone"
        changes.append(f"{times[a]} {now}{was}")
    cell = row.cells[col]
    here = f"{col + 1} ({times[col]}): " + (quoted(cell.text) if cell.text else "lacks it")
    story = "changed " + "; ".join(changes) if changes else "never changed"
    return f"{row.kind} #{row.claim + 1} {story} · {here}"


def _values(row) -> list[str | None]:  # noqa: ANN001 (tables.Row)
    """Each version's value of the row's fact (None where it does not tell it), as the model compares it."""
    return [c.compared if c.text else None for c in row.cells]


def _times(comparison: Comparison) -> list[str]:
    """The versions' fetch times, without the day when every version is of one day (the headers say it)."""
    times = version_times(comparison)
    days = {t.rsplit(" ", 1)[0] for t in times}
    return [t.rsplit(" ", 1)[-1] for t in times] if len(days) == 1 else times
