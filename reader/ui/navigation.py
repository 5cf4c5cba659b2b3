"""Navigation: where a key takes the cursor, as pure functions over sorted keys and indexes.

No Textual here, so every rule (next difference, next fact, next search hit,
the counterpart to jump to, the column to focus, which columns are on screen)
is tested with plain tables of cases (tests/ui/test_navigation.py) and shared by
every view: a view only says what its stops are, in its own reading order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any


def step_sorted(keys: Sequence[Any], here: Any, step: int) -> int | None:
    """Index of the first key after `here` (step > 0) or the last before it (step < 0); None past the ends.

    `keys` is sorted; `here` need not be one of them (the cursor may sit between stops).
    """
    i = bisect.bisect_right(keys, here) if step > 0 else bisect.bisect_left(keys, here) - 1
    return i if 0 <= i < len(keys) else None


def step_wrapping(keys: Sequence[Any], here: Any, step: int, include_current: bool = False) -> int | None:
    """Like `step_sorted`, but past the last key comes the first again (search hits); None if there are none.

    With `include_current`, a key equal to `here` is itself the next one (the first hit of a new search).
    """
    if not keys:
        return None
    if step > 0:
        i = bisect.bisect_left(keys, here) if include_current else bisect.bisect_right(keys, here)
    else:
        i = bisect.bisect_left(keys, here) - 1
    return i % len(keys)


def next_matching(count: int, start: int, step: int, matches: Callable[[int], bool]) -> int | None:
    """The first index after `start` (walking by `step`) in range(count) for which `matches` holds."""
    i = start + step
    while 0 <= i < count:
        if matches(i):
            return i
        i += step
    return None


def clamp_step(position: int, step: int, count: int) -> int | None:
    """`position + step`, held inside range(count); None when there is nothing to stand on."""
    if count <= 0:
        return None
    return max(0, min(position + step, count - 1))


def at_or_after(starts: Sequence[int], line: int) -> int | None:
    """Index of the first start at or after `line`, else of the last one before it; None if empty."""
    if not starts:
        return None
    return min(bisect.bisect_left(starts, line), len(starts) - 1)


def next_carrier(col: int, count: int, carries: Callable[[int], bool]) -> int | None:
    """The next column after `col` (wrapping round, never `col` itself) for which `carries` holds."""
    for step in range(1, count):
        c = (col + step) % count
        if carries(c):
            return c
    return None


def nearest_column(candidates: Iterable[int], col: int, shown: Collection[int] = ()) -> int:
    """Of `candidates` (non-empty), one on screen if any is, the nearest to `col` (the left one on a tie)."""
    cols = sorted(candidates)
    on_screen = [c for c in cols if c in shown] or cols
    return min(on_screen, key=lambda c: abs(c - col))


def first_shown(first: int, shown: int, col: int, count: int) -> int:
    """The first of `shown` columns on screen so that `col` is among them, moving the window the least."""
    if col < first:
        first = col
    elif col >= first + shown:
        first = col - shown + 1
    return max(0, min(first, count - shown))


def wrap_column(col: int, step: int, count: int) -> int:
    """Tab and shift+tab: the next or previous column, round the ends."""
    return (col + step) % count


def search_order(col: int, position: int, origin: int, count: int) -> tuple[int, int]:
    """Where a sentence stands in search order: columns from the one the search started in, then position."""
    return ((col - origin) % count, position)
