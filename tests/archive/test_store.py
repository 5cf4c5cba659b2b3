"""The archive's database: one version per change, texts once, all-or-nothing writes, refusals in one line."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from reader.archive.store import Archive, Copy, archive_path, text_hash, utc_stamp
from reader.model import InputError

URL = "https://news.example/live"
ONE, TWO = Copy("Twelve prisoners were freed.", "Talks"), Copy("Fifteen prisoners were freed.", "Talks")


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_the_archive_lives_under_xdg_data_home(data_home: Path) -> None:
    assert archive_path() == data_home / "reader" / "archive.sqlite"


def test_a_relative_xdg_data_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert archive_path() == tmp_path / ".local" / "share" / "reader" / "archive.sqlite"


def test_wal_mode() -> None:
    with Archive.open() as archive:
        assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    ("copies", "versions", "texts"),
    [
        ([ONE], 1, 1),
        ([ONE, ONE], 1, 1),  # no change: no version
        ([ONE, TWO], 2, 2),
        ([ONE, TWO, TWO, ONE], 3, 2),  # back to the first wording: a version, not a second copy of the text
    ],
)
def test_a_version_only_when_the_text_changed(copies: list[Copy], versions: int, texts: int) -> None:
    with Archive.open() as archive:
        for n, copy in enumerate(copies):
            archive.add(URL, copy, f"2026-12-05T10:0{n}:00.000Z")
        assert [v.number for v in archive.versions(URL)] == list(range(1, versions + 1))
    assert _count(archive_path(), "versions") == versions
    assert _count(archive_path(), "texts") == texts


def test_add_says_the_number_and_the_version_before() -> None:
    with Archive.open() as archive:
        first = archive.add(URL, ONE, "2026-12-05T10:00:00.000Z")
        second = archive.add(URL, TWO, "2026-12-05T10:05:00.000Z")
        again = archive.add(URL, TWO, "2026-12-05T10:10:00.000Z")
    assert (first.number, first.new, first.previous) == (1, True, None)
    assert (second.number, second.new) == (2, True)
    assert second.previous is not None and second.previous.copy.text == ONE.text
    assert (again.number, again.new) == (2, False)


def test_a_saved_copy_goes_in_at_its_time() -> None:
    middle = Copy("Thirteen prisoners were freed.")
    with Archive.open() as archive:
        archive.add(URL, ONE, "2026-12-05T10:00:00.000Z")
        archive.add(URL, TWO, "2026-12-05T12:00:00.000Z")
        kept = archive.add(URL, middle, "2026-12-05T11:00:00.000Z", origin="file")
        same = archive.add(URL, ONE, "2026-12-05T10:30:00.000Z", origin="file")  # the text in force then
        earlier = archive.add(URL, TWO, "2026-12-05T11:30:00.000Z", origin="file")  # the next one, seen sooner
        versions = archive.versions(URL)
    assert kept.number == 2 and not same.new and (earlier.number, earlier.new) == (3, False)
    assert [v.copy.text for v in versions] == [ONE.text, middle.text, TWO.text]
    assert [v.origin for v in versions] == ["watch", "file", "watch"]
    assert versions[2].fetched == "2026-12-05T11:30:00.000Z"
    assert _count(archive_path(), "versions") == 3


def test_metadata_is_kept() -> None:
    copy = Copy("Text.", "Title", "Daily Planet", "2026-12-05", "utf-8", "html", "Sat, 05 Dec 2026 10:00:00 GMT")
    with Archive.open() as archive:
        archive.add(URL, copy, "2026-12-05T10:00:00.000Z")
        (version,) = archive.versions(URL)
    assert version.copy == copy and version.url == URL and version.fetched == "2026-12-05T10:00:00.000Z"


def test_undecodable_bytes_survive() -> None:
    copy = Copy("Geneva\udcff talks.")
    with Archive.open() as archive:
        archive.add(URL, copy, utc_stamp())
        assert archive.versions(URL)[0].copy.text == copy.text


def test_watched_lists_pages_with_versions_and_last_change() -> None:
    with Archive.open() as archive:
        archive.add(URL, ONE, "2026-12-05T10:00:00.000Z")
        archive.add(URL, TWO, "2026-12-05T11:00:00.000Z")
        archive.add(URL, TWO, "2026-12-05T12:00:00.000Z")
        archive.checked("https://other.example/", "2026-12-05T12:00:00.000Z")
        pages = {p.url: p for p in archive.watched()}
    assert (pages[URL].versions, pages[URL].last_change) == (2, "2026-12-05T11:00:00.000Z")
    assert pages["https://other.example/"].versions == 0


def test_two_writers_at_once_keep_one_copy_of_each_version() -> None:
    """Many threads, each with its own connection, add the same two texts at once: BEGIN IMMEDIATE makes
    each see what the others kept."""
    Archive.open().close()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            with Archive.open() as archive:
                barrier.wait()
                for k, copy in enumerate((ONE, TWO)):
                    archive.add(URL, copy, f"2026-12-05T10:0{k}:00.{n:03d}Z")
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Archive.open(read_only=True) as archive:
        assert [v.copy.text for v in archive.versions(URL)] == [ONE.text, TWO.text]
    assert _count(archive_path(), "versions") == 2


def test_a_full_disk_leaves_the_archive_as_it_was() -> None:
    with Archive.open() as archive:
        archive.add(URL, ONE, "2026-12-05T10:00:00.000Z")
        pages = archive.conn.execute("PRAGMA page_count").fetchone()[0]
        archive.conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # what a full disk does to SQLite
        with pytest.raises(InputError, match="disk is full.*as it was"):
            archive.add(URL, Copy("A long new text. " * 5000), "2026-12-05T11:00:00.000Z")
        assert [v.copy.text for v in archive.versions(URL)] == [ONE.text]
    assert (_count(archive_path(), "versions"), _count(archive_path(), "texts")) == (1, 1)


def test_reading_needs_an_archive_and_never_makes_one() -> None:
    with pytest.raises(InputError, match="no archive yet"):
        Archive.open(read_only=True)
    assert not archive_path().exists()


def test_an_archive_being_made_is_no_archive_yet() -> None:
    """The moment between a watcher's first open and its tables: a reader says so, not "not an archive"."""
    archive_path().parent.mkdir(parents=True)
    sqlite3.connect(archive_path()).execute("PRAGMA journal_mode = WAL").fetchone()
    with pytest.raises(InputError, match="no archive yet"):
        Archive.open(read_only=True)
    Archive.open().close()
    with Archive.open(read_only=True) as archive:
        assert archive.watched() == []


def test_a_file_that_is_not_an_archive_is_left_as_it_is() -> None:
    path = archive_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"my notes, not a database\n" * 100)
    for read_only in (False, True):
        with pytest.raises(InputError, match="not a reader archive.*left as it is"):
            Archive.open(read_only=read_only)
    assert path.read_bytes() == b"my notes, not a database\n" * 100


def test_another_schema_is_refused() -> None:
    path = archive_path()
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema', 'reader.archive/9')")
    with pytest.raises(InputError, match=r"reader.archive/9"):
        Archive.open()


def test_a_fifo_in_its_place_is_refused_without_hanging() -> None:
    path = archive_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    with pytest.raises(InputError, match="not a regular file"):
        Archive.open()


def test_a_damaged_text_is_refused_not_shown() -> None:
    with Archive.open() as archive:
        archive.add(URL, ONE, utc_stamp())
        archive.conn.execute("UPDATE texts SET body = ? WHERE hash = ?", (b"forged", text_hash(ONE.text)))
        with pytest.raises(InputError, match="damaged"):
            archive.versions(URL)
