"""The archive's command line: `reader watch`, `reader history` and `reader archive add`.

Reached from reader/cli.py when the first word is one of COMMANDS; errors end as every other bad
input does (one line `reader: message`, exit status 2). Reports and the app go through the same
paths as `reader PATH...`: the same renderers, the same refusal to write over an input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime

from reader.cli import (
    ARCHIVE_COMMANDS,
    FORMATS,
    NO_TERMINAL,
    Progress,
    _attach_terminal_to_stdin,
    _check_output,
    _is_terminal,
    _json_indent,
    _Parser,
    _render,
    _say,
    _write,
    run_guarded,
)
from reader.core import Source, check_url
from reader.model import InputError

from . import times
from .store import Archive, Copy, utc_stamp

COMMANDS = ARCHIVE_COMMANDS
LIST_SCHEMA = "reader.archive-list/1"
MIN_EVERY_S = 1.0  # a page is not fetched more often than this


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reader", description="Watch live articles, keep every version, read their history.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    w = sub.add_parser("watch", help="fetch pages on a schedule and keep each new version of their article")
    w.add_argument("urls", nargs="+", metavar="URL", help="http(s) pages to watch")
    w.add_argument("--every", default="10m", metavar="DURATION", help="time between fetches (default 10m)")
    w.add_argument("--for", dest="duration", metavar="DURATION", help="stop after this long (default: Ctrl+C)")
    h = sub.add_parser("history", help="compare the kept versions of a page, or list the watched pages")
    h.add_argument("url", nargs="?", metavar="URL", help="the page (leave out to list every watched page)")
    h.add_argument("--since", metavar="WHEN", help="versions since then: a duration back (2h, 1d) or a date")
    h.add_argument("--format", choices=FORMATS, help="write the comparison as a report instead of opening the app")
    h.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    h.add_argument("--indent", type=int, metavar="N", help="indent the JSON by N spaces, 0 for compact")
    h.add_argument("--base", type=int, metavar="N", help="the version the others are compared with (default 1)")
    h.add_argument("--theme", metavar="NAME", help="colour theme of the app")
    a = sub.add_parser("archive", help="manage the archive")
    asub = a.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = asub.add_parser("add", help="add a saved copy of a page as a version at its time")
    add.add_argument("url", metavar="URL", help="the page the copy is of")
    add.add_argument("file", metavar="FILE", help="the saved copy: HTML, Markdown or text")
    add.add_argument("--time", required=True, metavar="T", help="when the copy was made (ISO 8601: 2026-12-04T18:30)")
    return p


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    return run_guarded(lambda: _run(args))


def _run(args: argparse.Namespace) -> int:
    if args.command == "watch":
        return watch(args)
    if args.command == "history":
        return history(args) if args.url else list_watched(args)
    return archive_add(args)


def watch(args: argparse.Namespace) -> int:
    from .watch import run

    every = times.duration(args.every, "--every")
    if every < MIN_EVERY_S:
        raise InputError(f"--every {args.every}: at least {MIN_EVERY_S:g} second between fetches, to be polite")
    duration = times.duration(args.duration, "--for") if args.duration else None
    urls = _urls(args.urls)
    _check_output(None, {})  # its lines never go into the archive (`>> archive.sqlite`)
    with Archive.open() as archive:
        if _is_terminal(sys.stderr):  # a person watching: say what runs, and how to stop it
            until = f"for {times.spoken(duration)}" if duration else "until Ctrl+C"
            pages = f"{len(urls)} page{'s' * (len(urls) != 1)}"
            _say(f"watching {pages} every {times.spoken(every)}, {until}; versions go to {archive.path}")
        run(urls, archive, sys.stdout, _say, every, duration)
    return 0


def _urls(urls: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for url in urls:
        check_url(url)
        if url in seen:
            raise InputError(f"{url}: given twice; watch each page once")
        seen.append(url)
    return seen


def history(args: argparse.Namespace) -> int:
    from .history import history_sources

    since = times.since(args.since) if args.since else None
    if args.format is not None:  # where the report goes is checked before the archive is opened
        if args.indent is not None and not 0 <= args.indent <= 16:
            raise InputError(f"--indent {args.indent}: expected a number of spaces from 0 to 16")
        _check_output(args.output, {})  # never over the archive (nor a read-only file, a directory ...)
    with Archive.open(read_only=True) as archive:
        sources = history_sources(archive, args.url, since, _say)
    base = args.base if args.base is not None else 1
    if not 1 <= base <= len(sources):
        raise InputError(f"--base {base}: there are {len(sources)} versions (choose 1 to {len(sources)})")
    if args.format is None:
        return _open_app(sources, base - 1, args.theme)
    from reader.core import compare_versions

    progress = Progress()
    try:
        comparison = compare_versions(sources, base=base - 1, progress=progress)
        progress("writing the report")
        report = _render(args.format, comparison, sources[-1].title, sources, _json_indent(args))
    finally:
        progress.done()
    _write(report, args.output)
    return 0


def _open_app(sources: list[Source], base: int, theme: str | None) -> int:
    from reader.config import load_settings

    if not _is_terminal(sys.stdout):
        raise InputError(NO_TERMINAL)
    if not _is_terminal(sys.stdin):
        _attach_terminal_to_stdin()
    from reader.ui.launch import run_app

    settings = load_settings()
    return run_app(
        [s.path for s in sources],
        base,
        theme or settings.theme,
        view=settings.view,
        cosmetic=settings.cosmetic,
        warnings=settings.warnings,
        strict_theme=theme is not None,
        sources=sources,
    )


def list_watched(args: argparse.Namespace) -> int:
    """Every article in the archive: versions, last change, URL (JSON with --format json)."""
    if args.format not in (None, "json"):
        raise InputError(f"--format {args.format}: the list of watched pages is text or JSON; give a URL to compare")
    _check_output(args.output, {})
    with Archive.open(read_only=True) as archive:
        pages = archive.watched()
    if args.format == "json":
        data = {
            "schema": LIST_SCHEMA,
            "articles": [
                {"url": p.url, "versions": p.versions, "last_change": p.last_change, "checked": p.checked}
                for p in pages
            ],
        }
        _write(json.dumps(data, ensure_ascii=False, indent=args.indent or None) + "\n", args.output)
        return 0
    if not pages:
        _write("no watched pages yet; `reader watch URL` starts\n", args.output)
        return 0
    lines = []
    for p in pages:
        last = times.labels([p.last_change])[0] if p.last_change else "never"
        lines.append(f"{p.versions:>4} version{'s' if p.versions != 1 else ' '}  last change {last:<16}  {p.url}")
    from reader.model import visible

    _write("".join(visible(line, keep_newlines=False) + "\n" for line in lines), args.output)
    return 0


def archive_add(args: argparse.Namespace) -> int:
    """Add a saved copy as a version at its time (read as any input file is: caps, extraction)."""
    from reader.core import read_source

    check_url(args.url)
    when = times.moment(args.time, "--time")
    if when > datetime.now(when.tzinfo):
        raise InputError(f"--time {args.time}: is in the future")
    _check_output(None, {})
    source = read_source(args.file)
    copy = Copy(source.text, source.title, source.outlet, source.date, source.encoding, source.source_format)
    fetched = utc_stamp(when)
    with Archive.open() as archive:
        kept = archive.add(args.url, copy, fetched, origin="file")
    label = times.labels([fetched])[0]
    if kept.new:
        print(f"added as version {kept.number} of {args.url} ({label})")
    else:
        print(f"the same text as version {kept.number} of {args.url}, in force at {label}; nothing added")
    return 0
