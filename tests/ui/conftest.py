"""Small stories written for the app tests, and an app factory that skips the worker when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import compare_texts
from reader.core.input.load import Source
from reader.ui.app import ReaderApp

NO_USER_THEMES = Path("/nonexistent/reader-test-themes")

BRIDGE = [
    "The mayor opened the new bridge on Monday. About 200 people attended the ceremony. "
    "The bridge cost 12 million euros.\n\nTraffic will start next week. "
    "Critics said the project was two years late.",
    "The mayor opened the new bridge on Monday. About 300 people attended the ceremony, police said. "
    "The bridge cost 12 million euros.\n\nTraffic will start next week. A second bridge is planned for 2030.",
    "Critics said the project was two years late. The mayor opened the new bridge on Tuesday. "
    "The bridge cost 15 million euros.\n\nTraffic will start next week.",
]


def long_story(n_sentences: int, version: int) -> str:
    """A story whose every fifth sentence differs by version: long enough to scroll."""
    out = []
    for i in range(n_sentences):
        if i % 5 == 2:
            out.append(f"Officials counted {100 + i + version * 7} boats at pier {i} that morning.")
        else:
            out.append(f"Sentence {i} tells the harbour story of the town, plainly and at length.")
        if i % 4 == 3:
            out.append("\n\n")
    return " ".join(out)


@pytest.fixture
def bridge():
    return compare_texts(BRIDGE)


@pytest.fixture(scope="session")
def harbour():
    return compare_texts([long_story(60, v) for v in range(3)])


def make_app(comparison=None, texts=None, theme="reader-dark", tmp_theme_dir=NO_USER_THEMES) -> ReaderApp:
    sources = [Source(f"v{i + 1}.txt", t) for i, t in enumerate(texts or BRIDGE)]
    return ReaderApp(sources, theme=theme, comparison=comparison, user_theme_dir=tmp_theme_dir)
