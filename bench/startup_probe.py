"""The apps bench_app.py times in-process (imports already done), and how it sees their first content painted.

Whole commands (the interpreter, the imports, the app in a terminal) are watched by first_frame.py instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "prisoner-exchange"
NO_USER_THEMES = ROOT / "no-such-folder"
SIZE = (120, 36)


def bare_app():
    """A Textual app with one Static: what any Textual program pays to start."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    app = BareApp()
    return app, lambda: bool(app.query(Static)) and app.query_one(Static).region.area > 0


def reader_app(paths: list[str] | None = None):
    """The reader on the bundled corpus (or `paths`), built as the command line builds it (engine in the
    background). Content: the comparison on screen."""
    app = reader_on(paths)
    return app, lambda: app.comparison is not None and bool(app.view.docs) and app.view.region.area > 0


def reader_text(paths: list[str] | None = None):
    """The same, content: the versions' text on screen (the comparison may still be coming)."""
    app = reader_on(paths)
    return app, lambda: bool(app.view.docs) and app.view.region.area > 0


def reader_on(paths: list[str] | None):
    """As launch.run_app starts it: the versions loaded, the engine started, then the app imported."""
    from reader.core.input.load import load_sources
    from reader.ui.building import EngineRun

    sources = load_sources(paths or [str(CORPUS)])
    engine = EngineRun(sources, 0)
    if engine.long:
        engine.start()
    from reader.ui.app import ReaderApp

    return ReaderApp(sources, user_theme_dir=NO_USER_THEMES, engine=engine)


def watch_first_content(has_content: Callable[[], bool], then: Callable[[float], None]) -> Callable[[], None]:
    """Call `then(time)` after the first frame painted while `has_content()` held (checked before
    painting). Patches every screen's paint, so it sees the first frame too; returns the undo."""
    from textual.screen import Screen

    paint = Screen._compositor_refresh
    done = False

    def timed_paint(screen: Screen) -> None:
        nonlocal done
        ready = not done and has_content()
        paint(screen)
        if ready:
            done = True
            then(time.perf_counter())

    Screen._compositor_refresh = timed_paint

    def undo() -> None:
        Screen._compositor_refresh = paint

    return undo
