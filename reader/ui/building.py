"""The comparison built in a child process, so that the engine never competes with the interface for the interpreter.

The engine is pure Python for the most part: in a thread of the app it holds the interpreter lock
while the interface waits for it, and each frame the interface draws slows the engine in turn
(bench/bench_app.py measures both ways). On Linux the app forks a child as soon as it
starts: the child inherits the loaded versions, imports the engine while the parent draws the
first screen, and sends the finished `Comparison` back pickled (transfer.py). Elsewhere (no fork, or macOS,
where forking a process that may hold threads is unsafe) the engine runs in the waiting thread,
as before. Closing the app kills the child: nothing is left behind and nothing is waited for.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.ui import transfer

if TYPE_CHECKING:
    from reader.core import Source
    from reader.model import Comparison


class BuildFailed(Exception):
    """The engine raised: the message is the engine's own."""


class BuildCancelled(Exception):
    """The build was cancelled (a newer one replaced it, or the app is closing)."""


EARLY_START_CHARS = 200_000  # characters of all versions (10 x 1,000 sentences: 1.36 MB; the corpus: 19 KB)


def forks() -> bool:
    """Whether builds run in a forked child: Linux only (fork is the default and safe there)."""
    return sys.platform.startswith("linux")


class EngineRun:
    """One comparison being built: `start()` it (from the main thread), wait for it with `result()` (from a
    worker thread), stop it with `cancel()`."""

    def __init__(self, sources: Sequence[Source], base: int, in_process: bool | None = None) -> None:
        self.sources = list(sources)
        self.base = base
        self.cancelled = False
        self.in_process = forks() if in_process is None else in_process
        self.pid: int | None = None  # the child's process id (None: not started, or run in this process)
        self.exit_status: int | None = None  # the child's, as os.waitpid gives it, once reaped
        self._receive: int | None = None

    @property
    def long(self) -> bool:
        """Long enough that starting before the interface pays: the engine outlasts the interface's start.

        A short one (the corpus: its engine takes about as long as the interface to start) is started after
        the first frame instead, so that on busy cores the two do not slow each other down."""
        return sum(len(s.text) for s in self.sources) >= EARLY_START_CHARS

    @property
    def started(self) -> bool:
        return self.pid is not None or not self.in_process

    def start(self) -> None:
        """Fork the child now (from the main thread: the child dies with the thread that forked it)."""
        if self.in_process and self.pid is None and not self.cancelled:
            self._fork()

    def _fork(self) -> None:
        """os.fork and a pipe, not multiprocessing: nothing more to import before the first frame."""
        receive, send = os.pipe()
        with warnings.catch_warnings():  # Python 3.12 warns of forking beside threads: the child only runs the engine
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child: build, send, and leave without running anything of the parent's
            status = 1
            try:
                os.close(receive)
                _child(self.sources, self.base, send)
                status = 0
            finally:
                os._exit(status)
        os.close(send)  # the child holds the only writing end: its death ends our read
        self.pid, self._receive = pid, receive

    def result(self) -> Comparison:
        """The finished comparison (blocks: call it from a worker thread).

        Raises BuildFailed with the engine's message, or BuildCancelled after `cancel()`."""
        if not self.in_process:
            return _compare(self.sources, self.base)
        if self._receive is None:
            raise BuildCancelled if self.cancelled else RuntimeError("result() before start()")
        from reader.core import collector_paused

        try:
            with os.fdopen(self._receive, "rb") as pipe:
                pipe.peek(1)  # waits for the first bytes (the wait releases the interpreter lock)
                with collector_paused():  # a large model is many small objects and no cycles
                    outcome, value = transfer.receive(pipe, self.sources)  # read as the child writes: they overlap
        except (EOFError, pickle.UnpicklingError, ValueError, TypeError) as exc:
            if self.cancelled:
                raise BuildCancelled from None
            raise BuildFailed(f"the engine process ended without a result (exit status {self._reap()})") from exc
        if self.cancelled:
            raise BuildCancelled
        self._reap()
        if outcome == "error":
            raise BuildFailed(value)
        return value

    def cancel(self) -> None:
        """Stop the build now: kill the child (never wait for it to finish its work)."""
        self.cancelled = True
        if self.pid is not None and self.exit_status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> int | None:
        if self.pid is not None and self.exit_status is None:
            with contextlib.suppress(ChildProcessError):
                self.exit_status = os.waitpid(self.pid, 0)[1]
        return self.exit_status


def _compare(sources: Sequence[Source], base: int) -> Comparison:
    from reader.core import compare_versions

    try:
        return compare_versions(sources, base)
    except Exception as exc:  # the engine failed: the app says so in one line
        raise BuildFailed(str(exc)) from exc


def _child(sources: Sequence[Source], base: int, send: int) -> None:
    """In the forked child: build, send (the outcome, the comparison or the message) pickled, and end."""
    _quiet()
    _die_with_parent()
    with contextlib.suppress(OSError), os.fdopen(send, "wb") as pipe:  # OSError: the app closed meanwhile
        try:
            comparison = _compare(sources, base)
        except BuildFailed as exc:
            pickle.dump(("error", str(exc)), pipe)
            return
        transfer.send(("ok", comparison), pipe, sources)  # the parent reads as it comes


def _quiet() -> None:
    """The child shares the app's terminal: anything it printed would scribble over the screen."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _die_with_parent() -> None:
    """If the app is killed outright (no chance to cancel), the kernel ends the child too (Linux's prctl)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
