"""The real command in a real terminal (tmux), as a person runs it: piped text into the app, bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10).stdout


def _wait_for(check, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def terminal(tmp_path):
    """Start a command in a detached 100x30 tmux session; yields (start, screen, rc file)."""
    name = f"reader-test-{uuid.uuid4().hex[:8]}"
    rc = tmp_path / "rc"

    def start(command: str) -> None:
        shell = f"cd {tmp_path} && {command}; echo $? > {rc}; sleep 30"
        _tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", shell)

    def screen() -> str:
        return _tmux("capture-pane", "-p", "-t", name)

    def send(*keys: str) -> None:
        _tmux("send-keys", "-t", name, *keys)

    yield start, screen, send, rc
    _tmux("kill-session", "-t", name)


def _reader() -> str:
    return f"{sys.executable} -m reader"


def test_piped_text_opens_in_the_app_and_q_quits(terminal, tmp_path: Path):
    start, screen, send, rc = terminal
    (tmp_path / "a.txt").write_text("Harbour news\n\nOfficials counted 120 boats at the pier on Monday.\n")
    (tmp_path / "b.txt").write_text("Harbour news\n\nOfficials counted 150 boats at the pier on Monday.\n")
    start(f"cat a.txt | {_reader()} - b.txt")
    assert _wait_for(lambda: "150 boats" in screen() and "120 boats" in screen()), screen()
    send("q")
    assert _wait_for(rc.exists), screen()
    assert rc.read_text().strip() == "0"


def test_bad_input_in_app_mode_is_one_line(terminal, tmp_path: Path):
    start, screen, _send, rc = terminal
    (tmp_path / "a.txt").write_text("Only one version. Nothing to compare.")
    start(f"{_reader()} a.txt missing.txt")
    assert _wait_for(rc.exists), screen()
    assert rc.read_text().strip() == "2"
    lines = [line for line in screen().splitlines() if line.strip()]
    assert lines == ["reader: missing.txt: no such file or directory"]
