"""The reader each browser tab runs: started in a process group of its own, ended with its tab.

textual-serve starts one process per websocket through a shell and, when the socket closes, asks
it to quit and waits for it for as long as it takes; a tab that stops reading blocks its app on a
full pipe, and the server's own end (SIGKILL, SIGHUP) leaves every app running. Here each app is
started without a shell, in a new session (its own process group, away from the server's
terminal), with the kernel asked to end it should the server die (Linux's PR_SET_PDEATHSIG);
when its tab goes, or a write to the tab does not go through within SEND_TIMEOUT_S, it is asked
to quit, then its group is ended (SIGTERM, then SIGKILL).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import shlex
import signal
import time
from collections.abc import Awaitable, Callable

from textual_serve.app_service import AppService

MAX_TABS = 4  # each tab is a reader of its own (some 80-200 MB)
QUIT_GRACE_S = 2.0  # for an app to leave when asked, before its group is ended
KILL_GRACE_S = 2.0  # between SIGTERM and SIGKILL
SEND_TIMEOUT_S = 30.0  # for a write to a tab: a tab that stops reading is closed
_PR_SET_PDEATHSIG = 1


def _death_signal() -> Callable[[], None] | None:
    """A preexec function that has the child killed when this process dies (Linux), resolved now:
    between fork and exec nothing may be imported."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    server = os.getpid()

    def die_with_server() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != server:  # the server died before the line above: end now
            os._exit(1)

    return die_with_server


class Tab(AppService):
    """One tab's reader, as textual-serve's AppService, with the process handling described above."""

    def __init__(self, command: str, on_stuck: Callable[[], Awaitable[None]], **kwargs) -> None:
        super().__init__(command, **kwargs)
        self._on_stuck = on_stuck

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
            preexec_fn=_death_signal(),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def on_data(self, payload: bytes) -> None:
        """The app's screen to the tab; a tab that does not take it within SEND_TIMEOUT_S is closed."""
        try:
            await asyncio.wait_for(self.remote_write_bytes(payload), SEND_TIMEOUT_S)
        except TimeoutError:
            await self._on_stuck()
            raise ConnectionResetError from None  # ends textual-serve's reading loop

    async def end(self) -> None:
        """Ask the app to quit; end its process group if it has not within QUIT_GRACE_S."""
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE_S)
        for sig, grace in ((None, QUIT_GRACE_S), (signal.SIGTERM, KILL_GRACE_S), (signal.SIGKILL, KILL_GRACE_S)):
            if sig is not None:
                end_group(process.pid, sig)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), grace)
                break
        end_group(process.pid, signal.SIGKILL)  # what the app started (its engine) goes with it
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)


def end_group(leader: int, sig: int) -> None:
    """Send `sig` to the process group `leader` heads (a tab's app and what it started), if any is left."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(leader, sig)


class Tabs:
    """The tabs open now: at most MAX_TABS, all ended with the server."""

    def __init__(self, limit: int = MAX_TABS) -> None:
        self.limit = limit
        self.open: set[Tab] = set()
        self.groups: set[int] = set()  # the process groups of the tabs not yet ended

    @property
    def full(self) -> bool:
        return len(self.open) >= self.limit

    def add(self, tab: Tab) -> None:
        """A tab counted against the limit (its reader not started yet)."""
        self.open.add(tab)

    def started(self, tab: Tab) -> None:
        """The tab's reader runs: its process group is ended with the server."""
        if tab.pid is not None:
            self.groups.add(tab.pid)

    async def close(self, tab: Tab) -> None:
        self.open.discard(tab)
        await tab.end()
        if tab.pid is not None:
            self.groups.discard(tab.pid)  # ended to the last process: its number may serve another group

    def end_all(self) -> None:
        """The server is stopping: every tab's group gets SIGTERM, KILL_GRACE_S to leave, then SIGKILL."""
        for leader in self.groups:
            end_group(leader, signal.SIGTERM)
        deadline = time.monotonic() + KILL_GRACE_S
        while time.monotonic() < deadline and any(_alive(leader) for leader in self.groups):
            time.sleep(0.05)
        for leader in self.groups:
            end_group(leader, signal.SIGKILL)
        self.groups.clear()


def _alive(leader: int) -> bool:
    """Whether the tab's app still runs (reaped by us if it has just ended)."""
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(leader, os.WNOHANG) != (0, 0):
            return False
    try:
        os.killpg(leader, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True
