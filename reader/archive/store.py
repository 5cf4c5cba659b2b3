"""The archive: one SQLite file holding every version of every watched article (docs/archive.md).

SQLite because the archive is the user's work and several processes share it: two watchers
and a reader may open it at once, a watcher may be killed in the middle of a write, the disk
may fill up. WAL mode lets readers read while a watcher writes; every version is written in one
transaction (BEGIN IMMEDIATE, so that two watchers take turns and the second sees what the
first kept); a transaction that fails (a full disk, a kill) leaves the archive as it was.
Texts are stored once, by the SHA-256 of their UTF-8 bytes: a page that goes back to an earlier
wording costs one row, not a second copy of the text.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.core import MAX_TEXT_CHARS
from reader.model import InputError

SCHEMA = "reader.archive/1"
FILE_NAME = "archive.sqlite"
BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another's transaction before giving up
_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS texts (
    hash TEXT PRIMARY KEY,              -- SHA-256 (hex) of body
    body BLOB NOT NULL,                 -- the extracted article text, UTF-8
    chars INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,           -- as the user gave it
    added TEXT NOT NULL,                -- first watched or added (UTC, ISO 8601)
    checked TEXT NOT NULL DEFAULT '',   -- last fetched with success
    etag TEXT NOT NULL DEFAULT '',      -- validators for the next conditional request
    last_modified TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    page INTEGER NOT NULL REFERENCES pages(id),
    fetched TEXT NOT NULL,              -- when this text was fetched (UTC, ISO 8601, milliseconds)
    http_date TEXT NOT NULL DEFAULT '', -- the server's Date header, as sent
    title TEXT NOT NULL DEFAULT '',     -- the page's own title
    outlet TEXT NOT NULL DEFAULT '',
    page_date TEXT NOT NULL DEFAULT '', -- the date the page gives itself
    encoding TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',    -- html | markdown | text
    origin TEXT NOT NULL,               -- watch | file (reader archive add)
    text_hash TEXT NOT NULL REFERENCES texts(hash)
);
CREATE INDEX IF NOT EXISTS versions_in_order ON versions (page, fetched, id);
"""


def archive_path() -> Path:
    """$XDG_DATA_HOME/reader/archive.sqlite (~/.local/share when unset or not absolute, as the XDG spec says)."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "reader" / FILE_NAME


COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's files beside the database: its log, its shared memory, a journal


def archive_files() -> tuple[Path, ...]:
    """The archive's database and the files SQLite keeps beside it, existing or not: a report written over any of
    them (or in the place of one yet to be made) would destroy or break every watched page's history."""
    path = archive_path()
    return (path, *(path.with_name(path.name + suffix) for suffix in COMPANIONS))


def utc_stamp(moment: datetime | None = None) -> str:
    """A time as the archive writes it: UTC, ISO 8601, milliseconds (text that sorts in time order)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_stamp(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


@dataclass(frozen=True)
class Copy:
    """One fetched (or saved) copy of a page, its article text extracted: what may become a version."""

    text: str
    title: str = ""
    outlet: str = ""
    page_date: str = ""
    encoding: str = ""
    source_format: str = ""
    http_date: str = ""


@dataclass(frozen=True)
class Version:
    """A kept version: its number in fetch order (1-based) and what was fetched."""

    number: int
    url: str
    fetched: str
    copy: Copy
    origin: str
    text_hash: str


@dataclass(frozen=True)
class Kept:
    """What `add` did: the version's number, and whether it is new (else the text was the version before)."""

    number: int
    new: bool
    previous: Version | None  # the version before it, to say what changed


@dataclass(frozen=True)
class Watched:
    url: str
    versions: int
    last_change: str
    checked: str


def text_hash(text: str) -> str:
    return hashlib.sha256(_body(text)).hexdigest()


def _body(text: str) -> bytes:
    """UTF-8 bytes; a lone surrogate (an undecodable byte the loader kept) survives the round trip."""
    return text.encode("utf-8", "surrogatepass")


class Archive:
    """An open archive. `Archive.open()` creates it if needed (for writers); `Archive.open(read_only=True)`
    never writes and refuses a missing one."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path | None = None, read_only: bool = False) -> Archive:
        path = path or archive_path()
        _check_file(path, read_only)
        try:
            if read_only:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
            else:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                conn = sqlite3.connect(path, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not read_only:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")  # a kept version survives a power cut, not only a kill
                conn.execute("PRAGMA foreign_keys = ON")
            archive = cls(conn, path)
            archive._check_schema(create=not read_only)
            return archive
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: {_failure(exc)}") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot open the archive ({exc.strerror or exc})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_schema(self, create: bool) -> None:
        if create:
            with self._transaction():
                for statement in _SCHEMA_SQL.split(";"):  # not executescript: it would commit first
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA,))
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError:
            row = None
        if row is None and not self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise InputError(f"{self.path}: no archive yet (a watcher is making it); `reader watch URL` starts one")
        if row is None or row[0] != SCHEMA:
            found = f" ({row[0]})" if row else ""
            raise InputError(f"{self.path}: not an archive this reader can read{found}; expected {SCHEMA}")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE: the write lock is taken first, so what is read inside cannot change before the write."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def add(
        self, url: str, copy: Copy, fetched: str, origin: str = "watch", validators: tuple[str, str] | None = None
    ) -> Kept:
        """Keep `copy` as a version of `url` fetched at `fetched`, unless the version in force then
        (the last one fetched before it) has the same text; a copy of the version after it moves that
        version's time back to `fetched` (its first sighting). A fetch's `validators` (ETag, Last-Modified) are
        noted in the same transaction. All of it or nothing."""
        digest = text_hash(copy.text)
        try:
            with self._transaction():
                page = self._page_id(url, fetched)
                if validators is not None:
                    self._note_check(page, fetched, *validators)
                before = self._version_before(page, url, fetched)
                if before is not None and before.text_hash == digest:
                    return Kept(before.number, False, None)
                after = self.conn.execute(
                    "SELECT id, text_hash FROM versions WHERE page = ? AND fetched > ? ORDER BY fetched, id LIMIT 1",
                    (page, fetched),
                ).fetchone()
                if after is not None and after[1] == digest:  # the next version, seen earlier: it dates from now
                    self.conn.execute("UPDATE versions SET fetched = ? WHERE id = ?", (fetched, after[0]))
                    return Kept(self._number(page, fetched), False, None)
                self.conn.execute(
                    "INSERT OR IGNORE INTO texts (hash, body, chars) VALUES (?, ?, ?)",
                    (digest, _body(copy.text), len(copy.text)),
                )
                self.conn.execute(
                    "INSERT INTO versions (page, fetched, http_date, title, outlet, page_date, encoding, format,"
                    " origin, text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        page,
                        fetched,
                        copy.http_date,
                        copy.title,
                        copy.outlet,
                        copy.page_date,
                        copy.encoding,
                        copy.source_format,
                        origin,
                        digest,
                    ),
                )
                number = (before.number if before else 0) + 1
                return Kept(number, True, before)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: {_failure(exc)}; the archive is as it was") from None

    def checked(self, url: str, when: str, etag: str = "", last_modified: str = "") -> None:
        """Note a successful fetch and the validators to send next time (the page may not be in the archive yet)."""
        try:
            with self._transaction():
                self._note_check(self._page_id(url, when), when, etag, last_modified)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: {_failure(exc)}; the archive is as it was") from None

    def validators(self, url: str) -> tuple[str, str]:
        """(ETag, Last-Modified) of the last copy fetched, for a conditional request; empty when unknown.

        Only when a version is kept: a 304 must never stand for a text the archive does not hold."""
        row = self.conn.execute(
            "SELECT etag, last_modified FROM pages WHERE url = ? AND EXISTS (SELECT 1 FROM versions WHERE page = id)",
            (url,),
        ).fetchone()
        return (row[0], row[1]) if row else ("", "")

    def versions(self, url: str) -> list[Version]:
        """Every version of `url`, in fetch order, numbered from 1. A version whose text is the one just before
        it (a saved copy added between two fetches of the same text) is not a change and is left out."""
        rows = self.conn.execute(
            "SELECT v.fetched, v.http_date, v.title, v.outlet, v.page_date, v.encoding, v.format, v.origin,"
            " v.text_hash, t.body FROM versions v JOIN pages p ON p.id = v.page JOIN texts t ON t.hash = v.text_hash"
            " WHERE p.url = ? ORDER BY v.fetched, v.id",
            (url,),
        ).fetchall()
        found: list[Version] = []
        for fetched, http_date, title, outlet, page_date, encoding, fmt, origin, digest, body in rows:
            if found and found[-1].text_hash == digest:
                continue
            text = _text(bytes(body), digest, self.path)
            copy = Copy(text, title, outlet, page_date, encoding, fmt, http_date)
            found.append(Version(len(found) + 1, url, fetched, copy, origin, digest))
        return found

    def watched(self) -> list[Watched]:
        """Every article in the archive, with its number of versions and when it last changed."""
        rows = self.conn.execute(
            "SELECT p.url, p.checked, v.fetched, v.text_hash FROM pages p LEFT JOIN versions v ON v.page = p.id"
            " ORDER BY p.url, v.fetched, v.id"
        ).fetchall()
        found: dict[str, Watched] = {}
        last_hash: dict[str, str] = {}
        for url, checked, fetched, digest in rows:
            now = found.get(url, Watched(url, 0, "", checked))
            if fetched is not None and last_hash.get(url) != digest:
                now = Watched(url, now.versions + 1, fetched, checked)
                last_hash[url] = digest
            found[url] = now
        return list(found.values())

    def _note_check(self, page: int, when: str, etag: str, last_modified: str) -> None:
        self.conn.execute(
            "UPDATE pages SET checked = max(checked, ?), etag = ?, last_modified = ? WHERE id = ?",
            (when, etag, last_modified, page),
        )

    def _page_id(self, url: str, when: str) -> int:
        self.conn.execute("INSERT OR IGNORE INTO pages (url, added) VALUES (?, ?)", (url, when))
        return self.conn.execute("SELECT id FROM pages WHERE url = ?", (url,)).fetchone()[0]

    def _version_before(self, page: int, url: str, fetched: str) -> Version | None:
        """The version in force at `fetched`: the last one fetched at or before it, with its number."""
        row = self.conn.execute(
            "SELECT fetched, text_hash, origin FROM versions WHERE page = ? AND fetched <= ?"
            " ORDER BY fetched DESC, id DESC LIMIT 1",
            (page, fetched),
        ).fetchone()
        if row is None:
            return None
        number = self._number(page, row[0])
        body = self.conn.execute("SELECT body FROM texts WHERE hash = ?", (row[1],)).fetchone()[0]
        text = _text(bytes(body), row[1], self.path)
        return Version(number, url, row[0], Copy(text), row[2], row[1])

    def _number(self, page: int, fetched: str) -> int:
        """The number of the version fetched at `fetched`: the changes up to it (as `versions` counts them)."""
        number, last = 0, None
        for (digest,) in self.conn.execute(
            "SELECT text_hash FROM versions WHERE page = ? AND fetched <= ? ORDER BY fetched, id", (page, fetched)
        ):
            number += digest != last
            last = digest
        return number


def _text(body: bytes, digest: str, path: Path) -> str:
    """A stored text, checked against its hash and the engine's size cap: a damaged row is refused, not shown."""
    if hashlib.sha256(body).hexdigest() != digest or len(body) > 4 * MAX_TEXT_CHARS:
        raise InputError(f"{path}: a stored text is damaged (its hash does not match)")
    return body.decode("utf-8", "surrogatepass")


def _check_file(path: Path, read_only: bool) -> None:
    """A regular file or nothing: a directory or a FIFO in its place is refused (a FIFO would hang the open)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if read_only:
            raise InputError(f"{path}: no archive yet; `reader watch URL` starts one") from None
        return
    except OSError as exc:
        raise InputError(f"{path}: cannot open the archive ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        raise InputError(f"{path}: not a regular file; the archive must be one")


def _failure(exc: sqlite3.Error) -> str:
    """An SQLite failure in the user's words."""
    words = " ".join(str(exc).split())
    if "not a database" in words or "malformed" in words:
        return f"not a reader archive, or a damaged one ({words}); it was left as it is"
    if "full" in words:
        return "the disk is full"
    if "locked" in words or "busy" in words:
        return "another process held the archive too long (it is locked)"
    if "readonly" in words:
        return "the archive cannot be written (read-only)"
    return f"archive error ({words})"
