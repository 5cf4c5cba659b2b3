"""Pilot tests: every key, asserting on the reading state rather than on pixels."""

from __future__ import annotations

from reader.ui.layout import FOLD, differs
from reader.ui.screens.claim import ClaimScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.columns import ColumnsView
from tests.waiting import wait_until

from .conftest import make_app

SIZE = (120, 36)


def claim_index(view: ColumnsView) -> int:
    return view.comparison.claim_of(view.col, view.seg).index


async def test_comparison_is_built_in_a_worker_then_shown():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.ready
        view = app.view
        assert view.has_focus
        assert view.col == 0 and view.seg in view.docs[0].entries
        assert "in 3 of 3" in str(app.query_one("#status").render())


async def test_j_k_and_arrows_move_through_the_focused_column(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        entries = view.docs[0].entries
        start = view.seg
        await pilot.press("j")
        assert view.seg == entries[entries.index(start) + 1]
        await pilot.press("down", "down")
        assert view.seg == entries[entries.index(start) + 3]
        await pilot.press("k", "up")
        assert view.seg == entries[entries.index(start) + 1]
        for _ in range(30):
            await pilot.press("j")
        assert view.scroll_y > 0, "the cursor kept moving down, so the columns scrolled"
        line = view.docs[0].first_line[view.seg]
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height


async def test_h_l_tab_and_digits_focus_columns(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("l")
        assert view.col == 1
        await pilot.press("right")
        assert view.col == 2
        await pilot.press("l")
        assert view.col == 2, "no column past the last"
        await pilot.press("h", "left")
        assert view.col == 0
        await pilot.press("shift+tab")
        assert view.col == 2, "shift+tab wraps around"
        await pilot.press("tab")
        assert view.col == 0
        await pilot.press("2")
        assert view.col == 1
        await pilot.press("9")
        assert view.col == 1, "there is no ninth version"
        assert view.seg in view.docs[1].entries


async def test_focusing_a_column_keeps_the_claim_when_it_has_it(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        claim = claim_index(view)
        await pilot.press("l")
        if 1 in bridge.claims[claim].articles:
            assert claim_index(view) == claim


async def test_n_and_bracket_c_go_to_claims_that_differ(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        n = len(harbour.articles)
        seen = []
        for _ in range(3):
            await pilot.press("n")
            seen.append(claim_index(view))
        assert all(differs(harbour.claims[k], n) for k in seen)
        assert seen == sorted(seen) and len(set(seen)) == 3
        await pilot.press("N")
        assert claim_index(view) == seen[1]
        await pilot.press("right_square_bracket", "c")
        assert claim_index(view) == seen[2]
        await pilot.press("left_square_bracket", "c")
        assert claim_index(view) == seen[1]


async def test_a_lone_c_does_nothing(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        before = (view.col, view.seg)
        await pilot.press("c", "d")
        assert (view.col, view.seg) == before
        await pilot.press("right_square_bracket", "j", "c")
        assert view.seg == view.docs[0].entries[1], "j cancelled the pending ]"


def aligned_detail_order(comparison) -> list[tuple[int, int, int]]:
    """(column, start, end) of every fact, row by row and left to right: the aligned reading order."""
    order = []
    for claim in comparison.claims:
        for col in sorted(claim.articles):
            for d in sorted(comparison.details_in(claim.index, col), key=lambda d: d.start):
                order.append((col, d.start, d.end))
    return order


async def test_bracket_d_walks_the_details_across_the_columns_in_the_aligned_view(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        expected = aligned_detail_order(harbour)
        seen = []
        for _ in range(6):
            await pilot.press("right_square_bracket", "d")
            assert view.detail is not None
            seen.append((view.col, *view.detail))
        assert seen == expected[:6]
        assert len({col for col, _, _ in seen}) > 1, "the walk crossed columns, as n does"
        await pilot.press("left_square_bracket", "d")
        assert (view.col, *view.detail) == expected[4]
        assert view.comparison.claim_of(view.col, view.seg).index == claim_index(view)


async def test_bracket_d_stays_in_the_focused_column_in_the_reading_view(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("2", "v")
        spans = []
        for _ in range(3):
            await pilot.press("right_square_bracket", "d")
            assert view.detail is not None and view.col == 1
            spans.append(view.detail)
            claim = claim_index(view)
            facts = {(d.start, d.end) for d in harbour.details_in(claim, view.col)}
            assert view.detail in facts
        assert spans == sorted(spans) and len(set(spans)) == 3
        await pilot.press("left_square_bracket", "d")
        assert view.detail == spans[1]


async def test_g_jumps_to_the_counterpart_in_the_next_column(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        claim = claim_index(view)
        carriers = bridge.claims[claim].articles
        visited = [view.col]
        for _ in range(len(carriers) - 1):
            await pilot.press("g")
            assert claim_index(view) == claim
            visited.append(view.col)
        assert sorted(visited) == list(carriers)
        await pilot.press("g")
        assert view.col == visited[0], "g wraps around to the first carrier"


async def test_g_follows_a_moved_claim(bridge):
    moved = next(c for c in bridge.claims if c.moves)
    mover = moved.moves[0]
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("v")  # reading view: every column in its own order, the move shows
        view.goto(mover.article, mover.segment)
        await pilot.pause()
        await pilot.press("g")
        assert view.col != mover.article
        assert claim_index(view) == moved.index


async def test_b_makes_the_focused_version_the_base(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("l")
        seg = view.seg
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.comparison.base == 1 and app.base == 1
        assert (view.col, view.seg) == (1, seg), "the cursor stays on the same sentence"
        assert not view.loading


async def test_v_switches_view_and_reading_view_levels_counterparts(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        assert view.view == "aligned"
        await pilot.press("v")
        assert view.view == "reading"
        moved = next(c for c in bridge.claims if c.moves)
        mover = moved.moves[0]
        view.goto(mover.article, mover.segment)
        await pilot.pause()
        cursor_row = view.docs[view.col].first_line[view.seg] - view.deltas[view.col]
        for col, segs in bridge.counterparts(view.col, view.seg).items():
            first = min(view.docs[col].first_line[s] for s in segs)
            assert first - view.deltas[col] == cursor_row, "counterpart stands level with the cursor"
        await pilot.press("v")
        assert view.view == "paragraphs"
        for name in ("claims", "facts", "sources", "aligned"):
            await pilot.press("v")
            assert app.view_name == name, "v cycles round the views"


async def test_z_folds_unchanged_runs(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        lines_before = len(view.docs[0].lines)
        view.goto(0, 4)  # sentences 3..6 are the same in every version: a run that folds
        await pilot.pause()
        await pilot.press("z")
        assert view.folded
        assert any(line.kind == FOLD for line in view.docs[0].lines)
        assert len(view.docs[0].lines) < lines_before
        assert 4 not in view.docs[0].entries
        assert view.seg in view.docs[0].entries, "the cursor left the folded run"
        assert differs(harbour.claim_of(view.col, view.seg), 3)
        await pilot.press("z")
        assert not view.folded and len(view.docs[0].lines) == lines_before


async def test_slash_searches_and_n_goes_to_the_next_hit(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("slash")
        assert app.query_one("#search").has_focus
        await pilot.press(*"bridge", "enter")
        assert view.has_focus
        hits = set(view.search_hits)
        assert (view.col, view.seg) in hits
        first = (view.col, view.seg)
        await pilot.press("n")
        assert (view.col, view.seg) in hits and (view.col, view.seg) != first
        await pilot.press("N")
        assert (view.col, view.seg) == first
        await pilot.press("escape")
        assert view.search_query == "" and not view.search_hits


async def test_escape_in_the_search_field_cancels(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "x", "escape")
        assert app.view.has_focus and app.view.search_query == ""
        assert not app.query_one("#search").display


async def test_enter_opens_the_claim_panel(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        claim = claim_index(app.view)
        await pilot.press("enter")
        assert isinstance(app.screen, ClaimScreen)
        assert app.screen.claim.index == claim
        await pilot.press("escape")
        assert not isinstance(app.screen, ClaimScreen)


async def test_question_mark_shows_every_key(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_palette_jumps_to_a_sentence_by_its_words(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"second bridge is planned")
        await wait_until(pilot, lambda: _palette_offers(app, "second bridge"), "the palette to offer the sentence")
        await pilot.press("enter")
        await pilot.pause()
        view = app.view
        assert "second bridge" in bridge.articles[view.col].segments[view.seg].text


def _palette_offers(app, words: str) -> bool:
    """The command palette is open and its highlighted option holds `words`."""
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    if not lists or lists.first().highlighted is None:
        return False
    option = lists.first().highlighted_option
    return option is not None and words in str(option.prompt)


async def test_clicking_a_sentence_focuses_it(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        col = 2
        seg = view.docs[col].entries[-1]
        line = view.docs[col].first_line[seg]
        x = col * (view.column_width + 1) + 5
        await pilot.click(ColumnsView, offset=(x, line - round(view.scroll_y)))
        assert (view.col, view.seg) == (col, seg)


async def test_every_binding_has_an_id():
    from reader.ui.app import ReaderApp

    for binding in [*ColumnsView.BINDINGS, *ReaderApp.BINDINGS, *ClaimScreen.BINDINGS, *HelpScreen.BINDINGS]:
        assert binding.id, binding
