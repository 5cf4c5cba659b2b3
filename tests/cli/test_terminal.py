"""The real command in a real terminal (tmux), as a person runs it: piped text into the app, bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.waiting import holds_within

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10).stdout


def _wait_for(check, seconds: float = 15.0) -> bool:
    return holds_within(check, seconds)


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


@pytest.mark.parametrize("sig", ["TERM", "HUP"])
def test_the_terminal_is_restored_after_a_signal(terminal, tmp_path: Path, sig: str):
    """Killed by SIGTERM or SIGHUP, the app gives the terminal back: echo and line editing on, the
    alternate screen left, mouse tracking off (what tmux and `stty` say once it has gone)."""
    start, screen, _send, rc = terminal
    (tmp_path / "a.txt").write_text("Harbour news\n\nOfficials counted 120 boats at the pier on Monday.\n")
    (tmp_path / "b.txt").write_text("Harbour news\n\nOfficials counted 150 boats at the pier on Monday.\n")
    pid, modes, pane = tmp_path / "pid", tmp_path / "stty", tmp_path / "pane"
    app = f"echo $TMUX_PANE > {pane}; sh -c 'echo $$ > {pid}; exec {_reader()} a.txt b.txt'"
    start(f"{app}; status=$?; stty -a > {modes}; (exit $status)")
    assert _wait_for(lambda: "150 boats" in screen()), screen()
    here = pane.read_text().strip()  # this test's pane: other tests may have sessions of their own
    flags = "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_standard_flag}"
    assert _wait_for(lambda: _tmux("display", "-p", "-t", here, flags).split()[:2] == ["1", "1"])  # the app's
    subprocess.run(["kill", f"-{sig}", pid.read_text().strip()], check=True)
    assert _wait_for(rc.exists, 30), screen()
    number = {"TERM": 15, "HUP": 1}[sig]
    assert rc.read_text().strip() == str(128 + number), (rc.read_text(), screen())
    assert _wait_for(modes.exists)
    settings = modes.read_text().split()
    assert "echo" in settings and "icanon" in settings and "-echo" not in settings, settings
    assert _tmux("display", "-p", "-t", here, flags).split() == ["0", "0", "0", "0"]


def test_a_stalled_exit_still_gives_the_terminal_back():
    """If the app does not leave within the grace time, signals.py restores the terminal itself and
    ends the process: in a pseudo-terminal left raw, in the alternate screen, with mouse tracking on."""
    import os
    import pty
    import termios

    code = (
        "import sys, termios, tty\n"
        "from reader.ui.signals import _restore_and_leave\n"
        "before = termios.tcgetattr(1)\n"
        "tty.setraw(1)\n"
        "sys.stdout.write('\\x1b[?1049h\\x1b[?1000h\\x1b[?1003h'); sys.stdout.flush()\n"
        "_restore_and_leave(before, 143)\n"
    )
    pid, master = pty.fork()
    if pid == 0:  # the child: a stand-in for an app whose exit never comes
        os.execv(sys.executable, [sys.executable, "-c", code])
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 143
    assert seen.index(b"\x1b[?1049l") > seen.index(b"\x1b[?1049h")
    assert b"\x1b[?1000l" in seen and b"\x1b[?1003l" in seen
    modes = termios.tcgetattr(master)
    assert modes[3] & termios.ECHO and modes[3] & termios.ICANON  # lflag: echo and line editing back
    os.close(master)
