"""Imported first by a command the app benchmark starts in a terminal (a pty): says when its frames show content.

    python -c "import first_frame; first_frame.bare()"                        # a bare Textual app (one Static)
    python -c "import first_frame, sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))" PATH...

The command runs as a user runs it (the real driver, on a terminal); this module only watches: once
Textual's screen module is imported, every frame painted is checked, and a line is written to the
file descriptor FIRST_FRAME_FD: `painted` (the bare app's Static), `text` (the reader's versions),
`marks` (the reader's comparison), after which the app is closed. FIRST_FRAME_THREAD=1 runs the
reader's engine in a thread instead of its own process. It imports nothing heavy itself (sys, os), so
the command's own start is what is timed.
"""

from __future__ import annotations

import os
import sys

_OUT = int(os.environ.get("FIRST_FRAME_FD", "1"))


def _say(line: str) -> None:
    os.write(_OUT, (line + "\n").encode())


def _watch_screen(module) -> None:
    paint = module.Screen._compositor_refresh
    said: set[str] = set()

    def watched(screen) -> None:
        app = screen.app
        seen = _content(app)
        paint(screen)
        for line in seen:
            if line not in said:
                said.add(line)
                _say(line)
                if line in ("painted", "marks"):
                    app.exit()

    module.Screen._compositor_refresh = watched


def _content(app) -> list[str]:
    """What the frame about to be painted shows (checked before painting, as the frame is drawn from it)."""
    view = app.query("#columns")
    if view:
        columns = view.first()
        if not (columns.docs and columns.region.area > 0):
            return []
        return ["text", "marks"] if getattr(app, "comparison", None) is not None else ["text"]
    static = app.query("Static")
    return ["painted"] if static and static.first().region.area > 0 else []


def _engine_in_a_thread(module) -> None:
    if os.environ.get("FIRST_FRAME_THREAD"):
        module.forks = lambda: False


_AFTER_IMPORT = {"textual.screen": _watch_screen, "reader.ui.building": _engine_in_a_thread}


class _Watcher:
    """A meta path finder that lets the normal import run, then hands the new module to a watcher."""

    def find_spec(self, name: str, path=None, target=None):
        then = _AFTER_IMPORT.get(name)
        if then is None:
            return None
        sys.meta_path.remove(self)
        try:
            from importlib.util import find_spec

            spec = find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        run = loader.exec_module

        def exec_module(module) -> None:
            run(module)
            then(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


sys.meta_path.insert(0, _Watcher())


def bare() -> None:
    """The bare app: what any Textual program pays to start and show one Static."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    BareApp().run()
