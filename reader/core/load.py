"""Load: turn what the user names (files, directories, `-`, URLs) into decoded texts.

A plain text is kept exactly as read, except for what makes offsets portable:
a byte-order mark is dropped and CRLF / CR line ends become LF. Markdown and
HTML are turned into their article text first (see `formats`); offsets point
into that text. Every refusal is an InputError with a one-line message.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .encoding import decode, html_declared_charset, normalize_newlines
from .errors import InputError
from .formats import INPUT_SUFFIXES, format_of, html_to_text, markdown_to_text
from .metadata import METADATA_NAME, StoryMeta, VersionMeta, ordered, read_story_meta
from .urls import is_url, looks_like_other_url

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
# What is compared: a long article is 50,000 characters; a pair of 1,000,000-character
# texts takes the engine about 8 s and 0.7 GB, and its memory grows faster than the text.
MAX_TEXT_CHARS = 1_000_000
STDIN = "-"
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


@dataclass(frozen=True)
class Input:
    """One version to read, and its line in a story.toml if it has one."""

    path: str
    meta: VersionMeta | None = None


@dataclass(frozen=True)
class Story:
    sources: list[Source]
    title: str = ""  # the story's title from story.toml, if any


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
    if len(data) > MAX_BYTES:
        raise InputError(f"-: too large (over {LIMIT_MB} MB)")
    return data


def _read_bytes(path: str) -> bytes:
    if path == STDIN:
        return _read_stdin()
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file or directory")
    if not p.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: too large ({size // 1_048_576} MB; the limit is {LIMIT_MB} MB)")
        return p.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


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
        text = markdown_to_text(text)
    if not text.strip():
        raise InputError(f"{path}: holds only white space" if fmt == "text" else f"{path}: no text in it")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{path}: too long to compare ({len(text):,} characters of text; the limit is {MAX_TEXT_CHARS:,})"
        )
    return Source(path, text, encoding, fmt, title, outlet, date)


def read_source(path: str, meta: VersionMeta | None = None) -> Source:
    """Read one version: a file, `-` for standard input, or an http(s) URL."""
    if looks_like_other_url(path):
        raise InputError(f"{path}: only http and https URLs can be fetched")
    if is_url(path):
        from .fetch import fetch  # the HTTP machinery loads only when a URL is read

        page = fetch(path, MAX_BYTES)
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
    files = [
        f
        for f in folder.iterdir()
        if f.is_file() and not f.name.startswith(".") and f.name != METADATA_NAME and f.suffix.lower() in INPUT_SUFFIXES
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
    inputs: list[Input] = []
    story_title = ""
    for path in paths:
        p = Path(path)
        if path != STDIN and not is_url(path) and p.is_dir():
            meta: StoryMeta | None = read_story_meta(p)
            files = ordered(_folder_files(p), meta, path.rstrip("/"))
            if not files:
                raise InputError(f"{path}: no text, Markdown or HTML files in this directory")
            inputs.extend(Input(str(f), meta.versions.get(f.name) if meta else None) for f in files)
            story_title = story_title or (meta.title if meta else "")
        else:
            inputs.append(Input(path))
    _refuse_repeats([i.path for i in inputs])
    return inputs, story_title


def _refuse_repeats(paths: list[str]) -> None:
    seen: dict[object, str] = {}
    for path in paths:
        if path == STDIN or is_url(path):
            key: object = path
        else:
            try:
                key = Path(path).resolve(strict=True)
            except OSError:
                continue  # missing: read_source says so in its own words
        if key in seen:
            if path == STDIN:
                raise InputError("-: standard input is named twice; it can be read only once")
            same = "" if seen[key] == path else f" (the same file as {seen[key]})"
            raise InputError(f"{path}: given twice{same}; compare different versions")
        seen[key] = path


def expand_paths(paths: Sequence[str]) -> list[str]:
    """The versions the paths stand for, in order (a directory = its files)."""
    return [i.path for i in expand_inputs(paths)[0]]


def load_story(paths: Sequence[str], progress: Progress | None = None) -> Story:
    """Load every version, with the story's metadata; at least two versions are needed."""
    inputs, title = expand_inputs(paths)
    if len(inputs) < 2:
        for item in inputs:
            read_source(item.path, item.meta)  # a missing or empty file says so first
        raise InputError("need at least two versions to compare (give two files or a directory)")
    sources = []
    for n, item in enumerate(inputs, 1):
        if progress is not None:
            progress(f"reading {n} of {len(inputs)}")
        sources.append(read_source(item.path, item.meta))
    return Story(sources, title)


def load_sources(paths: Sequence[str], progress: Progress | None = None) -> list[Source]:
    """Load every version; at least two are needed for a comparison."""
    return load_story(paths, progress).sources
