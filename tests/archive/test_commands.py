"""`reader watch`, `reader history` and `reader archive add` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from reader.archive.store import Archive, Copy, archive_path
from reader.model import InputError
from tests.archive.conftest import reader_process, stored
from tests.archive.live_server import ARTICLES, Live, LiveServer

URL = "https://news.example/live"


def _archive(*texts: str, times: tuple[str, ...] = ()) -> None:
    stamps = times or tuple(f"2026-12-0{k + 1}T10:00:00.000Z" for k in range(len(texts)))
    with Archive.open() as archive:
        for text, stamp in zip(texts, stamps, strict=True):
            archive.add(URL, Copy(text, "Talks"), stamp)


FIRST = "Talks resume.\n\nThe delegations agreed to exchange 12 prisoners each."
SECOND = "Talks resume.\n\nThe delegations agreed to exchange 15 prisoners each."
THIRD = "Talks resume.\n\nThe delegations agreed to exchange 15 prisoners each.\n\nThe Red Cross will oversee it."


def test_a_page_that_changes_twice_while_watched_leaves_three_versions(server: LiveServer) -> None:
    """The issue's check from outside: `reader watch URL --every 1 --for 8`, then `reader history --format json`."""
    live = Live(ARTICLES, after_requests=[2, 4])
    url = server.add("/live", live)
    watcher = reader_process("watch", url, "--every", "1", "--for", "8")
    out, err = watcher.communicate(timeout=120)
    assert watcher.returncode == 0, err
    assert err == ""
    assert len(out.splitlines()) == 3 and "version 3" in out.splitlines()[-1]
    report = reader_process("history", url, "--format", "json")
    data = json.loads(report.communicate(timeout=120)[0])
    assert report.returncode == 0
    fetched = [a["fetched"] for a in data["articles"]]
    assert len(fetched) == 3 and fetched == sorted(fetched)
    texts = [a["text"] for a in data["articles"]]
    assert "12 prisoners" in texts[0] and "15 prisoners" in texts[1] and "Red Cross" in texts[2]


def test_history_in_fetch_order_whatever_the_order_added(run) -> None:  # noqa: ANN001
    _archive(
        SECOND, FIRST, THIRD, times=("2026-12-02T10:00:00.000Z", "2026-12-01T10:00:00.000Z", "2026-12-03T10:00:00.000Z")
    )
    result = run("history", URL, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [a["text"] for a in data["articles"]] == [FIRST, SECOND, THIRD]
    assert [a["source_title"].split(" · ")[1] for a in data["articles"]] == ["Talks"] * 3
    assert sorted(c["events"] for c in data["claims"]) == [
        ["absent", "absent", "new"],
        ["first", "changed", "same"],
        ["first", "same", "same"],
    ]


@pytest.mark.usefixtures("utc")
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_history_as_a_report_names_versions_by_fetch_time(run, fmt: str) -> None:  # noqa: ANN001
    _archive(FIRST, SECOND)
    result = run("history", URL, "--format", fmt)
    assert result.code == 0, result.err
    assert "15" in result.out
    assert re.search(r"1 Dec( \d{4})? 10:00", result.out) and re.search(r"2 Dec( \d{4})? 10:00", result.out)


def test_a_report_is_never_written_over_the_archive(run) -> None:  # noqa: ANN001
    _archive(FIRST, SECOND)
    before = archive_path().read_bytes()
    result = run("history", URL, "--format", "json", "-o", archive_path())
    assert result.code == 2 and "refusing to write over it" in result.err
    assert archive_path().read_bytes() == before
    assert len(stored(URL)) == 2


def _archive_state() -> dict[str, tuple[bytes, int]]:
    """Every file in the archive's folder: its bytes and its mtime (a file made or touched shows too)."""
    return {f.name: (f.read_bytes(), f.stat().st_mtime_ns) for f in sorted(archive_path().parent.iterdir())}


def _two_versions(folder: Path) -> tuple[str, str]:
    (folder / "1.txt").write_text(FIRST, encoding="utf-8")
    (folder / "2.txt").write_text(SECOND, encoding="utf-8")
    return str(folder / "1.txt"), str(folder / "2.txt")


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_no_command_writes_a_report_over_the_archive(run, tmp_path: Path, suffix: str) -> None:  # noqa: ANN001
    """Any report (of files, of a history, the list, kept corrections) over the database or a file SQLite keeps
    beside it, existing or not: refused in one line, exit 2, every file of the archive as it was."""
    _archive(FIRST, SECOND)
    with sqlite3.connect(archive_path()) as reading:  # a reader holds the database open: its log files exist
        reading.execute("PRAGMA journal_mode = WAL").fetchall()
        reading.execute("SELECT count(*) FROM versions").fetchall()
        target = f"{archive_path()}{suffix}"
        before = _archive_state()
        story = _two_versions(tmp_path)
        for args in (
            (*story, "--format", "json", "-o", target),
            (*story, "--export-corrections", target),
            ("history", URL, "--format", "markdown", "-o", target),
            ("history", "-o", target),
            ("history", "--format", "json", "-o", target),
        ):
            result = run(*args)
            assert result.code == 2 and result.out == "", args
            assert (
                result.err == f"reader: {target}: is part of the archive of watched pages; refusing to write over it\n"
            )
        assert _archive_state() == before
    assert len(stored(URL)) == 2


@pytest.mark.parametrize("link", [os.symlink, os.link])
def test_a_report_is_refused_over_the_archive_under_another_name(run, tmp_path: Path, link) -> None:  # noqa: ANN001
    _archive(FIRST, SECOND)
    before = _archive_state()
    other = tmp_path / "report.json"
    link(archive_path(), other)
    result = run(*_two_versions(tmp_path), "--format", "json", "-o", other)
    assert result.code == 2 and f"{other}: is part of the archive of watched pages ({archive_path()})" in result.err
    assert _archive_state() == before


def test_a_report_is_refused_where_the_archive_is_yet_to_be_made(run, tmp_path: Path) -> None:  # noqa: ANN001
    """A report named as the archive would be taken for a damaged archive by the first `reader watch`."""
    archive_path().parent.mkdir(parents=True)
    result = run(*_two_versions(tmp_path), "--format", "json", "-o", archive_path())
    assert result.code == 2 and "part of the archive of watched pages" in result.err
    assert not archive_path().exists()


@pytest.mark.parametrize(
    "args",
    [
        ("history",),
        ("history", URL, "--format", "json"),
        ("archive", "add", URL, "{copy}", "--time", "2026-12-03T10:00Z"),
        ("watch", URL, "--every", "1", "--for", "1"),
        ("{copy}", "{copy2}", "--format", "json"),
    ],
)
def test_standard_output_appended_to_the_archive_is_refused(run, tmp_path: Path, monkeypatch, args) -> None:  # noqa: ANN001
    """`reader ... >> archive.sqlite`: refused before any work (no fetch, no version added), the archive as it was."""
    _archive(FIRST, SECOND)
    copy, copy2 = _two_versions(tmp_path)
    before = _archive_state()
    with open(archive_path(), "a", encoding="utf-8") as appended:
        monkeypatch.setattr("sys.stdout", appended)
        result = run(*(a.format(copy=copy, copy2=copy2) for a in args))
    assert result.code == 2
    said = f"standard output is {archive_path()}, part of the archive of watched pages; refusing to write to it"
    assert result.err == f"reader: {said}\n"
    assert _archive_state() == before
    assert len(stored(URL)) == 2


def test_since_keeps_the_version_in_force_then_and_the_later_ones(run) -> None:  # noqa: ANN001
    _archive(FIRST, SECOND, THIRD)
    result = run("history", URL, "--format", "json", "--since", "2026-12-02T12:00+00:00")
    assert [a["text"] for a in json.loads(result.out)["articles"]] == [SECOND, THIRD]
    nothing = run("history", URL, "--format", "json", "--since", "2h")
    assert nothing.code == 2 and "no change since then" in nothing.err and nothing.out == ""


def test_history_alone_lists_the_watched_pages(run) -> None:  # noqa: ANN001
    _archive(FIRST, SECOND, SECOND)
    result = run("history")
    assert result.code == 0
    assert result.out.split()[:2] == ["2", "versions"] and URL in result.out
    data = json.loads(run("history", "--format", "json").out)
    assert data["articles"][0]["versions"] == 2 and data["articles"][0]["last_change"].startswith("2026-12-02")


def test_archive_add_puts_a_saved_copy_at_its_time(run, tmp_path: Path) -> None:  # noqa: ANN001
    _archive(FIRST, THIRD, times=("2026-12-01T10:00:00.000Z", "2026-12-03T10:00:00.000Z"))
    saved = tmp_path / "saved.html"
    saved.write_text(f"<html><body><article><h1>Talks</h1><p>{SECOND.split(chr(10))[-1]}</p></article></body></html>")
    before = saved.read_bytes()
    result = run("archive", "add", URL, saved, "--time", "2026-12-02T10:00:00+00:00")
    assert result.code == 0, result.err
    assert "version 2" in result.out
    assert saved.read_bytes() == before
    texts = stored(URL)
    assert len(texts) == 3 and "15 prisoners" in texts[1] and "Red Cross" not in texts[1]
    again = run("archive", "add", URL, saved, "--time", "2026-12-02T11:00:00+00:00")
    assert again.code == 0 and "nothing added" in again.out and len(stored(URL)) == 3


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("watch", "ftp://example.com/x"), "only http and https"),
        (("watch", "https://a.example/", "https://a.example/"), "given twice"),
        (("watch", "https://a.example/", "--every", "often"), "--every often: not a duration"),
        (("watch", "https://a.example/", "--every", "0"), "above 0"),
        (("watch", "https://a.example/", "--every", "0.2"), "at least 1 second"),
        (("watch", "https://a.example/", "--for", "-3"), "--for -3"),
        (("history", URL), "no archive yet"),
        (("history",), "no archive yet"),
        (("history", URL, "--since", "last tuesday"), "--since last tuesday: not a time"),
        (("history", URL, "--format", "json", "--base", "0"), "--base 0: there are 2 versions"),
        (("archive", "add", URL, "/no/such/file", "--time", "2026-12-01"), "no such file"),
        (("archive", "add", URL, "/etc/hostname", "--time", "yesterday"), "--time yesterday: not a time"),
        (("archive", "add", URL, "/etc/hostname", "--time", "2999-01-01"), "in the future"),
        (("archive", "remove"), "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_status_2(run, args: tuple[str, ...], says: str) -> None:  # noqa: ANN001
    if "--base" in args:
        _archive(FIRST, SECOND)
    result = run(*args)
    assert result.code == 2
    assert says in result.err and result.err.count("\n") == 1 and "Traceback" not in result.err


def test_history_of_an_unknown_page_or_a_single_version(run) -> None:  # noqa: ANN001
    _archive(FIRST)
    single = run("history", URL, "--format", "json")
    assert single.code == 2 and "only one version" in single.err
    unknown = run("history", "https://other.example/", "--format", "json")
    assert unknown.code == 2 and "not in the archive" in unknown.err


def test_history_without_a_terminal_says_so(run) -> None:  # noqa: ANN001
    _archive(FIRST, SECOND)
    result = run("history", URL)
    assert result.code == 2 and "needs a terminal" in result.err


def test_ctrl_c_stops_a_watcher_quietly(server: LiveServer) -> None:
    url = server.add("/live", Live(ARTICLES, shown=0))
    watcher = reader_process("watch", url, "--every", "1")
    _wait(lambda: len(_stored_yet(url)) == 1, [watcher])
    watcher.send_signal(signal.SIGINT)
    out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 130 and err == "" and "version 1" in out
    assert len(stored(url)) == 1


def test_two_watchers_at_once_keep_one_copy_of_each_version(server: LiveServer) -> None:
    live = Live(ARTICLES, shown=0, conditional=False)
    url = server.add("/live", live)
    watchers = [reader_process("watch", url, "--every", "1", "--for", "12") for _ in range(2)]
    _wait(lambda: len(live.answers) >= 4, watchers)
    live.shown = 1
    seen = len(live.answers)
    _wait(lambda: len(live.answers) >= seen + 4, watchers)
    outs = [w.communicate(timeout=120) for w in watchers]
    assert [w.returncode for w in watchers] == [0, 0], outs
    texts = stored(url)
    assert len(texts) == 2 and "12 prisoners" in texts[0] and "15 prisoners" in texts[1]
    with sqlite3.connect(archive_path()) as conn:
        assert conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM texts").fetchone()[0] == 2
    assert sum(out.count("version") for out, _ in outs) == 2  # each change said once, by whoever kept it


def test_a_killed_watcher_leaves_a_readable_archive(server: LiveServer, run) -> None:  # noqa: ANN001
    """A page that changes at every fetch, watchers killed (SIGKILL) at moments spread over their writes."""
    live = Live(ARTICLES, shown=0, varying=True, conditional=False)
    url = server.add("/live", live)
    counts = []
    for delay in (0.05, 0.3, 0.55, 0.8):  # spread over the second between two fetches
        watcher = reader_process("watch", url, "--every", "1")
        answered = len(live.answers)
        _wait(lambda answered=answered: len(live.answers) > answered + 2, [watcher])
        time.sleep(delay)
        os.kill(watcher.pid, signal.SIGKILL)
        watcher.wait(timeout=30)
        with sqlite3.connect(archive_path()) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts.append(len(stored(url)))
    assert counts == sorted(counts) and counts[-1] >= 3
    result = run("history", url, "--format", "json", "--since", "1h")
    assert result.code == 0, result.err
    assert len(json.loads(result.out)["articles"]) == min(counts[-1], 50)  # the engine compares at most 50


def _stored_yet(url: str) -> list[str]:
    """What is stored so far: nothing while the watcher is still making the archive."""
    try:
        return stored(url)
    except InputError as exc:
        assert "no archive yet" in str(exc)
        return []


def _wait(holds, processes, timeout: float = 90.0) -> None:  # noqa: ANN001
    """Until `holds()`, failing if it never does or a process ended first."""
    end = time.monotonic() + timeout
    while not holds():
        for p in processes:
            if p.poll() is not None:
                raise AssertionError(f"the watcher ended early: {p.communicate()}")
        if time.monotonic() > end:
            raise AssertionError("waited too long")
        time.sleep(0.05)


def test_a_history_longer_than_the_engine_takes_keeps_the_latest_versions() -> None:
    """55 versions (the engine compares at most 50), and long ones: fewer still, the latest, with a note."""
    from reader.archive.history import history_sources
    from reader.core import check_workload

    sentences = " ".join(f"Sentence {k} of the long report says something plain." for k in range(1200))
    texts = [f"Update {n} was posted. {sentences}" for n in range(55)]
    _archive(*texts, times=tuple(f"2026-12-01T10:{n:02d}:00.000Z" for n in range(55)))
    notes: list[str] = []
    with Archive.open(read_only=True) as archive:
        sources = history_sources(archive, URL, None, notes.append)
    assert 2 <= len(sources) < 50 and "comparing the last" in notes[0]
    assert [s.text for s in sources] == texts[55 - len(sources) :]
    check_workload(sources)
    with pytest.raises(InputError):
        check_workload([*sources[:1], *sources])  # the most that fits


def test_archive_add_reads_a_copy_from_a_web_archive(run, server: LiveServer) -> None:  # noqa: ANN001
    copy = server.add("/web/20261204/live", Live(ARTICLES, shown=1))
    result = run("archive", "add", URL, copy, "--time", "2026-12-04T18:30:00+00:00")
    assert result.code == 0, result.err
    (text,) = stored(URL)
    assert "15 prisoners" in text and "Advert" not in text
