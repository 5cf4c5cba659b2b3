"""Progress on standard error: shown on a terminal, silent otherwise; and the size limits."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

from reader.cli import Progress
from reader.core.input import load


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_rewrites_one_line_on_a_terminal_and_clears_it():
    term = _Terminal()
    progress = Progress(term)
    progress("reading 1 of 2")
    progress("aligning")
    progress.done()
    assert term.getvalue() == "\r\x1b[Kreader: reading 1 of 2…\r\x1b[Kreader: aligning…\r\x1b[K"


def test_progress_is_silent_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream)
    progress("aligning")
    progress.done()
    assert stream.getvalue() == ""


def test_quiet_run_when_stderr_is_a_pipe(run, story, tmp_path):
    result = run(*story, "--format", "markdown", "-o", tmp_path / "r.md")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_real_process_shows_stages_on_a_terminal(story, tmp_path):
    leader, follower = pty.openpty()
    try:
        command = [sys.executable, "-m", "reader", *map(str, story), "--format", "json", "-o", tmp_path / "r.json"]
        done = subprocess.run(command, stderr=follower, stdout=subprocess.PIPE, timeout=60)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0 and done.stdout == b""
    text = shown.decode()
    for stage in ("reading 1 of 2", "segmenting", "aligning", "comparing", "writing the report"):
        assert f"reader: {stage}…" in text, text
    assert text.endswith("\r\x1b[K")  # the line is cleared at the end


def test_text_too_long_to_compare(run, story, tmp_path, monkeypatch):
    monkeypatch.setattr(load, "MAX_TEXT_CHARS", 240)  # the story's versions are shorter
    long = tmp_path / "long.txt"
    long.write_text("A sentence that goes on. " * 10)
    result = run(story[0], long, "--format", "json")
    assert result.code == 2
    assert result.err == f"reader: {long}: too long to compare (250 characters of text; the limit is 240)\n"
