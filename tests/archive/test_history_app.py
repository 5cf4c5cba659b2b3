"""`reader history URL` in the app: columns titled by fetch time, the claims and facts tables as a timeline."""

from __future__ import annotations

import pytest

from reader.archive.history import history_sources
from reader.archive.store import Archive, Copy
from reader.core.pipeline import build
from reader.ui.app import ReaderApp
from reader.ui.widgets.headers import ColumnHeaders
from reader.ui.widgets.status import StatusLine
from reader.ui.widgets.tables import TableView
from tests.ui.conftest import NO_USER_THEMES

URL = "https://news.example/live"
TEXTS = (
    "Talks resume.\n\nThe delegations agreed to exchange 12 prisoners each.\n\nThe Red Cross will oversee it.",
    "Talks resume.\n\nThe delegations agreed to exchange 15 prisoners each.\n\nThe Red Cross will oversee it.",
    "Talks resume.\n\nThe delegations agreed to exchange 15 prisoners each.",
)
TIMES = ("2026-12-05T10:00:00.000Z", "2026-12-05T11:30:00.000Z", "2026-12-05T13:45:00.000Z")


@pytest.mark.usefixtures("utc")
async def test_the_history_app_reads_as_a_timeline() -> None:
    with Archive.open() as archive:
        for text, stamp in zip(TEXTS, TIMES, strict=True):
            archive.add(URL, Copy(text, "Prisoner exchange"), stamp)
        sources = history_sources(archive, URL, None, print)
    app = ReaderApp(sources, comparison=build(sources, 0), user_theme_dir=NO_USER_THEMES)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        head = str(app.query_one(ColumnHeaders).render()).split("\n")[0]
        assert "10:00" in head and "11:30" in head and "13:45" in head
        await pilot.press("m")
        await pilot.pause()
        table = app.query_one(TableView)
        cells = ["".join(c.text for c in r.cells) for r in table.rows]
        assert cells == ["===", "=~=", "==×"]
        await pilot.press("j", "j")
        await pilot.pause()
        status = str(app.query_one(StatusLine).render())
        assert "removed" in status and "13:45" in status, status
        await pilot.press("f")
        await pilot.pause()
        labels = [r.label for r in app.query_one(TableView).rows]
        assert any(label.startswith("number") and "changed 11:30" in label for label in labels), labels
