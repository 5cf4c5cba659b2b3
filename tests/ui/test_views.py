"""Pilot tests of the views beyond the two text views: claims, facts, sources, paragraphs; state, not pixels."""

from __future__ import annotations

import time

import pytest

import reader.core.pipeline as pipeline
from reader.core import compare_texts
from reader.ui.tables import FactsTable
from reader.ui.widgets.keys import KeyBar
from reader.ui.widgets.tables import TableView
from tests.waiting import wait_until

from .conftest import BRIDGE, long_story, make_app

SIZE = (120, 36)
EIGHT = [long_story(24, v) for v in range(8)]


async def test_m_shows_claims_by_versions_and_enter_reads_the_cell(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        tables = app.tables
        assert app.view_name == "claims" and tables.has_focus and not app.view.display
        assert [r.claim for r in tables.rows] == [c.index for c in bridge.claims]
        assert "claims" in str(app.query_one("#status").render()), "the status line names the view"
        await pilot.press("t", "t")
        assert tables.filter == "only in one"
        assert tables.rows and all(len(bridge.claims[r.claim].articles) == 1 for r in tables.rows)
        row = tables.current
        col = bridge.claims[row.claim].articles[0]
        await pilot.press(str(col + 1), "enter")
        assert app.view_name == "reading" and app.view.has_focus
        assert (app.view.col, app.view.seg) == (col, bridge.claims[row.claim].segments_of(col)[0])


async def test_claims_filters_keep_what_they_say(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        tables, n = app.tables, len(bridge.articles)
        seen = {}
        for _ in tables.table.filters:
            seen[tables.filter] = {r.claim for r in tables.rows}
            await pilot.press("t")
        assert tables.filter == "all", "t cycles round the filters"
        claims = bridge.claims
        assert seen["all"] == {c.index for c in claims}
        assert seen["moved"] == {c.index for c in claims if c.moves}
        assert seen["in all but one"] == {c.index for c in claims if len(c.articles) == n - 1}
        assert seen["differs"] < seen["all"] or all(c.status != "same" for c in claims)


async def test_enter_on_a_version_that_lacks_the_claim_stays_and_says_so(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        tables = app.tables
        row = next(i for i, r in enumerate(tables.rows) if len(bridge.claims[r.claim].articles) < 3)
        lacking = next(a for a in range(3) if a not in bridge.claims[tables.rows[row].claim].articles)
        tables.row, tables.col = row, lacking
        await pilot.press("enter")
        assert app.view_name == "claims"
        assert "lacks this" in str(app.query_one("#status").render()), "the status line says why, no toast"
        await pilot.press("j")
        assert "lacks this" not in str(app.query_one("#status").render())


async def test_a_key_that_goes_nowhere_says_so_in_the_status_line(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", *"n" * len(bridge.claims))
        assert "No further difference" in str(app.query_one("#status").render())
        assert not app._notifications, "a toast would cover the status line and cost a layout"
        await pilot.press("k")
        assert "No further" not in str(app.query_one("#status").render())


async def test_eight_versions_fit_80_columns_in_the_claims_table():
    app = make_app(compare_texts(EIGHT), texts=EIGHT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        tables = app.tables
        header = tables.render_line(1).text
        assert all(str(i) in header for i in range(1, 9))
        row = tables.render_line(2).text
        assert len(row) <= 80 and tables.rows[0].label.split()[0] in row, "the claim's opening words beside it"
        await pilot.press("8")
        assert tables.col == 7
        await pilot.press("l")
        assert tables.col == 7, "no version past the last"


async def test_f_lists_facts_that_differ_with_each_versions_value(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        tables = app.tables
        values = {tuple(c.text for c in r.cells) for r in tables.rows}
        assert ("About 200 people", "About 300 people", "") in values, (
            "the value per version, empty where a version lacks it"
        )
        assert ("12 million euros", "12 million euros", "15 million euros") in values
        await pilot.press("o")
        assert tables.order == "by category"
        kinds = [r.kind for r in tables.rows]
        assert kinds == sorted(kinds, key=["number", "date", "name", "quote", "source"].index)
        number = next(i for i, r in enumerate(tables.rows) if r.cells[2].text == "15 million euros")
        tables.row, tables.col = number, 2
        await pilot.press("enter")
        view = app.view
        assert app.view_name == "reading" and view.col == 2
        assert bridge.articles[2].text[view.detail[0] : view.detail[1]] == "15 million euros", "the fact is marked"


LEEDS = [f"The deal freed {n} prisoners in Leeds." for n in ("12", "twelve", "15")]


def test_a_fact_given_in_other_words_is_that_versions_own_words_not_lacks_it():
    """The model marks a fact only where its value differs from the base's: "twelve prisoners" is none of its
    details, yet the version states the fact; the table says so in its words, and lacks it only where it is not."""
    comparison = compare_texts([*LEEDS, "The deal freed prisoners in Leeds."])
    table = FactsTable()
    number = next(r for r in table.rows(comparison, "all", "reading order") if r.kind == "number")
    assert [c.text for c in number.cells] == ["12 prisoners", "twelve prisoners", "15 prisoners", ""]
    assert comparison.articles[1].text[slice(*number.cells[1].span)] == "twelve prisoners"
    line = table.describe(comparison, number, 1)
    assert line == "number in claim #1, 2 (<text 2>): “twelve prisoners” · the same value as 1 (<text 1>)", line
    assert table.describe(comparison, number, 2) == "number in claim #1, 3 (<text 3>): “15 prisoners”"
    assert table.describe(comparison, number, 3).endswith(": lacks it")


async def test_enter_on_a_fact_given_in_other_words_reads_it_marked():
    app = make_app(compare_texts(LEEDS), texts=LEEDS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "2")
        tables = app.tables
        assert tables.col == 1 and tables.current.kind == "number"
        status = str(app.query_one("#status").render())
        assert "“twelve prisoners” · the same value as 1" in status, status
        await pilot.press("enter")
        view = app.view
        assert app.view_name == "reading" and (view.col, view.seg) == (1, 0)
        assert LEEDS[1][view.detail[0] : view.detail[1]] == "twelve prisoners", "the fact is marked"


CITED = [
    "The mayor opened the new bridge on Monday, according to Reuters. The bridge cost 12 million euros.",
    "The mayor opened the new bridge on Monday. The bridge cost 12 million euros.",
    "The mayor opened the new bridge on Monday. The bridge cost 12 million euros.",
]


async def test_s_lists_sources_and_marks_those_one_version_cites():
    comparison = compare_texts(CITED)
    app = make_app(comparison, texts=CITED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        tables = app.tables
        reuters = next(r for r in tables.rows if "reuters" in r.label.casefold())
        assert reuters.kind == "only" and reuters.label.startswith("◆")
        assert [bool(c.text) for c in reuters.cells] == [True, False, False]
        await pilot.press("t")
        assert tables.filter == "only in one" and all(r.kind == "only" for r in tables.rows)
        tables.row = tables.rows.index(reuters)
        await pilot.press("1", "enter")
        assert app.view_name == "reading" and (app.view.col, app.view.seg) == (0, 0), "the citing sentence"


async def test_paragraph_view_puts_corresponding_paragraphs_on_one_row(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "v")
        view = app.view
        assert view.view == "paragraphs"
        assert len({len(doc.lines) for doc in view.docs}) == 1, "every column has the same rows"
        firsts = [
            view.docs[a].first_line[next(s.index for s in art.segments if s.paragraph == 1)]
            for a, art in enumerate(bridge.articles)
        ]
        assert len(set(firsts)) == 1, "the second paragraphs start on one line"
        assert "paragraphs" in str(app.query_one("#status").render())
        await pilot.press("j", "l")
        assert view.col == 1


async def test_the_key_bar_has_the_view_keys_after_a_slow_comparison(monkeypatch):
    """The keys that need the comparison were left out while only the text was shown: the bar must not keep
    the first screen's keys only."""
    real = pipeline.build

    def slow(*args, **kwargs):
        time.sleep(0.4)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build", slow)  # the engine's process is forked: it inherits this
    app = make_app()
    announced: list[bool] = []  # at each announcement of the bindings: was the comparison still coming?
    async with app.run_test(size=SIZE) as pilot:
        app.screen.bindings_updated_signal.subscribe(app, lambda _screen: announced.append(app.comparison is None))
        first = str(app.query_one(KeyBar).render())
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: app.ready and announced and not announced[-1], "bindings announced after load")
        assert "j Next" in first and "n Diff" not in first and "v View" not in first, first
        line = str(app.query_one(KeyBar).render())
        assert "j Next" in line and "n Diff" in line and "v View" in line, line
        await pilot.press("m")
        await pilot.pause()
        assert "t Filter" in str(app.query_one(KeyBar).render())
        assert isinstance(app.focused, TableView)


async def test_help_scrolls_with_j_and_k(bridge):
    app = make_app(bridge)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        panel = app.screen.query_one("#help-panel")
        await pilot.press("j", "j", "j")
        assert panel.scroll_y > 0
        await pilot.press("k", "k", "k")
        assert panel.scroll_y == 0


def test_bridge_fixture_is_what_these_tests_read():
    assert compare_texts(BRIDGE).articles[1].text.count("police said") == 1


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
@pytest.mark.parametrize("theme", ["reader-dark", "reader-mono"])
async def test_every_view_with_eight_versions(size, theme):
    """v walks all six views; each draws within the screen, names itself, and keeps the version focused."""
    comparison = compare_texts(EIGHT)
    app = make_app(comparison, texts=EIGHT, theme=theme)
    async with app.run_test(size=size) as pilot:
        await pilot.press("8")
        for name in ("reading", "paragraphs", "claims", "facts", "sources", "aligned"):
            await pilot.press("v")
            assert app.view_name == name
            assert name in str(app.query_one("#status").render())
            widget = app.tables if name in ("claims", "facts", "sources") else app.view
            assert widget.has_focus
            lines = [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]
            assert all(len(line) <= size[0] for line in lines)
            assert any(line.strip() for line in lines), f"{name} drew nothing"
            if widget is app.tables:
                assert widget.col == 7, "the tables open on the focused version"
                await pilot.press("j", "t")
            else:
                assert widget.col == 7 or not comparison.articles[7].segments
                await pilot.press("j", "n")


async def test_clicking_the_filter_bar_and_a_cell(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        tables = app.tables
        start, _, name = next(z for z in tables._filter_zones() if z[2] == "moved")
        await pilot.click(TableView, offset=(start + 1, 0))
        assert tables.filter == "moved" and all(bridge.claims[r.claim].moves for r in tables.rows)
        label, cell = tables._widths()
        await pilot.click(TableView, offset=(label + 2 * (cell + 1) + 1, 2))
        assert (tables.row, tables.col) == (0, 2)


async def test_b_in_a_table_rebases_on_that_version_and_stays_in_the_table(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "2", "b")
        await wait_until(pilot, lambda: app.ready and app.comparison.base == 1, "the comparison rebased on version 2")
        tables = app.tables
        assert app.view_name == "claims" and tables.comparison is app.comparison
        assert tables.col == 1 and tables.has_focus
        assert [r.claim for r in tables.rows] == [c.index for c in app.comparison.claims]


DATED = [
    "The defence ministry said the exchange plan was finalized after long talks. Prisoners will return home soon.",
    "The defence ministry said the exchange plan was finalized on May 19 after long talks. Prisoners will return home.",
    "The defence ministry said the exchange plan was finalized on May 20 after long talks. Prisoners will return home.",
]


def test_a_fact_the_base_lacks_told_two_ways_is_one_row():
    """Each version is compared with the base, so "May 19" and "May 20" come as two inserted facts: one row."""
    comparison = compare_texts(DATED)
    rows = [r for r in FactsTable().rows(comparison, "all", "reading order") if r.kind == "date"]
    assert [[c.text for c in r.cells] for r in rows] == [["", "May 19", "May 20"]]


def test_a_count_of_other_people_is_a_row_of_the_fact_sheet():
    """1,000 prisoners and 1,000 soldiers: the same number counting other people differs, as the engine says."""
    comparison = compare_texts(
        ["Kyiv said it holds 1,000 Russian prisoners.", "Kyiv said it holds 1,000 Ukrainian soldiers."]
    )
    rows = [r for r in FactsTable().rows(comparison, "all", "reading order") if r.kind == "number"]
    assert [[c.text for c in r.cells] for r in rows] == [["1,000 Russian prisoners", "1,000 Ukrainian soldiers"]]
