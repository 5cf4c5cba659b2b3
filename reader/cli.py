"""Command line: open the app on the given versions, or write the comparison with --format.

Every bad input ends the same way: one line `reader: message` on standard
error and exit status 2, never a traceback, never a write to an input.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from reader.config import config_dir
from reader.core import STDIN, InputError, Story, file_key, is_url, stdin_file_key, stream_file_key
from reader.corrections_cli import (
    corrected_report,
    export_corrections,
    read_corrections_options,
    serve,
    serve_options,
    served_in_browser,
)
from reader.model import visible

# One thread for numpy's BLAS unless the user chose otherwise (set before numpy is imported): the engine's
# matrix products are small, and OpenBLAS starting a thread per core costs more CPU than they save
# (`import numpy` alone: 0.12 s of CPU with two cores, 0.06 s with one; the corpus: 0.34 -> 0.24 s)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

FORMATS = ("json", "markdown", "html")
ARCHIVE_COMMANDS = ("watch", "history", "archive")  # first words that name a command, not a file (./watch is one)
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
WRITE_CHUNK = 1 << 20  # characters of a report encoded and written at once
_SURROGATES = re.compile("[\ud800-\udfff]")
NO_TERMINAL = (
    "the app needs a terminal (for its screen and its keys) and there is none; "
    "add --format json, markdown or html to write a report instead"
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line and exit status 2, like every bad input
        _say(message)
        raise SystemExit(EXIT_BAD_INPUT)


def _spaces(value: str) -> int:
    if not value.isdigit() or int(value) > 16:
        raise argparse.ArgumentTypeError(f"expected a number of spaces from 0 to 16, got {value!r}")
    return int(value)


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="reader",
        description="Read several versions of the same story side by side.",
        epilog="Watch a live page: reader watch URL; read its versions: reader history URL (see reader watch --help).",
    )
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
    p.add_argument(
        "--indent",
        type=_spaces,
        metavar="N",
        help="indent the JSON by N spaces, 0 for compact (default: 2 on a terminal, compact otherwise)",
    )
    p.add_argument("--theme", metavar="NAME", help="colour theme of the app")
    p.add_argument(
        "--corrections",
        "--pairs",
        dest="corrections_file",
        metavar="FILE",
        help="apply the corrections of a file made by --export-corrections (--pairs: its older name)",
    )
    p.add_argument(
        "--export-corrections",
        "--export-pairs",
        dest="export_corrections",
        metavar="FILE",
        help="write the corrections kept for these versions to FILE (--export-pairs: its older name)",
    )
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


def _render(fmt: str, comparison, story_title: str, sources, indent: int | None = 2) -> str | Iterable[str]:
    if fmt == "json":
        from reader.export.json import render_pieces

        return render_pieces(comparison, indent=indent)
    if fmt == "markdown":
        from reader.export.markdown import render

        return render(comparison)
    from reader.export.html import render as render_html

    return render_html(comparison, title=story_title, sources=sources)


def _protected(story: Story, args: argparse.Namespace) -> dict[tuple[int, int], str]:
    """Every file this run read, by (device, inode): versions, story.toml files, the file behind stdin,
    the --corrections file and config.toml."""
    keys: dict[tuple[int, int], str] = {}
    read = [*(s.path for s in story.sources if s.path != STDIN and not is_url(s.path)), *story.metadata_files]
    if args.corrections_file:
        read.append(args.corrections_file)
    read.append(str(config_dir() / "config.toml"))
    for path in read:
        key = file_key(path)
        if key is not None:
            keys.setdefault(key, path)
    stdin_key = stdin_file_key()
    if stdin_key is not None and any(s.path == STDIN for s in story.sources):
        keys.setdefault(stdin_key, "standard input")
    return keys


Folders = dict[str, tuple[str, Callable[[str], bool]]]  # real path -> (what it is, the names read there)


def _folders_read(paths: Sequence[str]) -> Folders:
    """Every folder whose files this run (or the next one on the same paths) reads, by its real path,
    with which names are read there: a report of such a name written there would be read back (in a
    story folder, as one more version)."""
    from reader.core import INPUT_SUFFIXES, STATE_NAME, state_dir

    def version(name: str) -> bool:
        return not name.startswith(".") and Path(name).suffix.lower() in INPUT_SUFFIXES

    folders: Folders = {}
    for path in paths:
        if path != STDIN and not is_url(path) and os.path.isdir(path):
            folders.setdefault(os.path.realpath(path), (f"{path}, a folder read as versions", version))

    def kept_file(name: str) -> bool:
        return STATE_NAME.fullmatch(name) is not None

    kept = ("the folder of kept corrections, read at every start", kept_file)
    folders.setdefault(os.path.realpath(state_dir()), kept)
    return folders


def _check_output(output: str | None, protected: dict[tuple[int, int], str], folders: Folders | None = None) -> None:
    """Refuse, before any work, a report that would land on something the reader read, into a folder
    it reads, or over a file that may not be written."""
    if output is None:
        key = stream_file_key(sys.stdout)
        if key in protected:
            raise InputError(f"standard output is {protected[key]}, an input; refusing to write over it")
        archive = _archive_file(None, key)
        if archive is not None:
            raise InputError(
                f"standard output is {archive}, part of the archive of watched pages; refusing to write to it"
            )
        return
    key = file_key(output)
    if key in protected:
        what = protected[key]
        same = "" if what == output else f" ({what})"
        raise InputError(f"{output}: is one of the inputs{same}; refusing to write over it")
    archive = _archive_file(output, key)
    if archive is not None:
        same = "" if archive == output else f" ({archive})"
        raise InputError(f"{output}: is part of the archive of watched pages{same}; refusing to write over it")
    try:
        mode = os.stat(output).st_mode
    except OSError as exc:
        if exc.errno not in (errno.ENOENT,):
            raise InputError(f"{output}: cannot write ({exc.strerror or exc})") from None
        mode = None
    except ValueError:
        raise InputError(f"{output}: not a usable file name") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"{output}: is a directory; give a file name for the report")
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISCHR(mode)):
        raise InputError(f"{output}: not a regular file; give a file name for the report")
    if mode is not None and not os.access(output, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise InputError(f"{output}: read-only; refusing to replace it (as the shell's > would)")
    real = os.path.realpath(output)
    where, read_there = (folders or {}).get(os.path.dirname(real), ("", lambda _name: False))
    if read_there(os.path.basename(real)):
        raise InputError(f"{output}: is in {where}; it would be read back: write the report elsewhere")


def _archive_file(output: str | None, key: tuple[int, int] | None) -> str | None:
    """The archive's file (`reader watch`'s database, or a file SQLite keeps beside it) that `output` names once
    links are followed, or that `key` is under another name (a hard link); None when it is none of them. Every
    report, whatever it reads, checks this: the archive is every watched page's history."""
    if output is None and key is None:
        return None  # standard output is a terminal or a pipe (most runs): the archive module need not load
    from reader.archive.store import archive_files

    real = os.path.realpath(output) if output is not None else None
    for path in archive_files():
        if real is not None and real == os.path.realpath(path) or key is not None and key == file_key(str(path)):
            return str(path)
    return None


def _check_target(output: str | None, story: Story, args: argparse.Namespace) -> None:
    _check_output(output, _protected(story, args), _folders_read(args.paths))


def _write(report: str | Iterable[str], output: str | None) -> None:
    """The report to standard output, or to a file through a temporary file and a rename."""
    if output is None:
        _write_stdout(report)
        return
    real = Path(os.path.realpath(output))  # through a symbolic link, to the file it names
    if real.exists() and not real.is_file():  # /dev/null and the like: no rename over a device
        try:
            with real.open("w", encoding="utf-8") as f:
                f.writelines(_pieces(report))
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror or exc})") from None
        return
    _replace(real, report, output)


def _replace(target: Path, report: str | Iterable[str], shown: str) -> None:
    """Write `report` beside `target`, then rename it over: a failed write leaves the older file whole."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:200]}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in _pieces(report):
                f.write(piece.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"{shown}: cannot write ({exc.strerror or exc})") from None


def _mode_for(target: Path) -> int:
    """The older report's permissions, else what a new file gets under the user's umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _pieces(report: str | Iterable[str]) -> Iterator[str]:
    """The report (text, or its pieces) in pieces of at most WRITE_CHUNK characters, each encoded as
    it is written: a report of tens of MB is not copied whole into bytes beside itself (a large
    comparison's memory peaks here). A file name's undecodable bytes cannot be written as UTF-8."""
    for part in [report] if isinstance(report, str) else report:
        for start in range(0, len(part), WRITE_CHUNK):
            piece = part[start : start + WRITE_CHUNK] if len(part) > WRITE_CHUNK else part
            yield piece if piece.isascii() else _SURROGATES.sub("\ufffd", piece)


def _write_stdout(report: str | Iterable[str]) -> None:
    if sys.stdout is None:
        raise InputError("standard output is closed; give -o FILE for the report")
    try:
        for piece in _pieces(report):
            sys.stdout.write(piece)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise InputError(f"standard output: cannot write ({exc.strerror or exc})") from None


def _silence_stdout() -> None:
    """After a failed write, what is still buffered must not fail again (and print) at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _check_base(base: int, count: int) -> None:
    if not 1 <= base <= count:
        raise InputError(f"--base {base}: there are {count} versions (choose 1 to {count})")


def _attach_terminal_to_stdin() -> None:
    """Standard input is no terminal (a pipe, /dev/null): give the app the terminal's keys on descriptor 0."""
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise InputError(NO_TERMINAL) from None
    os.dup2(fd, 0)
    os.close(fd)


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def _open_app(args: argparse.Namespace) -> int:
    """Hand the paths to the app (which loads them, with the same one-line errors)."""
    from reader.core import expand_inputs, read_stdin_ahead

    browser = served_in_browser()  # under --serve the app talks to the page over pipes, not a terminal
    if not browser and not _is_terminal(sys.stdout):
        raise InputError(NO_TERMINAL)
    inputs = expand_inputs(args.paths)[0]  # repeated or unusable paths are refused before stdin is touched
    if not browser and not _is_terminal(sys.stdin):
        if "-" in args.paths:
            read_stdin_ahead()
        _attach_terminal_to_stdin()
    from reader.ui.launch import run_app

    base = args.settings.choose_base(args.base, len(inputs))
    theme = args.theme or args.settings.theme
    warnings = args.settings.warnings
    return run_app(
        args.paths,
        base - 1,
        theme,
        corrections=args.corrections,
        view=args.settings.view,
        cosmetic=args.settings.cosmetic,
        warnings=warnings,
        strict_theme=args.theme is not None,
    )


def _report(args: argparse.Namespace) -> None:
    from reader.core import compare_versions, load_story

    progress = Progress()
    try:
        story = load_story(args.paths, progress)
        base = args.settings.choose_base(args.base, len(story.sources))
        _check_base(base, len(story.sources))
        _check_target(args.output, story, args)
        comparison = compare_versions(story.sources, base=base - 1, progress=progress)
        comparison = corrected_report(comparison, args.corrections, _say)
        progress("writing the report")
        report = _render(args.format, comparison, story.title, story.sources, _json_indent(args))
    finally:
        progress.done()
    _write(report, args.output)


def _json_indent(args: argparse.Namespace) -> int | None:
    """Indented JSON for a person at a terminal, compact (and faster to write and read) for a program."""
    if args.indent is not None:
        return args.indent or None
    return 2 if args.output is None and _is_terminal(sys.stdout) else None


def _say(message: str) -> None:
    """One line on standard error; a hostile file name cannot smuggle control codes through it."""
    line = f"reader: {visible(' '.join(message.split()), keep_newlines=False)}\n"
    with contextlib.suppress(OSError, ValueError, AttributeError):  # a closed standard error: the status says it
        sys.stderr.write(line)
        sys.stderr.flush()


def _fill_closed_descriptors() -> None:
    """Descriptors 0-2 closed by the caller (`reader ... >&-`) get /dev/null, so that no file the
    reader opens later takes their number and receives what was meant for a standard stream."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                opened = os.open(os.devnull, os.O_RDWR)
                if opened != fd:
                    os.dup2(opened, fd)
                    os.close(opened)


def _check_serve_options(args: argparse.Namespace) -> None:
    """Options of a report have no meaning for the browser: refused, not silently dropped."""
    given = [name for name, value in (("-o", args.output), ("--indent", args.indent)) if value is not None]
    if given:
        raise InputError(f"--serve opens the app in a browser: leave out {' and '.join(given)}")


def main(argv: Sequence[str] | None = None) -> int:
    _fill_closed_descriptors()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in ARCHIVE_COMMANDS:  # reader watch / history / archive: reader/archive/commands.py
        from reader.archive.commands import main as archive_main

        return archive_main(argv)
    args = parser().parse_args(argv)
    return run_guarded(lambda: _run(args))


def _run(args: argparse.Namespace) -> int:
    read_corrections_options(args, _say)
    if args.serve:
        _check_serve_options(args)
        return serve(args.paths, serve_options(args), host=args.host, port=args.port)
    if args.export_corrections:
        return export_corrections(args, lambda output, story: _check_target(output, story, args), _write, _say)
    if args.format is None:
        return _open_app(args)
    _report(args)
    return 0


def run_guarded(command: Callable[[], int]) -> int:
    """Run a command of the reader: bad input is one line and exit 2, Ctrl+C 130, a closed pipe
    nothing, and a bug of ours one line (exit 1) with the traceback only on request."""
    try:
        return command()
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
