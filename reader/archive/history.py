"""History: an article's kept versions, in fetch order, as the sources of one comparison.

Each version becomes a source titled with its fetch time (the app's column titles, the reports'
headings) and carrying that time (`Source.fetched`), which is what makes the comparison read as a
timeline. `--since` keeps the versions fetched since then, and the one in force at that time as the
first column, so that the comparison says what changed since then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from reader.core import MAX_VERSIONS, Source, check_workload
from reader.model import InputError

from .store import Archive, Version, parse_stamp
from .times import labels


def versions_since(versions: list[Version], since: datetime | None) -> list[Version]:
    """The versions fetched at or after `since`, after the one in force at that time."""
    if since is None:
        return versions
    later = [v for v in versions if parse_stamp(v.fetched) >= since]
    earlier = [v for v in versions if parse_stamp(v.fetched) < since]
    return earlier[-1:] + later


def history_sources(archive: Archive, url: str, since: datetime | None, say: Callable[[str], None]) -> list[Source]:
    """The sources to compare for `url`; a one-line InputError when there are fewer than two."""
    everything = archive.versions(url)
    if not everything:
        known = len(archive.watched())
        raise InputError(
            f"{url}: not in the archive ({known} article{'s' * (known != 1)}; `reader history` lists them)"
        )
    chosen = versions_since(everything, since)
    if len(chosen) < 2:
        last = chosen[-1] if chosen else everything[-1]
        when = labels([last.fetched])[0]
        what = "no change since then" if since is not None else "only one version kept so far"
        raise InputError(f"{url}: {what} (version {last.number}, fetched {when}); nothing to compare")
    sources = _sources(url, chosen)
    fitting = _fitting(sources)
    if len(fitting) < len(sources):
        say(
            f"note: {len(sources)} versions are more than the engine compares at once; comparing the last "
            f"{len(fitting)} (--since chooses others)"
        )
    return fitting


def _fitting(sources: list[Source]) -> list[Source]:
    """The latest versions the engine takes at once (at most MAX_VERSIONS, and few enough sentences in all):
    the longest run of latest versions that passes the engine's check, found by halving (fewer is less work)."""
    if _fits(sources):
        return sources
    low, high = 2, min(len(sources), MAX_VERSIONS)  # the answer is in [low, high]; two must fit
    if not _fits(sources[-low:]):
        check_workload(sources[-low:])  # says why, in the engine's words
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if _fits(sources[-middle:]) else (low, middle - 1)
    return sources[-low:]


def _fits(sources: list[Source]) -> bool:
    try:
        check_workload(sources)
    except InputError:
        return False
    return True


def _sources(url: str, chosen: list[Version]) -> list[Source]:
    titles = labels([v.fetched for v in chosen])
    return [
        Source(
            url,
            v.copy.text,
            v.copy.encoding or "utf-8",
            v.copy.source_format or "text",
            f"{title} · {v.copy.title}" if v.copy.title else title,
            v.copy.outlet,
            v.copy.page_date,
            v.fetched,
        )
        for v, title in zip(chosen, titles, strict=True)
    ]
