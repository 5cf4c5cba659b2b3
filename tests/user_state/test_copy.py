"""y and Y: what reaches the clipboard (through Textual's terminal escape) and what the user is told."""

from __future__ import annotations

from reader.core import compare_texts
from reader.ui.copying import claim_markdown, sentence_text
from tests.waiting import wait_until

from .conftest import open_app, until_ready


def test_claim_markdown_has_one_line_per_version_with_its_name():
    comp = compare_texts(["One *big* claim here. Tail.", "One big claim here! Tail.", "Something else."])
    text = claim_markdown(comp, 0, 0)
    assert text.splitlines() == [
        r"- **\<text 1\>**: One \*big\* claim here.",
        r"- **\<text 2\>**: One big claim here!",
        r"- **\<text 3\>**: _(not in this version)_",
    ]


def test_sentence_text_folds_line_breaks():
    comp = compare_texts(["A sentence\nbroken over lines. Next one.", "Other text entirely."])
    assert sentence_text(comp, 0, 0) == "A sentence broken over lines."


async def test_y_copies_the_sentence_and_Y_the_claim_with_a_notification(story):
    app = open_app(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_ready(app, pilot)
        app.view.goto(1, 1)
        await pilot.press("y")
        assert app.clipboard == "About 300 people attended the ceremony, police said."
        assert any("Copied the sentence" in n.message and "OSC 52" in n.message for n in app._notifications)
        await pilot.press("Y")
        assert app.clipboard.splitlines() == [
            "- **v1.txt**: About 200 people attended the ceremony.",
            "- **v2.txt**: About 300 people attended the ceremony, police said.",
            "- **v3.txt**: _(not in this version)_",
        ]


async def test_in_a_table_y_copies_the_focused_cells_sentence_and_x_unpairs_it(story):
    app = open_app(story, view="claims")
    async with app.run_test(size=(160, 45)) as pilot:
        await until_ready(app, pilot)
        await wait_until(pilot, lambda: app.view_name == "claims", "the claims table")
        tables = app.tables
        row = tables.current
        col, segment = tables.col, row.cells[tables.col].segment
        await pilot.press("y")
        assert app.clipboard == sentence_text(app.comparison, col, segment)
        await pilot.press("x")
        await until_ready(app, pilot)
        assert app.comparison.claim_of(col, segment).articles == (col,)
        assert app.view_name == "claims"


async def test_in_a_table_a_cell_without_a_sentence_says_so(story):
    app = open_app(story, view="claims")
    async with app.run_test(size=(80, 24)) as pilot:
        await until_ready(app, pilot)
        await wait_until(pilot, lambda: app.view_name == "claims", "the claims table")
        tables = app.tables
        empty = next(
            (i, c) for i, r in enumerate(tables.rows) for c, cell in enumerate(r.cells) if cell.segment is None
        )
        tables.row, tables.col = empty
        shown = app.comparison
        await pilot.press("y", "x")
        assert app.clipboard == "" and app.comparison is shown
        assert sum("lacks this row" in n.message for n in app._notifications) == 2
