"""Run the real command line in-process: argv in, (exit status, stdout, stderr) out."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.cli import main

FIRST = """Talks resume in Geneva

Negotiators met on Tuesday in Geneva for a third round of talks, officials said. The delegations agreed \
to exchange 12 prisoners each.

A further meeting is planned for next month.
"""
SECOND = """Talks resume in Geneva

Negotiators met on Tuesday in Geneva for a third round of talks, officials said. The delegations agreed \
to exchange 15 prisoners each, according to the ministry.

A further meeting is planned for next month.
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)

    def isatty(self) -> bool:
        return False


@pytest.fixture
def run(capsys, monkeypatch):
    def _run(*args: str, stdin: bytes = b"") -> Result:
        monkeypatch.setattr(sys, "stdin", _Stdin(stdin))
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's own errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def story(tmp_path: Path) -> tuple[Path, Path]:
    """Two small versions of one story, as UTF-8 files."""
    a, b = tmp_path / "1-first.txt", tmp_path / "2-second.txt"
    a.write_text(FIRST, encoding="utf-8")
    b.write_text(SECOND, encoding="utf-8")
    return a, b
