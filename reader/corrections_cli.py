"""The command line's part of corrections, config and serving: read --corrections and config.toml, export, serve.

Kept apart from cli.py so the main command line stays one page; every failure
here is an InputError (one line, exit status 2) like any other bad input.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.config import load_settings
from reader.core import InputError, Story
from reader.model import Comparison

Say = Callable[[str], None]


def read_corrections_options(args: argparse.Namespace, say: Say) -> None:
    """Settings from config.toml and corrections from --corrections onto `args`; config warnings said now
    unless the app opens (it shows them itself)."""
    if args.serve and (args.format or args.export_corrections):
        raise InputError("--serve opens the app in a browser: leave out --format and --export-corrections")
    args.settings = load_settings()
    opens_app = args.format is None and not args.export_corrections and not args.serve
    if not opens_app:
        args.settings.tell = lambda warning: say(f"warning: {warning}")
        for warning in args.settings.warnings:
            args.settings.tell(warning)
    args.corrections = []
    if (
        args.corrections_file
    ):  # the corrections store (and the engine modules it needs) imported only then: the app starts sooner
        from reader.core import CorrectionsError, read_corrections

        try:
            found = read_corrections(args.corrections_file)
        except CorrectionsError as exc:
            raise InputError(f"--corrections {exc}") from None
        args.corrections = found.corrections
        note = found.bad_note(f"--corrections {args.corrections_file}")
        if note:  # the entries that could be read still apply
            args.settings.warn(note)


def corrected_report(comparison: Comparison, corrections: Sequence, say: Say) -> Comparison:
    """A report's comparison with the corrections kept for these texts and --corrections' (nothing is written)."""
    from reader.core import CorrectionSession

    result = CorrectionSession(corrections, keep=False).open(comparison)
    for note in result.notes:
        say(f"note: {note}")
    return result.comparison


def export_corrections(
    args: argparse.Namespace,
    check_output: Callable[[str, Story], None],
    write: Callable[[str, str], None],
    say: Say,
) -> int:
    """Write the corrections in effect for these versions (kept and --corrections) that still fit, to share them."""
    from reader.core import CorrectionSession, compare_versions, dumps_corrections, load_story

    if args.corrections_file and Path(args.export_corrections).resolve() == Path(args.corrections_file).resolve():
        raise InputError(
            f"--export-corrections {args.export_corrections}: is the --corrections file read; refusing to write over it"
        )
    story = load_story(args.paths)
    check_output(args.export_corrections, story)  # never over an input, a story.toml or standard input's file
    comparison = compare_versions(story.sources)
    session = CorrectionSession(args.corrections, keep=False)
    result = session.open(comparison)
    for note in result.notes:
        say(f"note: {note}")
    write(dumps_corrections(comparison.articles, session.corrections or []), args.export_corrections)
    return 0


def serve_options(args: argparse.Namespace) -> list[str]:
    """The options each served app is started with: the same base, theme and pairs file as asked here."""
    options = []
    if args.base is not None:
        options += ["--base", str(args.base)]
    if args.theme:
        options += ["--theme", args.theme]
    if args.corrections_file:
        options += ["--corrections", str(Path(args.corrections_file).resolve())]
    return options


def served_in_browser() -> bool:
    """True in an app that textual-serve started for a browser tab (it chooses Textual's web driver)."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")


def serve(paths: Sequence[str], options: Sequence[str], host: str, port: int) -> int:
    from reader.serve import serve as run

    return run(paths, options, host=host, port=port)
