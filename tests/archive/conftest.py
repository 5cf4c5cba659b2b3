"""The archive's tests: each with its own empty data folder (XDG_DATA_HOME), never the user's."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.archive.store import Archive, archive_path
from reader.cli import main
from tests.archive.live_server import LiveServer, serving


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC: the times a test reads do not depend on the machine's zone."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def server() -> Iterator[LiveServer]:
    with serving() as srv:
        yield srv


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """The real command line in this process: argv in, (exit status, stdout, stderr) out."""

    def _run(*args: str) -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


_STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def no_process_left() -> Iterator[None]:
    """A test that fails while a watcher runs must not leave the watcher running."""
    yield
    while _STARTED:
        process = _STARTED.pop()
        if process.poll() is None:
            process.kill()
            process.communicate()


def reader_process(*args: str, **kwargs) -> subprocess.Popen[str]:  # noqa: ANN003
    """The `reader` command in a process of its own, with this test's XDG_DATA_HOME (killed after the test)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "READER_DEBUG": ""},
        **kwargs,
    )
    _STARTED.append(process)
    return process


def stored(url: str) -> list[str]:
    """The texts of `url`'s versions, in fetch order, read as `reader history` reads them."""
    with Archive.open(archive_path(), read_only=True) as archive:
        return [v.copy.text for v in archive.versions(url)]
