"""Snapshots (pytest-textual-snapshot): the screens people see, theme and size pinned.

They draw the small stories in conftest.py, not the corpus, so they change only when
the app or the engine's alignment changes. Regenerate with
`uv run pytest tests/ui --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from reader.core import compare_texts

from .conftest import BRIDGE, make_app


def bridge_app(theme: str = "reader-dark"):
    return make_app(compare_texts(BRIDGE), theme=theme)


def test_aligned_view(snap_compare):
    assert snap_compare(bridge_app(), press=["j", "l", "right_square_bracket", "d"], terminal_size=(120, 30))


def test_reading_view(snap_compare):
    assert snap_compare(bridge_app(), press=["v", "j", "j"], terminal_size=(120, 30))


def test_claim_panel(snap_compare):
    assert snap_compare(bridge_app(), press=["j", "enter"], terminal_size=(120, 36))


def test_narrow_terminal_pages_sideways(snap_compare):
    assert snap_compare(bridge_app(), press=["l", "l"], terminal_size=(80, 24))


def test_monochrome_theme(snap_compare):
    assert snap_compare(bridge_app("reader-mono"), press=["j", "slash", *"bridge", "enter"], terminal_size=(120, 30))


def test_claims_by_versions(snap_compare):
    assert snap_compare(bridge_app(), press=["m", "t", "j", "l"], terminal_size=(100, 24))


def test_claims_eight_versions_at_80_columns(snap_compare):
    from .conftest import long_story

    texts = [long_story(12, v) for v in range(8)]
    app = make_app(compare_texts(texts), texts=texts)
    assert snap_compare(app, press=["m", "j", "j", "l", "l"], terminal_size=(80, 24))


def test_facts_by_versions(snap_compare):
    assert snap_compare(bridge_app(), press=["f", "j"], terminal_size=(100, 24))


def test_sources(snap_compare):
    assert snap_compare(bridge_app("reader-mono"), press=["s"], terminal_size=(100, 24))


def test_paragraph_view(snap_compare):
    assert snap_compare(bridge_app(), press=["v", "v", "j"], terminal_size=(120, 30))
