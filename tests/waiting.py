"""Wait for a state, never for a fixed time: a busy machine makes every fixed pause too short."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

# Generous on purpose: a passing test returns as soon as its state holds; only a broken one waits this long.
STATE_TIMEOUT_S = 30.0


async def wait_until(pilot: Pilot, holds: Callable[[], object], what: str, timeout: float = STATE_TIMEOUT_S) -> None:
    """Let the app run until `holds()` is true; fail naming `what` if it never is."""
    deadline = time.monotonic() + timeout
    while not holds():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        await pilot.pause()


def holds_within(check: Callable[[], object], seconds: float) -> bool:
    """Whether `check()` comes true within `seconds`, asked every tenth of a second (outside an app)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False
