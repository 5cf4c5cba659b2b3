"""Themes: bundled files load, broken user files warn instead of crashing, NO_COLOR picks monochrome."""

from __future__ import annotations

import pytest

from reader.core.input.load import InputError
from reader.ui.launch import run_app
from reader.ui.themes import VARIABLE_DEFAULTS, ThemeError, bundled_theme_dir, load_themes, parse_theme

from .conftest import make_app

BUNDLED = {"reader-dark", "reader-light", "reader-contrast", "reader-colorblind", "reader-mono"}


def test_bundled_themes_load_and_define_every_reader_variable(tmp_path):
    loaded = load_themes(tmp_path)
    assert loaded.warnings == []
    assert set(loaded.themes) >= BUNDLED
    for theme in loaded.themes.values():
        assert set(VARIABLE_DEFAULTS) <= set(theme.variables), theme.name


def test_the_bundled_folder_is_found_from_a_checkout():
    folder = bundled_theme_dir()
    assert folder is not None and any(f.name == "reader-dark.toml" for f in folder.iterdir())


def test_colourblind_theme_has_no_red_green_pair(tmp_path):
    from textual.color import Color

    theme = load_themes(tmp_path).themes["reader-colorblind"]

    def hue(value: str) -> float:
        return Color.parse(value).hsl.h * 360

    meaningful = [theme.variables[k] for k in ("reader-inserted", "reader-replaced")]
    hues = [hue(v) for v in meaningful]
    reddish = any(h < 20 or h > 340 for h in hues)
    greenish = any(90 < h < 160 for h in hues)
    assert not (reddish and greenish)


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("name = 'x'\nprimary = ", "not valid TOML"),
        ("primary = '#fff'", "needs a name"),
        ("name = 'x'", "needs a primary"),
        ("name = 'x'\nprimary = 'not-a-colour'", "is not a colour"),
        ("name = 'x'\nprimary = '#fff'\n[variables]\nreader-number = 12", "must be a string"),
    ],
)
def test_bad_theme_files_are_refused_with_a_reason(text, fault):
    with pytest.raises(ThemeError, match=fault):
        parse_theme(text, "mine.toml")


async def test_a_broken_user_theme_warns_and_the_app_still_opens(tmp_path, bridge):
    (tmp_path / "broken.toml").write_text("name = 'oops'\nprimary = [", encoding="utf-8")
    (tmp_path / "mine.toml").write_text("name = 'mine'\nprimary = '#ff8800'\n", encoding="utf-8")
    app = make_app(bridge, theme="mine", tmp_theme_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "mine"
        assert any("broken.toml" in w for w in app.theme_warnings)
        assert any("broken.toml" in str(n.message) for n in app._notifications)


async def test_no_color_chooses_the_monochrome_theme(monkeypatch, bridge):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(bridge, theme=None)
    async with app.run_test(size=(100, 30)):
        assert app.theme == "reader-mono"


async def test_the_palette_theme_switch_keeps_the_reader_styles(bridge):
    app = make_app(bridge)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "textual-light"  # a Textual theme without reader variables: the defaults fill in
        await pilot.pause()
        app.theme = "reader-light"
        await pilot.pause()
        assert app.view.painter.style("cursor").bgcolor is not None


def test_unknown_theme_is_a_one_line_input_error(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("One sentence here. Another one.", encoding="utf-8")
    with pytest.raises(InputError, match="no such theme"):
        run_app([str(tmp_path)], theme="no-such-theme")


def test_bad_input_reaches_the_cli_as_input_error(tmp_path):
    with pytest.raises(InputError):
        run_app([str(tmp_path / "missing.txt"), str(tmp_path / "other.txt")])


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("bad name!.toml", 'name = "bad name!"\nprimary = "#112233"\n'),  # the file's own name
        ("mine.toml", 'name = "bad name!"\nprimary = "#112233"\n'),  # the name it declares
    ],
)
def test_a_theme_skipped_for_its_name_says_why_when_asked_for(tmp_path, monkeypatch, file: str, text: str):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    themes = tmp_path / "config" / "reader" / "themes"
    themes.mkdir(parents=True)
    (themes / file).write_text(text, encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("One sentence here. Another one.", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        run_app([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], theme="bad name!")
    message = str(refused.value)
    assert message.startswith("--theme bad name!: its file was skipped: ")
    assert f"{file}: name 'bad name!' must be letters, digits, - or _" in message and "\n" not in message
