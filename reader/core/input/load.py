"""Load: turn what the user names (files, directories, `-`, URLs) into decoded texts.

A plain text is kept exactly as read, except for what makes offsets portable:
a byte-order mark is dropped and CRLF / CR line ends become LF. Markdown and
HTML are turned into their article text first (see `formats`); offsets point
into that text. Every refusal is an InputError with a one-line message.
"""

from __future__ import annotations

import errno
import os
import re
import select
import stat
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.input.encoding import decode, html_declared_charset, normalize_newlines
from reader.core.input.formats import INPUT_SUFFIXES, format_of, html_to_text, markdown_to_text
from reader.core.input.metadata import METADATA_NAME, StoryMeta, VersionMeta, ordered, read_story_meta
from reader.core.input.urls import is_url, looks_like_other_url
from reader.model.errors import InputError

__all__ = [
    "InputError",
    "Source",
    "Story",
    "decode",
    "expand_paths",
    "load_sources",
    "load_story",
    "normalize_newlines",
    "read_source",
]

MAX_BYTES = 20 * 1024 * 1024  # what is read or fetched: a saved web page can be large
LIMIT_MB = MAX_BYTES // 1_048_576
# What is compared, per version. A long article is 50,000 characters and 500 sentences; the
# engine's cost grows with both, so both are capped. At these limits two versions take the
# engine 3.4-3.6 s and 280-370 MB (bench/bench_limits.py: 30,000 sentences of 2 or
# 5 words); 72,000 short sentences took 10.8 s and 1.0 GB. Over a limit the input is refused.
MAX_TEXT_CHARS = 1_000_000
MAX_SENTENCES = 30_000
# The Markdown parser is pure Python: 200,000 characters of its worst case (unclosed brackets) take
# 5.4 s, a news article in Markdown is under 100,000. A longer source is refused before parsing.
MAX_MARKDOWN_CHARS = 200_000
# Every version is aligned with every other: the cost grows with the pairs. 200 versions of 30
# sentences took 40 s; 5 of 6,000 sentences 11 s (before the engine was made faster). Near these
# limits the engine now takes at most 5.5 s of CPU and 420 MB (12 versions of 2,000 sentences,
# 257,000: 5.5 s, 330 MB; 3 of 30,000 short ones: 4.1 s, 416 MB; 21 of 500: 3.9 s; 50 of 100: 3.4 s).
MAX_VERSIONS = 50
MAX_PAIRED_SENTENCES = 250_000  # (versions - 1) x sentences in all versions
STDIN = "-"
# Every URL of one command must have arrived within this time (each also has its own clocks, see fetch).
URLS_DEADLINE_S = 60.0
# Standard input from a pipe or a file must end within this time (a terminal is a person typing: no limit).
STDIN_DEADLINE_S = 30.0
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Source:
    """One loaded version: where it came from, its text, and what is known about it."""

    path: str
    text: str
    encoding: str = "utf-8"
    source_format: str = "text"  # text | markdown | html
    title: str = ""  # from story.toml, or the page's own metadata for HTML
    outlet: str = ""
    date: str = ""
    fetched: str = ""  # when an archived version was fetched (UTC, ISO 8601): a version of a history


@dataclass(frozen=True)
class Input:
    """One version to read, and its line in a story.toml if it has one."""

    path: str
    meta: VersionMeta | None = None


@dataclass(frozen=True)
class Story:
    sources: list[Source]
    title: str = ""  # the story's title from story.toml, if any
    metadata_files: tuple[str, ...] = ()  # every story.toml read: a report must never be written over one


_stdin_read_ahead: list[bytes] = []


def read_stdin_ahead() -> None:
    """Read standard input now, for the next load to use: the app then takes the terminal back."""
    _stdin_read_ahead[:] = [_read_stdin()]


def _read_stdin() -> bytes:
    if _stdin_read_ahead:
        return _stdin_read_ahead.pop()
    if sys.stdin is None:
        raise InputError("-: there is no standard input")
    if sys.stdin.isatty():
        sys.stderr.write("reader: reading the text from the terminal; end it with Ctrl-D\n")
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        data = _read_with_deadline(sys.stdin.buffer, STDIN_DEADLINE_S)
    if len(data) > MAX_BYTES:
        raise InputError(f"-: too large (over {LIMIT_MB} MB)")
    return data


def _read_with_deadline(stream, seconds: float) -> bytes:  # noqa: ANN001 (any binary stream)
    """At most MAX_BYTES + 1 bytes of a pipe, which must end within `seconds`: a writer that
    never closes it cannot hold the reader."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return stream.read(MAX_BYTES + 1)  # an in-memory stream: it cannot block
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise InputError(f"-: standard input did not end within {seconds:g} seconds")
        try:
            chunk = os.read(fd, 65_536)
        except OSError as exc:
            raise InputError(f"-: cannot read standard input ({exc.strerror or exc})") from None
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def stream_file_key(stream: object) -> tuple[int, int] | None:
    """(device, inode) of the file behind a standard stream when it is a regular file (`< story.txt`)."""
    try:
        st = os.fstat(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def stdin_file_key() -> tuple[int, int] | None:
    return stream_file_key(sys.stdin)


def _why(exc: OSError) -> str:
    """The user's words for why a path cannot be used."""
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or directory"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"cannot read ({exc.strerror or exc})"


def probe(path: str) -> os.stat_result:
    """stat() that follows links, every failure (missing, loop, name too long, denied) one line."""
    try:
        return os.stat(path)
    except OSError as exc:
        raise InputError(f"{path}: {_why(exc)}") from None
    except ValueError:  # an embedded NUL
        raise InputError(f"{path}: not a usable file name") from None


def _read_bytes(path: str) -> bytes:
    if path == STDIN:
        return _read_stdin()
    st = probe(path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: not a regular file")
    if st.st_size > MAX_BYTES:
        raise InputError(f"{path}: too large ({st.st_size // 1_048_576} MB; the limit is {LIMIT_MB} MB)")
    try:
        with Path(path).open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the size may have grown since stat: read no further
    except OSError as exc:
        raise InputError(f"{path}: {_why(exc)}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: too large (over {LIMIT_MB} MB)")
    return data


def source_from_bytes(path: str, data: bytes, content_type: str | None = None, declared: str | None = None) -> Source:
    """Decode and, for Markdown and HTML, extract the article text of one version."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty" if data == b"" else f"{path}: holds only white space")
    text, encoding = decode(data, path, declared)
    fmt = format_of(path, text[:2048], content_type)
    title = outlet = date = ""
    if fmt == "html":
        meta_charset = html_declared_charset(data)
        if declared is None and meta_charset and not encoding.endswith("(BOM)"):
            text, encoding = decode(data, path, meta_charset)
        page = html_to_text(text, path, url=path if is_url(path) else None)
        text, title, outlet, date = page.text, page.title, page.outlet, page.date
    elif fmt == "markdown":
        if len(text) > MAX_MARKDOWN_CHARS:
            raise InputError(
                f"{path}: too long to read as Markdown ({len(text):,} characters; the limit is {MAX_MARKDOWN_CHARS:,})"
            )
        text = markdown_to_text(text)
    if not text.strip():
        raise InputError(f"{path}: holds only white space" if fmt == "text" else f"{path}: no text in it")
    _check_size(path, text)
    return Source(path, text, encoding, fmt, title, outlet, date)


def _check_size(path: str, text: str) -> None:
    """Refuse a text over the limits the engine is measured at, saying which limit."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{path}: too long to compare ({len(text):,} characters of text; the limit is {MAX_TEXT_CHARS:,})"
        )
    if len(text) > MAX_SENTENCES:  # a shorter text cannot hold more sentences than characters
        count = _sentences(text)
        if count > MAX_SENTENCES:
            raise InputError(
                f"{path}: too long to compare ({count:,} sentences; the limit is {MAX_SENTENCES:,} per version)"
            )


def _sentences(text: str) -> int:
    from reader.core.text.segment import segment

    return len(segment(text).segments)


def _check_versions(count: int) -> None:
    if count > MAX_VERSIONS:
        raise InputError(f"too many versions to compare ({count}; the limit is {MAX_VERSIONS})")


def _check_pairs(sources: Sequence[Source]) -> None:
    """Refuse a story whose versions are too many for their length: each is aligned with each."""
    if len(sources) <= 2:
        return  # two versions: the per-version limits are the bound
    total = sum(_sentences(s.text) for s in sources)
    work = (len(sources) - 1) * total
    if work > MAX_PAIRED_SENTENCES:
        raise InputError(
            f"too much to compare at once: {len(sources)} versions of {total:,} sentences in all; the limit is "
            f"{MAX_PAIRED_SENTENCES:,} for (versions - 1) x sentences, here {work:,}"
        )


def check_workload(sources: Sequence[Source]) -> None:
    """Refuse versions the engine is not measured for: too many, or too many sentences for their number
    (what `load_story` checks; sources made elsewhere, as a history's, are checked here)."""
    _check_versions(len(sources))
    _check_pairs(sources)


def read_source(path: str, meta: VersionMeta | None = None, deadline: float | None = None) -> Source:
    """Read one version: a file, `-` for standard input, or an http(s) URL (by `deadline`, a monotonic time)."""
    if looks_like_other_url(path):
        raise InputError(f"{path}: only http and https URLs can be fetched")
    if is_url(path):
        from reader.core.input.fetch import fetch  # the HTTP machinery loads only when a URL is read

        page = fetch(path, MAX_BYTES, deadline)
        source = source_from_bytes(path, page.data, page.content_type, page.charset)
    else:
        source = source_from_bytes(path, _read_bytes(path))
    if meta is not None:
        source = Source(
            source.path,
            source.text,
            source.encoding,
            source.source_format,
            meta.title or source.title,
            meta.outlet or source.outlet,
            meta.date or source.date,
        )
    return source


def _folder_files(folder: Path) -> list[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise InputError(f"{folder}: {_why(exc)}") from None
    files = [
        f
        for f in entries
        if not f.name.startswith(".") and f.name != METADATA_NAME and f.suffix.lower() in INPUT_SUFFIXES and f.is_file()
    ]
    return sorted(files, key=lambda f: _natural_key(f.name))


def _natural_key(name: str) -> list[object]:
    """Name order that puts 2-x before 10-x, as people number their versions."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def expand_inputs(paths: Sequence[str]) -> tuple[list[Input], str]:
    """Every version to read, in order, with its metadata; and the story title, if a folder gives one.

    A directory stands for its text, Markdown and HTML files (see story.toml for
    their order). The same file, URL or `-` named twice is refused.
    """
    inputs, title, _ = _expand(paths)
    return inputs, title


def _expand(paths: Sequence[str]) -> tuple[list[Input], str, tuple[str, ...]]:
    inputs: list[Input] = []
    story_title = ""
    metadata_files: list[str] = []
    for path in paths:
        if path == STDIN or is_url(path):
            inputs.append(Input(path))
            continue
        if looks_like_other_url(path):
            raise InputError(f"{path}: only http and https URLs can be fetched")
        if not stat.S_ISDIR(probe(path).st_mode):
            inputs.append(Input(path))
            continue
        p = Path(path)
        meta: StoryMeta | None = read_story_meta(p)
        if meta is not None:
            metadata_files.append(str(p / METADATA_NAME))
        files = ordered(_folder_files(p), meta, path.rstrip("/"))
        if not files:
            raise InputError(f"{path}: no text, Markdown or HTML files in this directory")
        inputs.extend(Input(str(f), meta.versions.get(f.name) if meta else None) for f in files)
        story_title = story_title or (meta.title if meta else "")
    _refuse_repeats([i.path for i in inputs])
    return inputs, story_title, tuple(metadata_files)


def file_key(path: str) -> tuple[int, int] | None:
    """(device, inode): one key for a file under any name, hard links and symbolic links alike."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def _refuse_repeats(paths: list[str]) -> None:
    seen: dict[object, str] = {}
    stdin_key = stdin_file_key() if STDIN in paths else None
    for path in paths:
        key: object = path if is_url(path) else file_key(path)
        if path == STDIN:
            if STDIN in seen.values():
                raise InputError("-: standard input is named twice; it can be read only once")
            key = stdin_key or STDIN
        if key is None:
            continue  # missing: read_source says so in its own words
        if key in seen:
            first = "standard input" if seen[key] == STDIN else seen[key]
            same = "" if first == path else f" (the same file as {first})"
            raise InputError(f"{path}: given twice{same}; compare different versions")
        seen[key] = path


def expand_paths(paths: Sequence[str]) -> list[str]:
    """The versions the paths stand for, in order (a directory = its files)."""
    return [i.path for i in expand_inputs(paths)[0]]


def load_story(paths: Sequence[str], progress: Progress | None = None) -> Story:
    """Load every version, with the story's metadata; at least two versions are needed."""
    inputs, title, metadata_files = _expand(paths)
    _check_versions(len(inputs))
    if len(inputs) < 2:
        for item in inputs:
            read_source(item.path, item.meta)  # a missing or empty file says so first
        raise InputError("need at least two versions to compare (give two files or a directory)")
    sources = []
    deadline = time.monotonic() + URLS_DEADLINE_S
    for n, item in enumerate(inputs, 1):
        if progress is not None:
            progress(f"reading {n} of {len(inputs)}")
        sources.append(read_source(item.path, item.meta, deadline))
    _check_pairs(sources)
    return Story(sources, title, metadata_files)


def load_sources(paths: Sequence[str], progress: Progress | None = None) -> list[Source]:
    """Load every version; at least two are needed for a comparison."""
    return load_story(paths, progress).sources
