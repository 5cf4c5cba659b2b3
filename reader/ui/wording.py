"""Wording: how the app names versions and says numbers, one way everywhere (headers, status line, panels, tables).

Pure (no Textual), so the table views and tests use the same words.
"""

from __future__ import annotations

import math

from reader.model import Comparison, visible


def version_name(comparison: Comparison, article: int, room: int = 24) -> str:
    """A version by its number and file name (the title's first words when there is no file name),
    the number alone when `room` is too small: "2 (breaking.txt)". Numbers are 1-based, as on screen."""
    a = comparison.articles[article]
    name = visible(a.name or a.source_title or a.title, keep_newlines=False)
    if len(name) > room - 4:
        name = name[: max(room - 5, 0)] + "…" if room > 8 else ""
    return f"{article + 1} ({name})" if name else f"{article + 1}"


def similarity_percent(score: float, status: str) -> int:
    """The score in whole percent, rounded down: 100 only for a claim told the same everywhere
    (0.996 rounded to "100%" beside "reworded" read as a contradiction)."""
    percent = math.floor(score * 100)
    return percent if status == "same" else min(percent, 99)


def counts_line(counts: tuple[int, int, int, int]) -> str:
    """The one wording of a version's counts, everywhere: the status glyphs of the gutter, each with its count."""
    same, reworded, altered, alone = counts
    return f"={same} ~{reworded} !{altered} +{alone}"
