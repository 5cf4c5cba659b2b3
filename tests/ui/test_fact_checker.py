"""What a fact-checker hit while reading (issue 21): each fixed, each kept by a test that failed before."""

from __future__ import annotations

import pytest

from reader.ui.widgets.keys import KeyBar, kept_hints

from .conftest import make_app


@pytest.mark.parametrize(
    ("name", "widths", "kept", "room", "expected"),
    [
        ("all fit", [3, 3, 3], [False, False, True], 20, [0, 1, 2]),
        ("the kept one stays, the last others go", [5, 5, 5, 4], [False, False, False, True], 12, [0, 3]),
        ("two kept at the end", [6, 6, 6, 6], [False, False, True, True], 14, [2, 3]),
        ("order kept", [2, 9, 2], [False, False, True], 6, [0, 2]),
    ],
)
def test_kept_hints(name, widths, kept, room, expected):
    assert kept_hints(widths, kept, room, 1) == expected


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_key_bar_keeps_help_and_quit_at_every_width(width, bridge):
    app = make_app(bridge)
    async with app.run_test(size=(width, 24)) as pilot:
        for keys in ([], ["m"], ["escape", "f"]):
            await pilot.press(*keys)
            await pilot.pause()
            line = str(app.query_one(KeyBar).render())
            assert "? Help" in line and "q Quit" in line, (keys, line)
            assert len(line) <= width
