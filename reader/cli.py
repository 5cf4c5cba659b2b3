"""Command line: open the app on the given versions, or print the comparison with --format."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.core.load import InputError

FORMATS = ("json", "markdown")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit status 2, like every bad input
        sys.stderr.write(f"reader: {message}\n")
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reader", description="Read several versions of the same story side by side.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, a directory of versions, or - for stdin")
    p.add_argument("--format", choices=FORMATS, help="print the comparison instead of opening the app")
    p.add_argument("--base", type=int, default=1, metavar="N", help="the version the others are compared with (1..N)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--theme", metavar="NAME", help="colour theme of the app")
    return p


def _render(fmt: str, comparison) -> str:
    if fmt == "json":
        from reader.export.json import render
    else:
        from reader.export.markdown import render
    return render(comparison)


def _write(report: str, output: str | None, inputs: Sequence[str]) -> None:
    if output is None:
        sys.stdout.write(report)
        return
    target = Path(output)
    if any(p != "-" and Path(p).exists() and target.exists() and target.resolve() == Path(p).resolve()
           for p in inputs):
        raise InputError(f"{output}: is one of the inputs; refusing to write over it")
    try:
        target.write_text(report, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror})") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        from reader.core.compare import compare
        from reader.core.load import expand_paths

        if args.format is None:
            from reader.ui.app import run_app

            return run_app(args.paths, base=args.base - 1, theme=args.theme)
        inputs = expand_paths(args.paths)
        if not 1 <= args.base <= max(len(inputs), 1):
            raise InputError(f"--base {args.base}: there are {len(inputs)} versions")
        comparison = compare(args.paths, base=args.base - 1)
        _write(_render(args.format, comparison), args.output, inputs)
    except InputError as exc:
        sys.stderr.write(f"reader: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return 0
