"""Times as people type and read them: durations (`10m`, `2h`, `1h30m`, `90`), moments, column titles."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from reader.core import time_labels
from reader.model import InputError

from .store import parse_stamp

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhdw]?)")
MAX_SECONDS = 366 * 86400


def duration(text: str, option: str) -> float:
    """Seconds in a duration: a number of seconds, or amounts with units (s m h d w), as `1h30m`."""
    words = text.strip().lower().replace(" ", "")
    pieces = list(_DURATION.finditer(words))
    if not words or "".join(m.group() for m in pieces) != words or any(not m.group(2) for m in pieces[:-1]):
        raise InputError(f"{option} {text}: not a duration (write it as 90, 90s, 10m, 2h, 1h30m or 1d)")
    seconds = sum(float(m.group(1)) * _UNITS[m.group(2) or "s"] for m in pieces)
    if not 0 < seconds <= MAX_SECONDS:
        raise InputError(f"{option} {text}: choose a duration above 0 and at most a year")
    return seconds


def moment(text: str, option: str) -> datetime:
    """A point in time: ISO 8601 (a date, or a date and time; local time unless it names its zone)."""
    try:
        found = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{option} {text}: not a time (write it as 2026-12-04 or 2026-12-04T18:30)") from None
    return found.astimezone(UTC)  # a time without a zone is taken as local time


def since(text: str, now: datetime | None = None) -> datetime:
    """--since: a duration back from now (`2h`, `1d`) or a moment."""
    now = now or datetime.now(UTC)
    if text.strip()[:1].isdigit() and not re.match(r"\d{4}-", text.strip()):
        return now - timedelta(seconds=duration(text, "--since"))
    return moment(text, "--since")


labels = time_labels  # the one wording of fetch times, shared with the app's timeline


def clock(stamp: str) -> str:
    """The time of day of a fetch, local, for the watcher's lines: "12:40"."""
    return parse_stamp(stamp).astimezone().strftime("%H:%M")


def spoken(seconds: float) -> str:
    """A duration as people say it: "40 s", "10 min", "1.5 h"."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
