"""Starting the app from the command line: load, start the engine, and only then import the interface.

Bad input raises `InputError` before any terminal state is touched, so the CLI can print it. A long
comparison's process is forked as soon as the versions are loaded (building.py), before Textual
is imported: the engine's own imports and its work overlap the interface's start.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.core import InputError, load_sources
from reader.ui.building import EngineRun

if TYPE_CHECKING:
    from reader.core import Correction, Source


def run_app(
    paths: list[str],
    base: int = 0,
    theme: str | None = None,
    corrections: Sequence[Correction] = (),
    view: str | None = None,
    warnings: Sequence[str] = (),
    strict_theme: bool = True,
    cosmetic: bool | None = None,
    sources: Sequence[Source] | None = None,
) -> int:
    """Load the versions (raising InputError on bad input), then read them in the app.
    A theme that is not strict (config.toml's) falls back to the default with a warning instead.

    The cyclic garbage collector is off until the app's first frame (the app turns it back on, see
    ReaderApp._after_first_frame): starting makes some 50,000 objects that live on and little garbage,
    and the collector's passes over them took about a tenth of the time to the first frame."""
    gc.disable()
    engine: EngineRun | None = None
    try:
        sources = list(sources) if sources is not None else load_sources(paths)  # given: a history's versions
        if not 0 <= base < len(sources):
            raise InputError(f"--base {base + 1}: there are {len(sources)} versions")
        engine = EngineRun(sources, base)
        if engine.long:  # else the app starts it after its first frame
            engine.start()
        from reader.ui.app import ReaderApp

        app = ReaderApp(
            sources,
            base=base,
            theme=theme,
            corrections=corrections,
            view=view,
            warnings=warnings,
            cosmetic=cosmetic,
            engine=engine,
        )
        if strict_theme and theme is not None and theme not in app.available_themes:
            names = ", ".join(sorted(n for n in app.available_themes if n.startswith("reader-")))
            why = app.skipped_themes.get(theme)
            if why is not None:
                raise InputError(f"--theme {theme}: its file was skipped: {why}")
            raise InputError(f"--theme {theme}: no such theme (try {names})")
        app.run()
        return app.return_code or 0
    finally:
        if engine is not None:
            engine.cancel()  # closed before the comparison came: its process is killed, not waited for
        gc.enable()
