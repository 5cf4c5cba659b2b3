"""One table of categories: every theme colours every category, and every face knows each one."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.export import html
from reader.model.comparison import CATEGORIES, CATEGORY_TABLE

THEMES = sorted((Path(__file__).resolve().parents[2] / "themes").glob("*.toml"))


def test_the_table_is_the_list() -> None:
    assert tuple(c.name for c in CATEGORY_TABLE) == CATEGORIES
    assert all(c.colour == f"reader-{c.name}" and c.legend for c in CATEGORY_TABLE)


@pytest.mark.parametrize("theme", THEMES, ids=[t.stem for t in THEMES])
def test_every_theme_colours_every_category(theme: Path) -> None:
    variables = tomllib.loads(theme.read_text(encoding="utf-8")).get("variables", {})
    missing = [c.colour for c in CATEGORY_TABLE if c.colour not in variables]
    assert not missing, f"{theme.name} lacks {missing}"


def test_the_html_report_colours_and_explains_every_category() -> None:
    assert set(html.CATEGORY_COLOURS) == set(CATEGORIES)
    legend = html._legend()
    for c in CATEGORY_TABLE:
        assert c.legend in legend
