"""The watcher against a local page that changes: a change makes one version, no change none, a failure none."""

from __future__ import annotations

import io
import time

import pytest

from reader.archive.store import Archive
from reader.archive.watch import change_line, poll, run
from reader.model import InputError
from tests.archive.conftest import stored
from tests.archive.live_server import ARTICLES, Live, LiveServer


def test_a_change_makes_one_version_and_no_change_none(server: LiveServer) -> None:
    live = Live(ARTICLES, shown=0)
    url = server.add("/live", live)
    out = io.StringIO()
    with Archive.open() as archive:
        for shown in (0, 0, 0, 1, 1):  # the ads, comment count and time around the article change every time
            live.shown = shown
            poll(archive, url, out)
    texts = stored(url)
    assert len(texts) == 2
    assert "12 prisoners" in texts[0] and "15 prisoners" in texts[1]
    assert "Advert" not in texts[0] and "comments" not in texts[0]
    assert out.getvalue().count("\n") == 2


def test_requests_are_conditional(server: LiveServer) -> None:
    live = Live(ARTICLES, shown=0)
    url = server.add("/live", live)
    with Archive.open() as archive:
        for shown in (0, 0, 0, 1, 1):
            live.shown = shown
            poll(archive, url, io.StringIO())
    assert live.answers == [200, 304, 304, 200, 304]
    assert len(stored(url)) == 2


def test_a_server_without_validators_is_fetched_whole(server: LiveServer) -> None:
    live = Live(ARTICLES, shown=0, conditional=False)
    url = server.add("/plain", live)
    with Archive.open() as archive:
        for _ in range(3):
            poll(archive, url, io.StringIO())
    assert live.answers == [200, 200, 200] and len(stored(url)) == 1


def test_a_failed_fetch_makes_no_version(server: LiveServer) -> None:
    live = Live(ARTICLES, shown=0)
    url = server.add("/live", live)
    with Archive.open() as archive:
        poll(archive, url, io.StringIO())
        live.failing, live.shown = True, 1
        with pytest.raises(InputError, match="500"):
            poll(archive, url, io.StringIO())
        with pytest.raises(InputError, match="404"):
            poll(archive, server.base + "/nowhere", io.StringIO())
    assert len(stored(url)) == 1
    with Archive.open(read_only=True) as archive:
        assert [p.url for p in archive.watched()] == [url]


def test_a_page_with_no_article_text_makes_no_version(server: LiveServer) -> None:
    url = server.add("/empty", Live(["<html><body><p> </p></body></html>"], shown=0, bare=True))
    with Archive.open() as archive, pytest.raises(InputError, match="no article text"):
        poll(archive, url, io.StringIO())
    with Archive.open(read_only=True) as archive:
        assert archive.versions(url) == []


def test_failures_back_off(server: LiveServer) -> None:
    """Every 0.2 s for 2 s is ten fetches; failing, the waits double (0.4, 0.8, 1.6 s): three or four."""
    live = Live(ARTICLES, failing=True)
    url = server.add("/down", live)
    said: list[str] = []
    with Archive.open() as archive:
        run([url], archive, io.StringIO(), said.append, every=0.2, duration=2.0)
    assert 2 <= len(live.answers) <= 4
    assert len(said) == len(live.answers)
    assert "500" in said[0] and "next try in" in said[0]


def test_the_loop_keeps_each_change_and_stops_on_time(server: LiveServer) -> None:
    live = Live(ARTICLES, after_requests=[1, 2])
    url = server.add("/live", live)
    out = io.StringIO()
    start = time.monotonic()
    with Archive.open() as archive:
        kept = run([url], archive, out, lambda _: None, every=0.3, duration=3.0)
    assert time.monotonic() - start < 3.0 + 30  # bounded (a fetch may end the run late, never hang)
    assert kept == 3 and len(stored(url)) == 3
    lines = out.getvalue().splitlines()
    assert [line.split(": version ")[1][:1] for line in lines] == ["1", "2", "3"]
    assert lines[0].endswith("(first seen)")
    assert "1 claim altered" in lines[1]
    assert "inserted" in lines[2]


def test_the_change_line_names_the_page_and_is_safe(server: LiveServer) -> None:
    live = Live(ARTICLES, shown=0, title="Breaking \x1b[31mnews")
    url = server.add("/live", live)
    with Archive.open() as archive:
        kept = poll(archive, url, io.StringIO())
        assert kept is not None
        (version,) = archive.versions(url)
    line = change_line(url, version.fetched, version.copy, kept)
    assert "\x1b" not in line and "version 1" in line
