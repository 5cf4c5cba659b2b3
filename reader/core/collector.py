"""The garbage collector paused while a comparison is built or written.

Its own module, so the JSON report and the app can pause it without loading the engine.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """A comparison (and a report of it) makes many small objects and no reference cycles: the
    cyclic garbage collector's passes over them would make the time grow faster than the input."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
