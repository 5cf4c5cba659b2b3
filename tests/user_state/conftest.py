"""The bridge story written to files, an app on them (the real loader and the build worker), and a fresh
state and config folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.input.load import load_sources
from reader.ui.app import ReaderApp
from tests.ui.conftest import BRIDGE, NO_USER_THEMES


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture
def story(tmp_path: Path) -> list[str]:
    folder = tmp_path / "story"
    folder.mkdir()
    paths = []
    for n, text in enumerate(BRIDGE, 1):
        path = folder / f"v{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def open_app(paths: list[str], **options) -> ReaderApp:
    return ReaderApp(load_sources(paths), theme="reader-dark", user_theme_dir=NO_USER_THEMES, **options)


async def until_ready(app: ReaderApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.ready
