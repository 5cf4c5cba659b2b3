"""The text first, the marks when the comparison is ready: the engine runs in its own process, held here by a gate.

The gate is a file the engine waits for (the engine's process is forked, so it inherits the patched
`build`; where the app does not fork, the same patch holds the engine's thread).
"""

from __future__ import annotations

import dataclasses
import gc
import io
import os
import pickle
import signal
import time
from pathlib import Path

import pytest
from textual.screen import Screen

import reader.core.pipeline as pipeline
import reader.ui.building as building
from reader.core import compare_versions
from reader.core.input.load import Source
from reader.core.text.segment import segment
from reader.ui.app import ReaderApp
from reader.ui.building import EngineRun, forks
from reader.ui.layout import build_aligned
from reader.ui.transfer import pickled, receive
from reader.ui.widgets.headers import ColumnHeaders
from tests.waiting import wait_until

from .conftest import BRIDGE, NO_USER_THEMES, long_story, make_app

SIZE = (120, 36)
TEXTS = [long_story(60, v) for v in range(3)]


@pytest.fixture
def gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file whose creation lets the engine finish; until then the comparison is not ready."""
    opened = tmp_path / "open"
    real = pipeline.build

    def gated(*args, **kwargs):
        while not opened.exists():
            time.sleep(0.005)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build", gated)
    return opened


def screen_row(view, col: int, seg: int) -> int:
    """The row of the screen where sentence `seg` of column `col` starts."""
    return view.docs[col].first_line[seg] - view.deltas[col] - round(view.scroll_y)


async def test_the_text_shows_before_the_comparison_and_its_marks_come_with_the_cursor_where_it_was(gate):
    app = make_app(texts=TEXTS)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await wait_until(pilot, lambda: bool(view.docs), "the text laid out")
        await pilot.pause()
        assert app.comparison is None, "the gate is closed: the engine cannot have finished"
        first = view.render_line(0).text
        assert "Sentence 0 tells the harbour story" in first, "the text is on screen before the comparison"
        assert first.startswith("▌ "), "the cursor, and no status glyph: the claims are not known yet"
        assert not view.loading
        assert view.view == "reading" and view.text_view.name == "reading"
        assert "marks follow" in str(app.query_one("#status").render())
        for key in ("j",) * 7 + ("l",):  # reading goes on meanwhile, to a sentence that differs by version
            await pilot.press(key)
        await pilot.press("n", "m", "v", "b")  # these need the comparison: nothing happens
        col, seg = view.col, view.seg
        row = screen_row(view, col, seg)
        assert (col, seg) == (1, 7) and row > 0
        assert app.tables.display is False and app.comparison is None

        gate.touch()
        await wait_until(pilot, lambda: app.ready, "the comparison shown")
        assert (view.col, view.seg) == (col, seg), "the cursor stays on the sentence read meanwhile"
        assert view.view == "aligned", "then the view asked for (the default: aligned)"
        assert screen_row(view, col, seg) == row, "and on its row of the screen"
        line = view.render_line(row).text.split("│")
        assert line[col].startswith("▌!"), "the status glyph came with the marks"
        assert line[0].startswith("▷!"), "and the counterpart stands level with it"
        assert "of 3" in str(app.query_one("#status").render())


async def test_the_headers_follow_the_columns_while_the_comparison_is_built(gate):
    app = make_app(texts=TEXTS)
    async with app.run_test(size=(70, 24)) as pilot:  # two columns fit: the third is paged in
        view = app.view
        await wait_until(pilot, lambda: bool(view.docs), "the text laid out")
        await pilot.press("l", "l")
        assert view.col == 2 and view.visible_columns == range(1, 3)
        top = str(app.query_one(ColumnHeaders).render()).split("\n")[0]
        assert top.startswith("◀ 2 v2.txt") and "3 v3.txt" in top
        gate.touch()
        await wait_until(pilot, lambda: app.ready, "the comparison shown")
        assert view.col == 2


async def test_closing_kills_the_engine_and_does_not_wait_for_it(gate):
    app = make_app(texts=TEXTS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(app.view.docs), "the text laid out")
        engine = app._engine
        assert engine is not None
    assert engine.cancelled
    if forks():
        status = engine.exit_status
        assert status is not None and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert app.comparison is None


def test_an_engine_that_fails_says_so(monkeypatch):
    def failing(*args, **kwargs):
        raise ValueError("no sentences to compare")

    monkeypatch.setattr(pipeline, "build", failing)
    run = EngineRun(make_app(texts=TEXTS).sources, 0)
    run.start()
    with pytest.raises(Exception, match="no sentences to compare") as raised:
        run.result()
    assert type(raised.value).__name__ == "BuildFailed"


async def test_an_app_whose_comparison_failed_exits_non_zero(monkeypatch):
    def failing(*args, **kwargs):
        raise ValueError("no sentences to compare")

    monkeypatch.setattr(pipeline, "build", failing)
    app = make_app(texts=TEXTS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.return_code is not None, "the app to give up")
    assert app.return_code == 1


@pytest.mark.skipif(not forks(), reason="the engine runs in a process on Linux only")
def test_the_comparison_comes_back_whole_from_the_engines_process():
    sources = make_app(texts=TEXTS).sources
    here = EngineRun(sources, 1, in_process=False).result()
    run = EngineRun(sources, 1)
    run.start()
    there = run.result()
    assert there == here and there.base == 1


@pytest.mark.skipif(not forks(), reason="the engine runs in a process on Linux only")
async def test_a_short_comparison_starts_once_the_text_is_on_screen_a_long_one_at_once(monkeypatch):
    sources = make_app(texts=TEXTS).sources
    engine = EngineRun(sources, 0)
    assert not engine.long and not engine.started
    app = ReaderApp(sources, user_theme_dir=NO_USER_THEMES, engine=engine)
    started_at_first_text: list[bool] = []
    paint = Screen._compositor_refresh

    def noting_paint(screen: Screen) -> None:
        paint(screen)
        if app.view.docs and not started_at_first_text:
            started_at_first_text.append(engine.started)

    monkeypatch.setattr(Screen, "_compositor_refresh", noting_paint)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.ready, "the comparison shown")
    assert started_at_first_text == [False], "the engine waited for the first frame with the text"
    assert engine.pid is not None
    assert EngineRun([Source("long.txt", "A sentence of a long story. " * 8000)], 0).long


def test_the_engine_sends_the_comparison_as_it_is_with_its_frozen_dataclasses_made_by_their_constructor(harbour):
    back = pickle.loads(pickled(harbour))
    assert back == harbour and back.changes and back.articles[0].segments == harbour.articles[0].segments
    assert type(back.changes[0]) is type(harbour.changes[0])


def test_the_articles_the_app_holds_are_sent_by_number_and_read_back_as_its_own():
    sources = [Source(f"v{i + 1}.txt", t) for i, t in enumerate(TEXTS)]
    comparison = compare_versions(sources)
    data = pickled(comparison, sources)
    assert len(data) < len(pickled(comparison)) - sum(len(t) for t in TEXTS), "the texts are not in it"
    back = receive(io.BytesIO(data), sources)
    assert back == comparison
    for article, source in zip(back.articles, sources, strict=True):
        assert article.text is source.text and article.segments is segment(source.text).segments
    with pytest.raises(pickle.UnpicklingError, match="the app's own"):
        pickle.loads(data)  # only the app, which holds the texts, can read it


@dataclasses.dataclass(frozen=True, slots=True)
class _Counted:
    value: int
    twice: int = dataclasses.field(init=False, default=0)


def test_a_frozen_dataclass_its_constructor_cannot_rebuild_is_pickled_the_usual_way():
    item = _Counted(3)
    object.__setattr__(item, "twice", 6)
    back = pickle.loads(pickled([item, item]))
    assert back == [item, item] and back[0].twice == 6 and back[0] is back[1]


async def test_the_collector_comes_back_on_after_the_first_frame():
    gc.disable()  # as launch.run_app leaves it while the app starts
    try:
        app = make_app(texts=TEXTS)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: bool(app.view.docs) and gc.isenabled(), "the text, then the collector on")
    finally:
        gc.enable()


async def test_the_sentences_are_wrapped_for_the_aligned_view_while_the_comparison_is_built(gate):
    app = make_app(texts=TEXTS)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        sentences = sum(len(a.segments) for a in view.articles)
        await wait_until(pilot, lambda: view._wrapper is not None and len(view._wrapper._cache) == sentences, "wrapped")
        wrapper = view._wrapper
        assert app.comparison is None
        gate.touch()
        await wait_until(pilot, lambda: app.ready, "the comparison shown")
        assert view._wrapper is wrapper, "the comparison's layout used the wrapping done meanwhile"
        assert wrapper.articles is app.comparison.articles


async def test_a_new_base_keeps_the_wrapping_and_lays_out_its_own_claims():
    app = make_app(texts=BRIDGE)  # the third version tells the critics first: its claims come in another order
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await wait_until(pilot, lambda: app.ready, "the comparison shown")
        wrapper, before = view._wrapper, app.comparison
        await pilot.press("l", "l", "b")
        await wait_until(pilot, lambda: app.ready and app.comparison.base == 2, "rebased")
        assert view._wrapper is wrapper, "the same sentences: their wrapping serves"
        assert [c.members for c in app.comparison.claims] != [c.members for c in before.claims]
        fresh = build_aligned(app.comparison, wrapper.width, view.fold)
        assert [d.lines for d in view.docs] == [d.lines for d in fresh], "laid out as the new claims say"


async def test_the_tables_are_made_after_the_marks_not_for_the_first_frame(gate):
    app = make_app(texts=TEXTS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(app.view.docs), "the text laid out")
        await pilot.pause()
        assert app._tables is None and not app.tables_shown and not app.query("#tables")
        gate.touch()
        await wait_until(pilot, lambda: app.ready and app._tables is not None, "the marks, then the tables")
        assert not app.tables_shown
        await pilot.press("m")
        await wait_until(pilot, lambda: app.tables_shown and app.view_name == "claims", "the claims table")


async def test_an_engine_in_a_thread_works_with_the_collector_off_until_its_comparison_is_shown(gate, monkeypatch):
    monkeypatch.setattr(building, "forks", lambda: False)  # as where the app cannot fork
    gc.disable()  # as launch.run_app leaves it while the app starts
    try:
        app = make_app(texts=TEXTS)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: bool(app.view.docs), "the text laid out")
            await pilot.pause()
            assert app.comparison is None and not gc.isenabled(), "the engine's thread works with it off"
            gate.touch()
            await wait_until(pilot, lambda: app.ready and gc.isenabled(), "the comparison shown, the collector on")
    finally:
        gate.touch()  # a thread cannot be killed: a failed assertion must not leave it waiting at the gate
        gc.enable()
