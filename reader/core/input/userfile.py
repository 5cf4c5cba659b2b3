"""The user's own files (kept corrections, --corrections, config.toml, keymap.toml, themes), read as hostile data.

One helper for all of them, so each gets the same guarantees: only a regular file is opened (a FIFO,
a device such as /dev/zero or a folder is refused before anything waits on it), no more than a cap of
bytes is read (a 3 GB sparse file costs one `stat`), nesting and digit strings that would make the
parsers recurse or raise are refused, and every failure is a `UserFileError` whose message is one
line naming the file, for the caller to say and go on.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

MAX_DIGITS = 40  # an index or a count needs a few; longer digit strings are refused, never converted


class UserFileError(Exception):
    """A user file that cannot be used: the message names the file and what is wrong, on one line."""


class NotText(UserFileError):
    """A user file that was read but is not UTF-8 text: corrupt rather than unreadable."""


def describe_size(cap: int) -> str:
    return f"{cap // 1_000_000} MB" if cap >= 1_000_000 else f"{cap // 1000} KB"


def read_user_text(path: Path | str, cap: int) -> str | None:
    """The text of a user file, None when there is none; UserFileError when it is not a regular file,
    is larger than `cap` bytes, cannot be read (permissions, a folder one cannot enter) or is not UTF-8."""
    where = str(path)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise UserFileError(f"{where}: cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise UserFileError(f"{where}: not a regular file")
    if info.st_size > cap:
        raise UserFileError(f"{where}: too large (over {describe_size(cap)})")
    try:
        # O_NONBLOCK: had the file been swapped for a FIFO since the stat, opening it still does not wait
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UserFileError(f"{where}: cannot read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise UserFileError(f"{where}: not a regular file")
        try:
            raw = f.read(cap + 1)
        except OSError as exc:
            raise UserFileError(f"{where}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > cap:
        raise UserFileError(f"{where}: too large (over {describe_size(cap)})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotText(f"{where}: cannot read (not UTF-8 text)") from None


def _bounded_int(digits: str) -> int | str:
    """A JSON integer as a number when it is short enough to be one, else left as text (the caller refuses it)."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_DIGITS else digits


def parse_json(text: str, where: str) -> Any:
    """A JSON document; UserFileError when it is not JSON or nested deeper than Python recurses.
    An integer of more than MAX_DIGITS digits stays a string, so only the entry holding it is refused."""
    try:
        return json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise UserFileError(f"{where}: not JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise UserFileError(f"{where}: not JSON that can be read (nested too deeply)") from None
    except ValueError as exc:  # a number json itself cannot convert
        raise UserFileError(f"{where}: not JSON that can be read ({str(exc).split(':')[0]})") from None


MAX_KEY_PARTS = 32  # as story.toml allows


def parse_toml(text: str, where: str) -> dict[str, Any]:
    """A TOML document; UserFileError when it is not TOML, is nested deeper than Python recurses,
    holds a dotted key of more than MAX_KEY_PARTS parts (tomllib is quadratic in them) or a number
    too long to convert."""
    for line in text.splitlines():
        key, eq, _value = line.partition("=")
        if eq and key.count(".") >= MAX_KEY_PARTS:
            raise UserFileError(f"{where}: not valid TOML (a key of more than {MAX_KEY_PARTS} dotted parts)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserFileError(f"{where}: not valid TOML ({exc})") from None
    except RecursionError:
        raise UserFileError(f"{where}: not valid TOML (nested too deeply)") from None
    except ValueError:  # int() refused a digit string longer than Python converts
        raise UserFileError(f"{where}: not valid TOML (a number too long to read)") from None
