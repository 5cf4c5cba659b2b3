"""Start-up: what the first screen costs and shows (one layout, one stylesheet pass, the key bar)."""

from __future__ import annotations

from textual.app import App
from textual.color import Color
from textual.screen import Screen

import reader.ui.views as views_module
from reader.ui.widgets.keys import KeyBar

from .conftest import make_app

SIZE = (120, 36)


async def test_the_first_frame_shows_the_text_and_the_columns_are_laid_out_once(monkeypatch, bridge):
    """Laid out for the screen's width before the first frame, so that frame has the text and
    the resize that follows costs nothing."""
    calls: list[int] = []
    real = views_module.build_aligned

    def counting(comparison, width, *args, **kwargs):
        calls.append(width)
        return real(comparison, width, *args, **kwargs)

    monkeypatch.setattr(views_module, "build_aligned", counting)
    frames: list[bool] = []
    paint = Screen._compositor_refresh

    def noting_paint(screen: Screen) -> None:
        frames.append(bool(app.view.docs))
        paint(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", noting_paint)
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert frames and frames[0], "the first frame was painted before the columns had text"
        assert len(calls) == 1, f"laid out {len(calls)} times, for widths {calls}"
        assert app.view._layout_key[0] == app.view.scrollable_content_region.width


async def test_the_chosen_theme_costs_no_second_stylesheet_pass(monkeypatch, bridge):
    passes: list[bool] = []
    real = App.refresh_css

    def counting(self, animate: bool = True) -> None:
        passes.append(animate)
        real(self, animate)

    monkeypatch.setattr(App, "refresh_css", counting)
    app = make_app(bridge, theme="reader-light")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert passes == []
        assert app.theme == "reader-light" and app.has_class("-light-mode", "-theme-reader-light")
        assert not app.has_class("-dark-mode")
        light = app.get_theme("reader-light")
        assert app.view.styles.background == Color.parse(light.background)
        assert app.get_css_variables()["reader-cursor"] == light.variables["reader-cursor"]


async def test_the_key_bar_lists_the_focused_keys_and_a_click_presses_one(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        line = str(bar.render())
        for hint in ("j Next", "n Diff", "v View", "/ Search", "? Help", "q Quit"):
            assert hint in line
        assert line.rstrip().endswith("palette"), "the palette key sits at the right end"
        assert "Prev diff" not in line, "bindings with show=False stay out of the bar"
        start = line.index("v View")
        await pilot.click(KeyBar, offset=(start + 2, 0))
        assert app.view.view == "reading"


async def test_the_key_bar_fits_a_narrow_terminal(bridge):
    app = make_app(bridge)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        line = str(app.query_one(KeyBar).render())
        assert len(line) <= 60
        assert "j Next" in line and line.rstrip().endswith("palette")


async def test_the_search_field_is_made_on_first_use(bridge):
    app = make_app(bridge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.query("#search"), "no search field before / is pressed"
        await pilot.press("slash")
        await pilot.pause()
        field = app.query_one("#search")
        assert field.display and field.has_focus
        await pilot.press("escape")
        assert not field.display and app.view.has_focus
