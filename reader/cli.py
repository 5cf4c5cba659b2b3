"""Command line: open the app on the given versions, or write the comparison with --format.

Every bad input ends the same way: one line `reader: message` on standard
error and exit status 2, never a traceback, never a write to an input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from reader.core.load import InputError
from reader.core.visible import visible
from reader.hands_cli import corrected_report, export_pairs, read_hands_options, serve, serve_options

FORMATS = ("json", "markdown", "html")
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit status 2, like every bad input
        sys.stderr.write(f"reader: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reader", description="Read several versions of the same story side by side.")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text, Markdown or HTML files, directories of versions, http(s) URLs, - for stdin",
    )
    p.add_argument("--format", choices=FORMATS, help="write the comparison as a report instead of opening the app")
    p.add_argument(
        "--base",
        type=int,
        metavar="N",
        help="the version the others are compared with (1..N; default 1 or config.toml)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to FILE instead of standard output (never over an input)",
    )
    p.add_argument("--theme", metavar="NAME", help="colour theme of the app")
    p.add_argument("--pairs", metavar="FILE", help="apply the re-pairings of a pairs file (made by --export-pairs)")
    p.add_argument("--export-pairs", metavar="FILE", help="write the re-pairings kept for these versions to FILE")
    p.add_argument("--serve", action="store_true", help="serve the app to a web browser instead of the terminal")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="port for --serve (default 8000)")
    p.add_argument("--host", default="127.0.0.1", help="address for --serve (default 127.0.0.1, this machine only)")
    return p


class Progress:
    """Stage messages on one rewritten line of standard error, only when it is a terminal."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.active = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, message: str) -> None:
        if self.active:
            self.stream.write(f"\r\x1b[Kreader: {message}…")
            self.stream.flush()
            self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _render(fmt: str, comparison, story_title: str, sources) -> str:
    if fmt == "json":
        from reader.export.json import render

        return render(comparison)
    if fmt == "markdown":
        from reader.export.markdown import render

        return render(comparison)
    from reader.export.html import render as render_html

    return render_html(comparison, title=story_title, sources=sources)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _write(report: str, output: str | None, inputs: Sequence[str]) -> None:
    if output is None:
        sys.stdout.write(report)
        sys.stdout.flush()
        return
    target = Path(output)
    if any(p != "-" and _same_file(target, Path(p)) for p in inputs):
        raise InputError(f"{output}: is one of the inputs; refusing to write over it")
    if target.is_dir():
        raise InputError(f"{output}: is a directory; give a file name for the report")
    try:
        target.write_text(report, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror or exc})") from None


def _check_base(base: int, count: int) -> None:
    if not 1 <= base <= count:
        raise InputError(f"--base {base}: there are {count} versions (choose 1 to {count})")


def _attach_terminal_to_stdin() -> None:
    """After a piped text is read, give the app the terminal's keys on file descriptor 0."""
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise InputError(
            "-: the text came through a pipe and there is no terminal for the app's keys; "
            "add --format to write a report instead"
        ) from None
    os.dup2(fd, 0)
    os.close(fd)


def _open_app(args: argparse.Namespace) -> int:
    """Hand the paths to the app (which loads them, with the same one-line errors)."""
    from reader.core.load import expand_inputs, read_stdin_ahead

    inputs = expand_inputs(args.paths)[0]  # repeated or unusable paths are refused before stdin is touched
    if "-" in args.paths and not sys.stdin.isatty():
        read_stdin_ahead()
        _attach_terminal_to_stdin()
    from reader.ui.app import run_app

    base = args.settings.choose_base(args.base, len(inputs))
    theme = args.theme or args.settings.theme
    warnings = args.settings.warnings
    return run_app(
        args.paths,
        base - 1,
        theme,
        pairs=args.corrections,
        view=args.settings.view,
        warnings=warnings,
        strict_theme=args.theme is not None,
    )


def _report(args: argparse.Namespace) -> None:
    from reader.core.compare import build
    from reader.core.load import load_story

    progress = Progress()
    try:
        story = load_story(args.paths, progress)
        base = args.settings.choose_base(args.base, len(story.sources))
        _check_base(base, len(story.sources))
        comparison = build(story.sources, base=base - 1, progress=progress)
        comparison = corrected_report(comparison, args.corrections, _say)
        progress("writing the report")
        report = _render(args.format, comparison, story.title, story.sources)
    finally:
        progress.done()
    _write(report, args.output, [s.path for s in story.sources])


def _say(message: str) -> None:
    """One line on standard error; a hostile file name cannot smuggle control codes through it."""
    sys.stderr.write(f"reader: {visible(' '.join(message.split()), keep_newlines=False)}\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        read_hands_options(args, _say)
        if args.serve:
            return serve(args.paths, serve_options(args), host=args.host, port=args.port)
        if args.export_pairs:
            return export_pairs(args, _write, _say)
        if args.format is None:
            return _open_app(args)
        _report(args)
    except InputError as exc:
        _say(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `reader ... | head`: the reader went away, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        if os.environ.get("READER_DEBUG"):
            raise
        _say(f"internal error ({type(exc).__name__}: {exc}); run with READER_DEBUG=1 for details")
        return EXIT_INTERNAL
    return 0
