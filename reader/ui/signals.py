"""SIGTERM and SIGHUP end the app as `q` does, so the terminal is given back as it was found.

Their default action ends the process on the spot, leaving the terminal raw (no echo), in the
alternate screen, with mouse tracking on. Handled on the app's event loop instead, they ask the app
to exit: Textual's driver then restores all three. Should the exit not come within GRACE_S (a
terminal that went away with SIGHUP can block a write), the terminal is restored here, with the
settings the driver saved, and the process ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
GRACE_S = 3.0
# What Textual's driver turns on, turned off: mouse tracking (all its modes), bracketed paste, the
# alternate screen; and the cursor shown again.
RESET_SEQUENCES = "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?1049l\x1b[?25h"


def end_on_signals(app: App) -> None:
    """From now on, SIGTERM and SIGHUP exit `app` with status 128 + the signal's number."""
    loop = asyncio.get_running_loop()
    for sig in ENDING_SIGNALS:
        loop.add_signal_handler(sig, _ending, app, sig)


def stop_ending_on_signals() -> None:
    """The default actions back (the app is closing, or a test's loop goes on without it)."""
    with contextlib.suppress(RuntimeError):
        loop = asyncio.get_running_loop()
        for sig in ENDING_SIGNALS:
            loop.remove_signal_handler(sig)


def _ending(app: App, sig: int) -> None:
    app.exit(return_code=128 + sig)
    attrs = getattr(app._driver, "attrs_before", None)  # the terminal's settings before the app began
    timer = threading.Timer(GRACE_S, _restore_and_leave, (attrs, 128 + sig))
    timer.daemon = True
    timer.start()


def _restore_and_leave(attrs: list | None, status: int) -> None:
    """The app did not end in time: give the terminal back ourselves (in a thread of its own, since
    a write to a terminal that went away can block too) and end the process."""
    restoring = threading.Thread(target=_restore, args=(attrs,), daemon=True)
    restoring.start()
    restoring.join(1.0)
    os._exit(status)


def _restore(attrs: list | None) -> None:
    with contextlib.suppress(Exception):
        fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else 1
        if attrs is not None:
            import termios

            termios.tcsetattr(fd, termios.TCSANOW, attrs)
        os.write(fd, RESET_SEQUENCES.encode())
