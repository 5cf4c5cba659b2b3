"""Table-driven tests of the pure navigation rules (reader/ui/navigation.py), as Textual tests its navigator."""

from __future__ import annotations

import pytest

from reader.ui.navigation import (
    at_or_after,
    clamp_step,
    first_shown,
    nearest_column,
    next_carrier,
    next_matching,
    search_order,
    step_sorted,
    step_wrapping,
    wrap_column,
)

KEYS = [(0, 5), (1, 0), (1, 9), (3, 2)]


@pytest.mark.parametrize(
    ("name", "here", "step", "expected"),
    [
        ("next from before all", (-1, 0), 1, 0),
        ("next from a stop", (1, 0), 1, 2),
        ("next from between stops", (1, 4), 1, 2),
        ("no next after the last", (3, 2), 1, None),
        ("previous from a stop", (1, 9), -1, 1),
        ("previous from between stops", (2, 0), -1, 2),
        ("no previous before the first", (0, 5), -1, None),
        ("previous from past the end", (9, 9), -1, 3),
    ],
)
def test_step_sorted(name, here, step, expected):
    assert step_sorted(KEYS, here, step) == expected, name


@pytest.mark.parametrize(
    ("name", "keys", "here", "step", "include", "expected"),
    [
        ("next hit", [1, 4, 7], 4, 1, False, 2),
        ("after the last comes the first", [1, 4, 7], 7, 1, False, 0),
        ("before the first comes the last", [1, 4, 7], 1, -1, False, 2),
        ("a new search counts the hit under the cursor", [1, 4, 7], 4, 1, True, 1),
        ("from between hits", [1, 4, 7], 5, -1, False, 1),
        ("no hits", [], 3, 1, False, None),
    ],
)
def test_step_wrapping(name, keys, here, step, include, expected):
    assert step_wrapping(keys, here, step, include) == expected, name


@pytest.mark.parametrize(
    ("name", "count", "start", "step", "matching", "expected"),
    [
        ("next that differs", 6, 0, 1, {3, 5}, 3),
        ("skips the start itself", 6, 3, 1, {3, 5}, 5),
        ("previous that differs", 6, 5, -1, {3, 5}, 3),
        ("none further", 6, 5, 1, {3, 5}, None),
        ("none earlier", 6, 3, -1, {3, 5}, None),
        ("from before the first", 6, -1, 1, {0}, 0),
    ],
)
def test_next_matching(name, count, start, step, matching, expected):
    assert next_matching(count, start, step, matching.__contains__) == expected, name


@pytest.mark.parametrize(
    ("name", "position", "step", "count", "expected"),
    [
        ("down", 2, 1, 5, 3),
        ("held at the bottom", 4, 1, 5, 4),
        ("held at the top", 0, -1, 5, 0),
        ("a page past the end", 1, 100, 5, 4),
        ("nothing to stand on", 0, 1, 0, None),
    ],
)
def test_clamp_step(name, position, step, count, expected):
    assert clamp_step(position, step, count) == expected, name


@pytest.mark.parametrize(
    ("name", "starts", "line", "expected"),
    [
        ("on a start", [0, 3, 8], 3, 1),
        ("between starts: the next", [0, 3, 8], 4, 2),
        ("past the last: the last", [0, 3, 8], 20, 2),
        ("empty column", [], 4, None),
    ],
)
def test_at_or_after(name, starts, line, expected):
    assert at_or_after(starts, line) == expected, name


@pytest.mark.parametrize(
    ("name", "col", "count", "carriers", "expected"),
    [
        ("the next column that has the claim", 0, 4, {2, 3}, 2),
        ("wraps round", 3, 4, {1}, 1),
        ("never itself", 1, 4, {1}, None),
        ("only one version", 0, 1, {0}, None),
    ],
)
def test_next_carrier(name, col, count, carriers, expected):
    assert next_carrier(col, count, carriers.__contains__) == expected, name


@pytest.mark.parametrize(
    ("name", "candidates", "col", "shown", "expected"),
    [
        ("the focused column itself", [0, 2], 2, range(0, 3), 2),
        ("the nearest", [0, 4], 3, range(0, 5), 4),
        ("the left one on a tie", [1, 3], 2, range(0, 5), 1),
        ("one on screen before a nearer one off it", [3, 7], 4, range(5, 8), 7),
    ],
)
def test_nearest_column(name, candidates, col, shown, expected):
    assert nearest_column(candidates, col, shown) == expected, name


@pytest.mark.parametrize(
    ("name", "first", "shown", "col", "count", "expected"),
    [
        ("already on screen", 0, 2, 1, 5, 0),
        ("pages right by one", 0, 2, 2, 5, 1),
        ("pages left", 3, 2, 1, 5, 1),
        ("never past the end", 4, 2, 4, 5, 3),
        ("all fit", 2, 5, 4, 5, 0),
    ],
)
def test_first_shown(name, first, shown, col, count, expected):
    assert first_shown(first, shown, col, count) == expected, name


@pytest.mark.parametrize(
    ("name", "col", "step", "count", "expected"),
    [("tab", 1, 1, 3, 2), ("tab wraps", 2, 1, 3, 0), ("shift+tab wraps", 0, -1, 3, 2)],
)
def test_wrap_column(name, col, step, count, expected):
    assert wrap_column(col, step, count) == expected, name


@pytest.mark.parametrize(
    ("name", "col", "position", "origin", "expected"),
    [
        ("the search's own column first", 2, 7, 2, (0, 7)),
        ("then the columns to its right", 3, 0, 2, (1, 0)),
        ("then round to the left ones", 0, 0, 2, (2, 0)),
    ],
)
def test_search_order(name, col, position, origin, expected):
    assert search_order(col, position, origin, 4) == expected, name
