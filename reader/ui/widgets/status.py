"""StatusLine: what the focused claim is, how many versions carry it, how close the pairing is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.model import Comparison, visible
from reader.ui.styling import STATUS_WORDS
from reader.ui.wording import similarity_percent, version_name


def describe_claim(comparison: Comparison, article: int, segment: int) -> str:
    """One line: status, spread, similarity, moves and details of the claim at (article, segment)."""
    claim = comparison.claim_of(article, segment)
    n = len(comparison.articles)
    parts = [f"#{claim.index + 1} {STATUS_WORDS.get(claim.status, claim.status)}"]
    if claim.moves:
        moved = sorted({mv.article for mv in claim.moves})
        parts.append("moved in " + ", ".join(version_name(comparison, a) for a in moved))
    parts.append(f"in {len(claim.articles)} of {n}")
    if claim.corrected:
        parts.append("corrected by hand")
    if len(claim.articles) > 1:
        parts.append(f"similarity {similarity_percent(claim.score, claim.status)}%")
    details = {(d.start, d.end, d.category) for d in comparison.details_in(claim.index, article)}  # a fact once,
    if details:  # however many versions lack it
        kinds = sorted({category for _, _, category in details})
        parts.append(f"{len(details)} detail{'s' if len(details) > 1 else ''}: {' '.join(kinds)}")
    return " · ".join(parts)


class StatusLine(Static):
    """The line under the columns; the mode summary sits at its right end."""

    def show(self, left: str, right: str) -> None:
        width = max(self.size.width, 20)
        right_text = Text(visible(right, keep_newlines=False), style="bold")
        room = max(width - right_text.cell_len - 2, 0)
        line = Text(visible(left, keep_newlines=False))
        line.truncate(room, overflow="ellipsis", pad=True)
        line.append("  ")
        line.append_text(right_text)
        self.update(line, layout=False)  # one line, always: no layout pass per keypress
