"""Watch: fetch pages on a schedule and keep a new version whenever the article's text changed.

The page is fetched and its article extracted exactly as a URL given to `reader` is (the engine's
fetch and load: same deadlines, size caps and extraction), so what changes around the article (ads,
the date of the fetch, comment counts) makes no version. Polite: each request is conditional (the
ETag and Last-Modified of the copy held), and a page that fails waits twice as long before each new
try, up to an hour. Each new version is one line on standard output; each failure one line on
standard error; neither a failure nor a full disk changes the archive.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from reader.core import MAX_BYTES, Source, Validators, fetch, source_from_bytes
from reader.model import InputError, visible

from .store import Archive, Copy, Kept, utc_stamp
from .times import clock, spoken

DEFAULT_EVERY_S = 600.0
MAX_BACKOFF_S = 3600.0
TITLE_CHARS = 60
Say = Callable[[str], None]


@dataclass
class WatchedPage:
    """One URL being watched: when it is next due (a monotonic time), and its failures in a row."""

    url: str
    due: float = 0.0
    failures: int = 0


def fetch_copy(url: str, validators: tuple[str, str]) -> tuple[Copy | None, str, str, str]:
    """The page's article now, or None when the server says it has not changed (304);
    with the validators and Date the server sent. Every failure is an InputError."""
    page = fetch(url, MAX_BYTES, validators=Validators(*validators))
    if page.unchanged:
        return None, page.etag or validators[0], page.last_modified or validators[1], page.date
    source = source_from_bytes(url, page.data, page.content_type, page.charset)
    copy = Copy(source.text, source.title, source.outlet, source.date, source.encoding, source.source_format, page.date)
    return copy, page.etag, page.last_modified, page.date


def poll(archive: Archive, url: str, out: TextIO) -> Kept | None:
    """Fetch `url` once; keep a new version if its text changed, and say so in one line."""
    fetched = utc_stamp()
    copy, etag, last_modified, _ = fetch_copy(url, archive.validators(url))
    if copy is None:  # 304: the version in force is still the page's
        archive.checked(url, fetched, etag, last_modified)
        return None
    kept = archive.add(url, copy, fetched, validators=(etag, last_modified))
    if kept.new:
        out.write(change_line(url, fetched, copy, kept) + "\n")
        out.flush()
    return kept


def change_line(url: str, fetched: str, copy: Copy, kept: Kept) -> str:
    """ "12:40 Prisoner exchange: version 3, 2 claims altered, 1 inserted"."""
    title = " ".join((copy.title or url).split())
    title = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"
    line = f"{clock(fetched)} {title}: version {kept.number}"
    if kept.previous is None:
        return visible(f"{line} (first seen)", keep_newlines=False)
    return visible(f"{line}, {_what_changed(url, kept.previous.copy.text, copy.text)}", keep_newlines=False)


def _what_changed(url: str, old: str, new: str) -> str:
    """The engine's comparison of the version before and this one, in counts of claims."""
    from reader.core import change_counts, compare_versions

    try:
        comparison = compare_versions([Source(f"{url} (before)", old), Source(url, new)])
    except Exception:  # the line is a courtesy: a comparison the engine refuses must not stop the watch
        return "text changed"
    return change_counts(comparison).words()


def run(
    urls: Sequence[str],
    archive: Archive,
    out: TextIO,
    say: Say,
    every: float = DEFAULT_EVERY_S,
    duration: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Watch `urls` every `every` seconds for `duration` seconds (None: until interrupted). Returns the
    number of versions kept."""
    start = time.monotonic()
    end = None if duration is None else start + duration
    pages = [WatchedPage(url, start) for url in urls]
    kept = 0
    while True:
        now = time.monotonic()
        if end is not None and now >= end:
            return kept
        for page in pages:
            if page.due <= now and (end is None or time.monotonic() < end):
                kept += _poll_one(archive, page, out, say, every)
        now = time.monotonic()
        wake = min(p.due for p in pages)
        if end is not None:
            wake = min(wake, end)
        sleep(max(wake - now, 0.0))


def _poll_one(archive: Archive, page: WatchedPage, out: TextIO, say: Say, every: float) -> int:
    """One fetch of one page; a failure is said and makes the next try wait longer."""
    try:
        result = poll(archive, page.url, out)
    except InputError as exc:
        page.failures += 1
        wait = min(every * 2**page.failures, max(MAX_BACKOFF_S, every))
        say(f"{clock(utc_stamp())} {exc} (next try in {spoken(wait)})")
        page.due = time.monotonic() + wait
        return 0
    page.failures = 0
    page.due += every
    if page.due <= time.monotonic():  # a fetch longer than the interval: the next one starts now, not a burst
        page.due = time.monotonic()
    return 1 if result is not None and result.new else 0
