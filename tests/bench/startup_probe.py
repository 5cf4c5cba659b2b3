"""Start one app headless and report when its first screen with content is painted.

    python tests/bench/startup_probe.py bare|reader

Used by bench_app.py in two ways: imported, to time both apps in-process (imports
already done), and as a child process, to time the whole start of a command (the
interpreter, the imports, the app) the same way for both apps. The child prints
one line, `painted`, right after the painted frame, then exits.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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


def reader_app():
    """The reader on the bundled corpus, built as the command line builds it (engine in its worker)."""
    from reader.core.load import load_sources
    from reader.ui.app import ReaderApp

    app = ReaderApp(load_sources([str(CORPUS)]), user_theme_dir=NO_USER_THEMES)
    return app, lambda: app.comparison is not None and bool(app.view.docs) and app.view.region.area > 0


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


def main(which: str) -> None:
    app, has_content = bare_app() if which == "bare" else reader_app()

    def painted(_when: float) -> None:
        sys.stdout.write("painted\n")
        sys.stdout.flush()
        app.exit()

    watch_first_content(has_content, painted)
    app.run(headless=True, size=SIZE)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1])
