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


@pytest.mark.parametrize(("start", "table"), [([], "m"), (["v"], "f"), (["v", "v"], "s"), ([], "m")])
async def test_escape_in_a_table_returns_to_the_text_view_on_the_same_claim(start, table, bridge):
    app = make_app(bridge)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*start)
        came_from = app.view.view
        await pilot.press(table, "j", "l", "l")
        tables = app.tables
        assert tables.display and tables.current is not None
        claim = tables.current.claim
        await pilot.press("escape")
        await pilot.pause()
        assert not app.tables_shown and app.view.display and app.view.has_focus
        assert app.view.view == came_from
        assert bridge.claim_of(app.view.col, app.view.seg).index == claim


async def test_escape_from_a_cell_whose_version_lacks_the_claim_lands_in_a_version_that_tells_it(bridge):
    lone = next(c for c in bridge.claims if len(c.articles) == 1)
    lacking = next(a for a in range(len(bridge.articles)) if a not in lone.articles)
    app = make_app(bridge)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("m")
        tables = app.tables
        tables.row = next(i for i, r in enumerate(tables.rows) if r.claim == lone.index)
        tables.col = lacking
        await pilot.press("escape")
        await pilot.pause()
        assert (app.view.col, bridge.claim_of(app.view.col, app.view.seg).index) == (lone.articles[0], lone.index)
