"""The sources table (`s`): one row per source, named as the texts write it, its other names grouped with it,
and ◆ only on a source one version alone cites. The rows as a table (no Textual), then in the app (Pilot)."""

from __future__ import annotations

from reader.core import compare_texts
from reader.ui.tables import SourcesTable

from .conftest import make_app

STORY = [
    "Moscow sent its list on Monday, according to Interfax. Dmitry Peskov said the exchange would go ahead. "
    "The list held 1,000 names, Reuters reported.",
    "Moscow sent its list on Monday, according to Interfax. Peskov said the exchange would go ahead. "
    "The list held 1,000 names.",
]


def _rows(comparison) -> dict[str, tuple[str, ...]]:
    return {r.label: tuple(c.text for c in r.cells) for r in SourcesTable().rows(comparison, "all", "reading order")}


def test_sources_are_named_as_written_one_row_per_source() -> None:
    rows = _rows(compare_texts(STORY))
    assert rows == {
        "  Interfax": ("according to Interfax", "according to Interfax"),
        "  Dmitry Peskov": ("Dmitry Peskov said", "Peskov said"),  # one person, cited by both: no ◆
        "◆ Reuters": ("Reuters reported", ""),
    }


def test_a_short_name_that_could_be_two_people_stays_apart() -> None:
    """ "Trump" may be Donald or Ivanka: it joins neither."""
    texts = [
        "Donald Trump said the deal was done. Ivanka Trump said the plan was ready. Trump said nothing more.",
        "Donald Trump said the deal was done. Ivanka Trump said the plan was ready.",
    ]
    rows = _rows(compare_texts(texts))
    assert set(rows) == {"  Donald Trump", "  Ivanka Trump", "◆ Trump"}


async def test_s_shows_sources_as_written_and_flags_one_version_only() -> None:
    comparison = compare_texts(STORY)
    app = make_app(comparison, texts=STORY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("s")
        tables = app.tables
        assert app.view_name == "sources"
        labels = [r.label for r in tables.rows]
        assert labels == ["  Interfax", "  Dmitry Peskov", "◆ Reuters"]
        await pilot.press("t")
        assert [r.label for r in tables.rows] == ["◆ Reuters"]
        await pilot.press("1", "enter")
        assert app.view_name == "reading" and app.view.col == 0
