"""The engine's front door: versions of one story in, one `Comparison` (reader.model) out.

The faces (the app, the reports, the command line) import the engine from here and nowhere
else. Behind it the pipeline runs by stage, one subpackage each:

    input/        load files, folders, standard input and URLs; decode; extract articles
    text/         segment into sentences and tokens; normalise words; read values
    align/        pair the sentences of N versions into claims, with moves
    claims/       compare inside each claim: word changes, layers, facts, citations
    corrections/  a reader's own pairings and unpairings, applied and kept

Names are imported on first use, so the app can show the versions' text (`load_sources`,
`segment`) before the numerical libraries of the alignment are loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.claims.timeline import (
        ChangeCounts,
        carried_span,
        change_counts,
        claim_events,
        event_times,
        is_history,
        same_values,
        time_labels,
        value_changes,
        version_times,
    )
    from reader.core.collector import collector_paused
    from reader.core.corrections.apply import Applied, Correction, pair, unpair
    from reader.core.corrections.session import CorrectionSession
    from reader.core.corrections.store import STATE_NAME, CorrectionsError, state_dir
    from reader.core.corrections.store import dumps as dumps_corrections
    from reader.core.corrections.store import read as read_corrections
    from reader.core.input.fetch import Validators, fetch
    from reader.core.input.formats import INPUT_SUFFIXES
    from reader.core.input.load import (
        MAX_BYTES,
        MAX_TEXT_CHARS,
        MAX_VERSIONS,
        STDIN,
        Source,
        Story,
        check_workload,
        expand_inputs,
        file_key,
        load_sources,
        load_story,
        read_source,
        read_stdin_ahead,
        source_from_bytes,
        stdin_file_key,
        stream_file_key,
    )
    from reader.core.input.urls import check_url, is_url
    from reader.core.input.userfile import UserFileError, parse_toml, read_user_text
    from reader.core.pipeline import compare_texts, compare_versions
    from reader.core.text.normalize import fold
    from reader.core.text.segment import read_article, segment
    from reader.model.errors import InputError

# name -> (module, name there)
_EXPORTS: dict[str, tuple[str, str]] = {
    **{n: ("reader.core.pipeline", n) for n in ("compare_versions", "compare_texts")},
    "collector_paused": ("reader.core.collector", "collector_paused"),
    **{
        n: ("reader.core.input.load", n)
        for n in (
            "MAX_BYTES",
            "MAX_TEXT_CHARS",
            "MAX_VERSIONS",
            "STDIN",
            "Source",
            "Story",
            "check_workload",
            "expand_inputs",
            "file_key",
            "load_sources",
            "load_story",
            "read_source",
            "read_stdin_ahead",
            "source_from_bytes",
            "stdin_file_key",
            "stream_file_key",
        )
    },
    **{n: ("reader.core.input.fetch", n) for n in ("Validators", "fetch")},
    "check_url": ("reader.core.input.urls", "check_url"),
    **{
        n: ("reader.core.claims.timeline", n)
        for n in (
            "ChangeCounts",
            "carried_span",
            "change_counts",
            "claim_events",
            "event_times",
            "is_history",
            "time_labels",
            "same_values",
            "value_changes",
            "version_times",
        )
    },
    "InputError": ("reader.model.errors", "InputError"),
    "is_url": ("reader.core.input.urls", "is_url"),
    **{n: ("reader.core.input.userfile", n) for n in ("UserFileError", "parse_toml", "read_user_text")},
    "read_article": ("reader.core.text.segment", "read_article"),
    "segment": ("reader.core.text.segment", "segment"),
    "fold": ("reader.core.text.normalize", "fold"),
    **{n: ("reader.core.corrections.apply", n) for n in ("Applied", "Correction", "pair", "unpair")},
    "CorrectionSession": ("reader.core.corrections.session", "CorrectionSession"),
    "CorrectionsError": ("reader.core.corrections.store", "CorrectionsError"),
    "read_corrections": ("reader.core.corrections.store", "read"),
    "dumps_corrections": ("reader.core.corrections.store", "dumps"),
    "state_dir": ("reader.core.corrections.store", "state_dir"),
    "STATE_NAME": ("reader.core.corrections.store", "STATE_NAME"),
    "INPUT_SUFFIXES": ("reader.core.input.formats", "INPUT_SUFFIXES"),
}

__all__ = [
    "INPUT_SUFFIXES",
    "Applied",
    "ChangeCounts",
    "Correction",
    "InputError",
    "MAX_BYTES",
    "MAX_TEXT_CHARS",
    "MAX_VERSIONS",
    "CorrectionSession",
    "CorrectionsError",
    "STATE_NAME",
    "STDIN",
    "Source",
    "Story",
    "UserFileError",
    "Validators",
    "carried_span",
    "change_counts",
    "check_url",
    "check_workload",
    "claim_events",
    "collector_paused",
    "compare_texts",
    "compare_versions",
    "dumps_corrections",
    "event_times",
    "expand_inputs",
    "fetch",
    "file_key",
    "fold",
    "is_history",
    "is_url",
    "load_sources",
    "load_story",
    "pair",
    "parse_toml",
    "read_article",
    "read_corrections",
    "read_source",
    "read_stdin_ahead",
    "read_user_text",
    "same_values",
    "segment",
    "source_from_bytes",
    "state_dir",
    "stdin_file_key",
    "stream_file_key",
    "time_labels",
    "unpair",
    "value_changes",
    "version_times",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'reader.core' has no attribute {name!r}")
    module, attr = _EXPORTS[name]
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value
