"""Load: turn paths (files, directories, `-`) into decoded texts, kept exactly as read.

The only changes made to a text are the ones that make offsets portable:
a UTF-8 byte-order mark is dropped and CRLF / CR line ends become LF.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """Bad input: the message is one line, meant for the user as it is."""


@dataclass(frozen=True)
class Source:
    """One loaded version: where it came from and its decoded text."""

    path: str
    text: str
    encoding: str = "utf-8"


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not); refuse binary data."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: looks like a binary file (it holds NUL bytes)")
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (bad byte at offset {exc.start})") from None
    return normalize_newlines(text), "utf-8"


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: str) -> Source:
    """Read one file (or `-` for standard input)."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file or directory")
        if not p.is_file():
            raise InputError(f"{path}: not a regular file")
        try:
            if p.stat().st_size > MAX_BYTES:
                raise InputError(f"{path}: too large ({p.stat().st_size // 1_048_576} MB; the limit is 20 MB)")
            data = p.read_bytes()
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    text, encoding = decode(data, path)
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return Source(path=path, text=text, encoding=encoding)


def expand_paths(paths: list[str]) -> list[str]:
    """A directory stands for its text files, in name order; other paths pass through."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            files = sorted(
                (f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")
                 and f.suffix.lower() in TEXT_SUFFIXES),
                key=lambda f: f.name,
            )
            if not files:
                raise InputError(f"{path}: no text files in this directory")
            out.extend(str(f) for f in files)
        else:
            out.append(path)
    return out


def load_sources(paths: list[str]) -> list[Source]:
    """Load every version; at least two are needed for a comparison."""
    sources = [read_source(p) for p in expand_paths(paths)]
    if len(sources) < 2:
        raise InputError("need at least two versions to compare (give two files or a directory)")
    return sources
