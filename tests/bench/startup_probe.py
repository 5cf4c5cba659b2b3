"""Start one app headless and report when its first screen with content is painted.

    python tests/bench/startup_probe.py bare|reader [PATH...] [--thread]

Used by bench_app.py in two ways: imported, to time both apps in-process (imports
already done), and as a child process, to time the whole start of a command (the
interpreter, the imports, the app) the same way for both apps. The bare app's child
prints `painted` after its first frame with content; the reader's (on the corpus, or
on PATH...) prints `text` after the first frame with the versions' text, then `marks`
after the first frame with the comparison, then exits. `--thread`: the engine runs in
a thread of the app, as before it had a process of its own (to compare the two).
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
    from reader.core.load import load_sources
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


def main(which: str, paths: list[str]) -> None:
    if which == "bare":
        app, has_content = bare_app()

        def painted(_when: float) -> None:
            say("painted")
            app.exit()

        watch_first_content(has_content, painted)
        app.run(headless=True, size=SIZE)
        return
    app, has_marks = reader_app(paths)
    watch_first_content(lambda: bool(app.view.docs) and app.view.region.area > 0, lambda _when: say("text"))

    def marks(_when: float) -> None:
        say("marks")
        app.exit()

    watch_first_content(has_marks, marks)
    app.run(headless=True, size=SIZE)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if "--thread" in sys.argv:
        import reader.ui.building

        reader.ui.building.forks = lambda: False
    main(sys.argv[1], [a for a in sys.argv[2:] if not a.startswith("--")])
