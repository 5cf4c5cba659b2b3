"""One wording everywhere (reader/ui/wording.py), and the pure UI modules stay free of Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.core.input.load import load_sources
from reader.core.pipeline import build
from reader.ui.wording import counts_line, similarity_percent, version_name


@pytest.mark.parametrize(
    ("name", "score", "status", "expected"),
    [
        ("a reworded claim near 1 never reads 100", 0.996, "reworded", 99),
        ("an altered claim at 1 never reads 100", 1.0, "altered", 99),
        ("a same claim reads 100", 1.0, "same", 100),
        ("rounded down", 0.579, "altered", 57),
    ],
)
def test_similarity_percent(name, score, status, expected):
    assert similarity_percent(score, status) == expected, name


def test_counts_line_is_one_glyph_per_status():
    assert counts_line((70, 3, 11, 5)) == "=70 ~3 !11 +5"


def test_versions_are_named_by_file_where_there_is_room(tmp_path):
    for i, text in enumerate(["The mayor opened the bridge on Monday.", "The mayor opened the new bridge on Monday."]):
        (tmp_path / f"v{i}_outlet.txt").write_text(text)
    comparison = build(load_sources([str(tmp_path)]), 0)
    assert version_name(comparison, 1) == "2 (v1_outlet.txt)", "1-based on screen, the file's own name beside it"
    assert version_name(comparison, 0, room=12) == "1 (v0_outl…)", "cut to the room"
    assert version_name(comparison, 1, room=6) == "2", "by number only where there is no room"


@pytest.mark.parametrize("module", ["reader.ui.navigation", "reader.ui.tables", "reader.ui.wording", "reader.ui.views"])
def test_pure_ui_modules_do_not_load_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
