"""Layout and drawing: word wrapping, paging, resizing, and article text that must stay inert."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.core import compare_texts
from reader.ui.layout import GAP, _fold_label, _hidden_label, build_aligned, build_reading, wrap
from reader.ui.widgets.columns import GUTTER, MIN_COLUMN_WIDTH

from .conftest import BRIDGE, make_app


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("one two three", 7, ["one two", "three"]),
        ("one two three", 20, ["one two three"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("", 10, [""]),
        ("a  b", 10, ["a  b"]),
        ("line\nbreak here", 10, ["line\nbreak", "here"]),
    ],
)
def test_wrap_table(text, width, expected):
    assert [text[s:e] for s, e in wrap(text, 0, len(text), width)] == expected


@given(st.text(alphabet=st.sampled_from("ab cd\u4e2d\u00e9 "), max_size=80), st.integers(1, 30))
def test_wrap_never_overflows_and_keeps_every_word(text, width):
    lines = wrap(text, 0, len(text), width)
    for s, e in lines:
        assert cell_len(text[s:e]) <= max(width, 2)  # a wide char never splits
    assert "".join(text[s:e] for s, e in lines).replace(" ", "") == text.replace(" ", "")


def test_aligned_rows_have_equal_height_across_columns(bridge):
    docs = build_aligned(bridge, 20)
    assert len({len(d.lines) for d in docs}) == 1
    for claim in bridge.claims:
        starts = {d.first_line[claim.segments_of(d.article)[0]] for d in docs if claim.segments_of(d.article)}
        assert len(starts) == 1, "a claim's sentences start on the same row"
    assert any(line.kind == GAP for d in docs for line in d.lines)


def test_reading_view_keeps_each_article_in_order(bridge):
    for doc in build_reading(bridge, 20):
        assert doc.entries == sorted(doc.entries)


async def test_resize_repages_the_columns_and_keeps_the_cursor(bridge):
    app = make_app(bridge)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.view
        await pilot.press("3")
        seg = view.seg
        assert view.visible_count == 3
        await pilot.resize_terminal(62, 24)
        await pilot.pause()
        assert view.visible_count == 2
        assert view.col == 2 and view.col in view.visible_columns
        assert view.seg == seg
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        assert view.visible_count == 1 and list(view.visible_columns) == [2]
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert view.visible_count == 3


async def test_many_versions_page_sideways_and_say_so():
    texts = [f"Version {i} opens. The council met on Monday. It voted {i} times." for i in range(8)]
    comparison = compare_texts(texts)
    app = make_app(comparison, texts=texts)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.view
        assert view.visible_count == 2
        status = str(app.query_one("#status").render())
        assert "1–2 of 8" in status
        await pilot.press("7")
        assert view.col == 6 and 6 in view.visible_columns
        assert "of 8" in str(app.query_one("#status").render())
        assert "◀" in str(app.query_one("#headers").render())


async def test_escapes_and_markup_in_an_article_are_shown_as_text():
    texts = ["Plain [bold]text[/bold] here. \x1b[31mRed\x1b[0m alert.", "Plain text here. Red alert."]
    app = make_app(compare_texts(texts), texts=texts)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        lines = [app.view.render_line(y).text for y in range(10)]
        screen = "\n".join(lines)
        assert "[bold]text[/bold]" in screen
        assert "\x1b" not in screen and "␛[31m" in screen


async def test_a_keypress_repaints_only_the_rows_that_changed(harbour):
    app = make_app(harbour)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.view
        await pilot.pause()
        painted = []
        original = view.painter._draw

        def counting(col, line, mark, base, width):
            painted.append((col, line))
            return original(col, line, mark, base, width)

        view.painter._draw = counting
        await pilot.press("j")
        await pilot.pause()
        height = view.scrollable_content_region.height
        assert 0 < len(painted) < height * len(BRIDGE) / 2


@pytest.mark.parametrize("label", [_fold_label, _hidden_label])
def test_fold_and_off_screen_labels_fit_the_narrowest_column(label):
    for count in (1, 2, 999):
        assert cell_len(label(count)) <= MIN_COLUMN_WIDTH - GUTTER, label(count)
