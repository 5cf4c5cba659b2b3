"""The comparison built in a child process, so that the engine never competes with the interface for the interpreter.

The engine is pure Python for the most part: in a thread of the app it holds the interpreter lock
while the interface waits for it, and each frame the interface draws slows the engine in turn
(tests/bench/bench_app.py measures both ways). On Linux the app forks a child as soon as it
starts: the child inherits the loaded versions, imports the engine while the parent draws the
first screen, and sends the finished `Comparison` back pickled. Elsewhere (no fork, or macOS,
where forking a process that may hold threads is unsafe) the engine runs in the waiting thread,
as before. Closing the app kills the child: nothing is left behind and nothing is waited for.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from reader.core.load import Source
    from reader.core.model import Comparison


class BuildFailed(Exception):
    """The engine raised: the message is the engine's own."""


class BuildCancelled(Exception):
    """The build was cancelled (a newer one replaced it, or the app is closing)."""


def forks() -> bool:
    """Whether builds run in a forked child: Linux only (fork is the default and safe there)."""
    return sys.platform.startswith("linux")


class EngineRun:
    """One comparison being built: started at construction, waited for with `result()`, stopped with `cancel()`."""

    def __init__(self, sources: Sequence[Source], base: int, in_process: bool | None = None) -> None:
        self.sources = list(sources)
        self.base = base
        self.cancelled = False
        self._process: BaseProcess | None = None
        self._receive: Connection | None = None
        if forks() if in_process is None else in_process:
            self._fork()

    def _fork(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(
            target=_child, args=(self.sources, self.base, send), daemon=True, name="reader-engine"
        )
        process.start()
        send.close()  # the child holds the only writing end: its death ends our read
        self._process, self._receive = process, receive

    @property
    def pid(self) -> int | None:
        """The child's process id (None when the engine runs in this process)."""
        return None if self._process is None else self._process.pid

    def result(self) -> Comparison:
        """The finished comparison (blocks: call it from a worker thread).

        Raises BuildFailed with the engine's message, or BuildCancelled after `cancel()`."""
        if self._receive is None:
            return _compare(self.sources, self.base)
        try:
            payload = self._receive.recv_bytes()  # the read releases the interpreter lock while it waits
        except (EOFError, OSError):
            if self.cancelled:
                raise BuildCancelled from None
            raise BuildFailed(f"the engine process ended without a result (exit {self._exit_code()})") from None
        finally:
            self._receive.close()
        from reader.core.compare import collector_paused

        with collector_paused():  # a large model is many small objects and no cycles
            outcome, value = pickle.loads(payload)
        self._reap()
        if outcome == "error":
            raise BuildFailed(value)
        return value

    def cancel(self) -> None:
        """Stop the build now: kill the child (never wait for it to finish its work)."""
        self.cancelled = True
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        self._reap()

    def _reap(self) -> None:
        if self._process is not None:
            self._process.join(timeout=1)

    def _exit_code(self) -> int | None:
        self._reap()
        return None if self._process is None else self._process.exitcode


def _compare(sources: Sequence[Source], base: int) -> Comparison:
    from reader.core import compare_versions

    try:
        return compare_versions(sources, base)
    except Exception as exc:  # the engine failed: the app says so in one line
        raise BuildFailed(str(exc)) from exc


def _child(sources: Sequence[Source], base: int, send: Connection) -> None:
    """In the forked child: build, send (the outcome, the comparison or the message) pickled, and end."""
    _quiet()
    _die_with_parent()
    try:
        payload = pickle.dumps(("ok", _compare(sources, base)), protocol=pickle.HIGHEST_PROTOCOL)
    except BuildFailed as exc:
        payload = pickle.dumps(("error", str(exc)))
    with contextlib.suppress(OSError):  # the app closed meanwhile: nobody to tell
        send.send_bytes(payload)


def _quiet() -> None:
    """The child shares the app's terminal: anything it printed would scribble over the screen."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _die_with_parent() -> None:
    """If the app is killed outright (no chance to cancel), the kernel ends the child too (Linux's prctl)."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
