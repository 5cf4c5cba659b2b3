"""Column headers: title, where each version came from, and how it was read (format, encoding)."""

from __future__ import annotations

from reader.core.input.load import Source
from reader.core.pipeline import build
from reader.ui.app import ReaderApp
from reader.ui.widgets.headers import ColumnHeaders

from .conftest import BRIDGE, NO_USER_THEMES


def sources() -> list[Source]:
    return [
        Source("stories/v1-wire.txt", BRIDGE[0]),
        Source(
            "stories/v2-paper.html",
            BRIDGE[1],
            encoding="windows-1252",
            source_format="html",
            title="Bridge opens late",
            outlet="The Daily Paper",
            date="2024-05-06",
        ),
        Source("stories/v3-blog.md", BRIDGE[2], encoding="utf-16", source_format="markdown"),
    ]


def header_rows(app: ReaderApp) -> list[str]:
    return str(app.query_one(ColumnHeaders).render()).split("\n")


async def header_text(size: tuple[int, int]) -> tuple[list[str], int]:
    srcs = sources()
    app = ReaderApp(srcs, comparison=build(srcs, 0), user_theme_dir=NO_USER_THEMES)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return header_rows(app), app.view.column_width


async def test_headers_show_encoding_format_outlet_date_and_title():
    rows, width = await header_text((200, 40))
    cells = [row.split("│") for row in rows]
    assert len(cells[0]) == 3 and all(len(c) == width for row in cells for c in row)
    first, second, third = (cells[r][1] for r in range(3))
    assert "Bridge opens late" in first, "the title from the metadata heads the column"
    assert second.startswith("v2-paper.html · The Daily Paper · 2024-05-06")
    assert second.rstrip().endswith("html windows-1252")
    assert "v1-wire.txt" in cells[0][0] and "v1-wire.txt" not in cells[1][0], "a name-only title: once"
    assert cells[1][0].rstrip().endswith("utf-8")
    assert cells[1][2].rstrip().endswith("md utf-16")


async def test_the_encoding_stays_visible_when_the_origin_is_cut_at_80x24():
    rows, width = await header_text((80, 24))
    assert len(rows) == 3 and all(len(row) <= 80 for row in rows)
    for cell in rows[1].split("│"):
        assert len(cell) == width
        assert cell.rstrip().endswith(("utf-8", "windows-1252", "utf-16")), cell
    assert "…" in rows[1], "the long origin gives way, with an ellipsis"
